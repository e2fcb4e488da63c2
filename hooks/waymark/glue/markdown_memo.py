"""Under `make serve`, a hand-written page's Markdown is converted again only when it could differ.

MkDocs converts every Markdown page at every build; `mkdocs serve` builds again at every edit, and
the maintainers' pages (long verification logs) cost a second of that to give the same HTML. A
page's conversion depends on its Markdown, on where it goes, on every file of the site (links are
resolved against them) and on the Markdown settings: with all of these the same as at the last
build, its result (HTML, contents list, title, anchors, links to anchors) is taken back instead.

Only under serve (`Memo.enable`, from the startup hook, as data/reuse.py); a conversion that
logged a warning is never kept, so a strict build reports it at every build until it is mended.
Kept pickled, one entry a page: nothing one build does to a page reaches the next.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

Render = Callable[[MkDocsConfig, Files], None]


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs while it converts one page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=20).hexdigest()


class MarkdownMemo:
    """Converted pages by source path, each under the key of what it was converted from."""

    def __init__(self) -> None:
        self.enabled = False
        self._entries: dict[str, tuple[str, bytes]] = {}
        # The build's Files and their digest: the object itself is kept (an id could be reused by the
        # next build's Files once this one is freed, and give it this one's digest).
        self._site: tuple[Files, str] | None = None
        self.reused = 0  # conversions taken back since the memo was turned on (for the tests)

    def enable(self, on: bool = True) -> None:
        """Keep conversions from now on (or stop, and forget them)."""
        self.enabled = on
        self.reused = 0
        if not on:
            self._entries.clear()

    def wrap(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Make `page.render` take back the last build's conversion when its inputs are the same."""
        if not self.enabled:
            return
        original: Render = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, original, config, files)

        page.render = render  # type: ignore[method-assign]

    def _files_digest(self, files: Files) -> str:
        if self._site is None or self._site[0] is not files:
            listed = sorted((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
            self._site = (files, _digest(listed))
        return self._site[1]

    def render(self, page: Page, original: Render, config: MkDocsConfig, files: Files) -> None:
        """Convert `page` (with `original`), or take back the conversion kept for the same inputs."""
        key = _digest(
            page.markdown,
            page.file.src_uri,
            page.file.dest_uri,
            page.file.url,
            self._files_digest(files),
            config["markdown_extensions"],
            config["mdx_configs"],
            config["use_directory_urls"],
            config["validation"],
            config["site_url"],
        )
        kept = self._entries.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            self._restore(page, pickle.loads(kept[1]), files)
            self.reused += 1
            return
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            original(config, files)
        finally:
            logger.removeHandler(warnings)
        if warnings.count:
            self._entries.pop(page.file.src_uri, None)
            return
        links = (
            None if page.links_to_anchors is None else {f.src_uri: dict(a) for f, a in page.links_to_anchors.items()}
        )
        state = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)
        self._entries[page.file.src_uri] = (key, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def _restore(page: Page, state: tuple[Any, ...], files: Files) -> None:
        content, toc, title, anchors, links = state
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
        if links is not None:
            found_files = {src: files.get_file_from_path(src) for src in links}
            page.links_to_anchors = {f: links[src] for src, f in found_files.items() if f is not None}

    def keep_only(self, src_uris: set[str]) -> None:
        """Forget the pages a build no longer has."""
        for src in [s for s in self._entries if s not in src_uris]:
            del self._entries[src]


#: The builds of this process share one memo (under serve, every build is in this process).
MARKDOWN = MarkdownMemo()
