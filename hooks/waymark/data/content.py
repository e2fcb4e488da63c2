"""Content rules: how fresh, how plain and how well sourced the records are.

These used to live only in the tests; `make check` reports them now, with file and line:
- review age: a legal record, or a service covering a whole nation or the UK, not checked for
  `MAX_REVIEW_DAYS` is an error (a year-old number or deadline must be re-checked, not shipped);
  a local service that old is a warning;
- plain English: every `summary` and `for_you` has Flesch reading ease >= MIN_READING_EASE;
- sources, official first (data/source-hosts.yaml): a legal record must cite at least one
  official source; below `OFFICIAL_TARGET` official links, or above `WEAK_LIMIT` weak ones, a
  record gets a warning; `source_report` gives the figures per record and overall.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from .model import Record
from .problems import ERROR, WARNING, Problem, shown
from .read import SourceFile
from .readability import MIN_READING_EASE, flesch_reading_ease

MAX_REVIEW_DAYS = 365
OFFICIAL_TARGET = 0.75
WEAK_LIMIT = 0.10
SOURCE_FIELDS = ("legislation", "guidance", "sources")
CLASSES = ("official", "specialist", "weak")


@dataclass(frozen=True)
class SourceHosts:
    """Hosts by class; a host matches itself and its subdomains. Unlisted hosts count as weak."""

    official: tuple[str, ...] = ()
    specialist: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()

    def classify(self, url: str) -> str:
        """official, specialist, weak or unclassified."""
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        for name in CLASSES:
            if any(host == h or host.endswith("." + h) for h in getattr(self, name)):
                return name
        return "unclassified"


def read_source_hosts(src: SourceFile) -> tuple[SourceHosts, list[Problem]]:
    """data/source-hosts.yaml: lists of hosts under official, specialist and weak."""
    data = src.data if isinstance(src.data, dict) else {}
    problems = []
    lists: dict[str, tuple[str, ...]] = {}
    for name in CLASSES:
        hosts = data.get(name) or []
        good = isinstance(hosts, list) and all(isinstance(h, str) and h and "/" not in h for h in hosts)
        if not good:
            line = src.line_of((name,))
            problems.append(Problem(src.shown_path, line, "", name, "a list of host names", shown(hosts)))
            hosts = []
        lists[name] = tuple(h.lower() for h in hosts)
    return SourceHosts(**lists), problems


def source_classes(record: Record, hosts: SourceHosts) -> list[str]:
    """The class of every source link of a record, in order."""
    return [hosts.classify(item.get("url", "")) for f in SOURCE_FIELDS for item in record.data.get(f) or []]


def plain_english_problems(src: SourceFile, record_id: str) -> list[Problem]:
    """`summary` and `for_you` below the reading-ease bar (checked file by file, on every core)."""
    data = src.data if isinstance(src.data, dict) else {}
    problems = []
    for field in ("summary", "for_you"):
        text = data.get(field)
        if isinstance(text, str) and text.strip():
            score = flesch_reading_ease(text)
            if score < MIN_READING_EASE:
                problems.append(
                    Problem(
                        src.shown_path,
                        src.line_of((field,)),
                        record_id,
                        field,
                        f"plain English (Flesch reading ease at least {MIN_READING_EASE:.0f})",
                        f"{score:.0f}",
                        "use shorter sentences and everyday words",
                    )
                )
    return problems


def content_problems(record: Record, today: dt.date, wide: bool, hosts: SourceHosts | None) -> list[Problem]:
    """Review age and (for legal records) official sources, for one record."""
    src = record.source
    problems: list[Problem] = []

    def add(field: str, expected: str, found: str, hint: str = "", severity: str = ERROR) -> None:
        line = src.line_of((field,)) if field else 1
        problems.append(Problem(src.shown_path, line, record.id, field, expected, found, hint, severity))

    checked = record.checked_on
    if checked is not None and (today - checked).days > MAX_REVIEW_DAYS:
        must = record.type.is_legal or wide
        add(
            record.type.date_field,
            f"a check within the last {MAX_REVIEW_DAYS} days",
            checked.isoformat(),
            "re-check every fact against its sources, then update the date (`make stale` lists them)",
            ERROR if must else WARNING,
        )
    if record.type.is_legal and hosts is not None:
        classes = source_classes(record, hosts)
        if classes and "official" not in classes:
            add("sources", "at least one official source (legislation, GOV.UK, courts, police…)", "none")
        elif classes:
            official = classes.count("official") / len(classes)
            weak = (classes.count("weak") + classes.count("unclassified")) / len(classes)
            if official < OFFICIAL_TARGET or weak > WEAK_LIMIT:
                add(
                    "sources",
                    f"at least {OFFICIAL_TARGET:.0%} official sources and at most {WEAK_LIMIT:.0%} weak ones",
                    f"{official:.0%} official, {weak:.0%} weak or unclassified",
                    "see data/source-hosts.yaml",
                    WARNING,
                )
    return problems


@dataclass(frozen=True)
class SourceFigures:
    """How many source links of each class a record (or all records) has."""

    official: int = 0
    specialist: int = 0
    weak: int = 0
    unclassified: int = 0

    @property
    def total(self) -> int:
        """All links."""
        return self.official + self.specialist + self.weak + self.unclassified

    def share(self, name: str) -> float:
        """The share of one class (weak counts unclassified too)."""
        count = getattr(self, name) + (self.unclassified if name == "weak" else 0)
        return count / self.total if self.total else 0.0

    def __str__(self) -> str:
        return (
            f"{self.share('official'):.0%} official, {self.share('specialist'):.0%} specialist, "
            f"{self.share('weak'):.0%} weak or unclassified ({self.total} links)"
        )


def source_figures(records: list[Record], hosts: SourceHosts) -> SourceFigures:
    """Source classes counted over `records`."""
    classes = [c for record in records for c in source_classes(record, hosts)]
    return SourceFigures(*(classes.count(name) for name in (*CLASSES, "unclassified")))
