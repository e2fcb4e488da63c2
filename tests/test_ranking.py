"""The first-minute order (data/ranking.py): 24-hour lines, general, specialist; nearest first;
services for people who harm never mixed in."""

from __future__ import annotations

import copy

from project import FIXTURES
from waymark.data.catalogue import load_catalogue
from waymark.data.model import Record
from waymark.data.ranking import in_order, tier


def _service(base: Record, ident: str, **changes: object) -> Record:
    data = copy.deepcopy(base.data)
    data.update(changes)
    return Record(base.type, ident, data, base.source)


def test_order_is_24_hour_lines_then_general_then_specialist_nearest_first() -> None:
    catalogue = load_catalogue(FIXTURES / "data")
    helpline = catalogue.service("example-helpline")
    assert helpline is not None
    local_general = _service(
        helpline, "a-local", name="A local line", areas=["north-testshire"], contact={"email": "x@example.org"}
    )
    wide_general = _service(
        helpline, "b-wide", name="B wide line", areas=["national"], contact={"email": "x@example.org"}
    )
    specialist = _service(
        helpline, "c-lgbt", name="C specialist", categories=["idva", "lgbt"], contact={"email": "x@example.org"}
    )
    harm = _service(helpline, "d-harm", name="D stop hurting", categories=["perpetrator", "helpline"])
    categories = dict(catalogue.categories)
    from waymark.data.places import Category

    categories["lgbt"] = Category("lgbt", "LGBT+", "x", "specialist")
    categories["perpetrator"] = Category("perpetrator", "Stop", "x", "for-people-who-harm")
    ranked = in_order([specialist, harm, wide_general, local_general, helpline], categories, catalogue.areas)
    assert [s.id for s in ranked.help] == ["example-helpline", "a-local", "b-wide", "c-lgbt"]
    assert [s.id for s in ranked.for_people_who_harm] == ["d-harm"]
    assert tier(harm, categories) == "for-people-who-harm", "open 24 hours, but never offered to victims"


def test_a_service_in_two_areas_counts_as_near_as_its_nearest() -> None:
    """A service listed for a council and for the whole UK is local to that council's people:
    it comes before a general service that is only UK-wide (nearest area, never the farthest)."""
    catalogue = load_catalogue(FIXTURES / "data")
    helpline = catalogue.service("example-helpline")
    assert helpline is not None
    both = _service(
        helpline,
        "z-both",
        name="Z local and national",
        areas=["north-testshire", "national"],
        contact={"email": "x@example.org"},
    )
    wide = _service(helpline, "a-wide", name="A wide only", areas=["national"], contact={"email": "x@example.org"})
    ranked = in_order([wide, both], catalogue.categories, catalogue.areas)
    assert [s.id for s in ranked.help] == ["z-both", "a-wide"]
    widest = in_order([both, wide], catalogue.categories, catalogue.areas, widest_first=True)
    assert [s.id for s in widest.help] == ["a-wide", "z-both"]
