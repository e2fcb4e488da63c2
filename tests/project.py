"""Where the project and its test fixtures are, and how to copy the project for a test."""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project (config, docs, theme, hooks), optionally with other data."""
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        src = PROJECT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(data or PROJECT / "data", dest / "data")
    return dest
