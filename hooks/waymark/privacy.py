"""Privacy rules applied to every built page, whatever wrote its HTML (theme, Markdown, records)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

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


_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
POLICY = (
    "default-src 'none'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for the inline scripts a page runs (JSON data blocks do not run)."""
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if "src=" in attrs.lower() or _DATA_BLOCK.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """The policy: only this site, no inline script except those hashed at build."""
    hashes = "".join(" " + h for h in sorted(set(script_hashes)))
    return "; ".join(POLICY).replace("{hashes}", hashes)


def add_security_meta(html: str, script_hashes: Iterable[str] | None = None) -> str:
    """Put the CSP and referrer policy first in <head> (after the charset), before anything loads.

    `script_hashes`: the page's `inline_script_hashes`, when the caller already has them.
    """
    if script_hashes is None:
        script_hashes = inline_script_hashes(html)
    match = _HEAD_OPEN.search(html)
    if match is None:
        return html
    charset = _CHARSET.search(html, match.end())
    if charset and charset.start() - match.end() < 200:
        match = charset
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script_hashes)}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return html[: match.end()] + meta + html[match.end() :]
