"""One page per place (/areas/<id>/): everything that applies there, on one page.

Who to call now (the nation's 24-hour lines), the services for the place in the first-minute order
(data/ranking.py), what the council must do and the law of its nation (housing duties, orders and
the disclosure scheme, NRPF routes), then national directories that cover it. A place with no
local service is never a dead end.
"""

from __future__ import annotations

from ...data.model import HOUSING, JURISDICTIONS, NRPF, ORDER, Record
from ...data.places import Area
from ...i18n import _
from ...render.crisis import crisis_block
from ...render.renderer import Renderer

#: The orders a person can ask for or be offered (offences and criminal orders are on the orders pages).
PROTECTION_KINDS = ("civil", "police")


def in_nation(records: list[Record], nation: str) -> list[Record]:
    """Records that apply under the nation's law."""
    return [r for r in records if nation in r.data["jurisdictions"]]


def area_page(renderer: Renderer, area: Area, root: str) -> str:
    """The page of one place."""
    catalogue = renderer.catalogue
    nation = area.nation
    found = {s.id: s for s in [*catalogue.services_in(area), *catalogue.services_covering(area)]}
    ranked = renderer.in_order(list(found.values()))
    cards, compact = renderer.cards_and_compact(ranked.help)
    nation_id = nation.id if nation else ""
    orders = [r for r in in_nation(catalogue.of_type(ORDER), nation_id) if r.data["kind"] in PROTECTION_KINDS]
    chooser = next((c for c in catalogue.choosers if nation_id in c.jurisdictions), None)
    return renderer.render(
        "area.html",
        root,
        area=area,
        title=area.name if area.level != "national" else _("Services across the whole UK"),
        trail=list(reversed(area.ancestors())),
        crisis_block=crisis_block(renderer, root, [nation_id] if nation else None),
        services=cards,
        compact=compact,
        harm=ranked.for_people_who_harm,
        area_names={a.id: a.name for a in catalogue.areas.values()} if compact else {},
        help=catalogue.places_help.for_nation(nation_id) if nation else None,
        nation_name=JURISDICTIONS.get(nation_id, ""),
        housing=in_nation(catalogue.of_type(HOUSING), nation_id),
        protection=orders,
        chooser=chooser,
        nrpf=in_nation(catalogue.of_type(NRPF), nation_id),
    )
