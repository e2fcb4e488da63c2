"""A page's table of contents, read from the headings its body really has.

One rule for every page type: the contents list is the page's own `<h2>` (with their `<h3>`),
so it can never drift from the page.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

TocEntry = dict[str, Any]
_HEADING = re.compile(r"<h([23])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def headings(body: str) -> list[tuple[int, str, str]]:
    """(level, id, title as escaped HTML text) for every h2 and h3 with an id, in order."""
    out = []
    for level, anchor, inner in _HEADING.findall(body):
        text = " ".join(_TAG.sub("", inner).split())
        out.append((int(level), html_lib.unescape(anchor), text))
    return out


def toc_tokens(body: str) -> list[TocEntry]:
    """MkDocs' table-of-contents tokens (h2 entries with their h3 children) for a rendered body."""
    tokens: list[TocEntry] = []
    for level, anchor, title in headings(body):
        token = {"level": level, "id": anchor, "name": title, "html": title, "data-toc-label": "", "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        elif level == 2:
            tokens.append(token)
    return tokens
