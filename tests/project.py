"""Shared test helpers: where the project and its fixtures are, copies of the project, running the CLI.

Every test module imports its helpers from here (never from another test module).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from waymark import i18n
from waymark.tools import workspace

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
#: The date fixture data is checked against, so its review dates never age (see WAYMARK_TODAY).
FIXTURE_TODAY = "2026-11-23"


def copy_project(dest: Path, data: Path | None = None, languages: bool = False) -> Path:
    """A throwaway copy of the project (config, docs, theme, hooks), optionally with other data;
    English only unless `languages` (then each mkdocs.<code>.yml too, and builds take longer)."""
    copied = workspace.copy_project(PROJECT, dest, data)
    if languages:
        for config in PROJECT.glob("mkdocs.*.yml"):
            shutil.copy2(config, copied / config.name)
    return copied


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`name` under the folder every worker of this run shares, made by `make` only if no worker
    has made it yet: the first worker to ask makes it (the parent of each worker's temporary
    folder is shared), under a lock, and the others wait and read the same files. A failed
    `make` leaves no mark, so a later worker tries again (and fails too)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    with open(shared / f"{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (shared / f"{name}.done").exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
                folder.mkdir()
                make(folder)
                (shared / f"{name}.done").touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and bytes under `folder`, Python's bytecode caches left out
    (a command that imports a module may write its `__pycache__`: that changes nothing a user keeps)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def waymark_env(project: Path, fixture_date: bool = True) -> dict[str, str]:
    """The environment `make` gives the CLI, for a copy of the project."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    if fixture_date:
        env["WAYMARK_TODAY"] = FIXTURE_TODAY
    return env


def run_waymark(
    project: Path, *args: str, fixture_date: bool = True, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """`python -m waymark ARGS` in a copy of the project, as `make` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "waymark", *args],
        cwd=project,
        env=waymark_env(project, fixture_date),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def card_names(html: str) -> list[str]:
    """The names on the service cards in a piece of a built page, in order."""
    return re.findall(r'class="wm-card__name"[^>]*>([^<]+)<', html)


def welsh_catalogue_problems(
    change: Callable[[dict[str, Any]], None], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """What `make check` says of the Welsh catalogue after `change` edits a copy of its entries."""
    entries = yaml.safe_load((i18n.CATALOGUES / "cy.yaml").read_text(encoding="utf-8"))
    change(entries)
    (folder / "cy.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUES", folder)
    i18n.catalogue.cache_clear()
    try:
        return i18n.catalogue_problems()
    finally:
        i18n.catalogue.cache_clear()


def an_earlier_build(project: Path, site: Path) -> str:
    """Put a real earlier build (`site`, built once per run) in the project's site/ folder, as a
    maintainer's last good build, and return its digest: a failed build must leave it exactly so."""
    shutil.copytree(site, project / "site")
    return tree_digest(project / "site")
