"""The catalogue: every validated record, area and category, and the links between them.

`load_catalogue` is the one entry point: it loads, validates and cross-checks everything, and
raises a single DataError listing every problem when anything is wrong.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .areas import Area, Category, read_areas, read_categories
from .chooser import Chooser, read_chooser
from .loader import SourceFile, load_yaml
from .model import JURISDICTIONS, LEGAL_TYPES, RECORD_TYPES, SERVICE, Record, RecordType
from .parallel import map_chunks
from .problems import DataError, Problem
from .synonyms import Synonym, read_synonyms
from .validate import (
    record_id_problem,
    reference_problems,
    schema_problems,
    schema_validator,
    text_problems,
)


@dataclass
class Catalogue:
    """Everything the site shows, validated and cross-linked."""

    data_dir: Path
    records: dict[str, dict[str, Record]]  # record type name -> id -> record
    areas: dict[str, Area]
    categories: dict[str, Category]
    synonyms: list[Synonym] = field(default_factory=list)
    choosers: list[Chooser] = field(default_factory=list)  # data/which-order-fits*.yaml
    _helped_by: dict[str, list[Record]] = field(default_factory=dict)

    def of_type(self, rtype: RecordType) -> list[Record]:
        """Records of one type, sorted by name."""
        return sorted(self.records[rtype.name].values(), key=lambda r: r.name.lower())

    @functools.cached_property
    def services(self) -> list[Record]:
        """Every service, sorted by name."""
        return self.of_type(SERVICE)

    @functools.cached_property
    def legal_records(self) -> dict[str, Record]:
        """Every order, housing duty, NRPF route and support option, by id."""
        return {rid: r for rtype in LEGAL_TYPES for rid, r in self.records[rtype.name].items()}

    def legal(self, record_id: str) -> Record | None:
        """The order, housing duty, NRPF route or support option with this id."""
        return self.legal_records.get(record_id)

    def is_wide(self, service: Record) -> bool:
        """True for a service covering the whole UK or a whole nation (not only local places)."""
        return any(self.areas[a].level in ("national", "nation") for a in service.data["areas"])

    def helped_by(self, record_id: str) -> list[Record]:
        """Services whose `helps_with` names this legal record."""
        return self._helped_by.get(record_id, [])

    @functools.cached_property
    def _by_area(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = defaultdict(list)
        for service in self.services:
            for area_id in service.data["areas"]:
                index[area_id].append(service)
        return index

    @functools.cached_property
    def _by_category(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = defaultdict(list)
        for service in self.services:
            for category_id in service.data["categories"]:
                index[category_id].append(service)
        return index

    def services_in(self, area: Area) -> list[Record]:
        """Services listed for this area; a region also gathers its local authorities' services.

        The whole UK and a nation list only what is listed for them exactly, so their pages stay
        small at any size; their regions are one click away.
        """
        ids = [area.id] + ([a.id for a in area.descendants()] if area.level == "region" else [])
        found = {s.id: s for area_id in ids for s in self._by_area.get(area_id, [])}
        return sorted(found.values(), key=lambda r: r.name.lower())

    def services_covering(self, area: Area) -> list[Record]:
        """Services listed for an area that contains this one (region, nation, whole UK)."""
        found = {s.id: s for a in area.ancestors() for s in self._by_area.get(a.id, [])}
        return sorted(found.values(), key=lambda r: r.name.lower())

    def services_in_category(self, category: Category) -> list[Record]:
        """Services in one category, sorted by name."""
        return self._by_category.get(category.id, [])

    def by_jurisdiction(self, rtype: RecordType) -> dict[str, list[Record]]:
        """Records of a type grouped under each jurisdiction they apply in."""
        groups: dict[str, list[Record]] = {j: [] for j in JURISDICTIONS}
        for record in self.of_type(rtype):
            for jurisdiction in record.data["jurisdictions"]:
                groups[jurisdiction].append(record)
        return {j: rs for j, rs in groups.items() if rs}


FileJob = tuple[Path, Path, str, dt.date]  # (file, data dir, record type name, today)


def _check_file(job: FileJob) -> tuple[SourceFile | None, list[Problem]]:
    """Load and check one record file: its source (None if unusable) and its problems."""
    path, data_dir, type_name, today = job
    rtype = next(t for t in RECORD_TYPES if t.name == type_name)
    shown_path = path.relative_to(data_dir.parent).as_posix()
    bad_name = record_id_problem(path, shown_path)
    if bad_name:
        return None, [bad_name]
    src, problems = load_yaml(path, shown_path)
    if src.data is None:
        return None, problems
    if not isinstance(src.data, dict):
        found = type(src.data).__name__
        return None, [*problems, Problem(shown_path, 1, path.stem, "", f"a {rtype.singular} record (a mapping)", found)]
    problems += schema_problems(src, path.stem, schema_validator(data_dir / "schema", rtype.name))
    problems += text_problems(src, path.stem, rtype, today)
    if not problems:
        src.drop_lines()
    return src, problems


def _check_files(jobs: Sequence[FileJob]) -> list[tuple[SourceFile | None, list[Problem]]]:
    return [_check_file(job) for job in jobs]


def _load_records(data_dir: Path, rtype: RecordType, today: dt.date) -> tuple[dict[str, Record], list[Problem]]:
    folder = data_dir / rtype.folder
    paths = [p for p in sorted(folder.glob("*")) if not p.name.startswith(".") and not p.is_dir()]
    jobs = [(path, data_dir, rtype.name, today) for path in paths] if folder.is_dir() else []
    records: dict[str, Record] = {}
    problems: list[Problem] = []
    for (path, *_), (src, file_problems) in zip(jobs, map_chunks(_check_files, jobs), strict=True):
        problems += file_problems
        if src is not None:
            records[path.stem] = Record(rtype, path.stem, src.data, src)
    return records, problems


def service_reference_problems(
    src: SourceFile, record_id: str, categories: dict[str, Any], areas: dict[str, Any], legal: dict[str, Any]
) -> list[Problem]:
    """A service's category, area and `helps_with` ids must exist."""
    return (
        reference_problems(src, record_id, "categories", "a category in data/categories.yaml", categories)
        + reference_problems(src, record_id, "areas", "an area in data/areas.yaml", areas)
        + reference_problems(
            src, record_id, "helps_with", "an order, housing duty, NRPF route or support option", legal
        )
    )


def load_catalogue(data_dir: Path, today: dt.date | None = None) -> Catalogue:
    """Load and validate all of data/; raise DataError listing every problem if any."""
    today = today or dt.date.today()
    problems: list[Problem] = []

    def shared_file(name: str, required: bool = True) -> SourceFile | None:
        path = data_dir / name
        if not path.exists():
            if required:
                problems.append(Problem(f"data/{name}", 0, "", "", "this file to exist", "no file"))
            return None
        src, errors = load_yaml(path, f"data/{name}")
        problems.extend(errors)
        return src

    areas_src = shared_file("areas.yaml")
    categories_src = shared_file("categories.yaml")
    synonyms_src = shared_file("synonyms.yaml", required=False)
    areas, area_problems = read_areas(areas_src) if areas_src and areas_src.data is not None else ({}, [])
    categories, cat_problems = (
        read_categories(categories_src) if categories_src and categories_src.data is not None else ({}, [])
    )
    synonyms, synonym_problems = read_synonyms(synonyms_src) if synonyms_src and synonyms_src.data else ([], [])
    problems += area_problems + cat_problems + synonym_problems

    records: dict[str, dict[str, Record]] = {}
    for rtype in RECORD_TYPES:
        records[rtype.name], type_problems = _load_records(data_dir, rtype, today)
        problems += type_problems

    legal: dict[str, Record] = {}
    for rtype in LEGAL_TYPES:
        for record_id, record in records[rtype.name].items():
            if record_id in legal:
                other = legal[record_id].source.shown_path
                problems.append(
                    Problem(
                        record.source.shown_path,
                        1,
                        record_id,
                        "",
                        "an id used by one legal record only",
                        f"the same id as {other}",
                        "rename one of the files",
                    )
                )
            legal[record_id] = record

    helped_by: dict[str, list[Record]] = defaultdict(list)
    for service in sorted(records["service"].values(), key=lambda r: r.name.lower()):
        problems += service_reference_problems(service.source, service.id, categories, areas, legal)
        for record_id in service.data.get("helps_with") or []:
            helped_by[record_id].append(service)
    for record in legal.values():
        problems += reference_problems(
            record.source, record.id, "related", "an order, housing duty, NRPF route or support option", legal
        )
    choosers = []
    for chooser_path in sorted(data_dir.glob("which-order-fits*.yaml")):
        chooser_src = shared_file(chooser_path.name)
        if chooser_src is not None and chooser_src.data is not None:
            chooser, chooser_problems = read_chooser(chooser_src, set(legal))
            problems += chooser_problems
            choosers += [chooser] if chooser else []
    if problems:
        raise DataError(problems)
    return Catalogue(data_dir, records, areas, categories, synonyms, choosers, dict(helped_by))
