"""Search and filter data, prebuilt at build time and fetched only when someone searches.

Files written to `site/search/`:

- `core.json`: a lunr index of every order, duty, route, support option, guide page, category
  and area, plus the synonyms and the list of service shards. Fetched on first use of search.
- `services-<shard>.json`: one per region (services listed for the region or its local
  authorities) and one `national` (services for the whole UK or a whole nation). Each holds the
  facts the filters need and the words search indexes; the browser builds a lunr index for a
  shard when it first needs it (a region's few hundred services index in tens of ms, and the
  file is several times smaller than a serialized index). Search fetches `national` with the
  core and a region only when the query names it or the person picks it; when the whole
  directory is small it fetches every shard at once.

The core index is built with the lunr Python package, whose output lunr.js 2.3.9 loads as is.
Words are not stemmed (see `_builder`); search.js matches exact words, prefixes and one typo.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lunr import lunr
from lunr.builder import Builder
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from .areas import Area
from .catalogue import Catalogue
from .chooser import RECORD_LINK
from .model import LEGAL_TYPES, ORDER, ORDER_KINDS, SERVICE, Record
from .safe_markdown import render_markdown
from .synonyms import Synonym

NATIONAL_SHARD = "national"
# Below this many services in all, the first search fetches every shard (a few KB each).
LOAD_ALL_BELOW = 1500
FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "aka", "boost": 8},
    {"field_name": "kind", "boost": 3},
    {"field_name": "where", "boost": 3},
    {"field_name": "body"},
]
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str, limit: int = 3000) -> str:
    """Words of an HTML fragment, for indexing."""
    return _SPACE.sub(" ", html_lib.unescape(_TAG.sub(" ", html))).strip()[:limit]


def _legal_kind(record: Record) -> str:
    if record.type is ORDER:
        return ORDER_KINDS[record.data["kind"]].split(" (")[0]
    return record.type.singular


def core_documents(catalogue: Catalogue, pages: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Legal records, guide pages (url, title, text), categories and areas."""
    docs: list[dict[str, Any]] = []
    for rtype in LEGAL_TYPES:
        for record in catalogue.of_type(rtype):
            data = record.data
            docs.append(
                {
                    "u": record.url,
                    "t": record.name,
                    "k": _legal_kind(record),
                    "s": data["summary"],
                    "aka": " ".join([*(data.get("abbreviations") or []), *(data.get("keywords") or [])]),
                    "body": data["summary"] + " " + plain_text(render_markdown(data.get("for_you") or "")),
                    "where": " ".join(data["jurisdictions"]).replace("-", " "),
                }
            )
    for chooser in catalogue.choosers:  # generated guides: not among the hand-written `pages`
        text = " ".join(RECORD_LINK.sub(r"\1", p) for s in chooser.situations for p in (s.heading, *s.points))
        pages = [*pages, (chooser.url, chooser.title, f"{chooser.intro} {text}")]
    for url, title, text in pages:
        docs.append({"u": url, "t": title, "k": "Guide", "s": text[:160], "aka": "", "body": text, "where": ""})
    for category in catalogue.categories.values():
        docs.append(
            {
                "u": f"categories/{category.id}/",
                "t": category.name,
                "k": "Type of service",
                "s": category.description,
                "aka": category.id.replace("-", " "),
                "body": category.description,
                "where": "",
            }
        )
    for area in catalogue.areas.values():
        docs.append(
            {
                "u": f"areas/{area.id}/",
                "t": f"Services in {area.name}",
                "k": "Area",
                "s": f"Domestic abuse and sexual violence services in {area.name}.",
                "aka": area.name,
                "body": "",
                "where": " ".join(a.name for a in area.ancestors()),
            }
        )
    return docs


def shard_of(area: Area) -> str:
    """The shard a service listed for `area` goes in: its region, or national."""
    for place in [area, *area.ancestors()]:
        if place.level == "region":
            return place.id
    return NATIONAL_SHARD


def service_document(record: Record, catalogue: Catalogue) -> dict[str, Any]:
    """A service as search and the filters see it (short keys: 10,000 of these may be fetched).

    t name, o organisation, s summary, c categories, a areas, f who it is for, n NRPF accepted,
    l languages, h open 24 hours, r self-referral, p first phone, k category names, w places.
    """
    data = record.data
    contact = data["contact"]
    eligibility = data.get("eligibility") or {}
    phones = contact.get("phones") or []
    areas = [catalogue.areas[a] for a in data["areas"]]
    return {
        "u": record.url,
        "t": record.name,
        "o": data["organisation"],
        "s": data["summary"],
        "c": data["categories"],
        "a": data["areas"],
        "f": eligibility.get("for") or ["everyone"],
        "n": bool(eligibility.get("nrpf_accepted")),
        "l": [language.lower() for language in data.get("languages") or []],
        "h": bool(contact.get("open_24_7")),
        "r": bool(data["referral"]["self"]),
        "p": phones[0]["number"] if phones else "",
        "k": " ".join(catalogue.categories[c].name for c in data["categories"]),
        "w": " ".join(sorted({p.name for a in areas for p in [a, *a.ancestors()]})),
    }


INDEXED_ONLY = ("aka", "kind", "where", "body")


def _builder() -> Builder:
    """lunr's pipeline without the stemmer: a typo then stays one edit from the word it meant
    ("occupaton" finds "occupation"; stemmed, they would be "occupaton" and "occup")."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter)
    return builder


def _index(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """A lunr index over `docs` (ref = position) with the stored fields kept for display."""
    if not docs:
        return {"docs": [], "index": None}
    indexed = [{"i": str(n), "title": d["t"], **{k: d.get(k, "") for k in INDEXED_ONLY}} for n, d in enumerate(docs)]
    index = lunr(ref="i", fields=FIELDS, documents=indexed, builder=_builder())
    return {"docs": [{k: v for k, v in d.items() if k not in INDEXED_ONLY} for d in docs], "index": index.serialize()}


def write_search_files(
    site_dir: Path, catalogue: Catalogue, pages: Sequence[tuple[str, str, str]], synonyms: list[Synonym]
) -> dict[str, int]:
    """Write search/core.json and one services file per shard; returns bytes per file."""
    out = site_dir / "search"
    out.mkdir(parents=True, exist_ok=True)
    shards: dict[str, list[dict[str, Any]]] = defaultdict(list)
    shards[NATIONAL_SHARD] = []
    for region in (a for a in catalogue.areas.values() if a.level == "region"):
        shards[region.id] = []
    for record in catalogue.of_type(SERVICE):
        doc = service_document(record, catalogue)
        for name in sorted({shard_of(catalogue.areas[a]) for a in record.data["areas"]}):
            shards[name].append(doc)
    sizes: dict[str, int] = {}
    for name, docs in shards.items():
        text = json.dumps({"docs": docs}, separators=(",", ":"))
        (out / f"services-{name}.json").write_text(text, encoding="utf-8")
        sizes[f"services-{name}.json"] = len(text)
    regions = {a.id: shard_of(a) for a in catalogue.areas.values()}
    core = _index(core_documents(catalogue, pages))
    core["synonyms"] = [{"words": list(s.words), "means": s.means} for s in synonyms]
    core["shards"] = {name: len(docs) for name, docs in shards.items()}
    core["areas"] = [
        {"id": a.id, "name": a.name, "shard": regions[a.id]} for a in catalogue.areas.values() if a.level != "national"
    ]
    core["loadAll"] = len(catalogue.of_type(SERVICE)) < LOAD_ALL_BELOW
    text = json.dumps(core, separators=(",", ":"))
    (out / "core.json").write_text(text, encoding="utf-8")
    sizes["core.json"] = len(text)
    return sizes
