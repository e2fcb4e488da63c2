"""The two pages of the search feature: Search, and Find a service with its filters."""

from __future__ import annotations

from markupsafe import Markup

from ...data.model import AUDIENCES, JURISDICTIONS
from ...render.crisis import crisis_block
from ...render.renderer import CARD_LIMIT, Renderer


def find_service(renderer: Renderer, root: str) -> str:
    """The "Find a service" page: filters (with JavaScript), and ways in by area and by type.

    A regional copy (`extra.waymark.region.area`) starts with its own area chosen.
    """
    catalogue = renderer.catalogue
    languages = sorted({lang for s in catalogue.services for lang in s.data.get("languages") or []})
    national = renderer.in_order(catalogue.services_in(catalogue.areas["national"]))
    harm, harm_more = renderer.harm_cards(national.for_people_who_harm)
    return renderer.render(
        "find_service.html",
        root,
        nations=catalogue.areas["national"].children,
        # Only types of help some service offers: an empty filter is a dead end.
        categories=[c for c in catalogue.categories.values() if catalogue.services_in_category(c)],
        national=national.help[:CARD_LIMIT],
        more_national=len(national.help) > CARD_LIMIT,
        national_harm=harm,
        harm_more=harm_more,
        areas=renderer.area_list(),
        audiences=list(AUDIENCES.items()),
        languages=languages,
        region=renderer.settings.region,
        card_template=renderer.card_template(),
    )


def no_dead_end(renderer: Renderer, root: str) -> Markup:
    """Shown when nothing matches: each nation's 24-hour lines, and where else to turn."""
    help_by_nation = [(JURISDICTIONS[n], renderer.catalogue.places_help.for_nation(n)) for n in JURISDICTIONS]
    return Markup(
        renderer.render(
            "_no_dead_end.html",
            root,
            crisis_block=crisis_block(renderer, root),
            help_by_nation=[(name, help) for name, help in help_by_nation if help],
        )
    )


def _header_search(renderer: Renderer, root: str) -> Markup:
    nothing_found = Markup(renderer.render("_header_nothing_found.html", root))
    return Markup(
        renderer.render(
            "_header_search.html", root, nothing_found=nothing_found, card_template=renderer.card_template()
        )
    )


def header_search(renderer: Renderer, root: str) -> Markup:
    """The header's search box for a page at `root` (the same for every page at one depth)."""
    # The same for every page at one depth: made once per depth, kept by this build's renderer only.
    return renderer.once(("header-search", root), lambda: _header_search(renderer, root))


def search_page(renderer: Renderer, root: str) -> str:
    """The search page: a box, an optional area, and the results list filled by search.js."""
    return renderer.render(
        "search.html",
        root,
        areas=renderer.area_list(),
        card_template=renderer.card_template(),
        nothing_found=no_dead_end(renderer, root),
    )
