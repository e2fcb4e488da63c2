"""The needs-first guide (/help/), built from data/guide.yaml as static pages.

    /help/                      are you safe right now? then: what do you need most?
    /help/<need>/               where are you? (a nation, or a postcode or council for the place's page)
    /help/<need>/<nation>/      the answer for that need in that nation: who to call now, the
                                nation's services that fit the need, the options under its law,
                                each with one line on why; then the way to the local doors (the
                                place's own page: its council, SARC and Rape Crisis centre).

An answer is made per nation, not per place: what is specific to a place (its council's door, its
SARC, its local services) is on the place's page, one postcode or one tap away, so no page is
made (or grows) once per place and need.

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
from ...render.crisis import after_rape, crisis_block
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
    """The places an answer page is made for: each nation."""
    return [a for a in renderer.catalogue.areas.values() if a.level == "nation"]


def council_groups(renderer: Renderer) -> list[tuple[Area, list[tuple[Area, list[Area]]]]]:
    """Every council for the "choose your council" step: by nation, then by region (or the nation
    itself where it has none), each sorted by name. Worked out once a build: every need and answer
    page shows it."""
    return renderer.once("council-groups", lambda: _council_groups(renderer))


def _council_groups(renderer: Renderer) -> list[tuple[Area, list[tuple[Area, list[Area]]]]]:
    out = []
    for nation in renderer.catalogue.areas["national"].children:
        groups: dict[str, tuple[Area, list[Area]]] = {}
        for council in (a for a in nation.descendants() if a.level == "local-authority"):
            region = next((a for a in council.ancestors() if a.level == "region"), nation)
            groups.setdefault(region.id, (region, []))[1].append(council)
        ordered = sorted(groups.values(), key=lambda g: g[0].name)
        out.append((nation, [(region, sorted(cs, key=lambda c: c.name)) for region, cs in ordered]))
    return out


def need_page(renderer: Renderer, need: Need, root: str) -> str:
    """/help/<need>/: where are you?"""
    nations = renderer.catalogue.areas["national"].children
    return renderer.render("guide_need.html", root, need=need, nations=nations, groups=council_groups(renderer))


def answer_page(renderer: Renderer, need: Need, place: Area, root: str) -> str:
    """/help/<need>/<nation>/: who to call, the nation's services that fit, the options of its law."""
    catalogue = renderer.catalogue
    nation_id = place.id
    lines = set(catalogue.crisis.lines_for(nation_id))
    wide = [*catalogue.services_in(place), *catalogue.wide_services_for(place)]
    fitting = [s for s in wide if s.id not in lines and set(s.data["categories"]) & set(need.categories)]
    ranked = renderer.in_order(fitting)
    options = []
    for option in need.options:
        record = catalogue.legal(option.id)
        if record is not None and nation_id in record.data["jurisdictions"]:
            options.append((record, option.why))
    return renderer.render(
        "guide_answer.html",
        root,
        need=need,
        place=place,
        nation_name=JURISDICTIONS.get(nation_id, ""),
        crisis_block=Markup(crisis_block(renderer, root, [nation_id])),
        after_rape=after_rape(renderer, root, nation_id) if "sexual-violence" in need.categories else "",
        services=ranked.help[:ANSWER_CARDS],
        more_services=len(ranked.help) > ANSWER_CARDS,
        options=options,
        groups=[g for g in council_groups(renderer) if g[0].id == nation_id],
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
                need.intro_for(place.id),
                partial(answer_page, renderer, need, place),
                "data/guide.yaml",
                True,
            )
