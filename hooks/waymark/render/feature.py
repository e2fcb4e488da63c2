"""The feature protocol: what one browser feature (features/<name>/) gives the site.

Every feature folder has a `feature.py` whose `FEATURE` is a `Feature`. The MkDocs glue loops over
the registry of them (glue/registry.py) and knows no feature by name; no feature imports another.
A feature may give:

- `pages(renderer)`: the generated pages it adds (GeneratedPage), e.g. /search/, /areas/<id>/;
- `blocks`: blocks a hand-written page asks for with `<!-- waymark:NAME -->`;
- `scripts`: its scripts that every page loads (the rest of its .js files ship and load on demand);
- `theme_globals(renderer)`: names the theme's templates (overrides/) may call;
- `page_start(settings)`: HTML put first inside every page's <body> (the exit control);
- `files(output)`: files it writes after the pages (search data, postcode shards);
- its template, script and style files, which sit in its folder; a file name used twice across
  features and render/ stops the build (render/templates.py), so nothing shadows anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..settings import Settings
from .pages import GeneratedPage
from .renderer import Renderer

#: (renderer, root) -> HTML of a block
Block = Callable[[Renderer, str], str]


#: (key, make) -> make(), or the value kept for key (see Output)
Keep = Callable[[str, Callable[[], Any]], Any]


def made_now(key: str, make: Callable[[], Any]) -> Any:
    """`make()`: a build that keeps nothing between builds."""
    return make()


@dataclass(frozen=True)
class Output:
    """What a feature's `files` step gets: where the site is written and what the build collected.

    `keep(key, make)` is `make()`; under `make serve` the glue passes one that keeps the value
    between builds and gives it back while nothing `make` read has changed (glue/page_memo.py): a
    file made of one part a record (a search document, a sheet entry) makes only the changed parts
    again. `key` names the part within the feature and language."""

    site_dir: Path
    renderer: Renderer
    guides: tuple[tuple[str, str, str], ...]  # hand-written pages for search: url, title, text
    source_language: bool  # English: files every language shares (postcode shards) are written here
    keep: Keep = made_now


def _no_pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    return ()


def _no_globals(renderer: Renderer) -> Mapping[str, Any]:
    return {}


@dataclass(frozen=True)
class Feature:
    """One browser feature, as the glue sees it."""

    name: str
    pages: Callable[[Renderer], Iterable[GeneratedPage]] = _no_pages
    blocks: Mapping[str, Block] = field(default_factory=dict)
    scripts: tuple[str, ...] = ()
    theme_globals: Callable[[Renderer], Mapping[str, Any]] = _no_globals
    page_start: Callable[[Settings], str] | None = None
    files: Callable[[Output], None] | None = None
