"""data/crisis.yaml: the 24-hour lines for each nation, shown first on the home page and every place.

    nations:
      england: [national-domestic-abuse-helpline]
      ...
    everywhere: [samaritans]

Every id must be a service that is open 24 hours, has a number to call or text, and covers the
nation (listed for it or for the whole UK, and under its law). The file is optional: without it
there is no crisis block beyond the 999 line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import JURISDICTIONS, Record
from .places import Area
from .problems import Problem, did_you_mean, shown
from .ranking import is_24_hour_line
from .read import SourceFile


@dataclass(frozen=True)
class Crisis:
    """Service ids of the 24-hour lines, by nation id, and those shown for every nation."""

    nations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    everywhere: tuple[str, ...] = ()

    def lines_for(self, nation: str) -> tuple[str, ...]:
        """The nation's own lines, then the UK-wide ones."""
        return (*self.nations.get(nation, ()), *self.everywhere)


def covers_nation(service: Record, nation: str, areas: dict[str, Area]) -> bool:
    """Listed for the nation (or a place in it) or the whole UK, and working under its law."""
    if nation not in (service.data.get("jurisdictions") or []):
        return False
    listed = [areas[a] for a in service.data.get("areas") or [] if a in areas]
    return any(a.level == "national" or (a.nation is not None and a.nation.id == nation) for a in listed)


def read_crisis(src: SourceFile, services: dict[str, Record], areas: dict[str, Area]) -> tuple[Crisis, list[Problem]]:
    """Read and check data/crisis.yaml."""
    data = src.data if isinstance(src.data, dict) else {}
    problems: list[Problem] = []

    def check(path: tuple[str | int, ...], ident: object, nations: list[str]) -> str | None:
        line = src.line_of(path)
        where = ".".join(map(str, path))
        if not isinstance(ident, str) or ident not in services:
            hint = did_you_mean(ident, services)
            problems.append(
                Problem(src.shown_path, line, "", where, "a service id from data/services/", shown(ident), hint)
            )
            return None
        service = services[ident]
        if not is_24_hour_line(service):
            problems.append(Problem(src.shown_path, line, ident, where, "a service open 24 hours with a number", ident))
        for nation in nations:
            if not covers_nation(service, nation, areas):
                wanted = f"a service covering {JURISDICTIONS.get(nation, nation)}"
                problems.append(
                    Problem(src.shown_path, line, ident, where, wanted, f"{ident} (its areas and jurisdictions)")
                )
        return ident

    nations: dict[str, tuple[str, ...]] = {}
    for nation, ids in (data.get("nations") or {}).items():
        if nation not in JURISDICTIONS or not isinstance(ids, list):
            wanted = f"a nation ({', '.join(JURISDICTIONS)}) with a list of service ids"
            problems.append(
                Problem(src.shown_path, src.line_of(("nations", nation)), "", f"nations.{nation}", wanted, shown(ids))
            )
            continue
        checked = [check(("nations", nation, i), ident, [nation]) for i, ident in enumerate(ids)]
        nations[nation] = tuple(i for i in checked if i)
    everywhere = data.get("everywhere") or []
    checked = [check(("everywhere", i), ident, list(JURISDICTIONS)) for i, ident in enumerate(everywhere)]
    return Crisis(nations, tuple(i for i in checked if i)), problems
