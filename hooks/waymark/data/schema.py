"""Check a record against its JSON Schema (data/schema/), and the record's file name as its id.

The schemas share definitions through `$ref` (common.schema.json); editors follow the references
themselves, and both validators here get one self-contained schema (`load_schema`). Every check
returns Problems; nothing here stops early, so a run reports every mistake at once.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from .problems import DataError, Problem, did_you_mean, shown, with_article
from .read import FieldPath, SourceFile, dotted

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # always used with fullmatch
MAX_ID_LENGTH = 80  # an id is a file name and a URL: short, and far below any file system's limit


#: Records of one type checked by `full` before `fast` is compiled: compiling costs about 50 ms a
#: type, more than checking a small regional directory's records the slow way.
FAST_AFTER = 100


class SchemaCheck:
    """One record type's schema, checked two ways.

    `fast` is the schema compiled to Python by fastjsonschema: it answers "valid or not" about
    ten times faster and decides for the (usual) valid record once a type has more than
    FAST_AFTER records. Before that, and for any record `fast` rejects, `full` (jsonschema)
    decides and lists every error with its path.
    """

    def __init__(self, schema: dict[str, Any], schema_dir: Path) -> None:
        self.schema = schema
        self.schema_dir = schema_dir
        self.full = Draft202012Validator(schema)
        self.checked = 0
        self._fast: Callable[[Any], Any] | None = None

    def fast(self) -> Callable[[Any], Any]:
        """The compiled check (compiled on first use). The schemas use only keywords draft-07
        already had, so fastjsonschema's draft-07 code agrees with `full`."""
        if self._fast is None:
            draft7 = {**self.schema, "$schema": "http://json-schema.org/draft-07/schema#"}
            self._fast = fastjsonschema.compile(draft7, use_default=False)
        return self._fast

    def passes(self, data: Any) -> bool:
        """True when the record is valid (then `full` would find nothing)."""
        self.checked += 1
        try:
            if self.checked <= FAST_AFTER:
                return bool(self.full.is_valid(data))
            self.fast()(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        except Exception as error:  # a schema a maintainer broke: say which, not a traceback
            self.broken(error)
        return True

    def errors(self, data: Any) -> Iterator[ValidationError]:
        """Every error `full` finds in the record."""
        try:
            yield from self.full.iter_errors(data)
        except Exception as error:
            self.broken(error)

    def broken(self, error: Exception) -> NoReturn:
        """Raise DataError naming every schema file that is not a valid schema (else `error` itself)."""
        problems = schema_file_problems(self.schema_dir)
        if problems:
            raise DataError(problems) from error
        raise error


def _inline_refs(node: Any, file: Path, cache: dict[Path, Any]) -> Any:
    """`node` with every `$ref` ("other.schema.json#/$defs/x" or "#/$defs/x") replaced by its target.

    Editors follow the references themselves; both validators here get one self-contained schema.
    Keywords beside a `$ref` (a title, a description, minItems) are kept and win.
    """
    if isinstance(node, list):
        return [_inline_refs(item, file, cache) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline_refs(v, file, cache) for k, v in node.items() if k != "$ref"}
    if "$ref" not in node:
        return out
    target_name, _, pointer = node["$ref"].partition("#")
    target_file = (file.parent / target_name).resolve() if target_name else file
    if target_file not in cache:
        cache[target_file] = json.loads(target_file.read_text(encoding="utf-8"))
    target: Any = cache[target_file]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved = _inline_refs(target, target_file, cache)
    if isinstance(resolved, dict):
        resolved = {k: v for k, v in resolved.items() if k not in ("$schema", "$id", "$defs")}
        return {**resolved, **out}
    return resolved


def load_schema(schema_dir: Path, type_name: str) -> dict[str, Any]:
    """One record type's schema with its references resolved."""
    path = (schema_dir / f"{type_name}.schema.json").resolve()
    schema: dict[str, Any] = _inline_refs(json.loads(path.read_text(encoding="utf-8")), path, {})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


@functools.cache
def schema_validator(schema_dir: Path, type_name: str) -> SchemaCheck:
    """The checks for one record type (cached: schemas do not change in a run).

    The schema itself is not checked against the JSON Schema meta-schema here (0.6 s a process
    for 19 schemas): `schema_file_problems` does that, in `make check` and in the tests.
    """
    try:
        schema = load_schema(schema_dir, type_name)
    except ValueError as error:  # not JSON, or not UTF-8
        problems = schema_file_problems(schema_dir)
        if problems:
            raise DataError(problems) from error
        raise
    return SchemaCheck(schema, schema_dir)


def schema_file_problems(schema_dir: Path) -> list[Problem]:
    """Each schema file in `schema_dir` that is not JSON or not a valid JSON Schema (draft 2020-12).

    Each file is checked as written (its `$ref`s left as they are), so a shared definition is
    checked once, in its own file."""
    expected = "a valid JSON Schema (draft 2020-12)"
    problems = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        where = f"{schema_dir.name}/{path.name}"
        try:
            Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as error:
            problems.append(Problem(where, error.lineno, "", "", expected, f"not JSON: {error.msg}"))
        except (SchemaError, UnicodeDecodeError) as error:
            found = error.message if isinstance(error, SchemaError) else "not UTF-8 text"
            field = dotted(tuple(error.absolute_path)) if isinstance(error, SchemaError) else ""
            problems.append(Problem(where, 0, "", field, expected, found))
    return problems


_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
}


def _kind_of(value: Any) -> str:
    """What a YAML value is, in a maintainer's words."""
    return {str: "text", int: "number", float: "number", bool: "true/false", list: "a list", dict: "a mapping"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )


def _expected_and_found(error: ValidationError) -> Iterator[tuple[FieldPath, str, str, str]]:
    """Turn one jsonschema error into (path, expected, found, hint) in plain words."""
    path = tuple(error.absolute_path)
    kind, want, value = error.validator, error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        for name in want:
            if isinstance(value, dict) and name not in value:
                yield path + (name,), "a value (this field is required)", "nothing", ""
    elif kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in value:
            if name not in known:
                yield (
                    path + (name,),
                    "one of the known fields",
                    repr(name),
                    did_you_mean(name, known) or "see docs/maintainers/records.md",
                )
    elif kind == "enum":
        yield path, "one of " + ", ".join(map(str, want)), shown(value), did_you_mean(value, want)
    elif kind == "type":
        wanted = " or ".join(_TYPE_WORDS.get(w, with_article(w)) for w in ([want] if isinstance(want, str) else want))
        yield path, wanted, f"{_kind_of(value)} {shown(value)}", ""
    elif kind == "pattern":
        yield path, schema.get("description") or f"text matching {want}", shown(value), ""
    elif kind == "maxLength":
        yield path, f"at most {want} characters", f"{len(value)} characters", ""
    elif kind == "minLength":
        yield path, f"at least {want} characters", f"{len(value)} characters", ""
    elif kind == "minItems":
        yield path, f"at least {want} item{'s' if want != 1 else ''}", f"{len(value)}", ""
    elif kind == "minProperties":
        yield path, f"at least {want} field", "an empty mapping", ""
    elif kind == "uniqueItems":
        yield path, "no repeated items", shown(value), ""
    elif kind == "anyOf" and all("required" in s for s in want):
        names = " or ".join(s["required"][0] for s in want)
        yield path, f"{names} (at least one)", "neither", ""
    elif kind == "not" and "description" in schema:
        yield path + ("address",), f"no address ({schema['description']})", "an address", ""
    elif kind == "const":
        wanted = str(want).lower() if isinstance(want, bool) else shown(want)
        yield path, wanted, shown(value), schema.get("description", "")
    elif kind in ("minimum", "maximum"):
        yield path, f"a number {'>=' if kind == 'minimum' else '<='} {want}", shown(value), ""
    else:
        yield path, f"{kind} {shown(want)}", shown(value), error.message


def schema_problems(src: SourceFile, record_id: str, check: SchemaCheck) -> list[Problem]:
    """Every JSON Schema error in one record, with its line."""
    if check.passes(src.data):
        return []
    problems: dict[tuple[str, str], Problem] = {}
    for error in check.errors(src.data):
        for path, expected, found, hint in _expected_and_found(error):
            key = (dotted(path), expected)  # `if`/`then` can report one missing field twice
            line = src.line_of(path)
            problems.setdefault(key, Problem(src.shown_path, line, record_id, key[0], expected, found, hint))
    return list(problems.values())


def id_problem(record_id: str) -> str:
    """Why `record_id` cannot be an id (empty when it can)."""
    if not ID_PATTERN.fullmatch(record_id):
        return "lowercase letters, digits and single hyphens"
    if len(record_id) > MAX_ID_LENGTH:
        return f"at most {MAX_ID_LENGTH} characters"
    return ""


def record_id_problem(path: Path, shown_path: str) -> Problem | None:
    """A file name must be a usable, permanent id."""
    if path.suffix != ".yaml":
        return Problem(shown_path, 0, "", "", "a file ending .yaml", repr(path.name))
    if id_problem(path.stem):
        return Problem(
            shown_path,
            0,
            path.stem,
            "",
            f"a file name of {id_problem(path.stem)}",
            repr(path.name),
            f"rename it to {re.sub(r'[^a-z0-9]+', '-', path.stem.lower()).strip('-')}.yaml",
        )
    return None


def reference_problems(
    src: SourceFile, record_id: str, field: str, wanted: str, known: dict[str, Any]
) -> list[Problem]:
    """Ids listed under `field` must exist in `known`."""
    values = src.data.get(field) if isinstance(src.data, dict) else None
    problems = []
    for index, value in enumerate(values if isinstance(values, list) else []):
        if isinstance(value, str) and value not in known:
            path = (field, index)
            problems.append(
                Problem(
                    src.shown_path,
                    src.line_of(path),
                    record_id,
                    dotted(path),
                    f"the id of {wanted}",
                    repr(value),
                    did_you_mean(value, known),
                )
            )
    return problems
