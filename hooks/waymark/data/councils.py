"""Council homelessness routes (data/councils/*.yaml): every council's door, as service records.

Every council in the UK must help someone with nowhere safe to live (in Northern Ireland, the
Housing Executive). A route file lists, per council, only what differs: the name, the council's
own page, the numbers read on it and the sources. This module turns each entry into a service
record with `role: council-homelessness`, with the plain words around it written here once, and
holds it to every rule a hand-written service meets (the service schema, the text and phone rules,
the content rules), each problem at its line in the route file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .content import plain_english_problems
from .model import SERVICE, Record
from .places import Area
from .problems import Problem, errors_only
from .read import FieldPath, SourceFile, load_yaml
from .reuse import MEMO
from .rules import text_problems
from .schema import reference_problems, schema_problems, schema_validator

FOLDER = "councils"
ROLE = "council-homelessness"
#: The plain words every route shares, by the body that holds the duty.
SUMMARY = (
    "If you have nowhere safe to stay tonight, or you may lose your home, contact {who}. "
    "Say you are escaping abuse. They must look at your situation. They may find you somewhere to stay."
)
HOW = """\
- Call in office hours, or use the council's page below. Out of hours, use the out-of-hours number if one is shown.
- Say you are escaping domestic abuse and have nowhere safe to stay.
- You do not have to prove the abuse before you ask for help.
- If it is not safe to stay in this area, you can ask another council for help instead.
- A worker can contact the council for you, with your consent."""
NI_HOW = """\
- Call the Housing Executive, or use its page below. Out of hours, use the out-of-hours number.
- Say you are escaping domestic abuse and have nowhere safe to stay.
- You do not have to prove the abuse before you ask for help.
- A worker can contact the Housing Executive for you, with your consent."""
#: Where a route file's field lands in the service record it becomes.
_FIELD_PATHS: dict[str, FieldPath] = {
    "name": ("name",),
    "organisation": ("organisation",),
    "councils": ("areas",),
    "website": ("contact", "website"),
    "email": ("contact", "email"),
    "relay_uk": ("contact", "relay_uk"),
    "apply": ("referral", "form"),
    "last_verified": ("last_verified",),
    "sources": ("sources",),
    "not_verified": ("not_verified",),
}


def route_record(entry: dict[str, Any], areas: dict[str, Area]) -> dict[str, Any]:
    """The service record one route entry becomes."""
    nations = {n.id for a in entry["councils"] if a in areas and (n := areas[a].nation)}
    northern_ireland = nations == {"northern-ireland"}
    who = "the Housing Executive" if northern_ireland else "the council"
    phones = [dict(p) for p in entry.get("phones") or []]
    phones += [{"label": "Out of hours", **p} for p in entry.get("out_of_hours") or []]
    contact: dict[str, Any] = {"website": entry["website"]}
    if phones:
        contact["phones"] = phones
    if entry.get("email"):
        contact["email"] = entry["email"]
    if entry.get("relay_uk"):
        contact["relay_uk"] = entry["relay_uk"]
    referral: dict[str, Any] = {"self": True, "professional": True, "how": NI_HOW if northern_ireland else HOW}
    if entry.get("apply"):
        referral["form"] = entry["apply"]
    record: dict[str, Any] = {
        "name": entry["name"],
        "organisation": entry["organisation"],
        "summary": SUMMARY.format(who=who),
        "categories": ["housing"],
        "role": ROLE,
        "areas": list(entry["councils"]),
        "jurisdictions": sorted(nations) or ["england"],
        "contact": contact,
        "referral": referral,
        "eligibility": {"for": ["everyone"]},
        "last_verified": entry["last_verified"],
        "sources": entry["sources"],
    }
    if entry.get("not_verified"):
        record["not_verified"] = entry["not_verified"]
    return record


def _record_lines(src: SourceFile, index: int, entry: dict[str, Any]) -> dict[FieldPath, int]:
    """The route file's line of each value, at the path it has in the service record."""
    entry_line = src.line_of((index,))
    lines: dict[FieldPath, int] = {(): entry_line}
    phones = len(entry.get("phones") or [])
    for path, line in src.lines.items():
        if len(path) < 2 or path[0] != index or not isinstance(path[1], str):
            continue
        field, rest = path[1], path[2:]
        if field == "phones":
            lines[("contact", "phones", *rest)] = line
        elif field == "out_of_hours" and rest and isinstance(rest[0], int):
            lines[("contact", "phones", phones + rest[0], *rest[1:])] = line
        elif field in _FIELD_PATHS:
            lines[(*_FIELD_PATHS[field], *rest)] = line
    return lines


def _routes_in(
    path: Path, shown_path: str, schema_dir: Path, areas: dict[str, Area], today: dt.date
) -> tuple[list[tuple[str, SourceFile]], list[Problem]]:
    """The routes of one file, each as (id, its service record's source), and the file's problems."""
    routes: list[tuple[str, SourceFile]] = []
    src, problems = load_yaml(path, shown_path)
    if src.data is None:
        return routes, problems
    schema = schema_problems(src, path.stem, schema_validator(schema_dir, FOLDER))
    problems += schema
    if errors_only(schema) or not isinstance(src.data, list):
        return routes, problems
    for index, entry in enumerate(src.data):
        record_id = entry["id"]
        record_src = SourceFile(path, shown_path, route_record(entry, areas), _record_lines(src, index, entry))
        problems += reference_problems(record_src, record_id, "areas", "a council in data/areas.yaml", areas)
        problems += schema_problems(record_src, record_id, schema_validator(schema_dir, SERVICE.name))
        problems += text_problems(record_src, record_id, SERVICE, today)
        problems += plain_english_problems(record_src, record_id)
        routes.append((record_id, record_src))
    return routes, problems


def read_council_routes(
    data_dir: Path, schema_dir: Path, areas: dict[str, Area], today: dt.date, context: tuple[str, ...] = ()
) -> tuple[dict[str, Record], list[Problem]]:
    """Every route in data/councils/, as service records, and every problem in them.

    A file's routes are reused while its bytes and `context` (what else they depend on: the areas,
    the schemas, the date) are those of the last load (`reuse.MEMO`).
    """
    records: dict[str, Record] = {}
    problems: list[Problem] = []
    folder = data_dir / FOLDER
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    shown = [path.relative_to(data_dir.parent).as_posix() for path in paths]

    def check(todo: list[int]) -> list[tuple[list[tuple[str, SourceFile]], list[Problem]]]:
        return [_routes_in(paths[i], shown[i], schema_dir, areas, today) for i in todo]

    checked = MEMO.reused_many(paths, (*context, FOLDER), check)
    for shown_path, (routes, file_problems) in zip(shown, checked, strict=True):
        problems += file_problems
        for record_id, record_src in routes:
            if record_id in records:
                where = record_src.line_of(())
                problems.append(
                    Problem(shown_path, where, record_id, "id", "an id used once", "a second route with it")
                )
            records[record_id] = Record(SERVICE, record_id, record_src.data, record_src)
    return records, problems
