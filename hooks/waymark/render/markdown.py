"""Markdown for record text: no raw HTML, only http(s)/tel/mailto links, services named by reference.

Record text is data written by many hands, so it is rendered defensively even though the
validator already rejects HTML and unsafe links. The parser is cmark-gfm (GitHub's C
implementation of CommonMark, through `cmarkgfm`): about 40 times faster than Python-Markdown on
our records, which matters when a directory has 10,000 services, and CommonMark lets a list
follow a paragraph without a blank line, as people write them.

cmark runs in its safe mode (raw HTML omitted, javascript:/data: links blanked). On top of that:
angle brackets are escaped before parsing, so text stays text; every link whose address is not
http(s), tel or mailto becomes plain text; images become their alt text (an image would be a
request to another site). Outgoing links get their rel="noreferrer" with every other link of the
page (`privacy.harden_links`), not here.

`[[service-id]]` in a legal record becomes the service's name linked to its page, with its current
phone and text numbers as tap-to-call links (a number lives only in its service record), and
`[[emergency]]` becomes the emergency advice: both are expanded by `expand_references` first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cmarkgfm
from cmarkgfm.cmark import Options
from markupsafe import Markup

from ..data.catalogue import EMERGENCY_REF, SERVICE_REF
from ..data.phones import has_number, numbers_in, sms_href, tel_href

SAFE_SCHEME = re.compile(r"^(https?://|tel:|mailto:|sms:)", re.IGNORECASE)
_LINK = re.compile(r'<a href="([^"]*)"(?: title="[^"]*")?>(.*?)</a>', re.DOTALL)
_IMAGE = re.compile(r'<img src="[^"]*" alt="([^"]*)"(?: title="[^"]*")? />')


def _link(match: re.Match[str]) -> str:
    href, text = match.group(1), match.group(2)
    if not SAFE_SCHEME.match(href):
        return f"<span>{text}</span>"
    return f'<a href="{href}">{text}</a>'


def render_markdown(text: str | None) -> Markup:
    """Render record Markdown to safe HTML."""
    if not text:
        return Markup("")
    escaped = text.replace("<", "&lt;").replace(">", "&gt;")
    html = cmarkgfm.markdown_to_html(escaped, options=Options.CMARK_OPT_DEFAULT)
    html = _IMAGE.sub(lambda m: f"<span>{m.group(1)}</span>", html)
    return Markup(link_numbers(_LINK.sub(_link, html).strip()))


def markdown_escape(text: str) -> str:
    """`text` with Markdown's special characters escaped, so it shows as written."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>~-])", r"\\\1", text)


def expand_references(text: str, service_markdown: Callable[[str], str], emergency_markdown: str) -> str:
    """`[[id]]` and `[[emergency]]` replaced by the Markdown they stand for."""
    if "[[" not in text:
        return text

    def expand(match: re.Match[str]) -> str:
        ref = match.group(1)
        return emergency_markdown if ref == EMERGENCY_REF else service_markdown(ref)

    return SERVICE_REF.sub(expand, text)


_TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
_TEXT_BEFORE = re.compile(r"\btext(?:ing)?\s*(?:us\s*)?(?:on\s*)?$", re.IGNORECASE)


def link_numbers(html: str) -> str:
    """`html` with every phone number in its text (outside links, code and scripts) a tap-to-call link.

    A number just after the word "text" becomes an sms: link. Text is split from tags, never parsed
    as markup, so nothing in the text can become an attribute.
    """
    # A number in any text part is a number in the whole (tags hold no '<' or '>' a number could
    # need, and the number's edges look at one character only): most record text has none.
    if not has_number(html):
        return html
    out: list[str] = []
    skip = 0  # inside <a>, <code>, <pre>, <script>, <style>, <title>
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in ("a", "code", "pre", "script", "style", "title", "textarea", "option", "select"):
                skip += -1 if part.startswith("</") else (0 if part.endswith("/>") else 1)
            out.append(part)
            continue
        if skip > 0 or not part:
            out.append(part)
            continue
        pieces, last = [], 0
        for match in numbers_in(part):
            number = match.group(0)
            href = sms_href(number) if _TEXT_BEFORE.search(part[: match.start()]) else tel_href(number)
            pieces.append(part[last : match.start()])
            pieces.append(f'<a href="{href}">{number}</a>')
            last = match.end()
        pieces.append(part[last:])
        out.append("".join(pieces))
    return "".join(out)
