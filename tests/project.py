"""Where the project and its test fixtures are, and how to copy the project for a test."""

from __future__ import annotations

from pathlib import Path

from waymark import bench

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project (config, docs, theme, hooks), optionally with other data."""
    return bench.copy_project(PROJECT, dest, data)
