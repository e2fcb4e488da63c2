"""Open Referral UK (HSDS 3.0 UK profile): export the directory as ORUK JSON, import ORUK JSON.

Export writes one ORUK "page" of full service objects, each with its organisation, contacts,
phones, schedules (opening hours as text), service areas, languages, locations and taxonomy terms.
Identifiers are UUIDs derived from Waymark ids (uuid5), so the same data always exports the
same file. A confidential location (every refuge) never gets a location or address.

How each Waymark field travels is written once, in the tables below, and read both ways:
- `PLAIN`: a top-level ORUK field <-> one record field;
- `TERMS`: a list in the record <-> `waymark-<taxonomy>` taxonomy terms (other readers ignore them);
- `FLAGS`: a yes/no in the record <-> a `waymark-flag` term `name=yes|no`;
- `WHOLE`: fields HSDS has no place for, carried whole in one `waymark-record` term.
So export -> import is lossless.

Import first checks each service's shape against `FEED_SCHEMA` (what this importer reads), then
turns it into a Waymark record and checks it like any record (schema, rules, known ids). Every
problem is reported with the service's position; nothing is written unless all are good. Facts a
foreign feed lacks (for example who can refer) are reported as missing, never guessed.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from ..data.catalogue import Catalogue
from ..data.model import Record
from ..data.places import Area
from ..data.read import FieldPath, SourceFile, flow_depth, put_at, read_text, value_at
from ..data.schema import id_problem
from .service_import import ImportProblem, ImportRefused, save_records, service_problems, slug

NAMESPACE = uuid.UUID("6b1d2a52-9a0e-5c3b-8f43-0c5b8f2f7a10")  # Waymark's uuid5 namespace
TAXONOMY = "waymark"
AREA_URI = "urn:waymark:area:"
MAX_DEPTH = 64

PLAIN: tuple[tuple[str, FieldPath], ...] = (
    ("name", ("name",)),
    ("email", ("contact", "email")),
    ("minimum_age", ("eligibility", "min_age")),
    ("maximum_age", ("eligibility", "max_age")),
    ("assured_date", ("last_verified",)),
)
TERMS: tuple[tuple[str, FieldPath], ...] = (
    ("category", ("categories",)),
    ("jurisdiction", ("jurisdictions",)),
    ("eligibility", ("eligibility", "for")),
    ("helps-with", ("helps_with",)),
    ("accessibility", ("accessibility",)),
)
FLAGS: tuple[tuple[str, FieldPath], ...] = (
    ("self-referral", ("referral", "self")),
    ("professional-referral", ("referral", "professional")),
    ("nrpf-accepted", ("eligibility", "nrpf_accepted")),
    ("open-24-7", ("contact", "open_24_7")),
)
WHOLE: tuple[tuple[str, FieldPath], ...] = (
    ("summary", ("summary",)),
    ("role", ("role",)),
    ("website", ("contact", "website")),
    ("webchat", ("contact", "webchat")),
    ("phones", ("contact", "phones")),
    ("texts", ("contact", "texts")),
    ("schedule", ("contact", "schedule")),
    ("relay_uk", ("contact", "relay_uk")),
    ("bsl", ("contact", "bsl")),
    ("referral_how", ("referral", "how")),
    ("referral_form", ("referral", "form")),
    ("eligibility_notes", ("eligibility", "notes")),
    ("interpreters", ("interpreters",)),
    ("confidential_location", ("confidential_location",)),
    ("not_verified", ("not_verified",)),
)

_TEXT = {"type": "string"}


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


#: The parts of an ORUK service this importer reads, and their types. Anything else is ignored.
FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": _TEXT,
        "description": _TEXT,
        "email": _TEXT,
        "url": _TEXT,
        "assured_date": _TEXT,
        "minimum_age": {"type": "integer", "minimum": 0, "maximum": 120},
        "maximum_age": {"type": "integer", "minimum": 0, "maximum": 120},
        "organization": {"type": "object", "properties": {"name": _TEXT}},
        "phones": _list_of({"type": "object", "required": ["number"], "properties": {"number": _TEXT, "type": _TEXT}}),
        "schedules": _list_of({"type": "object", "properties": {"description": _TEXT}}),
        "service_areas": _list_of({"type": "object", "properties": {"name": _TEXT, "uri": _TEXT}}),
        "languages": _list_of({"type": "object", "properties": {"name": _TEXT}}),
        "attributes": _list_of(
            {
                "type": "object",
                "properties": {
                    "taxonomy_term": {
                        "type": "object",
                        "properties": {"taxonomy": _TEXT, "term": _TEXT, "name": _TEXT, "term_uri": _TEXT},
                    }
                },
            }
        ),
        "service_at_locations": _list_of(
            {
                "type": "object",
                "properties": {
                    "location": {
                        "type": "object",
                        "properties": {
                            "addresses": _list_of(
                                {
                                    "type": "object",
                                    "properties": {"address_1": _TEXT, "city": _TEXT, "postal_code": _TEXT},
                                }
                            )
                        },
                    }
                },
            }
        ),
    },
}
_FEED = Draft202012Validator(FEED_SCHEMA)


def oruk_id(kind: str, *parts: str) -> str:
    """A stable UUID for a Waymark thing (`kind` names what it is: service, phone, area…)."""
    return str(uuid.uuid5(NAMESPACE, ":".join((kind, *parts))))


def _term(record_id: str, taxonomy: str, value: str, name: str = "", uri: str = "") -> dict[str, Any]:
    term: dict[str, Any] = {
        "id": oruk_id("term", taxonomy, value),
        "name": name or value,
        "description": f"{taxonomy}: {value}",
        "taxonomy": f"{TAXONOMY}-{taxonomy}",
        "term": value,
    }
    if uri:
        term["term_uri"] = uri
    return {
        "id": oruk_id("attribute", record_id, taxonomy, value),
        "link_id": oruk_id("service", record_id),
        "link_type": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def _nation_of(areas: list[Area]) -> str:
    return next((n.name for n in (a.nation for a in areas) if n is not None), "England")


def service_to_oruk(record: Record, catalogue: Catalogue, site_url: str = "") -> dict[str, Any]:
    """One Waymark service as a full ORUK service object."""
    d, rid = record.data, record.id
    sid = oruk_id("service", rid)
    contact = d.get("contact") or {}
    org = d["organisation"]
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": oruk_id("organisation", org),
        "description": d.get("description") or d["summary"],
        "status": "active",
        "organization": {"id": oruk_id("organisation", org), "name": org, "description": f"{org} runs {d['name']}."},
    }
    service.update({field: value_at(d, path) for field, path in PLAIN if value_at(d, path) is not None})
    url = site_url.rstrip("/") + "/" + record.url if site_url else contact.get("website")
    if url:
        service["url"] = url
    phones = [("voice", p) for p in contact.get("phones", [])] + [("sms", p) for p in contact.get("texts", [])]
    service["phones"] = [
        {
            "id": oruk_id("phone", rid, "phone" if kind == "voice" else "text", str(i)),
            "service_id": sid,
            "number": p["number"],
            "type": kind,
            "description": " · ".join(x for x in (p.get("label"), p.get("hours")) if x),
        }
        for i, (kind, p) in enumerate(phones)
    ]
    if contact.get("hours"):
        service["schedules"] = [{"id": oruk_id("schedule", rid), "service_id": sid, "description": contact["hours"]}]
    areas = [catalogue.areas[a] for a in d["areas"]]
    service["service_areas"] = [
        {"id": oruk_id("area", rid, a.id), "service_id": sid, "name": a.name, "uri": AREA_URI + a.id} for a in areas
    ]
    service["languages"] = [
        {"id": oruk_id("language", rid, name), "service_id": sid, "name": name} for name in d.get("languages", [])
    ]
    if contact.get("website") or contact.get("webchat"):
        email = {"email": contact["email"]} if contact.get("email") else {}
        service["contacts"] = [{"id": oruk_id("contact", rid), "service_id": sid, "name": org, **email}]
    address = d.get("address")
    if address and not d.get("confidential_location") and "refuge" not in d["categories"]:
        location_id = oruk_id("location", rid)
        service["service_at_locations"] = [
            {
                "id": oruk_id("service_at_location", rid),
                "service_id": sid,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": d["name"],
                    "addresses": [
                        {
                            "id": oruk_id("address", rid),
                            "location_id": location_id,
                            "address_1": address.get("street", ""),
                            "city": address.get("town", ""),
                            "state_province": _nation_of(areas),
                            "postal_code": address.get("postcode", ""),
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ]
    names = {"category": {c: catalogue.categories[c].name for c in d["categories"]}}
    attributes = [
        _term(rid, taxonomy, value, names.get(taxonomy, {}).get(value, ""))
        for taxonomy, path in TERMS
        for value in value_at(d, path) or []
    ]
    attributes += [
        _term(rid, "flag", f"{flag}={'yes' if value_at(d, path) else 'no'}")
        for flag, path in FLAGS
        if value_at(d, path) is not None
    ]
    attributes += [_term(rid, "source", s["title"], s["title"], s["url"]) for s in d["sources"]]
    whole = {key: value_at(d, path) for key, path in WHOLE if value_at(d, path) not in (None, "", [])}
    attributes.append(_term(rid, "record", json.dumps({**whole, "record_id": rid}, sort_keys=True)))
    service["attributes"] = attributes
    return service


def export_oruk(catalogue: Catalogue, site_url: str = "") -> dict[str, Any]:
    """The whole directory as one ORUK page of full services."""
    services = [service_to_oruk(r, catalogue, site_url) for r in sorted(catalogue.services, key=lambda r: r.id)]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


# ---------------------------------------------------------------- import


def _summary_of(text: str) -> str:
    """Plain first sentences of a description, at most 300 characters."""
    plain = re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", text).strip()
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", plain):
        if len(out) + len(sentence) + 1 > 300:
            break
        out = f"{out} {sentence}".strip()
    return out or plain[:297].rstrip() + "…"


def _area_id(area: dict[str, Any], catalogue: Catalogue) -> str:
    uri = str(area.get("uri") or "")
    if uri.startswith(AREA_URI):
        return uri.removeprefix(AREA_URI)
    name = str(area.get("name") or "")
    return next((a.id for a in catalogue.areas.values() if a.name.lower() == name.lower()), name)


def oruk_to_record(service: dict[str, Any], catalogue: Catalogue) -> tuple[str, dict[str, Any]]:
    """A Waymark (id, record) for one ORUK service (already checked against FEED_SCHEMA)."""
    terms: dict[str, list[dict[str, Any]]] = {}
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        taxonomy = str(term.get("taxonomy", ""))
        if taxonomy.startswith(TAXONOMY + "-"):
            terms.setdefault(taxonomy.removeprefix(TAXONOMY + "-"), []).append(term)
    values = {k: [str(t.get("term", "")) for t in v] for k, v in terms.items()}
    try:
        whole = json.loads(values["record"][0]) if values.get("record") else {}
    except ValueError:
        whole = {}
    whole = whole if isinstance(whole, dict) else {}
    flags = dict(f.split("=", 1) for f in values.get("flag", []) if "=" in f)

    data: dict[str, Any] = {}
    for field, path in PLAIN:
        if service.get(field) not in (None, ""):
            put_at(data, path, str(service[field])[:10] if field == "assured_date" else service[field])
    data["organisation"] = (service.get("organization") or {}).get("name")
    description = str(service.get("description") or "")
    data["summary"] = whole.get("summary") or _summary_of(description)
    if description and description != data["summary"]:
        data["description"] = description
    for taxonomy, path in TERMS:
        if values.get(taxonomy):
            put_at(data, path, values[taxonomy])
    data["areas"] = [_area_id(area, catalogue) for area in service.get("service_areas") or []]
    if not values.get("jurisdiction"):
        nations = {a.nation for area_id in data["areas"] if (a := catalogue.areas.get(area_id)) and a.nation}
        data["jurisdictions"] = sorted(n.jurisdiction for n in nations if n is not None)
    for flag, path in FLAGS:
        if flag in flags:
            put_at(data, path, flags[flag] == "yes")
    for key, path in WHOLE:
        if whole.get(key) not in (None, "", []) and key != "summary":
            put_at(data, path, whole[key])
    if not whole.get("phones") and not whole.get("texts"):  # a foreign feed: numbers only
        for kind, key in (("voice", "phones"), ("sms", "texts")):
            found = [
                {"number": p["number"]}
                for p in service.get("phones") or []
                if (p.get("type") == "sms") == (kind == "sms")
            ]
            if found:
                put_at(data, ("contact", key), found)
    if not whole and service.get("url"):
        put_at(data, ("contact", "website"), service["url"])
    schedules = [s["description"] for s in service.get("schedules") or [] if s.get("description")]
    if schedules:
        put_at(data, ("contact", "hours"), "; ".join(schedules))
    languages = [str(lang["name"]) for lang in service.get("languages") or [] if lang.get("name")]
    if languages:
        data["languages"] = languages
    for sal in service.get("service_at_locations") or []:
        for address in (sal.get("location") or {}).get("addresses") or []:
            parts = (("street", "address_1"), ("town", "city"), ("postcode", "postal_code"))
            data["address"] = {k: address[v] for k, v in parts if address.get(v)}
            break
    sources = [{"title": t.get("name", ""), "url": t.get("term_uri", "")} for t in terms.get("source", [])]
    if sources:
        data["sources"] = sources
    data = {k: v for k, v in data.items() if v not in (None, "", [], {})}
    record_id = whole.get("record_id") or slug(str(service.get("name") or ""))
    return str(record_id), data


def read_feed(path: Path) -> list[Any]:
    """The services of an ORUK file: a page (`{"contents": [...]}`), a list, or one service."""
    text, problems = read_text(path, path.name)
    if text is None:
        raise ImportRefused(path.name, [ImportProblem(0, "", p.expected, p.found, p.hint, "file") for p in problems])
    if flow_depth(text) > MAX_DEPTH:
        raise ImportRefused(
            path.name, [ImportProblem(0, "", f"at most {MAX_DEPTH} levels of nesting", "more", "", "file")]
        )
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise ImportRefused(path.name, [ImportProblem(0, "", "valid JSON", str(err)[:80], "", "file")]) from None
    if isinstance(raw, dict) and "contents" in raw:
        raw = raw["contents"]
    services = raw if isinstance(raw, list) else [raw]
    return services


def import_oruk(path: Path, catalogue: Catalogue, dry_run: bool = False) -> tuple[list[str], list[str], list[str]]:
    """Check every service in an ORUK JSON file; if all are good, write their records.

    Returns the ids (created, updated, unchanged). Raises ImportRefused (problems by service
    number) and writes nothing if any service has a problem.
    """
    problems: list[ImportProblem] = []
    records: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for number, service in enumerate(read_feed(path), start=1):
        shape = sorted(_FEED.iter_errors(service), key=lambda e: list(e.absolute_path))
        if shape:
            for error in shape[:5]:
                where = ".".join(map(str, error.absolute_path)) or "(service)"
                problems.append(ImportProblem(number, where, "the ORUK shape", error.message[:80], "", "service"))
            continue
        record_id, data = oruk_to_record(service, catalogue)
        label = str(service.get("name") or "?")
        wrong_id = id_problem(record_id)
        if wrong_id or record_id in seen:
            expected = wrong_id or "an id used once in the file"
            problems.append(ImportProblem(number, f"{label}: id", expected, repr(record_id), "", "service"))
        seen.add(record_id)
        src = SourceFile(path, f"{path.name} service {number}", data)
        found = service_problems(src, record_id, catalogue)
        problems += [
            ImportProblem(number, f"{label}: {p.field}", p.expected, p.found, p.hint, "service") for p in found
        ]
        records.append((record_id, data))
    if problems:
        raise ImportRefused(path.name, problems)
    return save_records(records, catalogue, dry_run)
