"""Postcode: the box (a block a hand-written page asks for) and the postcode shards it reads."""

from __future__ import annotations

from markupsafe import escape

from ...render.feature import Feature, Output
from ...render.renderer import Renderer
from .lookup import read_index, ship_postcodes


def postcode_block(renderer: Renderer, root: str) -> str:
    """<!-- waymark:postcode -->: the box."""
    return renderer.render("_postcode_block.html", root)


def attribution_block(renderer: Renderer, root: str) -> str:
    """<!-- waymark:postcode-attribution -->: the ONS licence line for the postcode data."""
    index = read_index(renderer.catalogue.data_dir)
    return f"<p>{escape(index['attribution'])}</p>" if index else ""


def files(output: Output) -> None:
    """The shards of the councils the site has (every language shares the English site's copy)."""
    if output.source_language:
        catalogue = output.renderer.catalogue
        ship_postcodes(catalogue.data_dir, output.site_dir, {a.gss for a in catalogue.areas.values() if a.gss})


FEATURE = Feature(
    "postcode",
    blocks={"postcode": postcode_block, "postcode-attribution": attribution_block},
    files=files,
)
