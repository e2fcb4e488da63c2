"""Spreadsheets in and out: services as CSV or XLSX rows, one row per data/services/<id>.yaml.

Built for a small organisation whose directory lives in a spreadsheet:

- `export`: every service (or those in one area) to a sheet, one column per field (`COLUMNS`).
- `import`: a sheet back to YAML files. Every row is checked like a YAML record (schema, safe
  Markdown, refuge rule, known category/area/record ids) and each problem is reported as
  "row N, column C: expected …; found …". If any row has a problem, nothing is written. A row
  whose record already says the same thing leaves its file untouched, so re-importing a sheet
  changes nothing (the round trip).

Cells that hold several values: lists are separated by ";" (`idva; helpline`); phones, texts and
sources are one per line, with parts separated by "|":
`0808 2000 247 | Helpline | 24 hours | free` and `Contact us | https://example.org/contact`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.catalogue import Catalogue
from ..data.model import Record
from ..data.problems import shown
from ..data.read import FieldPath, SourceFile, dotted, put_at, value_at
from ..data.schema import id_problem
from .service_import import ImportProblem, ImportRefused, save_records, service_problems, slug

LIST_SEP = ";"
PART_SEP = "|"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its heading, where it goes in a record, its kind and its help."""

    name: str
    path: FieldPath
    kind: str  # text | list | bool | int | date | contacts | sources | lines | schedule
    help: str


COLUMNS: tuple[Column, ...] = (
    Column("id", (), "text", "File name and web address: lowercase words joined by hyphens. Blank: made from name."),
    Column("name", ("name",), "text", "Service name (required)."),
    Column("organisation", ("organisation",), "text", "Organisation that runs it (required)."),
    Column("summary", ("summary",), "text", "One or two plain sentences, at most 300 characters (required)."),
    Column("description", ("description",), "text", "Longer description (Markdown allowed, no HTML)."),
    Column("categories", ("categories",), "list", "Category ids from data/categories.yaml, separated by ;"),
    Column(
        "role",
        ("role",),
        "text",
        "The local door it is: council-homelessness, sarc, paediatric-sarc or rape-crisis-centre.",
    ),
    Column("areas", ("areas",), "list", "Area ids from data/areas.yaml (or national), separated by ;"),
    Column("jurisdictions", ("jurisdictions",), "list", "england; wales; scotland; northern-ireland"),
    Column("phones", ("contact", "phones"), "contacts", "One per line: number | label | hours | free"),
    Column("texts", ("contact", "texts"), "contacts", "Text numbers, one per line: number | label | hours | free"),
    Column("email", ("contact", "email"), "text", "Email address."),
    Column("website", ("contact", "website"), "text", "Web address (https://...)."),
    Column("webchat", ("contact", "webchat"), "text", "Web chat address."),
    Column("hours", ("contact", "hours"), "text", "Opening hours in words."),
    Column("schedule", ("contact", "schedule"), "schedule", "Hours as data, one line each: mon-fri 09:00-17:00"),
    Column("relay_uk", ("contact", "relay_uk"), "text", "Number to dial through Relay UK, e.g. 18001 0808 2000 247."),
    Column("bsl", ("contact", "bsl"), "text", "BSL video relay or BSL contact page (https://...)."),
    Column("open_24_7", ("contact", "open_24_7"), "bool", "yes if open 24 hours every day."),
    Column("self_referral", ("referral", "self"), "bool", "yes if people can contact it themselves (required)."),
    Column("professional_referral", ("referral", "professional"), "bool", "yes if workers can refer (required)."),
    Column("referral_how", ("referral", "how"), "text", "The referral route for workers (Markdown allowed)."),
    Column("referral_form", ("referral", "form"), "text", "Referral form address."),
    Column("for", ("eligibility", "for"), "list", "Who it is for: everyone; women; men; lgbt; black-minoritised; …"),
    Column("min_age", ("eligibility", "min_age"), "int", "Youngest age served."),
    Column("max_age", ("eligibility", "max_age"), "int", "Oldest age served."),
    Column("nrpf_accepted", ("eligibility", "nrpf_accepted"), "bool", "yes if it supports people with NRPF."),
    Column("eligibility_notes", ("eligibility", "notes"), "text", "Other eligibility notes."),
    Column("languages", ("languages",), "list", "Languages staff speak (English names), separated by ;"),
    Column("interpreters", ("interpreters",), "bool", "yes if its own sources say it uses interpreters."),
    Column("accessibility", ("accessibility",), "list", "Access options (e.g. Relay UK; BSL), separated by ;"),
    Column("helps_with", ("helps_with",), "list", "Ids of orders, housing duties, NRPF routes it helps with."),
    Column(
        "confidential_location",
        ("confidential_location",),
        "bool",
        "yes for a refuge or any service whose location must never be published.",
    ),
    Column("street", ("address", "street"), "text", "Street address. NEVER for a refuge."),
    Column("town", ("address", "town"), "text", "Town. NEVER for a refuge."),
    Column("postcode", ("address", "postcode"), "text", "Postcode. NEVER for a refuge."),
    Column("last_verified", ("last_verified",), "date", "Date a person last checked it: YYYY-MM-DD (required)."),
    Column("sources", ("sources",), "sources", "Pages checked, one per line: title | https://address (required)."),
    Column("not_verified", ("not_verified",), "lines", "Facts left out, one per line: what to check, where."),
)
HEADINGS = [c.name for c in COLUMNS]
_CONTACT_PARTS = ("number", "label", "hours", "free")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


# ---------------------------------------------------------------- records -> cells


def _contact_line(item: dict[str, Any]) -> str:
    parts = [str(item.get("number", "")), item.get("label", ""), item.get("hours", "")]
    parts.append({True: "free", False: "not free"}.get(item.get("free"), ""))  # type: ignore[arg-type]
    while parts and not parts[-1]:
        parts.pop()
    return f" {PART_SEP} ".join(parts)


def cell(column: Column, record: Record) -> Any:
    """The value a record shows in one column ("" when absent)."""
    value: Any = record.id if column.name == "id" else value_at(record.data, column.path)
    if value is None:
        return ""
    if column.kind == "list":
        return f"{LIST_SEP} ".join(str(v) for v in value)
    if column.kind == "bool":
        return "yes" if value else "no"
    if column.kind == "contacts":
        return "\n".join(_contact_line(item) for item in value)
    if column.kind == "sources":
        return "\n".join(f"{s.get('title', '')} {PART_SEP} {s.get('url', '')}" for s in value)
    if column.kind == "lines":
        return "\n".join(value)
    if column.kind == "schedule":
        return "\n".join(f"{_days_text(s['days'])} {s['opens']}-{s['closes']}" for s in value)
    return value


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _days_text(days: list[str]) -> str:
    """mon-fri for a run of days, mon,wed for others."""
    positions = sorted(DAYS.index(d) for d in days)
    if len(positions) > 2 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{DAYS[positions[0]]}-{DAYS[positions[-1]]}"
    return ",".join(DAYS[i] for i in positions)


_SCHEDULE_LINE = re.compile(r"^([a-z,-]+)\s+(\d\d:\d\d)-(\d\d:\d\d)$")


def _schedule(text: str, problems: list[tuple[str, str, str]], column: str) -> list[dict[str, Any]]:
    """Lines like "mon-fri 09:00-17:00" as schedule entries."""
    out = []
    for line in filter(None, (line.strip().lower() for line in text.split("\n"))):
        match = _SCHEDULE_LINE.match(line)
        days: list[str] = []
        for part in match.group(1).split(",") if match else []:
            first, _, last = part.partition("-")
            if first not in DAYS or (last and last not in DAYS):
                days = []
                break
            days += list(DAYS[DAYS.index(first) : DAYS.index(last or first) + 1])
        if not match or not days:
            problems.append((column, "days and hours such as mon-fri 09:00-17:00", repr(line)))
            continue
        out.append({"days": days, "opens": match.group(2), "closes": match.group(3)})
    return out


def rows_of(records: Iterable[Record]) -> Iterator[list[Any]]:
    """Heading row, then one row per record."""
    yield list(HEADINGS)
    for record in records:
        yield [cell(column, record) for column in COLUMNS]


def services_for_export(catalogue: Catalogue, area: str | None = None) -> list[Record]:
    """Every service, or those listing `area` or a place inside it, sorted by id."""
    services = sorted(catalogue.services, key=lambda r: r.id)
    if area is None:
        return services
    inside = {a.id for a in catalogue.areas[area].descendants()} | {area}
    return [s for s in services if inside & set(s.data["areas"])]


#: Cells a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, tab, carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A cell that is a formula, not text: refused on import (a phone "+44…" or a list "- …" is text).
FORMULA = re.compile(r"^\s*(?:[=@]|[+-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|[+-]\s*\d[\d\s]*[+\-*/^&])")


def neutralised(value: Any) -> Any:
    """A text cell that starts like a formula, with a ' in front so no spreadsheet runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_sheet(path: Path, rows: Iterable[list[Any]]) -> None:
    """Write rows as .csv (UTF-8 with BOM, so Excel reads accents) or .xlsx; text never becomes a formula."""
    rows = [[neutralised(value) for value in row] for row in rows]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        return
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path}: expected a .csv or .xlsx file name")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "services"
    for row in rows:
        sheet.append(row)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell_ in row:
            cell_.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell_.value, str):
                cell_.data_type = "s"  # openpyxl would store "=…" as a live formula
    sheet.freeze_panes = "B2"
    help_sheet = book.create_sheet("columns")
    help_sheet.append(["column", "what to put in it"])
    for column in COLUMNS:
        help_sheet.append([column.name, column.help])
    help_sheet.append([])
    help_sheet.append(["", "Lists: separate with ;   Phones, texts, sources: one per line, parts separated by |"])
    book.save(path)


# ---------------------------------------------------------------- cells -> records


@dataclass
class Sheet:
    """What was read from a sheet: its column headings, its rows, and cells it refused to read."""

    headings: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (spreadsheet row number, {heading: value})
    problems: list[ImportProblem]


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ImportRefused(
            path.name,
            [
                ImportProblem(
                    line,
                    "",
                    "a CSV file saved as UTF-8",
                    f"byte {raw[err.start]:#04x}, which is not UTF-8",
                    "in Excel: Save As, then CSV UTF-8 (Comma delimited); other programs: choose UTF-8",
                )
            ],
        ) from None
    return list(csv.reader(text.splitlines(keepends=True)))


def read_sheet(path: Path) -> Sheet:
    """Every non-blank row after the headings; formula cells in .xlsx are refused, not run or blanked."""
    problems: list[ImportProblem] = []
    table: list[list[Any]] = []
    if path.suffix.lower() == ".csv":
        table = _read_csv(path)
    elif path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=False)
        sheet = book["services"] if "services" in book.sheetnames else book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values: list[Any] = []
            for cell_ in cells:
                if getattr(cell_, "data_type", "") == "f":
                    heading = str(table[0][len(values)]) if table and len(values) < len(table[0]) else ""
                    problems.append(ImportProblem(number, heading, "text, not a formula", shown(cell_.value)))
                    values.append(None)
                else:
                    values.append(cell_.value)
            table.append(values)
        book.close()
    else:
        raise ValueError(f"{path}: expected a .csv or .xlsx file")
    if not table:
        return Sheet([], [], problems)
    headings = [str(h).strip() if h is not None else "" for h in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        row = {h: v for h, v in zip(headings, values, strict=False) if h}
        if any(v not in (None, "") and str(v).strip() for v in row.values()):
            rows.append((number, row))
    return Sheet([h for h in headings if h], rows, problems)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _quoted(text: str) -> bool:
    """A cell written as '=… : text on purpose (as export writes it), never a formula."""
    return text.startswith("'") and text[1:].startswith(FORMULA_START)


def _parse(column: Column, raw: Any, problems: list[tuple[str, str, str]]) -> Any:
    """The record value for one cell, or None when blank; bad cells add (column, expected, found)."""
    if column.kind == "date" and isinstance(raw, dt.datetime | dt.date):
        return (raw.date() if isinstance(raw, dt.datetime) else raw).isoformat()
    text = _text(raw)
    if not text:
        return None
    if _quoted(text):
        text = text[1:]
    elif FORMULA.match(text):
        problems.append((column.name, "text, not a formula (put a ' in front to keep it as text)", shown(text)))
        return None
    if column.kind == "list":
        return [part.strip() for part in text.split(LIST_SEP) if part.strip()]
    if column.kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        problems.append((column.name, "yes or no", repr(text)))
        return None
    if column.kind == "int":
        if re.fullmatch(r"\d+", text):
            return int(text)
        problems.append((column.name, "a whole number", repr(text)))
        return None
    if column.kind == "date":
        day = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:[ T]00:00(?::00)?)?", text)
        try:
            return dt.date.fromisoformat(day.group(1)).isoformat() if day else _not_a_date(text)
        except ValueError:
            problems.append((column.name, "a date as YYYY-MM-DD", repr(text)))
            return None
    if column.kind == "contacts":
        if isinstance(raw, int | float):  # a spreadsheet turned "0808…" into a number: the 0 is gone
            problems.append((column.name, "the number typed as text (format the cell as Text)", repr(raw)))
            return None
        items = []
        for line in filter(None, (line.strip() for line in text.split("\n"))):
            parts = [p.strip() for p in line.split(PART_SEP)]
            if len(parts) > len(_CONTACT_PARTS):
                problems.append((column.name, "number | label | hours | free", repr(line)))
                continue
            item: dict[str, Any] = {}
            for key, part in zip(_CONTACT_PARTS, parts, strict=False):
                if key == "free" and part:
                    if part.lower() not in ("free", "not free"):
                        problems.append((column.name, "free or not free as the 4th part", repr(part)))
                    item["free"] = part.lower() == "free"
                elif part:
                    item[key] = part
            items.append(item)
        return items
    if column.kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if column.kind == "schedule":
        return _schedule(text, problems, column.name)
    if column.kind == "sources":
        sources = []
        for line in filter(None, (line.strip() for line in text.split("\n"))):
            title, sep, url = line.rpartition(PART_SEP)
            if not sep:
                problems.append((column.name, "title | https://address", repr(line)))
                continue
            sources.append({"title": title.strip(), "url": url.strip()})
        return sources
    return text


def _not_a_date(text: str) -> str:
    raise ValueError(f"not a YYYY-MM-DD date: {text!r}")


def record_of_row(row: dict[str, Any]) -> tuple[str, dict[str, Any], list[tuple[str, str, str]]]:
    """(id, record data, cell problems) for one row, fields in the documented order."""
    problems: list[tuple[str, str, str]] = []
    data: dict[str, Any] = {}
    for column in COLUMNS[1:]:
        value = _parse(column, row.get(column.name), problems)
        if value is not None and value != []:
            put_at(data, column.path, value)
    record_id = _text(row.get("id")) or slug(str(data.get("name", "")))
    return record_id, data, problems


def _column_of(field: str) -> str:
    """The column a record field path (as `dotted` writes it) comes from."""
    under = [c.name for c in COLUMNS[1:] if dotted(c.path).startswith(field + ".")]
    best, found = "", "/".join(under) or field  # a whole object (address, contact): its columns
    for column in COLUMNS[1:]:
        name = dotted(column.path)
        if (field == name or field.startswith((name + ".", name + "["))) and len(name) > len(best):
            best, found = name, column.name
    return found


#: Columns for fields every service must have: a sheet without one of them cannot be imported.
REQUIRED_COLUMNS = (
    *("name", "organisation", "summary", "categories", "areas", "jurisdictions"),
    *("self_referral", "professional_referral", "last_verified", "sources"),
)


def check_rows(
    sheet: Sheet, catalogue: Catalogue, sheet_name: str
) -> tuple[list[tuple[str, dict[str, Any]]], list[ImportProblem]]:
    """Every row as (id, data), and every problem found in the sheet and in any row."""
    problems = list(sheet.problems)
    problems += [
        ImportProblem(1, h, "one of the documented columns", repr(h)) for h in sheet.headings if h not in HEADINGS
    ]
    missing = [c for c in REQUIRED_COLUMNS if c not in sheet.headings]
    problems += [
        ImportProblem(1, c, "this column (required; see the template)", "the column is missing") for c in missing
    ]
    seen: dict[str, int] = {}
    records = []
    for number, row in sheet.rows:
        record_id, data, cell_problems = record_of_row(row)
        problems += [ImportProblem(number, c, e, f) for c, e, f in cell_problems]
        wrong_id = id_problem(record_id)
        if wrong_id:
            problems.append(ImportProblem(number, "id", wrong_id, shown(record_id)))
        if record_id in seen:
            problems.append(
                ImportProblem(
                    number, "id", "an id used once in the sheet", f"{record_id!r} (also row {seen[record_id]})"
                )
            )
        seen[record_id] = number
        src = SourceFile(Path(sheet_name), f"{sheet_name} row {number}", data)
        found = [p for p in service_problems(src, record_id, catalogue) if _column_of(p.field) not in missing]
        problems += [ImportProblem(number, _column_of(p.field), p.expected, p.found, p.hint) for p in found]
        records.append((record_id, data))
    return records, problems


@dataclass
class ImportResult:
    """What an import did: ids created, updated and left as they were."""

    created: list[str]
    updated: list[str]
    unchanged: list[str]
    not_in_sheet: list[str]

    def __str__(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged; "
            f"{len(self.not_in_sheet)} services in data/services/ are not in the sheet (left as they are)"
        )


def import_sheet(path: Path, catalogue: Catalogue, dry_run: bool = False) -> ImportResult:
    """Check every row of `path`; if all are good, write data/services/<id>.yaml for each."""
    sheet = read_sheet(path)
    records, problems = check_rows(sheet, catalogue, path.name)
    if problems:
        raise ImportRefused(path.name, problems)
    created, updated, unchanged = save_records(records, catalogue, dry_run)
    not_in_sheet = sorted(set(catalogue.records["service"]) - {rid for rid, _ in records})
    return ImportResult(created, updated, unchanged, not_in_sheet)


def export_sheet(path: Path, catalogue: Catalogue, area: str | None = None) -> int:
    """Write the services (of one area, if given) to `path`; returns how many."""
    services = services_for_export(catalogue, area)
    write_sheet(path, rows_of(services))
    return len(services)


def template_rows() -> list[list[Any]]:
    """The template: headings and one example row a maintainer replaces."""
    example = {
        "id": "example-idva-service",
        "name": "Example IDVA Service",
        "organisation": "Example Council",
        "summary": "Independent advisers for people at high risk from a partner or family member.",
        "categories": "idva",
        "areas": "england",
        "jurisdictions": "england",
        "phones": "0300 000 0000 | Referrals | Monday to Friday, 9am to 5pm",
        "email": "idva@example.org",
        "website": "https://example.org/idva",
        "hours": "Monday to Friday, 9am to 5pm",
        "schedule": "mon-fri 09:00-17:00",
        "open_24_7": "no",
        "self_referral": "yes",
        "professional_referral": "yes",
        "referral_how": "Refer by email with the DASH risk checklist.",
        "for": "everyone",
        "min_age": "16",
        "nrpf_accepted": "yes",
        "languages": "English",
        "interpreters": "yes",
        "accessibility": "Relay UK",
        "last_verified": dt.date.today().isoformat(),
        "sources": "IDVA service page | https://example.org/idva",
    }
    return [list(HEADINGS), [example.get(column.name, "") for column in COLUMNS]]
