"""Generated blocks a hand-written page asks for with a placeholder: `<!-- waymark:NAME -->`.

docs/index.md asks for the crisis block first, then the postcode box; the About page for the
postcode data's attribution. An unknown name stops the build (a typo would silently hide help).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import escape

from ..build.render import Renderer
from ..features.crisis.crisis import crisis_block
from ..features.postcode.lookup import read_index

PLACEHOLDER = re.compile(r"<!--\s*waymark:([a-z-]+)\s*-->")
Block = Callable[[Renderer, str], str]


def _postcode(renderer: Renderer, root: str) -> str:
    return renderer.render("_postcode_block.html", root)


def _attribution(renderer: Renderer, root: str) -> str:
    index = read_index(renderer.catalogue.data_dir)
    return f"<p>{escape(index['attribution'])}</p>" if index else ""


BLOCKS: dict[str, Block] = {
    "crisis": lambda renderer, root: crisis_block(renderer, root),
    "postcode": _postcode,
    "postcode-attribution": _attribution,
}


class UnknownBlock(ValueError):
    """A page asks for a block that does not exist."""


def fill_blocks(html: str, renderer: Renderer, root: str) -> str:
    """`html` with each placeholder replaced by its block."""
    if "waymark:" not in html:
        return html

    def block(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            raise UnknownBlock(f"expected one of {', '.join(BLOCKS)}; found <!-- waymark:{name} -->")
        return BLOCKS[name](renderer, root)

    return PLACEHOLDER.sub(block, html)
