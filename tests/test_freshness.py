"""Freshness: `make stale` lists records not re-checked in time, oldest first; the build warns."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from project import FIXTURES, copy_project, run_waymark
from waymark.data.catalogue import load_catalogue
from waymark.data.freshness import months_before, report, stale_records


def test_months_before_counts_calendar_months() -> None:
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)
    assert months_before(dt.date(2024, 8, 31), 6) == dt.date(2024, 2, 29)


def test_stale_lists_old_records_oldest_first_with_a_contact() -> None:
    catalogue = load_catalogue(FIXTURES / "data", dt.date(2026, 6, 1))
    # Fixture dates: services 2025-01-01, 2026-01-10, 2026-02-01; legal records 2026-03-01.
    found = stale_records(catalogue, 6, today=dt.date(2026, 7, 20))  # cut-off 2026-01-20
    assert [s.checked_on for s in found] == [dt.date(2025, 1, 1), dt.date(2026, 1, 10)]
    out = io.StringIO()
    report(found, 6, out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2 records not checked in the last 6 months")
    assert "2025-01-01" in lines[1] and "services/" in lines[1] and "->" in lines[1]
    assert stale_records(catalogue, 6, today=dt.date(2025, 6, 1)) == []


def test_make_stale_and_the_build_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    listed = run_waymark(project, "stale", "--months", "1")
    assert listed.returncode == 0
    dates = re.findall(r"^  (\d{4}-\d\d-\d\d)", listed.stdout, re.MULTILINE)
    records = sum(len(v) for v in load_catalogue(project / "data").records.values())
    assert dates and dates == sorted(dates) and len(dates) == records  # every fixture record is over a month old
    built = run_waymark(project, "build")
    assert built.returncode == 0, built.stderr  # a warning, not a failed --strict build
    assert re.search(r"waymark: \d+ records not checked in the last 6 months; run `make stale`", built.stderr)
