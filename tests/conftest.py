"""Shared fixtures: the project paths, a strict build of the bundled site, and a local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from project import PROJECT
from waymark.bench import served
from waymark.cli import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data built once with --strict, as a user's `make build` would."""
    site = tmp_path_factory.mktemp("built") / "site"
    build_site(PROJECT / "mkdocs.yml", site)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port), for the browser tests."""
    with served(built_site) as url:
        yield url
