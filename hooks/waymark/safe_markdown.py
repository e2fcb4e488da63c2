"""Markdown for record text: no raw HTML, only http(s)/tel/mailto links, outgoing links no-referrer.

Record text is data written by many hands, so it is rendered defensively even though the
validator already rejects HTML and unsafe links.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEME = re.compile(r"^(https?://|tel:|mailto:)", re.IGNORECASE)
# Text with none of these characters renders the same as escaped paragraphs: skip the parser.
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#&\\]|^\s*([-+]|\d+\.)\s|\n\s*([-+]|\d+\.)\s|https?://", re.M)


class _SafeLinks(Treeprocessor):
    """Drop links with other schemes; mark outgoing links noreferrer and noopener."""

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not SAFE_SCHEME.match(href):
                link.attrib.pop("href", None)
                link.tag = "span"
            elif href.lower().startswith("http"):
                link.set("rel", "noreferrer noopener")
        for image in list(root.iter("img")):
            image.tag = "span"  # no images from record text: they would be third-party requests
            image.text = image.get("alt", "")
            image.attrib.clear()


@functools.cache
def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.treeprocessors.register(_SafeLinks(md), "waymark_safe_links", 0)
    return md


def render_markdown(text: str | None) -> Markup:
    """Render record Markdown to safe HTML."""
    if not text:
        return Markup("")
    if not MARKDOWN_SYNTAX.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))
    md = _converter()
    md.reset()
    # The html preprocessors are gone, so escape angle brackets ourselves: text stays text.
    return Markup(md.convert(text.replace("<", "&lt;").replace(">", "&gt;")))
