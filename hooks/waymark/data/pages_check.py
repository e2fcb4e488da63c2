"""Hand-written pages (docs/) held to the location rule when they name a confidential service.

A refuge's record may not say where it is; neither may a page someone writes about it. Every
Markdown page under docs/ (the maintainers' pages too: they are published) that names a service
with a confidential location, by its name or its page address, is read line by line for anything
that could locate a place (data/text.py `location_in`), and each finding is a problem at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import Problem
from .text import location_in, normalised

EXPECTED = "nothing that locates a confidential place on a page that names one"


def _confidential(services: dict[str, Any]) -> list[tuple[str, str]]:
    """(id, name) of every service whose location is confidential (a refuge, or marked so)."""
    found = []
    for ident, record in services.items():
        data = record.data
        if data.get("confidential_location") is True or "refuge" in (data.get("categories") or []):
            found.append((ident, str(data.get("name", ident))))
    return found


def page_location_problems(docs_dir: Path, services: dict[str, Any]) -> list[Problem]:
    """Every line that could locate a place, on each docs/ page that names a confidential service."""
    confidential = _confidential(services)
    if not confidential or not docs_dir.is_dir():
        return []
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        flat = normalised(text).lower()
        named = [i for i, name in confidential if f"services/{i}" in flat or normalised(name).lower() in flat]
        if not named:
            continue
        shown = path.relative_to(docs_dir.parent).as_posix()
        for number, line in enumerate(text.splitlines(), 1):
            found = location_in(line)
            if found:
                what, words = found
                problems.append(
                    Problem(
                        shown,
                        number,
                        named[0],
                        "page text",
                        EXPECTED,
                        f"{what}: {words!r}",
                        "never write where a refuge is; give the helpline that refers to it",
                    )
                )
    return problems
