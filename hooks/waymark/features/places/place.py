"""One page per place (/areas/<id>/): what is specific to it, on one page, bounded by the place.

In the order a person in need wants it: the nation's 24-hour lines; the local doors (the council's
homelessness route, the SARC, the Rape Crisis centre); the services listed for the place, a place
inside it, or the county and region around it, in the first-minute order (data/ranking.py); then
a handful of the nation's and the UK's wide services, with one link to each full list; then the
law of its nation (housing duties, orders and the disclosure scheme, NRPF routes).

Nothing on the page grows with the number of services that cover a whole nation or the UK: those
are listed on the nation's page (and the UK's), `WIDE_CARDS` at most here. A place with no local
service is never a dead end: the lines, the doors or the council finder, and the wide services.
"""

from __future__ import annotations

from itertools import islice

from markupsafe import Markup

from ...data.model import HOUSING, JURISDICTIONS, JUSTICE, NRPF, ORDER, ROLES, Record
from ...data.places import WIDE_LEVELS, Area
from ...i18n import _
from ...render.crisis import after_rape, crisis_block
from ...render.renderer import COMPACT_LIMIT, Renderer, place_name

#: The orders a person can ask for or be offered (offences and criminal orders are on the orders pages).
PROTECTION_KINDS = ("civil", "police")
#: The justice records in the order a person meets them.
STAGES = ("reporting", "rights", "charging", "court", "release", "compensation")
#: Wide (UK- or nation-wide) services shown on a place's page; the rest are one link away.
WIDE_CARDS = 5


def in_nation(records: list[Record], nation: str) -> list[Record]:
    """Records that apply under the nation's law."""
    return [r for r in records if nation in r.data["jurisdictions"]]


def doors_of(services: list[Record]) -> list[tuple[str, str, list[Record]]]:
    """(role, heading, services) for each local door the place has, in ROLES order."""
    return [
        (role, heading, [s for s in services if s.data.get("role") == role])
        for role, heading in ROLES.items()
        if any(s.data.get("role") == role for s in services)
    ]


def wide_in_order(renderer: Renderer, area: Area) -> tuple[list[Record], list[Record]]:
    """The services listed for the place's nation or the whole UK, in the first-minute order (for
    people who harm left out), and the local doors among them (a nation-wide SARC or housing body).

    The same for every place of a nation, so worked out once a build: a place's page then reads
    the first few, and its cost does not grow with the number of wide services.
    """
    wide_ids = tuple(a.id for a in area.ancestors() if a.level in WIDE_LEVELS)

    def make() -> tuple[list[Record], list[Record]]:
        catalogue = renderer.catalogue
        found = {s.id: s for a in wide_ids for s in catalogue.services_in(catalogue.areas[a])}
        listed = sorted(found.values(), key=lambda r: r.name.lower())
        return renderer.in_order(listed).help, [s for s in listed if s.data.get("role")]

    return renderer.once(("wide-in-order", wide_ids), make)


def area_page(renderer: Renderer, area: Area, root: str) -> str:
    """The page of one place."""
    catalogue = renderer.catalogue
    nation = area.nation
    nation_id = nation.id if nation else ""
    specific = catalogue.services_specific_to(area)
    # Doors are a council's, a SARC's or a centre's for the places they serve: a region's page
    # lists its places, each with its own doors, rather than every door inside it.
    door_level = area.level == "local-authority"
    # A door may serve a whole nation (Northern Ireland's one SARC, its Housing Executive): it is
    # still the place's own door.
    specific_ids = {s.id for s in specific}
    wide_ranked, wide_roles = wide_in_order(renderer, area)
    wide_doors = [s for s in wide_roles if s.id not in specific_ids] if door_level else []
    doors = doors_of([*specific, *wide_doors]) if door_level else []
    in_doors = {s.id for _, _, services in doors for s in services}
    local = renderer.in_order([s for s in specific if s.id not in in_doors and (door_level or not s.data.get("role"))])
    cards, compact = renderer.cards_and_compact(local.help)
    harm, harm_more = renderer.harm_cards(local.for_people_who_harm)
    shown = set(catalogue.crisis.lines_for(nation_id)) | in_doors | specific_ids  # already on the page
    wide = list(islice((s for s in wide_ranked if s.id not in shown), WIDE_CARDS))
    wider = [a for a in area.ancestors() if a.level in ("national", "nation")]
    return renderer.render(
        "area.html",
        root,
        area=area,
        title=area.name if area.level != "national" else _("Services across the whole UK"),
        trail=list(reversed(area.ancestors())),
        crisis_block=crisis_block(renderer, root, [nation_id] if nation else None),
        doors=doors,
        after_rape=after_rape(renderer, root, nation_id, full=False) if door_level and nation else "",
        door_level=door_level,
        services=cards,
        compact=compact[:COMPACT_LIMIT],
        more_compact=len(compact) > COMPACT_LIMIT,
        wide=wide,
        wider=wider,
        harm=harm,
        harm_more=harm_more,
        area_names={a.id: place_name(a) for a in catalogue.areas.values()} if compact else {},
        help=catalogue.places_help.for_nation(nation_id) if nation else None,
        law=renderer.once(
            ("area-law", root, nation_id, door_level), lambda: law_part(renderer, root, nation_id, door_level)
        ),
    )


def law_part(renderer: Renderer, root: str, nation_id: str, door_level: bool) -> Markup:
    """What the law of the nation offers, the same on every place of the nation: housing duties,
    orders and the disclosure scheme, the justice system, NRPF routes, and where else to look."""
    catalogue = renderer.catalogue
    orders = [r for r in in_nation(catalogue.of_type(ORDER), nation_id) if r.data["kind"] in PROTECTION_KINDS]
    justice = sorted(in_nation(catalogue.of_type(JUSTICE), nation_id), key=lambda r: STAGES.index(r.data["stage"]))
    return Markup(
        renderer.render(
            "_area_law.html",
            root,
            door_level=door_level,
            help=catalogue.places_help.for_nation(nation_id) if nation_id else None,
            nation_name=JURISDICTIONS.get(nation_id, ""),
            housing=in_nation(catalogue.of_type(HOUSING), nation_id),
            protection=orders,
            chooser=next((c for c in catalogue.choosers if nation_id in c.jurisdictions), None),
            nrpf=in_nation(catalogue.of_type(NRPF), nation_id),
            justice=justice,
        )
    )
