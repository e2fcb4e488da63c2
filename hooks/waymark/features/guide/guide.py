"""The needs-first guide (/help/), built from data/guide.yaml as static pages.

    /help/                      are you safe right now? then: what do you need most?
    /help/<need>/               where are you? (nations, a postcode, or a council area)
    /help/<need>/<place>/       the answer for that need and place (each nation and local authority):
                                who to call now, services for the place that fit the need, and the
                                options under that nation's law, each with one line on why.

Links only: no form, no query string, nothing stored, and every step works with JavaScript off
(the postcode box is an extra that needs it).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from markupsafe import Markup

from ...data.guide import Need
from ...data.model import JURISDICTIONS
from ...data.places import Area
from ...i18n import _
from ...render.crisis import crisis_block
from ...render.pages import GeneratedPage
from ...render.renderer import Renderer

START = "help/index.md"
#: Services shown on an answer page as cards; the rest are on the place's own page.
ANSWER_CARDS = 8


def start_page(renderer: Renderer, root: str) -> str:
    """/help/: the safety question, then the needs."""
    guide = renderer.catalogue.guide
    assert guide is not None
    return renderer.render("guide_start.html", root, guide=guide, emergency=renderer.settings.emergency_html)


def places_for(renderer: Renderer) -> list[Area]:
    """The places an answer page is made for: each nation and each local authority."""
    return [a for a in renderer.catalogue.areas.values() if a.level in ("nation", "local-authority")]


def need_page(renderer: Renderer, need: Need, root: str) -> str:
    """/help/<need>/: where are you?"""
    nations = renderer.catalogue.areas["national"].children
    return renderer.render("guide_need.html", root, need=need, nations=nations)


def answer_page(renderer: Renderer, need: Need, place: Area, root: str) -> str:
    """/help/<need>/<place>/: who to call, services that fit, and the options of the place's law."""
    catalogue = renderer.catalogue
    nation = place.nation
    nation_id = nation.id if nation else ""
    found = {s.id: s for s in [*catalogue.services_in(place), *catalogue.services_covering(place)]}
    fitting = [s for s in found.values() if set(s.data["categories"]) & set(need.categories)]
    ranked = renderer.in_order(fitting)
    options = []
    for option in need.options:
        record = catalogue.legal(option.id)
        if record is not None and nation_id in record.data["jurisdictions"]:
            options.append((record, option.why))
    councils = [a for a in place.descendants() if a.level == "local-authority"] if place.level == "nation" else []
    return renderer.render(
        "guide_answer.html",
        root,
        need=need,
        place=place,
        nation_name=JURISDICTIONS.get(nation_id, ""),
        crisis_block=Markup(crisis_block(renderer, root, [nation_id] if nation else None)),
        services=ranked.help[:ANSWER_CARDS],
        more_services=len(ranked.help) > ANSWER_CARDS,
        options=options,
        councils=councils,
    )


def guide_pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    """/help/, a page per need, and the answers."""
    guide = renderer.catalogue.guide
    if guide is None:
        return
    yield GeneratedPage(START, _(guide.title), guide.intro, partial(start_page, renderer))
    places = places_for(renderer)
    for need in guide.needs:
        yield GeneratedPage(
            f"help/{need.id}.md", need.label, need.intro, partial(need_page, renderer, need), "data/guide.yaml", True
        )
        for place in places:
            yield GeneratedPage(
                f"help/{need.id}/{place.id}.md",
                f"{need.label}: {place.name}",
                need.intro,
                partial(answer_page, renderer, need, place),
                "data/guide.yaml",
                True,
            )
