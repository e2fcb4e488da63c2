"""data/first-response.yaml: what matters in the first minutes and days, read and checked.

- `deaf_routes`: how Deaf, hard-of-hearing and speech-impaired people reach 999 (emergency SMS
  after registering, 999 BSL, Relay UK 18000): shown beside the Silent Solution on every page;
- `after_rape`: each nation's sexual-violence line (a service id), what a SARC does without the
  police, the time windows of the first days (with each nation's own wording and sources), and
  the route for under-18s: shown first on the guide's answer for rape and sexual assault.

Held to its schema (first-response.schema.json), every service id must exist, and, as in legal
text, a phone number is never typed: it lives in its service record, named as [[service-id]].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, did_you_mean, errors_only
from .read import FieldPath, SourceFile, dotted
from .schema import schema_problems, schema_validator

NATIONS = ("england", "wales", "scotland", "northern-ireland")


@dataclass(frozen=True)
class FirstResponse:
    """The checked contents of data/first-response.yaml (plain data for the templates)."""

    deaf_routes: list[dict[str, Any]] = field(default_factory=list)
    after_rape: dict[str, Any] = field(default_factory=dict)

    def line_for(self, nation: str) -> str:
        """The id of the nation's sexual-violence line ("" if none)."""
        return str((self.after_rape.get("lines") or {}).get(nation, ""))

    def for_nation(self, part: dict[str, Any], nation: str) -> dict[str, Any]:
        """One part (a time window, the SARC, under-18s) with the nation's own wording, if it has one."""
        own = (part.get("by_nation") or {}).get(nation)
        return {**part, "text": own["text"], "sources": own["sources"]} if own else part


def read_first_response(
    src: SourceFile, schema_dir: Path, services: dict[str, Any]
) -> tuple[FirstResponse | None, list[Problem]]:
    """The file's contents, and every problem in it."""
    problems = schema_problems(src, "", schema_validator(schema_dir, "first-response"))
    if errors_only(problems) or not isinstance(src.data, dict):
        return None, problems
    after = src.data["after_rape"]
    named: list[tuple[FieldPath, Any]] = [(("after_rape", "lines", n), after["lines"][n]) for n in NATIONS]
    named += [(("after_rape", "under_18", "services", i), s) for i, s in enumerate(after["under_18"]["services"])]
    for path, ident in named:
        if ident not in services:
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of(path),
                    "",
                    dotted(path),
                    "the id of a service in data/services/ (or a council route)",
                    repr(ident),
                    did_you_mean(ident, services),
                )
            )
    return FirstResponse(src.data["deaf_routes"], after), problems
