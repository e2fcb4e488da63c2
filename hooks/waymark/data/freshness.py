"""Freshness: which records have gone longest without a person re-checking them.

A service's phone number or hours drift; a fee or a pilot area changes. Every record carries the
date it was last checked. The build warns (without failing: a stale page is still better than no
page) when any record is older than `extra.waymark.stale_after_months` (default 6), and
`make stale` lists them oldest first with the contact to re-check, and every fact a record says it
left out as unverified (`not_verified`), so the next person can finish the check.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import TextIO

from .catalogue import Catalogue
from .model import Record


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class StaleRecord:
    """A record checked before the cut-off, and how to re-check it."""

    record: Record
    checked_on: dt.date | None
    recheck: str  # phone, email or web address to re-check against


def _recheck(record: Record) -> str:
    d = record.data
    contact = d.get("contact") or {}
    ways = [p["number"] for p in contact.get("phones", [])[:1]]
    ways += [contact[k] for k in ("email", "website") if contact.get(k)]
    ways += [s["url"] for s in d.get("sources", [])[:1]]
    return " · ".join(dict.fromkeys(ways)) or "(no contact recorded)"


def stale_records(catalogue: Catalogue, months: int, today: dt.date | None = None) -> list[StaleRecord]:
    """Every record last checked more than `months` months before `today`, oldest first."""
    cutoff = months_before(today or dt.date.today(), months)
    found = [
        StaleRecord(record, record.checked_on, _recheck(record))
        for records in catalogue.records.values()
        for record in records.values()
        if record.checked_on is None or record.checked_on < cutoff
    ]
    return sorted(found, key=lambda s: (s.checked_on or dt.date.min, s.record.type.name, s.record.id))


def report(stale: list[StaleRecord], months: int, out: TextIO) -> None:
    """Print the stale list as a table a maintainer can work down."""
    if not stale:
        print(f"Every record was checked in the last {months} months.", file=out)
        return
    print(f"{len(stale)} records not checked in the last {months} months (oldest first):", file=out)
    for item in stale:
        when = item.checked_on.isoformat() if item.checked_on else "never"
        print(f"  {when}  {item.record.source.shown_path}  {item.record.name}  ->  {item.recheck}", file=out)


def report_not_verified(catalogue: Catalogue, out: TextIO) -> int:
    """Print every fact a record says was left out as unverified; returns how many."""
    count = 0
    for records in catalogue.records.values():
        for record in sorted(records.values(), key=lambda r: r.source.shown_path):
            for fact in record.data.get("not_verified") or []:
                if not count:
                    print("Facts left out until someone can verify them (not_verified):", file=out)
                print(f"  {record.source.shown_path}: {fact}", file=out)
                count += 1
    return count


def warn_stale(catalogue: Catalogue, months: int, out: TextIO = sys.stderr) -> None:
    """One warning line for the build log (does not fail a --strict build)."""
    stale = stale_records(catalogue, months)
    if stale:
        print(
            f"WARNING - waymark: {len(stale)} records not checked in the last {months} months; "
            "run `make stale` for the list",
            file=out,
        )
