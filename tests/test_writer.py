"""Pages poured into the theme shell look exactly like pages MkDocs rendered itself."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from project import FIXTURES, copy_project, run_waymark
from waymark.data import parallel
from waymark.glue import writer
from waymark.render.pages import GeneratedPage


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fixture data plus a service whose name and summary need escaping."""
    project = copy_project(tmp_path_factory.mktemp("shell-project"), FIXTURES / "data")
    path = project / "data" / "services" / "example-helpline.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["name"] = 'Help & "Hope" 1 < 2'
    record["summary"] = "Calls & texts > free."
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    built = run_waymark(project, "build")
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_fast_pages_carry_their_own_title_description_and_body(awkward_site: Path) -> None:
    page = (awkward_site / "services" / "example-helpline" / "index.html").read_text(encoding="utf-8")
    assert "<title>Help &amp; &#34;Hope&#34; 1 &lt; 2 - Waymark</title>" in page
    assert 'content="Calls &amp; texts &gt; free."' in page
    assert re.search(r"<h1[^>]*>Help &amp; (&#34;|&quot;)Hope(&#34;|&quot;) 1 &lt; 2</h1>", page)
    assert page.count("<h1") == 1
    assert 'id="contact"' in page and "md-nav" in page  # the body and the theme around it


def test_no_marker_or_shell_page_is_left_in_the_site(awkward_site: Path) -> None:
    assert not (awkward_site / "services" / "_page-shell").exists()
    for path in awkward_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "4c1d" not in text and "_page-shell" not in text, path


def test_sitemap_lists_every_page_once(awkward_site: Path) -> None:
    locs = re.findall(r"<loc>([^<]*)</loc>", (awkward_site / "sitemap.xml").read_text(encoding="utf-8"))
    pages = sorted(
        "/" + p.relative_to(awkward_site).as_posix().removesuffix("index.html")
        for p in awkward_site.rglob("index.html")
    )
    assert sorted(locs) == pages and len(set(locs)) == len(locs)
    assert "/services/example-helpline/" in locs and "/orders/" in locs


def test_a_shell_without_markers_stops_the_build() -> None:
    class Item:
        def render(self, **context: object) -> str:
            return "<li>item</li>"

    with pytest.raises(writer.ShellError):
        writer.Shell("<html><title>x</title></html>", Item()).check()  # type: ignore[arg-type]


def _square(chunk: Sequence[int]) -> list[int]:
    return [n * n for n in chunk]


def test_parallel_chunks_keep_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    assert parallel.map_chunks(_square, list(range(10))) == [n * n for n in range(10)]


def test_fast_page_titles_are_escaped_like_the_themes() -> None:
    page = GeneratedPage("services/x.md", "<b>", "", lambda root: "")
    assert html.unescape(writer.Shell(writer.TITLE, None).fill(page, "", "", "<li>marker</li>")) == "<b>"  # type: ignore[arg-type]


def _wait_forever(chunk: Sequence[int]) -> list[int]:
    import time

    time.sleep(60)
    return list(chunk)


def test_work_in_background_is_stopped_when_the_block_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A load or build that fails while other cores work leaves no process behind."""
    import multiprocessing

    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    with pytest.raises(ValueError), parallel.in_background(_wait_forever, [1, 2, 3, 4]):
        assert len(multiprocessing.active_children()) == 2
        raise ValueError("the block failed")
    assert multiprocessing.active_children() == []


def test_work_in_background_gives_results_in_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    with parallel.in_background(_square, list(range(10))) as results:
        assert results() == [n * n for n in range(10)]
