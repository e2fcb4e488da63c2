"""Rules a schema cannot say, for one record at a time: safe text, real dates, hidden places, honest status.

- Text is data: no HTML anywhere (found by parsing), Markdown links only to http(s), tel or mailto.
- `summary` is plain text.
- A record with `confidential_location: true` (every refuge) may not hold anything that locates
  it, in any field, sources included.
- Dates are real and not in the future; a status confirmed only until a date is re-checked after it.
- A legal record's summary agrees with its status (a pilot says so; "not confirmed" says so).
- "press 55" (the Silent Solution) is always said to work from a mobile only.

Rules that need other records (references, phone numbers held by services) are in `catalogue`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .languages import english_names, language_named
from .model import RecordType
from .phones import dialable
from .problems import Problem, did_you_mean, shown
from .read import FieldPath, SourceFile, dotted
from .text import location_in, markup_in, unsafe_links_in

PLAIN_FIELDS = {"summary", "name", "organisation", "time_limit", "where_to_start"}
LINK_LISTS = {"sources", "legislation", "guidance"}
#: Words a summary must use for each status, so a reader is never told a pilot is everywhere.
STATUS_WORDS = {
    "pilot": ("pilot", "some areas", "only in"),
    "not-in-force": ("not in force", "not started", "not yet"),
    "partly-in-force": ("partly", "some parts", "only some"),
    "unconfirmed": ("not confirmed", "not clear", "unclear"),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PRESS_55 = re.compile(r"press(?:ing)?\s*(?:\*\*)?\s*55", re.IGNORECASE)


def strings(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every string in a record with its path, in order."""
    found: list[tuple[FieldPath, str]] = []
    stack: list[tuple[FieldPath, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            found.append((where, item))
        elif isinstance(item, dict):
            stack.extend((where + (key,), sub) for key, sub in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((where + (index,), sub) for index, sub in reversed(list(enumerate(item))))
    return found


def _real_date(value: Any) -> dt.date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def text_problems(src: SourceFile, record_id: str, rtype: RecordType, today: dt.date) -> list[Problem]:
    """Every rule above, for one record."""
    data = src.data if isinstance(src.data, dict) else {}
    problems: list[Problem] = []

    def add(path: FieldPath, expected: str, found: str, hint: str = "") -> None:
        problems.append(Problem(src.shown_path, src.line_of(path), record_id, dotted(path), expected, found, hint))

    confidential = data.get("confidential_location") is True or "refuge" in (data.get("categories") or [])
    texts = list(strings(data))
    # Most records have no tag, no link and no "55": one look at all their text at once skips the rest.
    everything = "\x00".join(text for _, text in texts)
    may_tag, may_link, may_55 = "<" in everything, "[" in everything or "<" in everything, "55" in everything
    for path, text in texts:
        top = path[0] if path else ""
        hidden = control_characters_in(text)
        if hidden:
            add(
                path,
                "text without control, bidi or invisible characters",
                hidden,
                "retype the text, or paste it as plain text",
            )
        elif ("\n" in text or "\r" in text) and is_one_line(path):
            add(path, "one line (no line break in a name, label, hours or number)", shown(text), "join the lines")
        for tag in markup_in(text)[:1] if may_tag else ():
            add(path, "text without HTML", shown(tag), "record text is shown as written; use Markdown")
        if top not in LINK_LISTS:
            for target in unsafe_links_in(text)[:1] if may_link else ():
                add(
                    path, "links that start https://, http://, tel: or mailto:", shown(target), "other links are unsafe"
                )
            if may_55 and _PRESS_55.search(text) and "mobile" not in text.lower():
                add(path, "the Silent Solution said to work from a mobile only", shown(text), "or write [[emergency]]")
        if top in PLAIN_FIELDS and len(path) == 1 and re.search(r"[*_`#\[\]]", text):
            add(path, "plain text (no Markdown)", shown(text))
        if confidential:
            located = location_in(text)
            if located:
                what, words = located
                add(
                    path, f"nothing that locates a confidential place (found {what})", shown(words), "reach it by phone"
                )
    for field in (rtype.date_field, "status_until"):
        value = data.get(field)
        if isinstance(value, str) and _DATE.fullmatch(value):
            when = _real_date(value)
            if when is None:
                add((field,), "a real calendar date", repr(value))
            elif field == rtype.date_field and when > today:
                add((field,), f"a date no later than today ({today})", value)
            elif field == "status_until" and when < today:
                status = data.get("status", "")
                add(
                    (field,),
                    f"a date from today on: status {status!r} is confirmed only until {value}",
                    value,
                    "re-check the status against its source; if it cannot be confirmed, use status: unconfirmed",
                )
    contact: dict[str, Any] = data["contact"] if isinstance(data.get("contact"), dict) else {}
    if rtype.name == "service" and isinstance(data.get("contact"), dict) and not contact_routes(data):
        add(
            ("contact",),
            "a way to reach the service: phones, texts, webchat, email or website (its own page)",
            "none of them",
            "no page, card or sheet may show a service nobody can reach; give its own website at least",
        )
    for kind in ("phones", "texts"):
        for index, phone in enumerate(contact.get(kind) or []):
            number = phone.get("number") if isinstance(phone, dict) else None
            if isinstance(number, str) and not dialable(number, kind == "texts"):
                add(
                    ("contact", kind, index, "number"),
                    "a UK number starting 0 or +44 (or a short number such as 116 123)",
                    repr(number),
                    "a spreadsheet may have dropped the leading 0: format the cell as text",
                )
    _status_problems(data, add)
    for index, name in enumerate(data.get("languages") or []):
        if isinstance(name, str) and language_named(name) is None:
            hint = did_you_mean(name, english_names())
            add(("languages", index), "a language by its English name (e.g. Welsh, Polish, Urdu)", repr(name), hint)
    eligibility = data.get("eligibility") or {}
    if isinstance(eligibility, dict):
        low, high = eligibility.get("min_age"), eligibility.get("max_age")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            add(("eligibility", "max_age"), f"max_age at least min_age ({low})", str(high))
    return problems


#: Fields that are one line wherever they land (a card, a sheet's copied text, a heading): the last
#: key of a value's path. Markdown fields (description, referral how, the worker sections) may wrap.
ONE_LINE_KEYS = {
    "name", "organisation", "summary", "title", "label", "hours", "number", "relay_uk", "time_limit",
    "where_to_start", "website", "webchat", "email", "bsl", "form", "url", "street", "town", "postcode",
    "section", "abbreviations", "keywords", "languages", "accessibility", "categories", "areas",
    "helps_with", "related", "jurisdictions", "role", "for",
}  # fmt: skip
#: Characters no record needs and a hostile one can use: C0 and C1 controls but tab and line
#: breaks, DEL, the line and paragraph separators, bidi overrides and isolates, zero-width marks.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]")


def control_characters_in(text: str) -> str:
    """The hidden characters in `text`, as code points ("U+202E"), or "" when there are none."""
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in _HIDDEN.findall(text)}))


def is_one_line(path: FieldPath) -> bool:
    """Whether the value at `path` must be one line (its key, or its list's key, is one-line)."""
    keys = [part for part in path if isinstance(part, str)]
    return bool(keys) and keys[-1] in ONE_LINE_KEYS


#: The ways to reach a service, in the order a card or sheet offers them.
CONTACT_ROUTES = ("phones", "texts", "webchat", "email", "website")


def contact_routes(data: dict[str, Any]) -> list[str]:
    """Which ways to reach a service its record gives (an address counts when it is public)."""
    contact: dict[str, Any] = data["contact"] if isinstance(data.get("contact"), dict) else {}
    found = [route for route in CONTACT_ROUTES if contact.get(route)]
    address = data.get("address")
    if isinstance(address, dict) and any(address.values()) and data.get("confidential_location") is not True:
        found.append("address")
    return found


def _status_problems(data: dict[str, Any], add: Callable[[FieldPath, str, str, str], None]) -> None:
    """A summary that does not say what the status says."""
    status, summary = data.get("status"), data.get("summary")
    words = STATUS_WORDS.get(status) if isinstance(status, str) else None
    if words and isinstance(summary, str) and not any(w in summary.lower() for w in words):
        add(("summary",), f"a summary that says the status ({' / '.join(words)})", shown(summary), f"status: {status}")
