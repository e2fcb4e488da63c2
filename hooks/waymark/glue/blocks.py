"""Generated blocks a hand-written page asks for with a placeholder: `<!-- waymark:NAME -->`.

docs/index.md asks for the crisis block first, then the postcode box; the About page for the
postcode data's attribution. The crisis block is the site's own (render/crisis.py); the others
come from features. An unknown name stops the build (a typo would silently hide help).
"""

from __future__ import annotations

import functools
import re

from ..render.crisis import crisis_block
from ..render.feature import Block
from ..render.renderer import Renderer
from .registry import features

PLACEHOLDER = re.compile(r"<!--\s*waymark:([a-z-]+)\s*-->")


@functools.cache
def blocks() -> dict[str, Block]:
    """Every block by name: the crisis block, then each feature's."""
    found: dict[str, Block] = {"crisis": lambda renderer, root: crisis_block(renderer, root)}
    for feature in features():
        for name, block in feature.blocks.items():
            if name in found:
                raise ValueError(f"block {name!r} is given twice (feature {feature.name})")
            found[name] = block
    return found


class UnknownBlock(ValueError):
    """A page asks for a block that does not exist."""


def fill_blocks(html: str, renderer: Renderer, root: str) -> str:
    """`html` with each placeholder replaced by its block."""
    if "waymark:" not in html:
        return html
    known = blocks()

    def block(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in known:
            raise UnknownBlock(f"expected one of {', '.join(known)}; found <!-- waymark:{name} -->")
        return known[name](renderer, root)

    return PLACEHOLDER.sub(block, html)
