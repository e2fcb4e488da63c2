"""The order that serves a person in need: one rule for every list of services.

Everywhere services are listed (a place's page, a category, "services that can help", the
filters and search), they come in this order, never alphabetically first:

1. 24-hour lines that cover the place (someone can answer now);
2. general domestic abuse and sexual violence services (category group `general`);
3. specialist services (for particular people or harms: group `specialist`);
and within each, the service closest to the place first (its own area, then the county, region,
nation, whole UK), then by name. A list that belongs to no place (an order's "services that can
help") puts the widest first instead: a Leeds line is no use to someone in Cornwall, a national
one is. Services only for people worried about their own behaviour
(group `for-people-who-harm`) are never mixed in: `split_for_people_who_harm` takes them out, and
pages show them apart under a plain heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Record
from .places import Area, Category

#: Rank of each tier (lower first): written into the search files too, so the browser orders alike.
TIERS = {"24-hour": 0, "general": 1, "specialist": 2, "for-people-who-harm": 3}
#: How far a service's area is from the place, by the area's level (a local service is nearest).
DISTANCE = {"local-authority": 0, "county": 1, "region": 2, "nation": 3, "national": 4}


def is_24_hour_line(service: Record) -> bool:
    """Open 24 hours, with a number to call or text."""
    contact = service.data.get("contact") or {}
    return bool(contact.get("open_24_7") and (contact.get("phones") or contact.get("texts")))


def group_of(service: Record, categories: dict[str, Category]) -> str:
    """general, specialist or for-people-who-harm, from the service's categories.

    Any people-who-harm category puts the whole service there (the Respect Phoneline is also a
    helpline, but never one for victims); otherwise any specialist category makes it specialist.
    """
    groups = {categories[c].group for c in service.data.get("categories") or [] if c in categories}
    if "for-people-who-harm" in groups:
        return "for-people-who-harm"
    if "specialist" in groups:
        return "specialist"
    return "general"


def tier(service: Record, categories: dict[str, Category]) -> str:
    """The service's tier: 24-hour (unless it is for people who harm), general, specialist, or for people who harm."""
    group = group_of(service, categories)
    if group != "for-people-who-harm" and is_24_hour_line(service):
        return "24-hour"
    return group


def distance(service: Record, areas: dict[str, Area]) -> int:
    """How near the service's nearest listed area is (0: a local authority)."""
    levels = [areas[a].level for a in service.data.get("areas") or [] if a in areas]
    return min((DISTANCE.get(level, 4) for level in levels), default=4)


@dataclass(frozen=True)
class Ranked:
    """A list of services in the first-minute order, with the ones for people who harm apart."""

    help: list[Record]
    for_people_who_harm: list[Record]


#: A service's place in the order before the direction of distance is chosen: (its tier's rank,
#: how near its area is, its name in lower case).
OrderKey = tuple[int, int, str]


def order_key(service: Record, categories: dict[str, Category], areas: dict[str, Area]) -> OrderKey:
    """Where `service` stands in the first-minute order: its tier's rank, its distance, its name."""
    return TIERS[tier(service, categories)], distance(service, areas), service.name.lower()


def in_order(
    services: Iterable[Record],
    categories: dict[str, Category],
    areas: dict[str, Area],
    widest_first: bool = False,
    keys: Mapping[str, OrderKey] | None = None,
) -> Ranked:
    """`services` in the first-minute order, those for people who harm set apart; within a tier the
    nearest first, or the widest first for a list that belongs to no place. `keys`: each service's
    `order_key` by id, worked out once for a build that orders many lists."""
    way = -1 if widest_first else 1
    keyed = []
    for s in services:
        rank, near, name = keys[s.id] if keys is not None else order_key(s, categories, areas)
        keyed.append(((rank, way * near, name), s))
    keyed.sort(key=lambda pair: pair[0])  # each key worked out once: lists run to thousands
    harm = TIERS["for-people-who-harm"]
    return Ranked([s for key, s in keyed if key[0] != harm], [s for key, s in keyed if key[0] == harm])
