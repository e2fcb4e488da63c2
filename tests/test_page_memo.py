"""Under `make serve` a page made from data is made again only when what it read changed
(glue/page_memo.py, data/reads.py). The oracle: after each of a run of one-record edits to the
bundled data, the site built with pages taken back is, byte for byte, the site a fresh build in a
new process makes; and most pages were taken back."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from project import copy_project, run_waymark, tree_digest
from waymark.data import parallel
from waymark.glue.adapter import starting
from waymark.glue.page_memo import PAGES


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An English-only copy of the project with the bundled data; builds in this process."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("WAYMARK_TODAY", raising=False)
    (tmp_path / "project").mkdir()
    yield copy_project(tmp_path / "project")
    starting("build")


def _serve_build(project: Path, site: Path) -> None:
    """One build as `make serve` makes it after an edit: in this process, the memos on."""
    starting("serve")
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
    build(config)


def _fresh_build(project: Path, site: Path) -> None:
    """The same site from a new process, nothing kept."""
    done = run_waymark(project, "build", "--site-dir", str(site), fixture_date=False)
    assert done.returncode == 0, done.stderr


def _edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, path
    path.write_text(changed, encoding="utf-8")


def _prefix_summary(words: str) -> Callable[[str], str]:
    return lambda text: re.sub(r"^summary: ", f"summary: {words} ", text, count=1, flags=re.M)


@pytest.mark.parametrize("shared", [False, True], ids=["one process", "pages shared between processes"])
def test_pages_taken_back_after_edits_make_the_fresh_builds_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: bool
) -> None:
    """`shared`: as in a big directory, the pages are made by other processes, which hand what they
    made back to this one (glue/writer.py, `PAGES.take_back`)."""
    if shared:
        monkeypatch.setattr(parallel, "THRESHOLD", 100)
        monkeypatch.setattr(parallel, "workers", lambda: 2)
    data = project / "data"
    new = data / "services" / "oracle-new-service.yaml"

    def wide_summary() -> None:
        _edit(data / "services" / "galop.yaml", _prefix_summary("Edited."))

    def add_local() -> None:
        shutil.copy(data / "services" / "leeds-domestic-violence-service.yaml", new)

    def move_local() -> None:
        _edit(new, lambda t: re.sub(r"^areas: .*$", "areas: [cornwall]", t, flags=re.M))
        _edit(new, lambda t: re.sub(r"^categories: .*$", "categories: [idva, helpline]", t, flags=re.M))

    def order_and_sarc() -> None:
        _edit(data / "orders" / "non-molestation-order.yaml", _prefix_summary("Edited."))
        sarc = data / "services" / "sarc-kent-beech-house.yaml"
        _edit(sarc, lambda t: re.sub(r"^name: (.*)$", r"name: \1 (edited)", t, count=1, flags=re.M))

    def council_and_delete() -> None:
        route = 'name: "Amber Valley Borough Council homelessness service"'
        _edit(data / "councils" / "east-midlands.yaml", lambda t: t.replace(route, 'name: "Amber Valley (edited)"', 1))
        new.unlink()

    edits: list[tuple[str, Callable[[], None]]] = [
        ("a UK-wide service's summary (its card is on every place page)", wide_summary),
        ("a new local service", add_local),
        ("the new service moved to another council and type", move_local),
        ("an order's summary and a SARC's name", order_and_sarc),
        ("a council's route renamed, and the new service deleted", council_and_delete),
    ]
    _serve_build(project, tmp_path / "start")
    pages = PAGES.made
    assert pages > 500
    for number, (what, edit) in enumerate(edits):
        edit()
        _serve_build(project, tmp_path / f"served-{number}")
        made, reused = PAGES.made, PAGES.reused
        _fresh_build(project, tmp_path / f"fresh-{number}")
        assert tree_digest(tmp_path / f"served-{number}") == tree_digest(tmp_path / f"fresh-{number}"), what
        print(what, made, reused)
        assert reused > made, (what, made, reused)  # most pages were taken back
        assert number not in (1, 2) or reused > 10 * made, (what, made, reused)  # a local one: all but a few
        shutil.rmtree(tmp_path / f"fresh-{number}")
