"""What every import of services shares, whatever the format (spreadsheets, Open Referral UK JSON).

- Each incoming service is checked exactly as `make check` checks a file in data/services/
  (`service_problems`), and every problem is reported with its row or service number.
- All or nothing, really: nothing is written unless every service is good, and then every new
  file is first written in full into a staging folder, then moved into place; if anything fails
  part-way (a full disk, a name the file system refuses), every file already moved is put back
  as it was and the new ones are removed (`save_records`).
- A service whose file already says the same thing is left untouched, so re-importing changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..data.catalogue import Catalogue, service_reference_problems
from ..data.model import SERVICE
from ..data.problems import Problem
from ..data.read import SourceFile
from ..data.rules import text_problems
from ..data.schema import load_schema, schema_problems, schema_validator


@dataclass(frozen=True, order=True)
class ImportProblem:
    """One thing wrong in one row of a sheet, or one service of a feed."""

    number: int
    where: str  # a column of a sheet, or a field of a feed's service
    expected: str
    found: str
    hint: str = ""
    unit: str = "row"  # "row" of a sheet, or "service" of a feed

    def __str__(self) -> str:
        where = f"column {self.where or '(row)'}" if self.unit == "row" else self.where or "(service)"
        text = f"{self.unit} {self.number}, {where}: expected {self.expected}; found {self.found}"
        return f"{text} ({self.hint})" if self.hint else text


class ImportRefused(Exception):
    """Raised with every problem in an import; nothing was written."""

    def __init__(self, name: str, problems: Iterable[ImportProblem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was written:\n{lines}")


def slug(name: str) -> str:
    """A record id made from a name: "Leeds IDVA Service" -> "leeds-idva-service"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def service_problems(src: SourceFile, record_id: str, catalogue: Catalogue) -> list[Problem]:
    """Every problem `make check` would find in this service record, were it a file in data/."""
    check = schema_validator(catalogue.schema_dir, SERVICE.name)
    problems = schema_problems(src, record_id, check) + text_problems(src, record_id, SERVICE, dt.date.today())
    legal = catalogue.legal_records
    return problems + service_reference_problems(src, record_id, catalogue.categories, catalogue.areas, legal)


class _Dumper(yaml.SafeDumper):
    """Hand-written style: short id lists inline, Markdown as blocks, dates unquoted."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, str) and "\n" not in v and len(v) < 60 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def record_yaml(data: dict[str, Any]) -> str:
    """The YAML file for one service record."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    body = re.sub(r"^last_verified: '(\d{4}-\d\d-\d\d)'$", r"last_verified: \1", body, flags=re.MULTILINE)
    return "# yaml-language-server: $schema=../schema/service.schema.json\n" + body


def same_record(a: Any, b: Any) -> bool:
    """Records equal apart from whitespace at the ends of text (a YAML block adds a final newline)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_record(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_record(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return bool(a == b and type(a) is type(b))


def in_schema_order(data: Any, schema: dict[str, Any]) -> Any:
    """`data` with its fields in the order the schema lists them (as people write records)."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if isinstance(data, dict) and properties:
        order = list(properties)
        keys = sorted(data, key=lambda k: order.index(k) if k in order else len(order))
        return {k: in_schema_order(data[k], properties.get(k, {})) for k in keys}
    if isinstance(data, list) and isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        return [in_schema_order(item, schema["items"]) for item in data]
    return data


def _replace_all(folder: Path, files: dict[str, str]) -> None:
    """Put every file in `folder` (name -> text), or none of them.

    Each text is written whole into a staging folder beside the targets first (same file system,
    so the moves are atomic renames), then moved in one by one, keeping the old file aside; any
    failure puts every old file back and removes every new one before it is re-raised.
    """
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=folder))
    moved: list[tuple[Path, Path | None]] = []  # (target, its old version kept aside, or None if new)
    try:
        for name, text in files.items():
            with open(staging / name, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        (staging / ".old").mkdir()
        for name in files:
            target = folder / name
            kept = staging / ".old" / name if target.exists() else None
            if kept is not None:
                os.replace(target, kept)
            moved.append((target, kept))
            os.replace(staging / name, target)
    except BaseException:
        for target, kept in reversed(moved):
            if kept is not None:
                os.replace(kept, target)
            elif target.exists():
                target.unlink()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def save_records(
    records: list[tuple[str, dict[str, Any]]], catalogue: Catalogue, dry_run: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Write each checked (id, data) whose file does not already say the same: all of them or none.

    Returns the ids (created, updated, unchanged); with `dry_run`, writes nothing.
    """
    existing = catalogue.records[SERVICE.name]
    schema = load_schema(catalogue.schema_dir, SERVICE.name)
    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    files: dict[str, str] = {}
    folder = (catalogue.data_dir / SERVICE.folder).resolve()
    elsewhere: list[ImportProblem] = []
    for number, (record_id, data) in enumerate(records, 1):
        if record_id in existing and same_record(existing[record_id].data, data):
            unchanged.append(record_id)
            continue
        taken = catalogue.legal(record_id)
        if taken is not None:  # an id names one record of any type: the sheet finds records by id alone
            where = f"{taken.source.shown_path}"
            elsewhere.append(
                ImportProblem(number, "id", "an id no other record uses", repr(record_id), f"{where} has it")
            )
            continue
        source = existing[record_id].source if record_id in existing else None
        if source is not None and source.path.resolve().parent != folder:
            # A council's homelessness route is kept in data/councils/: an import cannot rewrite it there.
            where = f"{source.shown_path}:{source.line_of(())}"
            elsewhere.append(
                ImportProblem(
                    number, "id", f"a service kept in data/{SERVICE.folder}/", repr(record_id), f"edit it in {where}"
                )
            )
            continue
        (updated if record_id in existing else created).append(record_id)
        files[f"{record_id}.yaml"] = record_yaml(in_schema_order(data, schema))
    if elsewhere:
        raise ImportRefused("import", elsewhere)
    if files and not dry_run:
        _replace_all(catalogue.data_dir / SERVICE.folder, files)
    return created, updated, unchanged
