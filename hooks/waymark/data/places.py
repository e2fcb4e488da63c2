"""Areas (whole UK → nation → region → county → local authority) and service categories.

data/areas.yaml (generated for the whole UK by `make areas`; a regional copy may trim it):

    national: {id: national, name: Whole UK}
    nations:
      - id: england
        name: England
        jurisdiction: england
        gss: E92000001
        regions:                      # optional: England's ONS regions
          - id: yorkshire-and-the-humber
            name: Yorkshire and The Humber
            gss: E12000003
            counties:                 # optional: metropolitan and shire counties
              - {id: west-yorkshire, name: West Yorkshire, gss: E11000006, local_authorities: [...]}
            local_authorities:        # unitary authorities and London boroughs
              - {id: york, name: York, gss: E06000014}
      - id: wales
        ...
        local_authorities: [...]     # a nation without regions lists its authorities itself

Names and descriptions are shown on every page: they are plain text, checked like record text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import JURISDICTIONS
from .problems import Problem, shown
from .read import FieldPath, SourceFile, dotted
from .text import markup_in

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: GSS code prefixes each level may carry (ONS geography codes).
GSS_PREFIXES = {
    "nation": ("E92", "W92", "S92", "N92"),
    "region": ("E12",),
    "county": ("E10", "E11", "E47"),
    "local-authority": ("E06", "E07", "E08", "E09", "W06", "S12", "N09"),
}
GSS = re.compile(r"[ENSW]\d{8}")
#: Which key holds the places one level down, for each level.
CHILDREN = {
    "nation": ("regions", "local_authorities"),
    "region": ("counties", "local_authorities"),
    "county": ("local_authorities",),
}
LEVEL_OF_KEY = {"regions": "region", "counties": "county", "local_authorities": "local-authority"}
#: Levels of the areas a UK- or nation-wide service is listed for (its place is everywhere in them).
WIDE_LEVELS = ("national", "nation")


@dataclass
class Area:
    """A place a service covers. `parent` is None only for the whole UK."""

    id: str
    name: str
    level: str  # national | nation | region | county | local-authority
    parent: Area | None = None
    children: list[Area] = field(default_factory=list)
    gss: str = ""
    jurisdiction: str = ""  # set on nations; see `nation`

    @property
    def url(self) -> str:
        """Site-relative URL of the area's page."""
        return f"areas/{self.id}/"

    @property
    def nation(self) -> Area | None:
        """The nation this area is in (itself for a nation; None for the whole UK)."""
        return next((a for a in [self, *self.ancestors()] if a.level == "nation"), None)

    def ancestors(self) -> list[Area]:
        """Parents from the nearest up to the whole UK."""
        out, area = [], self.parent
        while area is not None:
            out.append(area)
            area = area.parent
        return out

    def descendants(self) -> Iterator[Area]:
        """Every area inside this one, in tree order."""
        for child in self.children:
            yield child
            yield from child.descendants()


CATEGORY_GROUPS = ("general", "specialist", "for-people-who-harm")


@dataclass
class Category:
    """A kind of service workers search by; its group decides where its services come in lists."""

    id: str
    name: str
    description: str
    group: str = "general"

    @property
    def url(self) -> str:
        """Site-relative URL of the category's page."""
        return f"categories/{self.id}/"


class _AreaReader:
    """Builds the area tree and collects every problem in data/areas.yaml."""

    def __init__(self, src: SourceFile) -> None:
        self.src = src
        self.areas: dict[str, Area] = {}
        self.gss: dict[str, str] = {}
        self.problems: list[Problem] = []

    def problem(self, path: FieldPath, expected: str, found: str, record: str = "") -> None:
        self.problems.append(
            Problem(self.src.shown_path, self.src.line_of(path), record, dotted(path), expected, found)
        )

    def text(self, entry: dict[str, Any], key: str, path: FieldPath) -> str | None:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(path + (key,), "plain text", shown(value))
            return None
        if markup_in(value):
            self.problem(path + (key,), "plain text without HTML", shown(value))
            return None
        return value.strip()

    def add(self, entry: Any, path: FieldPath, level: str, parent: Area | None) -> Area | None:
        if not isinstance(entry, dict):
            self.problem(path, "an area with id and name", shown(entry))
            return None
        ident, name = self.text(entry, "id", path), self.text(entry, "name", path)
        if ident is None or name is None:
            return None
        if not ID.fullmatch(ident):
            self.problem(path + ("id",), "lowercase letters, digits and hyphens", shown(ident))
            return None
        if ident in self.areas:
            self.problem(path + ("id",), "a unique area id", f"{ident!r} again", ident)
            return None
        gss = entry.get("gss", "")
        if gss:
            if not isinstance(gss, str) or not GSS.fullmatch(gss) or not gss.startswith(GSS_PREFIXES.get(level, ())):
                prefixes = ", ".join(GSS_PREFIXES.get(level, ()))
                self.problem(path + ("gss",), f"an ONS code starting {prefixes}", shown(gss), ident)
                gss = ""
            elif gss in self.gss:
                self.problem(path + ("gss",), "a unique ONS code", f"{gss} again (also {self.gss[gss]})", ident)
            else:
                self.gss[gss] = ident
        jurisdiction = ""
        if level == "nation":
            jurisdiction = entry.get("jurisdiction", "")
            if jurisdiction not in JURISDICTIONS:
                self.problem(path + ("jurisdiction",), f"one of {', '.join(JURISDICTIONS)}", shown(jurisdiction), ident)
        area = Area(ident, name, level, parent, gss=gss or "", jurisdiction=jurisdiction)
        self.areas[ident] = area
        if parent is not None:
            parent.children.append(area)
        unknown = set(entry) - {"id", "name", "gss", "jurisdiction", *CHILDREN.get(level, ())}
        for key in sorted(unknown):
            wanted = ", ".join(("id", "name", "gss", *CHILDREN.get(level, ())))
            self.problem(path + (key,), f"one of {wanted}", repr(key), ident)
        for key in CHILDREN.get(level, ()):
            self.walk(entry.get(key), path + (key,), LEVEL_OF_KEY[key], area)
        return area

    def walk(self, entries: Any, path: FieldPath, level: str, parent: Area | None) -> None:
        if entries is None:
            return
        if not isinstance(entries, list):
            self.problem(path, "a list of areas", shown(entries))
            return
        for index, entry in enumerate(entries):
            self.add(entry, path + (index,), level, parent)


def read_areas(src: SourceFile) -> tuple[dict[str, Area], list[Problem]]:
    """Build the area tree from data/areas.yaml; every id and ONS code must be unique."""
    reader = _AreaReader(src)
    data = src.data if isinstance(src.data, dict) else {}
    if not isinstance(src.data, dict):
        reader.problem((), "a mapping with national and nations", shown(src.data))
    root = reader.add(data.get("national", {"id": "national", "name": "Whole UK"}), ("national",), "national", None)
    reader.walk(data.get("nations"), ("nations",), "nation", root)
    return reader.areas, reader.problems


def read_categories(src: SourceFile) -> tuple[dict[str, Category], list[Problem]]:
    """Read data/categories.yaml: a list of {id, name, description, group}, all plain text."""
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    if not isinstance(src.data, list):
        return {}, [Problem(src.shown_path, 1, "", "", "a list of categories", shown(src.data))]
    for index, entry in enumerate(src.data):
        values = {k: entry.get(k) if isinstance(entry, dict) else None for k in ("id", "name", "description")}
        bad = [k for k, v in values.items() if not isinstance(v, str) or not v.strip() or markup_in(v)]
        if bad:
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of((index, bad[0])),
                    "",
                    f"[{index}].{bad[0]}",
                    "plain text (id, name and description, no HTML)",
                    shown(values[bad[0]]),
                )
            )
        elif values["id"] in categories:
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of((index, "id")),
                    str(values["id"]),
                    "id",
                    "a unique category id",
                    f"{values['id']!r} again",
                )
            )
        elif entry.get("group", "general") not in CATEGORY_GROUPS:
            line = src.line_of((index, "group"))
            wanted = f"one of {', '.join(CATEGORY_GROUPS)}"
            problems.append(
                Problem(src.shown_path, line, str(values["id"]), "group", wanted, shown(entry.get("group")))
            )
        else:
            ident = str(values["id"])
            group = str(entry.get("group", "general"))
            categories[ident] = Category(ident, str(values["name"]), str(values["description"]), group)
    return categories, problems


def postcode_id_problems(folder: Path, areas: dict[str, Area]) -> list[Problem]:
    """The postcode lookup files (data/postcodes/, made with data/areas.yaml by `make areas`) must
    name each authority with the id data/areas.yaml gives its ONS code, or a lookup would lead to
    no page. Their format is documented in features/postcode/lookup.py; only `la` is read here."""
    if not folder.is_dir():
        return []
    by_gss = {a.gss: a.id for a in areas.values() if a.gss}
    problems = []
    for path in sorted(folder.glob("*.json")):
        try:
            authorities = json.loads(path.read_text(encoding="utf-8")).get("la", [])
        except (ValueError, AttributeError):
            problems.append(Problem(f"data/{folder.name}/{path.name}", 0, "", "", "a JSON lookup file", "not JSON"))
            continue
        for gss, ident, _name in authorities:
            if gss in by_gss and by_gss[gss] != ident:
                problems.append(
                    Problem(
                        f"data/{folder.name}/{path.name}",
                        0,
                        "",
                        gss,
                        f"the id data/areas.yaml gives {gss} ({by_gss[gss]!r})",
                        repr(ident),
                        "run `make areas` again, or keep the generated ids",
                    )
                )
    return problems
