"""Fixtures: a strict build of the bundled site, a local server for it, and a fixture-data build.

Each build is made once per test run, not once per pytest-xdist worker (project.once_per_run).
Tests only read these sites; a test that changes a site works on its own copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from project import FIXTURE_TODAY, FIXTURES, PROJECT, copy_project, once_per_run
from waymark.tools.cli import build_site
from waymark.tools.workspace import served


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data built once with --strict, as a user's `make build` would (real today's date)."""

    def make(folder: Path) -> None:
        build_site(PROJECT / "mkdocs.yml", folder / "site")

    return once_per_run(tmp_path_factory, "built", make) / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port), for the browser tests."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up fixture data built strictly with the real config, docs and theme."""

    def make(folder: Path) -> None:
        project = copy_project(folder, FIXTURES / "data")
        before = os.environ.get("WAYMARK_TODAY")
        os.environ["WAYMARK_TODAY"] = FIXTURE_TODAY
        try:
            build_site(project / "mkdocs.yml", project / "site")
        finally:
            if before is None:
                del os.environ["WAYMARK_TODAY"]
            else:
                os.environ["WAYMARK_TODAY"] = before

    return once_per_run(tmp_path_factory, "fixture-project", make) / "site"
