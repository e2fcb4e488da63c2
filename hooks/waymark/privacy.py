"""Privacy rules applied to every built page, whatever wrote its HTML (theme, Markdown, records)."""

from __future__ import annotations

import re

_ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_REL = re.compile(r"""\brel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
OUTGOING_REL = ("noreferrer", "noopener")


def _harden(match: re.Match[str]) -> str:
    tag = match.group(0)
    href = _HREF.search(tag)
    if not href or not re.match(r"^(https?:)?//", href.group(2), re.IGNORECASE):
        return tag
    rel = _REL.search(tag)
    values = rel.group(2).split() if rel else []
    values += [v for v in OUTGOING_REL if v not in values]
    new_rel = f'rel="{" ".join(values)}"'
    if rel:
        return tag[: rel.start()] + new_rel + tag[rel.end() :]
    return tag[:-1].rstrip("/").rstrip() + f" {new_rel}>"


def harden_links(html: str) -> str:
    """Give every outgoing link rel="noreferrer noopener" so no visit leaks to another site."""
    return _ANCHOR.sub(_harden, html)
