"""The package's rooms and the one direction imports point (docs/maintainers/architecture.md).

    data  <-  i18n, settings  <-  render  <-  features  <-  glue  <-  tools

A room imports only rooms to its left; a feature imports no other feature; glue names no feature
(it loops over the registry); only glue and tools import MkDocs. Run by `make lint`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from project import PROJECT

PACKAGE = PROJECT / "hooks" / "waymark"
#: Each room and the rooms it may import.
ALLOWED = {
    "data": set(),
    "i18n": {"data"},
    "settings": {"data", "i18n"},
    "render": {"data", "i18n", "settings"},
    "features": {"data", "i18n", "settings", "render"},
    "glue": {"data", "i18n", "settings", "render"},  # features only through the registry, by looking
    "tools": {"data", "i18n", "settings", "render", "features", "glue"},
    "__main__": {"tools"},  # python -m waymark
}
MKDOCS_ROOMS = {"glue", "tools"}


def modules() -> list[Path]:
    """Every module of the package but tests (they may reach into anything they test)."""
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not p.name.startswith("test_")]


def room_of(path: Path, package: Path = PACKAGE) -> str:
    """`data` for hooks/waymark/data/x.py, `settings` for hooks/waymark/settings.py."""
    parts = path.relative_to(package).parts
    return parts[0].removesuffix(".py") if len(parts) > 1 or parts[0] != "__init__.py" else ""


def imports_of(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in `path`, relative ones resolved."""
    package = ["waymark", *path.relative_to(root).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if node.module is None:  # from . import x
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def problems_in(path: Path, package: Path = PACKAGE) -> list[str]:
    """Every import of `path` (a module of `package`) that points the wrong way."""
    room = room_of(path, package)
    shown = path.relative_to(package.parent)
    out = []
    for line, module in imports_of(path, package):
        parts = module.split(".")
        if parts[0] == "mkdocs" and room not in MKDOCS_ROOMS:
            out.append(f"{shown}:{line}: imports MkDocs ({module}); only glue/ and tools/ may")
        if parts[0] != "waymark" or len(parts) < 2 or not room:
            continue
        target = parts[1]
        if target == room:
            if room == "features" and len(parts) > 2:
                own = path.relative_to(package / "features").parts[0]
                if parts[2] != own:
                    out.append(f"{shown}:{line}: feature {own!r} imports feature {parts[2]!r} ({module})")
            continue
        if target not in ALLOWED.get(room, set()) and target in ALLOWED:
            out.append(f"{shown}:{line}: {room}/ imports {target}/ ({module}): imports point {room} -> {ALLOWED[room]}")
    return out


def test_imports_point_one_way() -> None:
    problems = [p for path in modules() for p in problems_in(path)]
    assert problems == []


def test_glue_names_no_feature() -> None:
    names = [p.name for p in (PACKAGE / "features").iterdir() if (p / "feature.py").is_file()]
    assert names, "no feature found"
    named = []
    for path in sorted((PACKAGE / "glue").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        named += [f"{path.name}: {name}" for name in names if f"features.{name}" in text or f'"{name}"' in text]
    assert named == []


def test_every_feature_folder_has_the_same_entry_point() -> None:
    folders = [p for p in (PACKAGE / "features").iterdir() if p.is_dir() and not p.name.startswith("_")]
    assert [p.name for p in folders if not (p / "feature.py").is_file()] == []


@pytest.mark.parametrize(
    ("room", "source", "expected"),
    [
        ("data", "from ..render.renderer import Renderer\n", "data/ imports render/"),
        ("features/guide", "from ..places.place import area_page\n", "feature 'guide' imports feature 'places'"),
        ("render", "import mkdocs.config\n", "imports MkDocs"),
    ],
)
def test_the_check_catches_a_wrong_import(tmp_path: Path, room: str, source: str, expected: str) -> None:
    """The check itself can fail: a module with a wrong import, in a copy of a room, is reported
    (written outside the package, so no other test can meet it)."""
    package = tmp_path / "waymark"
    probe = package / room / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source, encoding="utf-8")
    found = problems_in(probe, package)
    assert any(expected in p for p in found), found
