"""The referral sheet: its page, and the facts it prints, written beside it as data.

A worker picks services and options on `/sheet/`; the page prints them on one or two A4 pages or
copies them as text. The selection lives only in the page's memory: nothing is stored, nothing is
sent. So that picking makes no request, the page loads its data when it opens:

- `sheet/options.json`: every order, housing duty, NRPF route and support option, with what the
  sheet prints (summary, time limit, where to start, last checked) and the words the picker
  matches (name, abbreviations).
- `sheet/services-<shard>.json`: the services of one search shard (features/search/index.py
  decides the shards), with every number, the hours, the referral route, who it is for (with
  NRPF) and when the details were last checked.

`SHEET_KEYS` is the one definition of those keys; sheet.js reads them and repeats nothing else.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from ...data.model import AUDIENCES, JURISDICTIONS, LEGAL_TYPES, STATUS_LABELS, Record, kind_label
from ...data.phones import sms_href, tel_href
from ...i18n import _
from ...render.feature import Keep, made_now
from ...render.renderer import Renderer, join_names, long_date
from ...render.shards import LOAD_ALL_BELOW, NATIONAL_SHARD, plain_text, service_shards, shard_of, write_json

FOLDER = "sheet"
#: What each key of a sheet entry holds.
SHEET_KEYS = {
    "id": "record id",
    "u": "page address",
    "t": "name",
    "x": "other names the picker matches (organisation, abbreviations)",
    "w": "the places a service covers, which the picker matches too (its areas, and the councils in a county)",
    "k": "what it is (kind of order, housing duty, service...)",
    "s": "plain summary (options)",
    "ph": "phones: [number, label, hours, free, tel: link]",
    "tx": "text numbers: [number, label, hours, sms: link]",
    "hr": "opening hours, as people write them",
    "h": "open 24 hours",
    "ref": "referral: [you can contact it yourself, workers can refer, how (plain text), form address]",
    "el": "who it is for: [groups, age, NRPF: true, false or null when the record does not say]",
    "tl": "deadline or time limit, if any (options)",
    "ws": "where to start (options)",
    "j": "where the law applies (options)",
    "st": "status label when not simply in force (options)",
    "ck": "last checked, e.g. 1 December 2026",
}


def _age(eligibility: dict[str, Any]) -> str:
    low, high = eligibility.get("min_age"), eligibility.get("max_age")
    if low is None and high is None:
        return ""
    if high is None:
        return _("{low} and over", low=low)
    if low is None:
        return _("up to {high}", high=high)
    return _("{low} to {high}", low=low, high=high)


#: How much of a service's referral route the sheet prints (whole sentences; the rest is on its page).
REFERRAL_LIMIT = 320
_HEADING_END = re.compile(r"</h[1-6]>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|li)>", re.IGNORECASE)


def excerpt(html: str, limit: int = REFERRAL_LIMIT) -> str:
    """Whole sentences of an HTML fragment, at most `limit` characters; headings end with a colon."""
    text = plain_text(_BLOCK_END.sub(". ", _HEADING_END.sub(": ", html)), 10 * limit)
    text = re.sub(r"\s+([.:;,])", r"\1", text)
    text = re.sub(r"([.:?!])([.:])+", r"\1", text).strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("; ", 0, limit))
    return (text[: cut + 1] if cut > 0 else text[:limit].rsplit(" ", 1)[0]) + " " + _("(More on the web page.)")


#: Levels whose places inside are named too ("Leeds SARC" finds the West Yorkshire SARC); a region
#: or nation holds too many places to list.
NAMES_INSIDE = ("county", "local-authority")


def places_named(record: Record, renderer: Renderer) -> list[str]:
    """The places a worker may type to find a service: its areas, and the councils inside a county it covers."""
    areas = [renderer.catalogue.areas[a] for a in record.data["areas"]]
    inside = [d for a in areas if a.level in NAMES_INSIDE for d in a.descendants()]
    return list(dict.fromkeys(a.name for a in [*areas, *inside]))


def sheet_service(record: Record, renderer: Renderer) -> dict[str, Any]:
    """What the sheet prints for one service (keys: SHEET_KEYS)."""
    data = record.data
    contact = data["contact"]
    referral = data["referral"]
    eligibility = data.get("eligibility") or {}
    checked = record.checked_on
    return {
        "id": record.id,
        "u": record.url,
        "t": record.name,
        "x": data["organisation"],
        "w": " ".join(places_named(record, renderer)),
        "k": _("Service"),
        "ph": [
            [p["number"], p.get("label", ""), p.get("hours", ""), bool(p.get("free")), tel_href(p["number"])]
            for p in contact.get("phones") or []
        ],
        "tx": [
            [t["number"], t.get("label", ""), t.get("hours", ""), sms_href(t["number"])]
            for t in contact.get("texts") or []
        ],
        "hr": contact.get("hours", ""),
        "h": bool(contact.get("open_24_7")),
        "ref": [
            bool(referral.get("self")),
            bool(referral.get("professional")),
            excerpt(str(renderer.markdown(referral.get("how"), ""))),
            referral.get("form", ""),
        ],
        "el": [
            [_(AUDIENCES.get(a, a)) for a in eligibility.get("for") or []],
            _age(eligibility),
            eligibility.get("nrpf_accepted"),
        ],
        "ck": long_date(checked) if checked else "",
    }


def sheet_option(record: Record) -> dict[str, Any]:
    """What the sheet prints for one order, housing duty, NRPF route or support option."""
    data = record.data
    checked = record.checked_on
    return {
        "id": record.id,
        "u": record.url,
        "t": record.name,
        "x": " ".join(data.get("abbreviations") or []),
        "k": _(kind_label(record)),
        "s": data["summary"],
        "tl": data.get("time_limit", ""),
        "ws": data.get("where_to_start", ""),
        "j": join_names([JURISDICTIONS[j] for j in JURISDICTIONS if j in data["jurisdictions"]]),
        "st": _(STATUS_LABELS.get(data.get("status", ""), "")) if data.get("status") in STATUS_LABELS else "",
        "ck": long_date(checked) if checked else "",
    }


def write_sheet_files(site_dir: Path, renderer: Renderer, keep: Keep = made_now) -> dict[str, int]:
    """Write sheet/options.json and one services file per shard; returns bytes per file. Each
    service's entry is its own, so `keep` may give back one an earlier build made (render/feature.py)."""
    catalogue = renderer.catalogue
    out = site_dir / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    options = [sheet_option(r) for rtype in LEGAL_TYPES for r in catalogue.of_type(rtype)]
    shards = service_shards(catalogue)
    entries = {
        r.id: keep(f"sheet:{r.id}", partial(sheet_service, r, renderer)) for records in shards.values() for r in records
    }
    sizes = {
        f"services-{name}.json": write_json(out / f"services-{name}.json", [entries[r.id] for r in records])
        for name, records in shards.items()
    }
    sizes["options.json"] = write_json(
        out / "options.json",
        {
            "options": options,
            "shards": sorted(shards),
            "wideShard": NATIONAL_SHARD,
            "loadAll": len(catalogue.services) < LOAD_ALL_BELOW,
        },
    )
    return sizes


def sheet_page(renderer: Renderer, root: str) -> str:
    """The /sheet/ page: the picker, the sheet, and how to print or copy it."""
    catalogue = renderer.catalogue
    region = renderer.settings.region
    start = catalogue.areas.get(region.area) if region.area else None
    return renderer.render(
        "sheet.html",
        root,
        report=renderer.report_href("referral-sheet", "sheet/", "Referral sheet"),
        start_shard=shard_of(start) if start else "",
        # Big directories load services one shard at a time: these are the shards, by place name.
        places=[a for a in renderer.area_list() if shard_of(a) == a.id],
    )
