"""data/place-names.yaml: other names of places, in another language ("Caerdydd" for Cardiff)."""

from __future__ import annotations

from .problems import Problem
from .read import SourceFile

PlaceNames = dict[str, tuple[tuple[str, str], ...]]  # area id -> (name, language) pairs


def read_place_names(src: SourceFile, areas: set[str]) -> tuple[PlaceNames, list[Problem]]:
    """Area id -> its other names with their language; the file's shape is held by its schema,
    and each area must exist."""
    names: PlaceNames = {}
    problems: list[Problem] = []
    for index, entry in enumerate(src.data.get("places") or []):
        if entry["area"] not in areas:
            line = src.line_of(("places", index, "area"))
            where = f"places[{index}].area"
            problems.append(Problem(src.shown_path, line, "", where, "an area in data/areas.yaml", repr(entry["area"])))
            continue
        other = tuple((n.strip(), entry["language"]) for n in entry["names"])
        names[entry["area"]] = (*names.get(entry["area"], ()), *other)
    return names, problems
