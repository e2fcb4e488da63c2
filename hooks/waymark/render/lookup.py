"""Where templates, scripts and styles are found: render/ and every feature folder, by file name.

A page names a template or script by its bare file name (`area.html`, `search.js`), so a file
name must be used once across render/templates, render/assets and the feature folders: a second
file of the same name would silently shadow the first, so it stops the build instead.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import rjsmin

RENDER = Path(__file__).resolve().parent
FEATURES = RENDER.parent / "features"
TEMPLATES = RENDER / "templates"
ASSETS = RENDER / "assets"


class NameClash(ValueError):
    """Two template or asset files share a name."""


def _folders() -> list[Path]:
    return [TEMPLATES, ASSETS, *sorted(p for p in FEATURES.iterdir() if p.is_dir() and not p.name.startswith("_"))]


def _by_name(suffixes: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in _folders():
        for path in sorted(folder.iterdir()):
            if path.suffix in suffixes and path.is_file():
                if path.name in found:
                    raise NameClash(
                        f"{path} and {found[path.name]} share a name: rename one (a page finds files by name)"
                    )
                found[path.name] = path
    return found


@functools.cache
def template_files() -> dict[str, Path]:
    """Every template (.html), by file name."""
    return _by_name((".html",))


def template_loader() -> jinja2.BaseLoader:
    """A Jinja loader over `template_files`: each name maps to exactly one file."""

    def load(name: str) -> tuple[str, str, None] | None:
        path = template_files().get(name)
        return (path.read_text(encoding="utf-8"), str(path), None) if path else None

    return jinja2.FunctionLoader(load)


def asset_files() -> dict[str, Path]:
    """Scripts shipped to the browser, by file name, from render/assets and every feature folder."""
    return {name: path for name, path in _by_name((".js", ".css")).items() if path.suffix == ".js"}


def shipped_script(path: Path) -> str:
    """A script as the browser gets it: without its comments and spare white space (rjsmin), which
    are for its readers here (a third of search.js once compressed); a `.min.js` as it is."""
    text = path.read_text(encoding="utf-8")
    return text if path.name.endswith(".min.js") else str(rjsmin.jsmin(text))


def stylesheet() -> str:
    """render/assets' CSS, then each feature's, as one stylesheet."""
    parts = [path for path in _by_name((".js", ".css")).values() if path.suffix == ".css"]
    return "\n".join(f"/* {p.parent.name}/{p.name} */\n{p.read_text(encoding='utf-8')}" for p in parts)
