"""Service pages poured into one themed page shell.

A directory may hold 10,000 services. Running each one through MkDocs and the theme costs about
3 ms a page, most of it re-rendering the same header, navigation and footer. Every service page
sits at the same depth (`services/<id>/`), is outside the nav and has the same table of
contents, so the theme's output is the same for all of them except the title, the description
and the body. MkDocs renders one real page (the shell) with markers in those places; after the
build each service page is the shell with the markers replaced. Privacy rules run on the shell
(once) and on each body.
"""

from __future__ import annotations

import gzip
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from markupsafe import escape

from .parallel import map_chunks

SHELL_URI = "services/_page-shell.md"
SHELL_URL = "services/_page-shell/"
TITLE = "wm-shell-title-4c1d"
DESCRIPTION = "wm-shell-description-4c1d"
# Material adds its own <h1> when the content has none; the marker says it has one.
BODY = "<!-- wm-shell-body-4c1d: the record brings its own <h1> -->"


class ShellError(RuntimeError):
    """The theme output did not have the markers where a shell needs them."""


def check_shell(html: str) -> None:
    """Stop the build if the theme dropped a marker (a theme change would break every page)."""
    for marker in (TITLE, BODY):
        if marker not in html:
            raise ShellError(f"the page shell lost its {marker!r} marker; check overrides/ and the theme")


def fill(shell: str, record_id: str, title: str, description: str, body: str) -> str:
    """One service page: the shell with its markers replaced (title and description escaped)."""
    return (
        shell.replace(BODY, body)
        .replace(TITLE, str(escape(title)))
        .replace(DESCRIPTION, str(escape(description)))
        .replace(SHELL_URL, f"services/{record_id}/")
    )


PageSpec = tuple[str, str, str, Callable[[], str]]  # (id, title, description, render body)
_job: tuple[Path, str, Sequence[PageSpec]] | None = None  # read by forked workers


def _write_chunk(indexes: Sequence[int]) -> list[str]:
    assert _job is not None
    site_dir, shell, specs = _job
    written = []
    for index in indexes:
        record_id, title, description, body = specs[index]
        folder = site_dir / "services" / record_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(fill(shell, record_id, title, description, body()), encoding="utf-8")
        written.append(record_id)
    return written


def write_pages(site_dir: Path, shell: str, specs: Sequence[PageSpec]) -> int:
    """Write `services/<id>/index.html` for each spec (shared between cores) and drop the shell."""
    global _job
    check_shell(shell)
    _job = (site_dir, shell, specs)
    try:
        ids = map_chunks(_write_chunk, range(len(specs)))
    finally:
        _job = None
    shutil.rmtree(site_dir / SHELL_URL, ignore_errors=True)
    fix_sitemap(site_dir, ids)
    return len(ids)


_URL_BLOCK = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.DOTALL)


def fix_sitemap(site_dir: Path, ids: list[str]) -> None:
    """List every service page in sitemap.xml in place of the shell."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    xml = path.read_text(encoding="utf-8")
    for block in _URL_BLOCK.finditer(xml):
        if block.group(1).endswith(SHELL_URL):
            entries = "".join(block.group(0).replace(SHELL_URL, f"services/{i}/") for i in ids)
            xml = xml[: block.start()] + entries + xml[block.end() :]
            break
    path.write_text(xml, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        gz.write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
