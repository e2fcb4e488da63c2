"""Privacy and safety rules applied to every built page, whatever wrote its HTML (theme, Markdown, records).

- Outgoing links get rel="noreferrer noopener" here and only here, so no visit leaks to another site.
- The Content Security Policy allows scripts from this site only. Waymark ships no inline script
  (the theme's few are replaced in overrides/ by files or by nothing), so the policy needs no
  hashes, and it is never computed from what a built page happens to contain.
- `unsafe_parts` audits a finished page: an inline script, an event-handler attribute, a
  javascript: address or a meta refresh anywhere is a build error naming the page, because
  something that should have been text became markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_REL = re.compile(r"""\brel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
OUTGOING_REL = ("noreferrer", "noopener")


def _harden(match: re.Match[str]) -> str:
    tag = match.group(0)
    if "//" not in tag:  # most links on a page are to the site itself
        return tag
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
    """Give every outgoing link rel="noreferrer noopener"."""
    return _ANCHOR.sub(_harden, html)


_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
POLICY = (
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'none'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
)


def content_security_policy() -> str:
    """The policy: only this site, no inline script at all."""
    return "; ".join(POLICY)


def add_security_meta(html: str) -> str:
    """Put the CSP and referrer policy first in <head> (after the charset), before anything loads."""
    match = _HEAD_OPEN.search(html)
    if match is None:
        return html
    charset = _CHARSET.search(html, match.end())
    if charset and charset.start() - match.end() < 200:
        match = charset
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return html[: match.end()] + meta + html[match.end() :]


# Cheap signs that a page may hold something active; only then is it parsed (pages are many).
# The page is lower-cased once so every pattern is case-sensitive and the engine can skip ahead.
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")
_SCRIPT_FILE_OR_DATA = re.compile(r"\bsrc\s*=|\btype\s*=\s*[\"']?application/(?:ld\+)?json")
_HANDLER = re.compile(r"on[a-z]+\s*=")  # an attribute only when it follows a space, / or a quote
_DATA_TYPES = {"application/json", "application/ld+json"}


def _may_be_active(html: str) -> bool:
    lower = html.lower()
    if "javascript:" in lower or ("refresh" in lower and re.search(r"http-equiv\s*=\s*[\"']?refresh", lower)):
        return True
    if any(not _SCRIPT_FILE_OR_DATA.search(attrs) for attrs in _SCRIPT_TAG.findall(lower)):
        return True
    return any(
        lower[m.start() - 1 : m.start()] in (" ", "\t", "\n", "\r", "/", '"', "'") for m in _HANDLER.finditer(lower)
    )


class _ActiveFinder(HTMLParser):
    """Finds what can run or navigate in a page: inline scripts, on* handlers, javascript:, refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script" and "src" not in values and values.get("type", "").lower() not in _DATA_TYPES:
            self._in_script = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self.found.append("an inline <script>")
            self._in_script = False


def unsafe_parts(html: str) -> list[str]:
    """Everything in a finished page that could run code or navigate on its own (empty when safe)."""
    if not _may_be_active(html):
        return []
    finder = _ActiveFinder()
    finder.feed(html)
    finder.close()
    return finder.found
