"""The fast path: pages out of the nav poured into one themed page shell.

A directory may hold 10,000 services. Running each one through MkDocs and the theme costs about
3 ms a page, most of it re-rendering the same header, navigation and footer. Pages out of the nav
at one depth (`<folder>/<id>/`, `help/<need>/<place>/`) get the same theme output but for the
title, the description, the contents list and the body. MkDocs renders one real page per depth
(a shell) with markers in those places; after the build each page is its depth's shell with the
markers replaced: the contents list is rendered from the page's own headings with the theme's own
`partials/toc-item.html`.

The shell is finished as a document once; each page's content goes through `finish` (see
glue/finish.py). This module owns the fast path; `sitemap.xml` is written here too.
"""

from __future__ import annotations

import gzip
import html as html_lib
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.structure.toc import get_toc

from .. import i18n
from ..data.parallel import in_background, workers
from ..render.pages import GeneratedPage
from ..render.renderer import compile_templates
from ..render.toc import TocEntry, toc_tokens
from .page_memo import PAGES

SHELL_FOLDER = "services/_page-shell"
TITLE = "wm-shell-title-4c1d"
DESCRIPTION = "wm-shell-description-4c1d"
TOC = "wm-shell-toc-4c1d"
# Material adds its own <h1> when the content has none; the marker says it has one.
BODY = "<!-- wm-shell-body-4c1d: the record brings its own <h1> -->"
SHELL_STUB = f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\n---\n"
SHELL_TOC: list[TocEntry] = [{"level": 2, "id": TOC, "name": TOC, "html": TOC, "data-toc-label": "", "children": []}]
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

Finish = Callable[[str], tuple[str, list[str]]]  # content html -> (finished html, what is unsafe in it)


def shell_uri(depth: int) -> str:
    """The source path of the shell for pages `depth` folders deep (2: services/_page-shell.md)."""
    return SHELL_FOLDER + "/d" * (depth - 2) + ".md"


def shell_url(depth: int) -> str:
    """Where the theme puts that shell (2: services/_page-shell/)."""
    return shell_uri(depth).removesuffix(".md") + "/"


def depth_of(uri: str) -> int:
    """How many folders deep a page's address is (``orders/x/`` is 2)."""
    return uri.removesuffix(".md").count("/") + 1


_KEEPS_SPACE = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def trimmed(html: str) -> str:
    """The theme's output without its blank lines and indentation (about a fifth of a page that
    every one of thousands of pages repeats); unchanged if it holds a <pre> or <textarea>, where
    white space is content."""
    if _KEEPS_SPACE.search(html):
        return html
    return "\n".join(stripped for line in html.splitlines() if (stripped := line.strip()))


class ShellError(RuntimeError):
    """The theme output did not have the markers where a shell needs them."""


@dataclass
class Shell:
    """The themed page the fast pages of one depth are poured into, and the theme's contents-list item."""

    html: str
    toc_item: jinja2.Template
    depth: int = 2

    def toc_html(self, tokens: list[TocEntry]) -> str:
        """The theme's contents-list items for these headings."""
        return trimmed("".join(self.toc_item.render(toc_item=item) for item in get_toc(tokens)))  # type: ignore[arg-type]

    def check(self) -> str:
        """The marker item of the contents list; stop the build if the theme dropped a marker."""
        marker = self.toc_html(SHELL_TOC)
        for name, text in (("title", TITLE), ("body", BODY), ("contents list", marker)):
            if text not in self.html:
                raise ShellError(f"the page shell lost its {name} marker; check overrides/ and the theme")
        return marker

    def fill(self, page: GeneratedPage, body: str, toc: str, marker: str, first_heading: str = "") -> str:
        """One page: the shell with its markers replaced (title and description escaped).

        The theme's "Skip to content" link points at the first heading of the contents list.
        """
        return (
            self.html.replace(BODY, body)
            .replace(marker, toc)
            .replace(f'href="#{TOC}"', f'href="#{first_heading}"' if first_heading else 'href="#"')
            .replace(TITLE, str(escape(page.title)))
            .replace(DESCRIPTION, str(escape(page.description)))
            .replace(shell_url(self.depth), page.url)
        )


_job: tuple[Path, dict[int, tuple[Shell, str]], Sequence[GeneratedPage], Finish] | None = None  # for workers


def _write_chunk(indexes: Sequence[int]) -> list[Written]:
    """Write the pages at `indexes` of the job; what is unsafe in them, and (from a process the
    pages were shared out to) what the page memo used and made, for the parent to keep."""
    problems: list[Written] = [("page", problem) for problem in _write_pages(indexes)]
    if PAGES.enabled:
        problems.append(("memo", PAGES.handed_back()))
    return problems


Written = tuple[str, Any]  # ("page", (url, data file, what is unsafe)) or ("memo", what PAGES.handed_back gives)


def _write_pages(indexes: Sequence[int]) -> list[tuple[str, str, list[str]]]:
    assert _job is not None
    site_dir, shells, pages, finish = _job
    tocs: dict[str, str] = {}
    problems = []
    for index in indexes:
        page = pages[index]
        shell, marker = shells[depth_of(page.src_uri)]
        root = "../" * shell.depth
        memo_key = f"{i18n.CURRENT.language}:{page.src_uri}"
        body, found = PAGES.body(memo_key, lambda: finish(page.render(root)))  # noqa: B023 (called at once)
        tokens = toc_tokens(body)
        key = f"{shell.depth}{tokens!r}"
        if key not in tocs:  # most pages of a type share their headings: render each list once
            tocs[key] = shell.toc_html(tokens)
        first = tokens[0]["id"] if tokens else ""
        html = shell.fill(page, body, tocs[key], marker, first)
        if found:
            problems.append((page.url, page.source, found))
        folder = site_dir / page.url
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
    return problems


@contextmanager
def writing_pages(
    site_dir: Path, shells: dict[int, Shell], pages: Sequence[GeneratedPage], finish: Finish
) -> Iterator[Callable[[], list[tuple[str, str, list[str]]]]]:
    """Write `<url>/index.html` for each page (shared between cores) and drop the shells' own pages,
    while this process runs the block: `with writing_pages(...) as written:`.

    `shells` holds one shell per depth of the pages. `written()` waits for the pages and returns
    (page url, data file, what is unsafe in it) for every page the finishing rules refused.
    """
    global _job
    _job = (site_dir, {depth: (shell, shell.check()) for depth, shell in shells.items()}, pages, finish)
    compile_templates()
    # Pages come grouped by type and the types differ in cost: each core takes every n-th page,
    # so each gets a like share of every type.
    count = workers()
    dealt = [index for start in range(count) for index in range(start, len(pages), count)]

    def written(results: Callable[[], list[Written]]) -> list[tuple[str, str, list[str]]]:
        problems = []
        for kind, value in results():
            if kind == "memo":
                PAGES.take_back(*value)
            else:
                problems.append(value)
        shutil.rmtree(site_dir / SHELL_FOLDER, ignore_errors=True)
        return sorted(problems)

    try:
        with in_background(_write_chunk, dealt) as results:
            yield lambda: written(results)
    finally:
        _job = None


def write_sitemap(site_dir: Path, site_url: str, urls: Sequence[str]) -> None:
    """sitemap.xml (and .gz) listing every page once, in place of the theme's partial one."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    entries = "".join(f"  <url><loc>{html_lib.escape(base + url)}</loc></url>\n" for url in sorted(set(urls)))
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{entries}</urlset>\n'
    (site_dir / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
