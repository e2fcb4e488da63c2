"""The finishing rules every page gets, whoever wrote it (MkDocs, the theme's 404, the fast writer).

A page is a document (the theme: head, header, what features put first in <body>) around content
(the body and its contents list). `finish_document` does everything a whole page needs;
`finish_content` is the part that depends on the content alone. The fast writer finishes its one
shell as a document once and each page's content with `finish_content`, which gives the same page
as finishing the whole page (every rule works tag by tag, and content is whole tags), at a
fraction of the cost.
"""

from __future__ import annotations

import re

from ..render.privacy import add_security_meta, harden_links, unsafe_parts
from ..settings import Settings
from .registry import features

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class NoBodyError(ValueError):
    """A page without <body>: what must come first in it (the exit control) has nowhere to go."""


def page_start(settings: Settings) -> str:
    """What features put first inside <body>, in registry order (the exit control)."""
    return "".join(f.page_start(settings) for f in features() if f.page_start is not None)


def insert_page_start(page_html: str, settings: Settings) -> str:
    """`page_html` with `page_start` first inside <body>, so the exit is first in tab order."""
    match = _BODY_OPEN.search(page_html)
    if match is None:
        raise NoBodyError("a page without <body>: cannot add Exit this page")
    return page_html[: match.end()] + page_start(settings) + page_html[match.end() :]


def finish_content(html: str) -> tuple[str, list[str]]:
    """Outgoing links hardened; and anything that could run code or navigate on its own."""
    html = harden_links(html)
    return html, unsafe_parts(html)


def finish_document(html: str, settings: Settings) -> tuple[str, list[str]]:
    """A whole page: the features' start of <body>, its content finished, the CSP first in <head>."""
    html, unsafe = finish_content(insert_page_start(html, settings))
    return add_security_meta(html), unsafe
