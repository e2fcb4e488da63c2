"""The finishing rules every page gets, whoever wrote it (MkDocs, the theme's 404, the fast writer).

A page is a document (the theme: head, header, exit control) around content (the body and its
contents list). `finish_document` does everything a whole page needs; `finish_content` is the part
that depends on the content alone. The fast writer finishes its one shell as a document once and
each page's content with `finish_content`, which gives the same page as finishing the whole page
(every rule works tag by tag, and content is whole tags), at a fraction of the cost.
"""

from __future__ import annotations

from ..build.privacy import add_security_meta, harden_links, unsafe_parts
from ..build.settings import Settings
from ..features.exit.exit import insert_exit


def finish_content(html: str) -> tuple[str, list[str]]:
    """Outgoing links hardened; and anything that could run code or navigate on its own."""
    html = harden_links(html)
    return html, unsafe_parts(html)


def finish_document(html: str, settings: Settings) -> tuple[str, list[str]]:
    """A whole page: the exit control first in <body>, its content finished, the CSP first in <head>."""
    html, unsafe = finish_content(insert_exit(html, settings.exit))
    return add_security_meta(html), unsafe
