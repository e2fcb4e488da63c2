"""Areas (whole UK → nation → region → local authority) and service categories."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .loader import SourceFile
from .problems import Problem, shown

AREA_LEVELS = ("national", "nation", "region", "local-authority")


@dataclass
class Area:
    """A place a service covers. `parent` is None only for the whole UK."""

    id: str
    name: str
    level: str
    parent: Area | None = None
    children: list[Area] = field(default_factory=list)
    jurisdiction: str | None = None

    @property
    def url(self) -> str:
        """Site-relative URL of the area's page."""
        return f"areas/{self.id}/"

    def ancestors(self) -> list[Area]:
        """Parents from the nearest up to the whole UK."""
        out, area = [], self.parent
        while area is not None:
            out.append(area)
            area = area.parent
        return out

    def descendants(self) -> list[Area]:
        """Every area inside this one."""
        out: list[Area] = []
        for child in self.children:
            out.append(child)
            out.extend(child.descendants())
        return out


@dataclass
class Category:
    """A kind of service workers search by."""

    id: str
    name: str
    description: str

    @property
    def url(self) -> str:
        """Site-relative URL of the category's page."""
        return f"categories/{self.id}/"


def _text(entry: Any, key: str) -> str | None:
    value = entry.get(key) if isinstance(entry, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def read_areas(src: SourceFile) -> tuple[dict[str, Area], list[Problem]]:
    """Build the area tree from data/areas.yaml; every id must be unique."""
    problems: list[Problem] = []
    areas: dict[str, Area] = {}
    data = src.data if isinstance(src.data, dict) else {}
    if not isinstance(src.data, dict):
        problems.append(Problem(src.shown_path, 1, "", "", "a mapping with national and nations", shown(src.data)))

    def add(entry: Any, path: tuple[str | int, ...], level: str, parent: Area | None) -> Area | None:
        ident, name = _text(entry, "id"), _text(entry, "name")
        if ident is None or name is None:
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of(path),
                    "",
                    ".".join(map(str, path)),
                    "an area with id and name",
                    shown(entry),
                )
            )
            return None
        if ident in areas:
            problems.append(
                Problem(
                    src.shown_path, src.line_of(path + ("id",)), ident, "id", "a unique area id", f"{ident!r} again"
                )
            )
            return None
        area = Area(
            ident,
            name,
            level,
            parent,
            jurisdiction=_text(entry, "jurisdiction") or (parent.jurisdiction if parent else None),
        )
        areas[ident] = area
        if parent is not None:
            parent.children.append(area)
        return area

    root = add(data.get("national", {"id": "national", "name": "Whole UK"}), ("national",), "national", None)
    child_keys = {"nation": "regions", "region": "local_authorities"}
    next_level = {"nation": "region", "region": "local-authority"}

    def walk(entries: Any, path: tuple[str | int, ...], level: str, parent: Area | None) -> None:
        if entries is None:
            return
        if not isinstance(entries, list):
            problems.append(
                Problem(
                    src.shown_path, src.line_of(path), "", ".".join(map(str, path)), "a list of areas", shown(entries)
                )
            )
            return
        for index, entry in enumerate(entries):
            area = add(entry, path + (index,), level, parent)
            key = child_keys.get(level)
            if area is not None and key:
                walk(entry.get(key), path + (index, key), next_level[level], area)

    walk(data.get("nations"), ("nations",), "nation", root)
    return areas, problems


def read_categories(src: SourceFile) -> tuple[dict[str, Category], list[Problem]]:
    """Read data/categories.yaml: a list of {id, name, description}."""
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    if not isinstance(src.data, list):
        return {}, [Problem(src.shown_path, 1, "", "", "a list of categories", shown(src.data))]
    for index, entry in enumerate(src.data):
        ident, name, text = _text(entry, "id"), _text(entry, "name"), _text(entry, "description")
        if ident is None or name is None or text is None:
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of((index,)),
                    "",
                    f"[{index}]",
                    "a category with id, name and description",
                    shown(entry),
                )
            )
        elif ident in categories:
            problems.append(
                Problem(
                    src.shown_path, src.line_of((index, "id")), ident, "id", "a unique category id", f"{ident!r} again"
                )
            )
        else:
            categories[ident] = Category(ident, name, text)
    return categories, problems
