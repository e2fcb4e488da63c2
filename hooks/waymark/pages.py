"""Which pages the catalogue generates, and the MkDocs files that stand for them.

Each generated page is a tiny Markdown stub (front matter with title and description) so MkDocs
and the theme treat it as a normal page; its body HTML comes from `render` when MkDocs asks.
Records stay out of the nav: in the nav, every page would carry every record (quadratic build).
Service pages are not MkDocs pages at all: one shell page stands for them (see `shell`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .catalogue import Catalogue
from .model import LEGAL_TYPES, ORDER, SERVICE
from .region import Region
from .render import (
    TocEntry,
    area_page,
    areas_index,
    categories_index,
    category_page,
    find_service,
    legal_hub,
    legal_page,
    orders_hub,
    search_page,
    service_page,
    service_toc,
    which_order_fits,
)
from .shell import BODY, DESCRIPTION, SHELL_URI, TITLE

Renderer = Callable[[str], tuple[str, list[TocEntry]]]


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data: where it goes, its title, and how to render its body."""

    src_uri: str
    title: str
    description: str
    render: Renderer

    @property
    def stub(self) -> str:
        """The Markdown MkDocs reads for this page: front matter only."""
        # JSON strings are valid YAML scalars, so any title is quoted safely.
        return f"---\ntitle: {json.dumps(self.title)}\ndescription: {json.dumps(self.description)}\n---\n"


def generated_pages(catalogue: Catalogue, region: Region | None = None) -> dict[str, GeneratedPage]:
    """Every page the catalogue makes, keyed by its source path (e.g. ``orders/x.md``)."""
    pages: list[GeneratedPage] = []

    def add(src_uri: str, title: str, description: str, render: Renderer) -> None:
        pages.append(GeneratedPage(src_uri, title, description, render))

    for rtype in LEGAL_TYPES:
        for record in catalogue.records[rtype.name].values():
            add(
                f"{rtype.folder}/{record.id}.md",
                record.name,
                record.data["summary"],
                lambda root, r=record: legal_page(r, catalogue, root),
            )
    add(SHELL_URI, TITLE, DESCRIPTION, lambda root: (BODY, service_toc()))
    for chooser in catalogue.choosers:
        add(
            f"orders/{chooser.id}.md",
            chooser.title,
            chooser.intro,
            lambda root, c=chooser: which_order_fits(c, catalogue, root),
        )
    add(
        "orders/index.md",
        ORDER.title,
        "Protective orders, police schemes and offences compared.",
        lambda root: orders_hub(catalogue, root),
    )
    for rtype in LEGAL_TYPES:
        if rtype is not ORDER:
            add(
                f"{rtype.folder}/index.md",
                rtype.title,
                rtype.title,
                lambda root, t=rtype: legal_hub(t, catalogue, root),
            )
    add(
        "services/index.md",
        SERVICE.title,
        "Find domestic abuse and sexual violence services.",
        lambda root: find_service(catalogue, root, region or Region()),
    )
    add(
        "search.md",
        "Search",
        "Search services, orders, housing duties and support.",
        lambda root: search_page(catalogue, root),
    )
    add("areas/index.md", "Services by area", "Find services by area.", lambda root: areas_index(catalogue, root))
    for area in catalogue.areas.values():
        add(
            f"areas/{area.id}.md",
            f"Services in {area.name}",
            f"Domestic abuse and sexual violence services in {area.name}.",
            lambda root, a=area: area_page(a, catalogue, root),
        )
    add(
        "categories/index.md",
        "Services by type",
        "Find services by type.",
        lambda root: categories_index(catalogue, root),
    )
    for category in catalogue.categories.values():
        add(
            f"categories/{category.id}.md",
            category.name,
            category.description,
            lambda root, c=category: category_page(c, catalogue, root),
        )
    return {page.src_uri: page for page in pages}


def service_pages(catalogue: Catalogue) -> Iterator[tuple[str, str, str, Callable[[], str]]]:
    """(id, title, description, body) for every service page, rendered when asked."""
    root = "../../"  # services/<id>/
    for record in catalogue.of_type(SERVICE):
        yield (
            record.id,
            record.name,
            record.data["summary"],
            lambda r=record: service_page(r, catalogue, root)[0],
        )
