"""The catalogue: every validated record, area and category, and the links between them.

`load_catalogue` is the one entry point: it loads, validates and cross-checks everything, and
raises a single DataError listing every problem when anything is wrong. Warnings (problems that
do not stop a build) stay on the catalogue for `make check` to print.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import PROJECT
from .chooser import Chooser, read_chooser
from .content import SourceHosts, content_problems, plain_english_problems, read_source_hosts
from .councils import read_council_routes
from .crisis import Crisis, read_crisis
from .first_response import FirstResponse, read_first_response
from .guide import Guide, read_guide
from .language_help import LANGUAGE_HELP_URL, LanguageHelp, read_language_help
from .model import LEGAL_TYPES, RECORD_TYPES, SERVICE, Record, RecordType
from .pages_check import page_location_problems
from .parallel import in_background
from .phrases import Phrase, read_phrases
from .place_names import PlaceNames, read_place_names
from .places import Area, Category, postcode_id_problems, read_areas, read_categories
from .places_help import PlacesHelp, read_places_help
from .problems import DataError, Problem, did_you_mean, errors_only
from .ranking import OrderKey, order_key
from .read import FieldPath, SourceFile, dotted, load_yaml
from .reads import question, unnoted
from .reuse import MEMO, digest_of, folder_digest
from .rules import LINK_LISTS, strings, text_problems
from .schema import record_id_problem, reference_problems, schema_problems, schema_validator
from .synonyms import Synonym, read_synonyms
from .text import digits_of, phone_numbers_in

#: The schemas that ship with Waymark; a data folder may carry its own copy in data/schema/.
DEFAULT_SCHEMA_DIR = PROJECT / "data" / "schema"
#: The schema each shared data file is held to (data/schema/<name>.schema.json); the areas file
#: has its own reader (data/places.py) with its own checks, line by line.
DATA_FILE_SCHEMAS = {
    f"{name}.yaml": name
    for name in (
        "categories",
        "synonyms",
        "source-hosts",
        "places-help",
        "language-help",
        "phrases",
        "guide",
        "first-response",
        "crisis",
        "place-names",
    )
}
#: Hand-written pages of every site (docs/) that a best bet may lead to; search lists them too. Not read
#: from docs/, so that data/ checks the same wherever it is (a test holds each to its docs/ file).
HAND_WRITTEN_PAGES = frozenset({"cover-your-tracks/", "about/"})
#: `[[service-id]]` in a legal record's text: the service, shown with its current numbers.
SERVICE_REF = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
EMERGENCY_REF = "emergency"


@dataclass
class Catalogue:
    """Everything the site shows, validated and cross-linked."""

    data_dir: Path
    records: dict[str, dict[str, Record]]  # record type name -> id -> record
    areas: dict[str, Area]
    categories: dict[str, Category]
    synonyms: list[Synonym] = field(default_factory=list)
    choosers: list[Chooser] = field(default_factory=list)  # data/which-order-fits*.yaml
    source_hosts: SourceHosts | None = None
    crisis: Crisis = field(default_factory=Crisis)
    places_help: PlacesHelp = field(default_factory=PlacesHelp)
    phrases: list[Phrase] = field(default_factory=list)
    guide: Guide | None = None
    language_help: LanguageHelp | None = None  # data/language-help.yaml: the "Help in your language" page
    first_response: FirstResponse = field(default_factory=FirstResponse)  # data/first-response.yaml
    warnings: list[Problem] = field(default_factory=list)

    schema_dir: Path = DEFAULT_SCHEMA_DIR
    place_names: PlaceNames = field(default_factory=dict)  # data/place-names.yaml

    @question
    def of_type(self, rtype: RecordType) -> list[Record]:
        """Records of one type, sorted by name."""
        return sorted(self.records[rtype.name].values(), key=lambda r: r.name.lower())

    @functools.cached_property
    def _services(self) -> list[Record]:
        with unnoted():
            return self.of_type(SERVICE)

    @property
    @question
    def services(self) -> list[Record]:
        """Every service, sorted by name."""
        return self._services

    @functools.cached_property
    def _legal_records(self) -> dict[str, Record]:
        return {rid: r for rtype in LEGAL_TYPES for rid, r in self.records[rtype.name].items()}

    @property
    @question
    def legal_records(self) -> dict[str, Record]:
        """Every order, housing duty, NRPF route and support option, by id."""
        return self._legal_records

    @functools.cached_property
    def _order_keys(self) -> dict[str, OrderKey]:
        return {}

    @question
    def order_key(self, service_id: str) -> OrderKey:
        """Where a service stands in the first-minute order (data/ranking.py), worked out once."""
        if service_id not in self._order_keys:
            self._order_keys[service_id] = order_key(
                self.records[SERVICE.name][service_id], self.categories, self.areas
            )
        return self._order_keys[service_id]

    @question
    def record_urls(self) -> dict[str, str]:
        """The address of every record's page, by id."""
        return {r.id: r.url for records in self.records.values() for r in records.values()}

    @question
    def legal(self, record_id: str) -> Record | None:
        """The order, housing duty, NRPF route or support option with this id."""
        return self._legal_records.get(record_id)

    @question
    def service(self, record_id: str) -> Record | None:
        """The service with this id."""
        return self.records[SERVICE.name].get(record_id)

    def is_wide(self, service: Record) -> bool:
        """True for a service covering the whole UK or a whole nation (not only local places)."""
        return any(self.areas[a].level in ("national", "nation") for a in service.data["areas"])

    @functools.cached_property
    def _helped_by(self) -> dict[str, list[Record]]:
        return self._services_by("helps_with")

    @question
    def helped_by(self, record_id: str) -> list[Record]:
        """Services whose `helps_with` names this legal record, by name."""
        return self._helped_by.get(record_id, [])

    def _services_by(self, field: str) -> dict[str, list[Record]]:
        """Services (by name) under each id their `field` lists."""
        index: dict[str, list[Record]] = defaultdict(list)
        with unnoted():  # an index for every page: each notes the answers it gets from it
            for service in self._services:
                for key in service.data.get(field) or []:
                    index[key].append(service)
        return index

    @functools.cached_property
    def _by_area(self) -> dict[str, list[Record]]:
        return self._services_by("areas")

    @functools.cached_property
    def _by_category(self) -> dict[str, list[Record]]:
        return self._services_by("categories")

    @question
    def services_in(self, area: Area) -> list[Record]:
        """Services listed for this area or a place inside it (below a nation).

        The whole UK and a nation list only what is listed for them exactly, so their pages stay
        small at any size; their regions are one click away.
        """
        ids = [area.id] + ([a.id for a in area.descendants()] if area.level not in ("national", "nation") else [])
        found = {s.id: s for area_id in ids for s in self._by_area.get(area_id, [])}
        return sorted(found.values(), key=lambda r: r.name.lower())

    @question
    def services_specific_to(self, area: Area) -> list[Record]:
        """Services listed for this place, a place inside it, or a county or region around it:
        what is specific to the place. A nation or the whole UK: what is listed for it exactly.

        Never the services listed for a whole nation or the UK (on every page of that nation they
        would make each page grow with them): those are `wide_services_for`.
        """
        if area.level in ("national", "nation"):
            return self.services_in(area)
        around = [a.id for a in area.ancestors() if a.level not in ("national", "nation")]
        found = {s.id: s for s in self.services_in(area)}
        found |= {s.id: s for a in around for s in self._by_area.get(a, [])}
        return sorted(found.values(), key=lambda r: r.name.lower())

    @question
    def wide_services_for(self, area: Area) -> list[Record]:
        """Services listed for the nation the place is in, or for the whole UK, that are not
        specific to the place (a nation's page: the UK-wide ones)."""
        specific = {s.id for s in self.services_specific_to(area)}
        wide = [a.id for a in area.ancestors() if a.level in ("national", "nation")]
        found = {s.id: s for a in wide for s in self._by_area.get(a, []) if s.id not in specific}
        return sorted(found.values(), key=lambda r: r.name.lower())

    @question
    def services_covering(self, area: Area) -> list[Record]:
        """Services listed for an area that contains this one (county, region, nation, whole UK)."""
        found = {s.id: s for a in area.ancestors() for s in self._by_area.get(a.id, [])}
        return sorted(found.values(), key=lambda r: r.name.lower())

    @question
    def services_in_category(self, category: Category) -> list[Record]:
        """Services in one category, by name."""
        return self._by_category.get(category.id, [])


FileJob = tuple[Path, Path, Path, str, dt.date]  # (file, data dir, schema dir, record type name, today)


def _check_file(job: FileJob) -> tuple[SourceFile | None, list[Problem]]:
    """Load and check one record file: its source (None if unusable) and its problems."""
    path, data_dir, schema_dir, type_name, today = job
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
    problems += schema_problems(src, path.stem, schema_validator(schema_dir, rtype.name))
    problems += text_problems(src, path.stem, rtype, today)
    problems += plain_english_problems(src, path.stem)
    if not problems:
        src.drop_lines()
    return src, problems


def _check_files(jobs: Sequence[FileJob]) -> list[tuple[SourceFile | None, list[Problem]]]:
    return [_check_file(job) for job in jobs]


def _checking_records(
    stack: ExitStack, data_dir: Path, schema_dir: Path, rtype: RecordType, today: dt.date, context: tuple[str, ...]
) -> Callable[[], tuple[dict[str, Record], list[Problem]]]:
    """Start reading and checking every record of one type (each file's result reused where
    `reuse.MEMO` kept it, `context` naming what else it depends on); many files are checked on the
    other cores while this process goes on. The function returned waits for them and gives the
    records and their problems. `stack` stops the other cores' work if the load fails first."""
    folder = data_dir / rtype.folder
    paths = [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")] if folder.is_dir() else []
    jobs = [(path, data_dir, schema_dir, rtype.name, today) for path in paths]
    pending = MEMO.pending(paths, (*context, rtype.name))
    results = stack.enter_context(in_background(_check_files, [jobs[i] for i in pending.todo]))

    def records_and_problems() -> tuple[dict[str, Record], list[Problem]]:
        records: dict[str, Record] = {}
        problems: list[Problem] = []
        for path, (src, file_problems) in zip(paths, MEMO.finished(pending, results()), strict=True):
            problems += file_problems
            if src is not None:
                records[path.stem] = Record(rtype, path.stem, src.data, src)
        return records, problems

    return records_and_problems


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


def service_numbers(services: dict[str, Record]) -> dict[str, str]:
    """Which service holds each phone and text number (digits only)."""
    return {
        digits_of(p["number"]): service_id
        for service_id, service in services.items()
        for kind in ("phones", "texts")
        for p in (service.data.get("contact") or {}).get(kind) or []
    }


def service_mention_problems(
    src: SourceFile,
    record_id: str,
    texts: Iterable[tuple[FieldPath, str]],
    services: dict[str, Record],
    numbers: dict[str, str],
) -> list[Problem]:
    """Legal text names services as `[[id]]` and never types a phone number.

    A number lives in its service record only, so a change reaches every page that mentions it.
    """
    known = [*services, EMERGENCY_REF]
    problems = []
    for path, text in texts:
        for ref in SERVICE_REF.findall(text) if "[[" in text else ():
            if ref != EMERGENCY_REF and ref not in services:
                problems.append(
                    Problem(
                        src.shown_path,
                        src.line_of(path),
                        record_id,
                        dotted(path),
                        "[[id]] of a service in data/services/ (or [[emergency]])",
                        repr(ref),
                        did_you_mean(ref, known),
                    )
                )
        for number in phone_numbers_in(text):
            holder = numbers.get(number)
            hint = (
                f"write [[{holder}]]" if holder else "add the number to its service record, then write [[service-id]]"
            )
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of(path),
                    record_id,
                    dotted(path),
                    "no phone number here: a number lives only in its service record",
                    number,
                    hint,
                )
            )
    return problems


def today_for_checks() -> dt.date:
    """Today, or the date in $WAYMARK_TODAY (YYYY-MM-DD): tests pin it so fixture dates never age."""
    pinned = os.environ.get("WAYMARK_TODAY", "")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def _check_shared(path: Path, name: str, schema_dir: Path) -> tuple[SourceFile, list[Problem], bool]:
    """Read a shared data file and hold it to its schema: its source, its problems, and whether
    its shape can be read (False when it does not match its schema)."""
    src, problems = load_yaml(path, f"data/{name}")
    if src.data is None:
        return src, problems, False
    schema = DATA_FILE_SCHEMAS.get(name, "which-order-fits" if name.startswith("which-order-fits") else "")
    if schema and (schema_dir / f"{schema}.schema.json").is_file():
        mismatches = schema_problems(src, "", schema_validator(schema_dir, schema))
        problems += mismatches
        if errors_only(mismatches):
            return src, problems, False
    return src, problems, True


def load_catalogue(data_dir: Path, today: dt.date | None = None, schema_dir: Path | None = None) -> Catalogue:
    """Load and validate all of data/; raise DataError listing every problem if any.

    A file whose bytes (and schemas, and date) are those of the last load in this process is not
    read and checked again: its result is reused (`reuse.MEMO`; `make serve` loads at every edit).
    """
    with MEMO.load():
        return _load_catalogue(data_dir, today, schema_dir)


def _load_catalogue(data_dir: Path, today: dt.date | None, schema_dir: Path | None) -> Catalogue:
    with ExitStack() as stack:
        return _load_all(stack, data_dir, today, schema_dir)


def _load_all(stack: ExitStack, data_dir: Path, today: dt.date | None, schema_dir: Path | None) -> Catalogue:
    today = today or today_for_checks()
    if schema_dir is None:
        schema_dir = data_dir / "schema" if (data_dir / "schema").is_dir() else DEFAULT_SCHEMA_DIR
    problems: list[Problem] = []
    # What a file's checked result depends on besides its own bytes: worked out (every schema file
    # read) only where results are kept, under `make serve`.
    context = (
        (str(data_dir.absolute()), str(schema_dir.absolute()), folder_digest(schema_dir, "*.json"), str(today))
        if MEMO.enabled
        else ()
    )
    # The records are checked first, on the other cores where there are many (services), while this
    # process reads the shared files, the other types and the council routes.
    checking = {t.name: _checking_records(stack, data_dir, schema_dir, t, today, context) for t in RECORD_TYPES}

    def shared_file(name: str, required: bool = True) -> SourceFile | None:
        """A data file other than a record, held to its schema (data/schema/<name>.schema.json):
        None when it is missing or does not match it (every mismatch is a problem at its line, and
        the reader never meets a shape it does not expect)."""
        path = data_dir / name
        if not path.exists() and not path.is_symlink():
            if required:
                problems.append(Problem(f"data/{name}", 0, "", "", "this file to exist", "no file"))
            return None
        src, errors, usable = MEMO.reused(path, (*context, name), lambda: _check_shared(path, name, schema_dir))
        problems.extend(errors)
        return src if usable else None

    areas_src = shared_file("areas.yaml")
    categories_src = shared_file("categories.yaml")
    synonyms_src = shared_file("synonyms.yaml", required=False)
    hosts_src = shared_file("source-hosts.yaml", required=False)
    areas, area_problems = read_areas(areas_src) if areas_src else ({}, [])
    categories, cat_problems = read_categories(categories_src) if categories_src else ({}, [])
    synonyms, synonym_problems = read_synonyms(synonyms_src) if synonyms_src else ([], [])
    place_names_src = shared_file("place-names.yaml", required=False)
    place_names, place_name_problems = read_place_names(place_names_src, set(areas)) if place_names_src else ({}, [])
    hosts, host_problems = read_source_hosts(hosts_src) if hosts_src else (None, [])
    problems += area_problems + cat_problems + synonym_problems + place_name_problems + host_problems
    problems += postcode_id_problems(data_dir / "postcodes", areas)

    areas_digest = digest_of(areas_src.path.read_bytes()) if areas_src and MEMO.enabled else ""
    routes, route_problems = read_council_routes(data_dir, schema_dir, areas, today, (*context, areas_digest))
    records: dict[str, dict[str, Record]] = {}
    for rtype in RECORD_TYPES:
        records[rtype.name], type_problems = checking[rtype.name]()
        problems += type_problems
    problems += route_problems
    # An id names one record of any type: the sheet, search and exports find records by id alone.
    seen: dict[str, Record] = {}
    for record in [*(r for rs in records.values() for r in rs.values()), *routes.values()]:
        if record.id in seen:
            problems.append(
                Problem(
                    record.source.shown_path,
                    record.source.line_of(()),
                    record.id,
                    "id",
                    "an id no other record uses (services, orders, housing, NRPF, support, justice, councils)",
                    f"the same id as {seen[record.id].source.shown_path}",
                    "rename one of them",
                )
            )
        else:
            seen[record.id] = record
    records[SERVICE.name] |= {i: r for i, r in routes.items() if i not in records[SERVICE.name]}
    legal = {rid: r for rtype in LEGAL_TYPES for rid, r in records[rtype.name].items()}

    services = records[SERVICE.name]
    numbers = service_numbers(services)
    for service in services.values():
        problems += service_reference_problems(service.source, service.id, categories, areas, legal)
    for record in legal.values():
        problems += reference_problems(
            record.source, record.id, "related", "an order, housing duty, NRPF route or support option", legal
        )
        texts = [(path, text) for path, text in strings(record.data) if path[0] not in LINK_LISTS]
        problems += service_mention_problems(record.source, record.id, texts, services, numbers)
    problems += page_location_problems(data_dir.parent / "docs", services)
    help_src = shared_file("places-help.yaml", required=False)
    places_help, help_problems = read_places_help(help_src) if help_src else (PlacesHelp(), [])
    problems += help_problems
    language_src = shared_file("language-help.yaml", required=False)
    language_help, language_problems = read_language_help(language_src, set(services)) if language_src else (None, [])
    problems += language_problems
    phrases_src = shared_file("phrases.yaml", required=False)
    pages = {r.url for rs in records.values() for r in rs.values()} | {c.url for c in categories.values()}
    pages |= {LANGUAGE_HELP_URL} if language_help else set()
    pages |= {a.url for a in areas.values()} | {f"orders/{p.stem}/" for p in data_dir.glob("which-order-fits*.yaml")}
    pages |= HAND_WRITTEN_PAGES
    phrases, phrase_problems = read_phrases(phrases_src, pages) if phrases_src else ([], [])
    problems += phrase_problems
    guide_src = shared_file("guide.yaml", required=False)
    guide, guide_problems = read_guide(guide_src, set(legal), set(categories)) if guide_src else (None, [])
    problems += guide_problems
    first_src = shared_file("first-response.yaml", required=False)
    first_response, first_problems = (
        read_first_response(first_src, schema_dir, services) if first_src else (FirstResponse(), [])
    )
    problems += first_problems
    if first_src is not None:
        texts = [(path, text) for path, text in strings(first_src.data) if "sources" not in path]
        problems += service_mention_problems(first_src, "", texts, services, numbers)
    crisis_src = shared_file("crisis.yaml", required=False)
    crisis, crisis_problems = read_crisis(crisis_src, services, areas) if crisis_src else (Crisis(), [])
    problems += crisis_problems
    choosers = []
    for chooser_path in sorted(data_dir.glob("which-order-fits*.yaml")):
        chooser_src = shared_file(chooser_path.name)
        if chooser_src is not None:
            chooser, chooser_problems = read_chooser(chooser_src, set(legal))
            problems += chooser_problems
            problems += service_mention_problems(chooser_src, "", strings(chooser_src.data), services, numbers)
            choosers += [chooser] if chooser else []
    for record in (r for rs in records.values() for r in rs.values()):
        listed = [a for a in record.data.get("areas") or [] if isinstance(a, str) and a in areas]
        wide = record.type is SERVICE and any(areas[a].level in ("national", "nation") for a in listed)

        problems += content_problems(record, today, wide, hosts)
    if errors_only(problems):
        raise DataError(problems)
    warnings = sorted(problems)
    return Catalogue(
        data_dir,
        records,
        areas,
        categories,
        synonyms,
        choosers,
        hosts,
        crisis,
        places_help,
        phrases,
        guide,
        language_help,
        first_response or FirstResponse(),
        warnings,
        schema_dir,
        place_names,
    )
