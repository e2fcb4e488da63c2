"""Under `make serve` a hand-written page's Markdown is converted again only when its inputs
changed (glue/markdown_memo.py): the site built with conversions taken back is, byte for byte, the
site a fresh build makes, and a conversion that warned is never taken back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from project import FIXTURE_TODAY, FIXTURES, copy_project, tree_digest
from waymark.glue.adapter import starting
from waymark.glue.markdown_memo import MARKDOWN


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An English-only copy of the project with the fixture data; builds in this process."""
    monkeypatch.setenv("WAYMARK_TODAY", FIXTURE_TODAY)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "project").mkdir()
    yield copy_project(tmp_path / "project", FIXTURES / "data")
    starting("build")


def _build(project: Path, site: Path, command: str, strict: bool = True) -> None:
    starting(command)
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=strict, site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    build(config)


def test_a_build_that_takes_conversions_back_makes_the_fresh_builds_site(project: Path, tmp_path: Path) -> None:
    _build(project, tmp_path / "first", "serve")
    assert MARKDOWN.reused == 0
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence, added in the preview.\n")
    _build(project, tmp_path / "again", "serve")
    assert MARKDOWN.reused > 10  # every page but the edited one was taken back
    _build(project, tmp_path / "fresh", "build")
    assert MARKDOWN.reused == 0 and not MARKDOWN.enabled
    assert "added in the preview" in (tmp_path / "again" / "about" / "index.html").read_text(encoding="utf-8")
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "fresh")


def test_a_conversion_that_warned_warns_again_at_the_next_build(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [a page that is not there](not-there.md).\n")
    for attempt in ("first", "again"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(project, tmp_path / attempt, "serve", strict=False)
        assert any("not-there.md" in record.getMessage() for record in caplog.records), attempt
