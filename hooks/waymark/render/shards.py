"""The data shards the browser loads on demand, shared by search, the filters and the sheet.

A service is written into the shard of each region (or nation without regions) it is listed for;
UK- and nation-wide services go in the `national` shard. Every shard exists, if only empty, so the
browser never meets a 404. Below LOAD_ALL_BELOW services in all, the first use loads every shard.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import defaultdict
from pathlib import Path

from ..data.catalogue import Catalogue
from ..data.model import SERVICE, Record
from ..data.places import Area

NATIONAL_SHARD = "national"
# Below this many services in all, the first search fetches every shard (a few KB each).
LOAD_ALL_BELOW = 1500
BODY_LIMIT = 1200  # characters of a guide or a legal record's plain text that search indexes
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str, limit: int = BODY_LIMIT) -> str:
    """Words of an HTML fragment, for indexing."""
    return _SPACE.sub(" ", html_lib.unescape(_TAG.sub(" ", html))).strip()[:limit]


def shard_of(area: Area) -> str:
    """The shard a service listed for `area` goes in: its region, its nation if it has no regions, or national."""
    for place in [area, *area.ancestors()]:
        if place.level == "region":
            return place.id
        if place.level == "nation" and area.level != "nation" and not any(c.level == "region" for c in place.children):
            return place.id
    return NATIONAL_SHARD


def write_json(path: Path, data: object) -> int:
    """`data` as compact UTF-8 JSON at `path`; returns its bytes."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def service_shards(catalogue: Catalogue) -> dict[str, list[Record]]:
    """The services of each shard (a service listed in several regions is in each). Every shard
    exists, if only empty, so the browser never meets a 404."""
    shards: dict[str, list[Record]] = defaultdict(list)
    shards[NATIONAL_SHARD] = []
    for area in catalogue.areas.values():
        shards.setdefault(shard_of(area), [])
    for record in catalogue.of_type(SERVICE):
        for name in sorted({shard_of(catalogue.areas[a]) for a in record.data["areas"]}):
            shards[name].append(record)
    return dict(shards)
