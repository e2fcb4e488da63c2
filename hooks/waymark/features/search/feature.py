"""Search: the search page, Find a service with its filters, the header box and the search data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from ...i18n import _
from ...render.feature import Feature, Output
from ...render.pages import GeneratedPage
from ...render.renderer import Renderer
from .index import write_search_files
from .page import find_service, header_search, search_page


def pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    """/services/ (Find a service) and /search/, both in the nav."""
    yield GeneratedPage(
        "services/index.md",
        _("Find a service"),
        _("Find domestic abuse and sexual violence services."),
        partial(find_service, renderer),
    )
    yield GeneratedPage(
        "search.md",
        _("Search"),
        _("Search services, orders, housing duties and support."),
        partial(search_page, renderer),
    )


def theme_globals(renderer: Renderer) -> Mapping[str, Any]:
    """The header's search box, which the theme puts on every page."""
    return {"waymark_header_search": partial(header_search, renderer)}


def files(output: Output) -> None:
    """search/core.json, search/areas.json and the service shards."""
    write_search_files(output.site_dir, output.renderer.catalogue, output.guides, output.keep)


FEATURE = Feature(
    "search",
    pages=pages,
    scripts=("header-search.js",),
    theme_globals=theme_globals,
    files=files,
)
