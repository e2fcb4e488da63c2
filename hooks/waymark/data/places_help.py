"""data/places-help.yaml: where to turn in each nation when nothing local is listed (no dead ends).

    last_reviewed: 2026-12-01
    nations:
      england:
        council:
          finder: {title: Find your local council, url: https://www.gov.uk/find-local-council}
          homeless_advice: {title: ..., url: ...}
          summary: Plain words on what the council must do.
        directories:
          - {title: ..., url: ..., covers: ..., source: {title: ..., url: ...}}
    not_verified: [...]

Shown on every place's page, and where a search or a list finds nothing. Every link must be
http(s); every text plain; the summary plain English (the same bar as record summaries).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import JURISDICTIONS
from .plain import Link, PlainReader
from .problems import Problem
from .read import FieldPath, SourceFile


@dataclass(frozen=True)
class Council:
    """How to reach the council's homelessness team in a nation."""

    summary: str
    finder: Link
    homeless_advice: Link | None = None


@dataclass(frozen=True)
class Directory:
    """A national directory of local services, and the page that shows what it covers."""

    title: str
    url: str
    covers: str
    source: Link | None = None


@dataclass(frozen=True)
class NationHelp:
    """Where to turn in one nation."""

    council: Council | None = None
    directories: tuple[Directory, ...] = ()


@dataclass(frozen=True)
class PlacesHelp:
    """Where to turn, by nation id."""

    nations: dict[str, NationHelp] = field(default_factory=dict)

    def for_nation(self, nation: str) -> NationHelp | None:
        """The nation's entry, if any."""
        return self.nations.get(nation)


def read_places_help(src: SourceFile) -> tuple[PlacesHelp, list[Problem]]:
    """Read and check data/places-help.yaml."""
    reader = PlainReader(src)
    data = src.data if isinstance(src.data, dict) else {}
    nations: dict[str, NationHelp] = {}
    for nation, entry in (data.get("nations") or {}).items():
        path: FieldPath = ("nations", nation)
        if nation not in JURISDICTIONS or not isinstance(entry, dict):
            reader.problem(path, f"a nation ({', '.join(JURISDICTIONS)}) with council and directories", entry)
            continue
        council = None
        raw = entry.get("council")
        if isinstance(raw, dict):
            finder = reader.link(raw.get("finder"), path + ("council", "finder"))
            advice = (
                reader.link(raw["homeless_advice"], path + ("council", "homeless_advice"))
                if raw.get("homeless_advice")
                else None
            )
            summary = reader.text(raw.get("summary"), path + ("council", "summary"), plain_english=True)
            if finder is not None:
                council = Council(summary, finder, advice)
        directories = []
        for index, item in enumerate(entry.get("directories") or []):
            where = path + ("directories", index)
            link = reader.link(item, where)
            if link is None or not isinstance(item, dict):
                continue
            source = reader.link(item["source"], where + ("source",)) if item.get("source") else None
            directories.append(
                Directory(link.title, link.url, reader.text(item.get("covers"), where + ("covers",)), source)
            )
        nations[nation] = NationHelp(council, tuple(directories))
    return PlacesHelp(nations), reader.problems
