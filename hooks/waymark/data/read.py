"""Read YAML with libyaml, keeping the line of every value so errors can point at it.

Nothing else in Waymark reads YAML. Data files are written by many hands and may be hostile, so
reading is bounded: only regular files (no links, pipes or devices), at most `MAX_BYTES` each,
no anchors or aliases (a nine-line "billion laughs" file would otherwise expand to gigabytes),
and at most `MAX_DEPTH` levels of nesting. Each limit is a Problem like any other mistake.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, shown

MAX_BYTES = 1_000_000  # a record is a few KB; areas.yaml for the whole UK is about 40 KB
MAX_DEPTH = 32  # records nest four or five levels


class _Loader(yaml.CSafeLoader):
    """libyaml (~12x faster than pure Python) with dates kept as the text the author typed.

    The validator then checks them, so "2026-02-30" is an error with a line, not a crash.
    """


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_scalar)  # type: ignore[type-var]

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
_SCALARS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


class _Walk:
    """One walk over a composed YAML tree: values, their lines and the problems found on the way."""

    def __init__(self, src: SourceFile, loader: _Loader) -> None:
        self.src, self.loader = src, loader
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, line: int, path: FieldPath, expected: str, found: str, hint: str = "") -> None:
        self.problems.append(Problem(self.src.shown_path, line, "", dotted(path), expected, found, hint))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        """The value of `node`, recording the line of every value below it.

        One walk does both (PyYAML's own constructor would walk the tree a second time). A node met
        twice is an alias: refused, and never expanded.
        """
        line = node.start_mark.line + 1
        self.src.lines[path] = line
        if id(node) in self.seen:
            self.problem(line, path, "plain values (no YAML anchors or aliases)", "an alias (*name)")
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(line, path, f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag in (_STR, _TIMESTAMP):
                return node.value
            if node.tag in _SCALARS:
                return self.loader.construct_object(node, deep=True)
            self.problem(line, path, "text, a number, true/false or a date", f"a value tagged {node.tag}")
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        mapping: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_line, path, "a field name", shown(getattr(key_node, "value", key_node)))
                continue
            key = key_node.value
            if key in first_line:
                self.problem(
                    key_line, path + (key,), "each field once", f"{key!r} again (first on line {first_line[key]})"
                )
            first_line[key] = key_line
            mapping[key] = self.build(value_node, path + (key,))
            self.src.lines[path + (key,)] = key_line
        return mapping


def value_at(data: Any, path: FieldPath) -> Any:
    """The value at `path` in nested mappings, or None where any step is missing."""
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def put_at(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set the value at `path`, making the mappings on the way."""
    for key in path[:-1]:
        data = data.setdefault(str(key), {})
    data[str(path[-1])] = value


def dotted(path: FieldPath) -> str:
    """`contact.phones[0].number` from ("contact", "phones", 0, "number")."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def flow_depth(text: str) -> int:
    """The deepest nesting of [ and { in `text` (a cheap guard before a recursive parser sees it)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # counting is C-fast; most files stop here
        return 0
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def regular_file_problem(path: Path, shown_path: str) -> Problem | None:
    """Only regular files inside the data folder are read: no links, pipes, devices or huge files."""
    try:
        info = path.lstat()
    except OSError as err:
        return Problem(shown_path, 0, "", "", "a readable file", err.strerror or str(err))
    if stat.S_ISLNK(info.st_mode):
        return Problem(shown_path, 0, "", "", "a regular file", "a symbolic link", "copy the file in instead")
    if not stat.S_ISREG(info.st_mode):
        return Problem(shown_path, 0, "", "", "a regular file", "a pipe, device or folder")
    if info.st_size > MAX_BYTES:
        return Problem(shown_path, 0, "", "", f"at most {MAX_BYTES:,} bytes", f"{info.st_size:,} bytes")
    return None


def read_text(path: Path, shown_path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read (wrong kind of file, not UTF-8)."""
    refused = regular_file_problem(path, shown_path)
    if refused:
        return None, [refused]
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = f"byte {raw[err.start]:#04x} that is not UTF-8"
        return None, [Problem(shown_path, line, "", "", "UTF-8 text", byte, "save the file as UTF-8")]


def load_yaml(path: Path, shown_path: str) -> tuple[SourceFile, list[Problem]]:
    """Parse one YAML file; return it with its line map, or the problems that stop it."""
    src = SourceFile(path=path, shown_path=shown_path)
    text, problems = read_text(path, shown_path)
    if text is None:
        return src, problems
    if flow_depth(text) > MAX_DEPTH:
        return src, [Problem(shown_path, 1, "", "", f"at most {MAX_DEPTH} levels of nesting", "deeper nesting")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return src, [Problem(shown_path, 1, "", "", "a YAML mapping", "an empty file")]
        walk = _Walk(src, loader)
        src.data = walk.build(node, ())
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        found = str(err.problem or err.context)
        return src, [Problem(shown_path, line, "", "", "valid YAML", found, "check indentation and quotes")]
    except yaml.YAMLError as err:
        return src, [Problem(shown_path, 1, "", "", "valid YAML", shown(str(err)))]
    finally:
        loader.dispose()
    return src, walk.problems
