"""Service pages poured into the theme shell look exactly like pages MkDocs rendered itself."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from project import FIXTURES, copy_project
from waymark import parallel, shell
from waymark.cli import build_site


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fixture data plus a service whose name and summary need escaping."""
    project = copy_project(tmp_path_factory.mktemp("shell-project"), FIXTURES / "data")
    path = project / "data" / "services" / "example-helpline.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["name"] = 'Help & "Hope" 1 < 2'
    record["summary"] = "Calls & texts > free."
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    build_site(project / "mkdocs.yml", project / "site")
    return project / "site"


def test_service_pages_carry_their_own_title_description_and_body(awkward_site: Path) -> None:
    page = (awkward_site / "services" / "example-helpline" / "index.html").read_text(encoding="utf-8")
    assert "<title>Help &amp; &#34;Hope&#34; 1 &lt; 2 - Waymark</title>" in page
    assert 'content="Calls &amp; texts &gt; free."' in page
    assert re.search(r"<h1[^>]*>Help &amp; (&#34;|&#34;|&quot;)Hope(&#34;|&quot;) 1 &lt; 2</h1>", page)
    assert page.count("<h1") == 1
    assert 'id="contact"' in page and "md-nav" in page  # the body and the theme around it


def test_no_marker_or_shell_page_is_left_in_the_site(awkward_site: Path) -> None:
    assert not (awkward_site / "services" / "_page-shell").exists()
    for path in awkward_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "4c1d" not in text and "_page-shell" not in text, path


def test_sitemap_lists_each_service_page(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(
        "<urlset>\n <url>\n  <loc>https://x.org/a/</loc>\n </url>\n"
        f" <url>\n  <loc>https://x.org/{shell.SHELL_URL}</loc>\n </url>\n</urlset>",
        encoding="utf-8",
    )
    shell.fix_sitemap(tmp_path, ["one", "two"])
    locs = re.findall(r"<loc>([^<]*)</loc>", (tmp_path / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs == ["https://x.org/a/", "https://x.org/services/one/", "https://x.org/services/two/"]


def test_a_shell_without_markers_stops_the_build() -> None:
    with pytest.raises(shell.ShellError):
        shell.check_shell("<html><title>x</title></html>")


def _square(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def test_parallel_chunks_keep_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "THRESHOLD", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 3)
    assert parallel.map_chunks(_square, list(range(10))) == [n * n for n in range(10)]


def test_escaping_matches_markupsafe() -> None:
    assert html.unescape(shell.fill(shell.TITLE, "x", "<b>", "", "")) == "<b>"
