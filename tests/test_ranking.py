"""The first-minute order (data/ranking.py): 24-hour lines, general, specialist; nearest first;
services for people who harm never mixed in."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from project import FIXTURES, PROJECT
from waymark.data.catalogue import load_catalogue
from waymark.data.model import Record
from waymark.data.ranking import in_order, order_key, tier
from waymark.features.search.index import FILTER_KEYS, write_search_files
from waymark.render.cards import card_data


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


def test_the_browser_sorts_by_the_order_the_build_wrote(tmp_path: Path) -> None:
    """search.js orders any list by each service's "rk": it must be the place in_order gives it."""
    catalogue = load_catalogue(FIXTURES / "data")
    write_search_files(tmp_path, catalogue, [])
    docs = [d for shard in tmp_path.glob("search/services-*.json") for d in json.loads(shard.read_text())["docs"]]
    assert len(docs) == len(catalogue.services) >= 3
    # the order's key and the filters' keys never overwrite a key of the card they are added to
    assert not set(FILTER_KEYS) & set(card_data(catalogue.services[0]))
    by_rank = [d["u"] for d in sorted(docs, key=lambda d: d["rk"])]
    ranked = in_order(catalogue.services, catalogue.categories, catalogue.areas)
    assert by_rank == [s.url for s in [*ranked.help, *ranked.for_people_who_harm]]
    # a 24-hour line first; a council's own service before the county's
    assert by_rank[0] == "services/example-helpline/"
    assert by_rank.index("services/example-idva/") < by_rank.index("services/example-refuge/")


def test_keys_worked_out_once_give_the_same_order() -> None:
    """A build orders hundreds of lists with each service's key worked out once (Renderer.in_order):
    the order is the one in_order works out itself, nearest first or widest first."""
    catalogue = load_catalogue(PROJECT / "data")
    services = catalogue.services
    keys = {s.id: order_key(s, catalogue.categories, catalogue.areas) for s in services}
    for widest in (False, True):
        own = in_order(services, catalogue.categories, catalogue.areas, widest)
        given = in_order(services, catalogue.categories, catalogue.areas, widest, keys)
        assert [s.id for s in own.help] == [s.id for s in given.help]
        assert [s.id for s in own.for_people_who_harm] == [s.id for s in given.for_people_who_harm]
    # The keys are what orders: distances turned round give the widest first, which is not the nearest first.
    reversed_keys = {k: (rank, -near, name) for k, (rank, near, name) in keys.items()}
    flipped = in_order(services, catalogue.categories, catalogue.areas, False, reversed_keys)
    nearest = in_order(services, catalogue.categories, catalogue.areas)
    assert [s.id for s in flipped.help] == [s.id for s in own.help] != [s.id for s in nearest.help]
