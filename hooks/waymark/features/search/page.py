"""The two pages of the search feature: Search, and Find a service with its filters."""

from __future__ import annotations

from ...build.render import AUDIENCES, Renderer


def find_service(renderer: Renderer, root: str) -> str:
    """The "Find a service" page: filters (with JavaScript), and ways in by area and by type.

    A regional copy (`extra.waymark.region.area`) starts with its own area chosen.
    """
    catalogue = renderer.catalogue
    languages = sorted({lang for s in catalogue.services for lang in s.data.get("languages") or []})
    return renderer.render(
        "find_service.html",
        root,
        nations=catalogue.areas["national"].children,
        categories=list(catalogue.categories.values()),
        national=catalogue.services_in(catalogue.areas["national"]),
        areas=renderer.area_list(),
        audiences=list(AUDIENCES.items()),
        languages=languages,
        region=renderer.settings.region,
        card_template=renderer.card_template(),
    )


def search_page(renderer: Renderer, root: str) -> str:
    """The search page: a box, an optional area, and the results list filled by search.js."""
    return renderer.render("search.html", root, areas=renderer.area_list(), card_template=renderer.card_template())
