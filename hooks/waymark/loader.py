"""Read YAML with libyaml, keeping the line of every value so errors can point at it.

Nothing else in Waymark reads YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, shown


class _Loader(yaml.CSafeLoader):
    """libyaml (~12x faster than pure Python) with dates kept as the text the author typed.

    The validator then checks them, so "2026-02-30" is an error with a line, not a crash.
    """


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_scalar)

FieldPath = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One parsed YAML file: its data and the line (1-based) of every value in it."""

    path: Path
    shown_path: str
    data: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    lines_dropped: bool = False  # see drop_lines

    def drop_lines(self) -> None:
        """Forget the line map of a file that had no problems (cheaper to pass between processes).

        A later cross-reference problem still gets its line: `line_of` reads the file again.
        """
        self.lines, self.lines_dropped = {}, True

    def line_of(self, path: FieldPath) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        if self.lines_dropped:
            self.lines = load_yaml(self.path, self.shown_path)[0].lines
            self.lines_dropped = False
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


def _build(
    node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], src: SourceFile, loader: _Loader
) -> tuple[Any, list[Problem]]:
    """The value of `node`, recording the line of every value below it; duplicate keys are problems.

    One walk does both (PyYAML's own constructor would walk the tree a second time). Strings and
    dates, nearly every scalar in a record, are taken as written; other scalars go to libyaml's
    constructor, as does any mapping with a `<<` merge key.
    """
    lines[path] = node.start_mark.line + 1
    problems: list[Problem] = []
    if isinstance(node, yaml.ScalarNode):
        if node.tag in (_STR, _TIMESTAMP):
            return node.value, problems
        return loader.construct_object(node, deep=True), problems
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            value, more = _build(item, path + (index,), lines, src, loader)
            items.append(value)
            problems += more
        return items, problems
    if any(key_node.tag == _MERGE for key_node, _ in node.value):
        return loader.construct_object(node, deep=True), problems
    mapping: dict[Any, Any] = {}
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else shown(str(key_node.value))
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.append(
                Problem(
                    src.shown_path,
                    line,
                    "",
                    dotted(path + (key,)),
                    "each field once",
                    f"{key!r} again (first on line {seen[key]})",
                )
            )
        seen[key] = line
        value, more = _build(value_node, path + (key,), lines, src, loader)
        problems += more
        lines[path + (key,)] = line
        mapping[key] = value
    return mapping, problems


def dotted(path: FieldPath) -> str:
    """`contact.phones[0].number` from ("contact", "phones", 0, "number")."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(path: Path, shown_path: str) -> tuple[SourceFile, list[Problem]]:
    """Parse one YAML file; return it with its line map, or the problems that stop it."""
    src = SourceFile(path=path, shown_path=shown_path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return src, [
            Problem(
                shown_path,
                line,
                "",
                "",
                "UTF-8 text",
                f"byte {raw[err.start]:#04x} that is not UTF-8",
                "save the file as UTF-8",
            )
        ]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return src, [Problem(shown_path, 1, "", "", "a YAML mapping", "an empty file")]
        src.data, problems = _build(node, (), src.lines, src, loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        return src, [
            Problem(
                shown_path, line, "", "", "valid YAML", str(err.problem or err.context), "check indentation and quotes"
            )
        ]
    except yaml.YAMLError as err:
        return src, [Problem(shown_path, 1, "", "", "valid YAML", shown(str(err)))]
    finally:
        loader.dispose()
    return src, problems
