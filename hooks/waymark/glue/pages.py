"""Which pages the build generates: the site's own (render/site_pages.py) and every feature's."""

from __future__ import annotations

from ..render.pages import GeneratedPage
from ..render.renderer import Renderer
from ..render.site_pages import site_pages
from .registry import features


class PageClash(ValueError):
    """Two generated pages want the same address."""


def generated_pages(renderer: Renderer) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by its source path (e.g. ``orders/x.md``); a clash is an error."""
    pages: dict[str, GeneratedPage] = {}
    owners: dict[str, str] = {}
    sources = [("the site", site_pages(renderer))] + [(f.name, list(f.pages(renderer))) for f in features()]
    for owner, made in sources:
        for page in made:
            if page.src_uri in pages:
                raise PageClash(f"{page.src_uri} is made by {owners[page.src_uri]} and by {owner}")
            pages[page.src_uri] = page
            owners[page.src_uri] = owner
    return pages
