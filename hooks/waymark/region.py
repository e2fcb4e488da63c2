"""Region settings: what a regional copy of Waymark changes, in one place (mkdocs.yml `extra.waymark`).

    extra:
      waymark:
        region:
          name: West of England          # shown on Find a service
          area: west-of-england          # an id from data/areas.yaml: Find a service starts there
          jurisdiction: england          # whose law the region's readers live under
        helplines:                       # local lines shown on every page, under the 999 line
          - label: Local domestic abuse helpline
            number: "0300 000 0000"
            hours: Monday to Friday, 9am to 5pm
        exit: {url: ..., text: ...}      # see quick_exit
        emergency: ...                   # the 999 / Silent Solution line
        stale_after_months: 6            # see stale

Site name, logo and colours are MkDocs and Material settings in the same file (`site_name`,
`theme.logo`, `theme.palette.primary`); docs/maintainers/region.md shows them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .model import JURISDICTIONS
from .problems import did_you_mean

PHONE = re.compile(r"^\+?[0-9][0-9 ]{2,19}$")


class RegionError(ValueError):
    """The region settings in mkdocs.yml are unusable; the message lists every problem."""


@dataclass(frozen=True)
class Helpline:
    """A local line shown on every page."""

    label: str
    number: str
    hours: str = ""

    @property
    def tel(self) -> str:
        """The number as a tel: link target."""
        return "tel:" + self.number.replace(" ", "")


@dataclass(frozen=True)
class Region:
    """Validated region settings (all optional: the bundled site is UK-wide)."""

    name: str = ""
    area: str = ""
    jurisdiction: str = ""
    helplines: tuple[Helpline, ...] = ()

    @classmethod
    def from_extra(cls, extra: dict[str, Any] | None, area_ids: set[str]) -> Region:
        """Read and check `extra.waymark.region` and `extra.waymark.helplines`."""
        waymark = (extra or {}).get("waymark") or {}
        settings = waymark.get("region") or {}
        problems = []
        if not isinstance(settings, dict):
            raise RegionError(f"extra.waymark.region: expected a mapping; found {settings!r}")
        unknown = sorted(set(settings) - {"name", "area", "jurisdiction"})
        problems += [f"extra.waymark.region.{k}: expected name, area or jurisdiction; found {k!r}" for k in unknown]
        area = str(settings.get("area") or "")
        if area and area not in area_ids:
            hint = did_you_mean(area, area_ids)
            problems.append(f"extra.waymark.region.area: expected an id from data/areas.yaml; found {area!r} {hint}")
        jurisdiction = str(settings.get("jurisdiction") or "")
        if jurisdiction and jurisdiction not in JURISDICTIONS:
            problems.append(
                f"extra.waymark.region.jurisdiction: expected one of {', '.join(JURISDICTIONS)}; found {jurisdiction!r}"
            )
        helplines = []
        raw_lines = waymark.get("helplines") or []
        for index, line in enumerate(raw_lines if isinstance(raw_lines, list) else [raw_lines]):
            where = f"extra.waymark.helplines[{index}]"
            if not isinstance(line, dict) or not line.get("label") or not line.get("number"):
                problems.append(f"{where}: expected label and number; found {line!r}")
                continue
            number = str(line["number"])
            if not PHONE.match(number):
                problems.append(f"{where}.number: expected digits and spaces (quote it); found {number!r}")
                continue
            helplines.append(Helpline(str(line["label"]), number, str(line.get("hours") or "")))
        if problems:
            raise RegionError("\n".join(problems))
        return cls(str(settings.get("name") or ""), area, jurisdiction, tuple(helplines))
