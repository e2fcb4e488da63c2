"""Open Referral UK (HSDS 3.0 UK profile): export the directory as ORUK JSON, import ORUK JSON.

Export writes one ORUK "page" of full service objects, each with its organisation, contacts,
phones, schedules (opening hours as text), service areas, languages, locations and taxonomy terms.
Identifiers are UUIDs derived from Waymark ids (uuid5), so the same data always exports the
same file. A refuge never gets a location or address (and Waymark holds none for it).

Waymark facts that HSDS has no field for travel as `attributes` whose taxonomy term belongs to a
`waymark-*` taxonomy (category, eligibility, referral, helps-with, source, jurisdiction); other
readers ignore them, and Waymark's import reads them back, so export → import is lossless.

Import turns each service of an ORUK file into a Waymark record and checks it like any record
(schema, refuge rule, known ids). Problems are reported per service; if any, nothing is written.
Facts a foreign feed lacks (for example who can refer) are reported as missing, never guessed.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .loader import SourceFile
from .model import Record
from .sheets import RowProblem, SheetError, save_records, service_problems, slug
from .validate import ID_PATTERN

NAMESPACE = uuid.UUID("6b1d2a52-9a0e-5c3b-8f43-0c5b8f2f7a10")  # Waymark's uuid5 namespace
TAXONOMY = "waymark"


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


def service_to_oruk(record: Record, catalogue: Catalogue, site_url: str = "") -> dict[str, Any]:
    """One Waymark service as a full ORUK service object."""
    d = record.data
    sid = oruk_id("service", record.id)
    contact = d.get("contact") or {}
    referral = d.get("referral") or {}
    eligibility = d.get("eligibility") or {}
    org_name = d["organisation"]
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": oruk_id("organisation", org_name),
        "name": d["name"],
        "description": d.get("description") or d["summary"],
        "status": "active",
        "assured_date": d["last_verified"],
        "organization": {
            "id": oruk_id("organisation", org_name),
            "name": org_name,
            "description": f"{org_name} runs {d['name']}.",
        },
    }
    if site_url:
        service["url"] = site_url.rstrip("/") + "/" + record.url
    elif contact.get("website"):
        service["url"] = contact["website"]
    if contact.get("email"):
        service["email"] = contact["email"]
    for key, field in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
        if key in eligibility:
            service[field] = eligibility[key]
    phones = [("phone", p) for p in contact.get("phones", [])] + [("text", p) for p in contact.get("texts", [])]
    service["phones"] = [
        {
            "id": oruk_id("phone", record.id, kind, str(i)),
            "service_id": sid,
            "number": p["number"],
            "type": "voice" if kind == "phone" else "sms",
            "description": " · ".join(x for x in (p.get("label"), p.get("hours")) if x),
        }
        for i, (kind, p) in enumerate(phones)
    ]
    if contact.get("hours"):
        service["schedules"] = [
            {"id": oruk_id("schedule", record.id), "service_id": sid, "description": contact["hours"]}
        ]
    service["service_areas"] = [
        {
            "id": oruk_id("area", record.id, area_id),
            "service_id": sid,
            "name": catalogue.areas[area_id].name,
            "uri": f"urn:waymark:area:{area_id}",
        }
        for area_id in d["areas"]
    ]
    service["languages"] = [
        {"id": oruk_id("language", record.id, name), "service_id": sid, "name": name} for name in d.get("languages", [])
    ]
    if contact.get("website") or contact.get("webchat"):
        service["contacts"] = [
            {
                "id": oruk_id("contact", record.id),
                "service_id": sid,
                "name": org_name,
                **({"email": contact["email"]} if contact.get("email") else {}),
            }
        ]
    address = d.get("address")
    if address and "refuge" not in d["categories"]:  # the schema already forbids refuge addresses
        location_id = oruk_id("location", record.id)
        nation = next((a.name for a in _nations(catalogue, d["areas"])), "England")
        service["service_at_locations"] = [
            {
                "id": oruk_id("service_at_location", record.id),
                "service_id": sid,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": d["name"],
                    "addresses": [
                        {
                            "id": oruk_id("address", record.id),
                            "location_id": location_id,
                            "address_1": address.get("street", ""),
                            "city": address.get("town", ""),
                            "state_province": nation,
                            "postal_code": address.get("postcode", ""),
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ]
    attributes = [_term(record.id, "category", c, catalogue.categories[c].name) for c in d["categories"]]
    attributes += [_term(record.id, "jurisdiction", j) for j in d["jurisdictions"]]
    attributes += [_term(record.id, "eligibility", e) for e in eligibility.get("for", [])]
    attributes += [_term(record.id, "helps-with", h) for h in d.get("helps_with", [])]
    attributes += [_term(record.id, "accessibility", a) for a in d.get("accessibility", [])]
    flags = {
        "self-referral": referral.get("self"),
        "professional-referral": referral.get("professional"),
        "nrpf-accepted": eligibility.get("nrpf_accepted"),
        "open-24-7": contact.get("open_24_7"),
    }
    attributes += [_term(record.id, "flag", f"{k}={'yes' if v else 'no'}") for k, v in flags.items() if v is not None]
    attributes += [_term(record.id, "source", s["title"], s["title"], s["url"]) for s in d["sources"]]
    # Text fields HSDS has no place for, kept whole so import loses nothing.
    extra = {
        "summary": d["summary"],
        "website": contact.get("website"),
        "webchat": contact.get("webchat"),
        "referral_how": referral.get("how"),
        "referral_form": referral.get("form"),
        "eligibility_notes": eligibility.get("notes"),
        "phones": contact.get("phones"),
        "texts": contact.get("texts"),
        "schedule": contact.get("schedule"),
        "relay_uk": contact.get("relay_uk"),
        "bsl": contact.get("bsl"),
        "interpreters": d.get("interpreters"),
        "confidential_location": d.get("confidential_location"),
        "not_verified": d.get("not_verified"),
        "record_id": record.id,
    }
    attributes.append(_term(record.id, "record", json.dumps({k: v for k, v in extra.items() if v}, sort_keys=True)))
    service["attributes"] = attributes
    return service


def _nations(catalogue: Catalogue, area_ids: list[str]) -> list[Any]:
    out = []
    for area_id in area_ids:
        area = catalogue.areas[area_id]
        chain = [area, *area.ancestors()]
        out += [a for a in chain if a.level == "nation"]
    return out


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
    sentences = re.split(r"(?<=[.!?])\s+", plain)
    out = ""
    for sentence in sentences:
        if len(out) + len(sentence) + 1 > 300:
            break
        out = f"{out} {sentence}".strip()
    return out or plain[:297].rstrip() + "…"


def oruk_to_record(service: dict[str, Any], catalogue: Catalogue) -> tuple[str, dict[str, Any]]:
    """A Waymark (id, record) for one ORUK service; facts the feed lacks stay missing."""
    terms: dict[str, list[dict[str, Any]]] = {}
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        taxonomy = str(term.get("taxonomy", ""))
        if taxonomy.startswith(TAXONOMY + "-"):
            terms.setdefault(taxonomy.removeprefix(TAXONOMY + "-"), []).append(term)
    values = {k: [str(t.get("term", "")) for t in v] for k, v in terms.items()}
    extra: dict[str, Any] = json.loads(values["record"][0]) if values.get("record") else {}
    flags = dict(f.split("=", 1) for f in values.get("flag", []) if "=" in f)

    def flag(name: str) -> bool | None:
        return None if name not in flags else flags[name] == "yes"

    description = str(service.get("description") or "")
    data: dict[str, Any] = {
        "name": service.get("name"),
        "organisation": (service.get("organization") or {}).get("name"),
        "summary": extra.get("summary") or _summary_of(description),
    }
    if description and description != data["summary"]:
        data["description"] = description
    data["categories"] = values.get("category", [])
    areas = []
    for area in service.get("service_areas") or []:
        uri = str(area.get("uri") or "")
        if uri.startswith("urn:waymark:area:"):
            areas.append(uri.removeprefix("urn:waymark:area:"))
        else:
            named = [a.id for a in catalogue.areas.values() if a.name.lower() == str(area.get("name", "")).lower()]
            areas.append(named[0] if named else str(area.get("name") or area.get("service_area") or ""))
    data["areas"] = areas
    data["jurisdictions"] = values.get("jurisdiction") or sorted(
        {a.id for area_id in areas if area_id in catalogue.areas for a in _nations(catalogue, [area_id])}
    )
    contact: dict[str, Any] = {}
    if extra.get("phones") or extra.get("texts"):
        contact.update({k: extra[k] for k in ("phones", "texts") if extra.get(k)})
    else:
        phones = [{"number": p["number"]} for p in service.get("phones") or [] if p.get("type") != "sms"]
        texts = [{"number": p["number"]} for p in service.get("phones") or [] if p.get("type") == "sms"]
        contact.update({k: v for k, v in (("phones", phones), ("texts", texts)) if v})
    if service.get("email"):
        contact["email"] = service["email"]
    website = extra.get("website") or (service.get("url") if not extra else None)
    if website:
        contact["website"] = website
    if extra.get("webchat"):
        contact["webchat"] = extra["webchat"]
    schedules = [s.get("description") for s in service.get("schedules") or [] if s.get("description")]
    if schedules:
        contact["hours"] = "; ".join(schedules)
    for key in ("schedule", "relay_uk", "bsl"):
        if extra.get(key):
            contact[key] = extra[key]
    if flag("open-24-7") is not None:
        contact["open_24_7"] = flag("open-24-7")
    data["contact"] = contact
    referral: dict[str, Any] = {}
    for key, name in (("self", "self-referral"), ("professional", "professional-referral")):
        if flag(name) is not None:
            referral[key] = flag(name)
    if extra.get("referral_how"):
        referral["how"] = extra["referral_how"]
    if extra.get("referral_form"):
        referral["form"] = extra["referral_form"]
    data["referral"] = referral
    eligibility: dict[str, Any] = {}
    if values.get("eligibility"):
        eligibility["for"] = values["eligibility"]
    for key, field in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
        if service.get(field) is not None:
            eligibility[key] = int(service[field])
    if flag("nrpf-accepted") is not None:
        eligibility["nrpf_accepted"] = flag("nrpf-accepted")
    if extra.get("eligibility_notes"):
        eligibility["notes"] = extra["eligibility_notes"]
    if eligibility:
        data["eligibility"] = eligibility
    languages = [str(lang["name"]) for lang in service.get("languages") or [] if lang.get("name")]
    if languages:
        data["languages"] = languages
    for key in ("interpreters", "confidential_location", "not_verified"):
        if extra.get(key) is not None:
            data[key] = extra[key]
    if values.get("accessibility"):
        data["accessibility"] = values["accessibility"]
    if values.get("helps-with"):
        data["helps_with"] = values["helps-with"]
    for sal in service.get("service_at_locations") or []:
        for address in (sal.get("location") or {}).get("addresses") or []:
            data["address"] = {
                k: v
                for k, v in (
                    ("street", address.get("address_1")),
                    ("town", address.get("city")),
                    ("postcode", address.get("postal_code")),
                )
                if v
            }
            break
    if service.get("assured_date"):
        data["last_verified"] = str(service["assured_date"])[:10]
    sources = [{"title": t.get("name", ""), "url": t.get("term_uri", "")} for t in terms.get("source", [])]
    if sources:
        data["sources"] = sources
    data = {k: v for k, v in data.items() if v not in (None, "", [], {})}
    record_id = extra.get("record_id") or slug(str(service.get("name") or ""))
    return str(record_id), data


def import_oruk(path: Path, catalogue: Catalogue, dry_run: bool = False) -> tuple[list[str], list[str], list[str]]:
    """Check every service in an ORUK JSON file; if all are good, write their records.

    Accepts a page (`{"contents": [...]}`), a list of services, or one service. Returns the ids
    (created, updated, unchanged). Raises SheetError (problems by service number) and writes
    nothing if any service has a problem.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    services = raw.get("contents", [raw]) if isinstance(raw, dict) else raw
    problems: list[RowProblem] = []
    records: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for number, service in enumerate(services, start=1):
        record_id, data = oruk_to_record(service, catalogue)
        label = f"{service.get('name', '?')}"
        if not ID_PATTERN.match(record_id) or record_id in seen:
            problems.append(
                RowProblem(number, "id", "a new id of lowercase words and hyphens", repr(record_id), "", "service")
            )
        seen.add(record_id)
        src = SourceFile(path, f"{path.name} service {number}", data)
        found = service_problems(src, record_id, catalogue)
        problems += [RowProblem(number, f"{label}: {p.field}", p.expected, p.found, p.hint, "service") for p in found]
        records.append((record_id, data))
    if problems:
        raise SheetError(path.name, problems)
    return save_records(records, catalogue, dry_run)
