"""The pages every Waymark site has, made from the catalogue: one per record, the hubs and indexes.

Features add their own pages through the feature protocol (render/feature.py); these are the
ones that are not a browser feature: record pages, "which order fits?", hubs, the area and
category indexes and the category pages.
"""

from __future__ import annotations

from functools import partial

from ..data.model import LEGAL_TYPES, ORDER, SERVICE
from ..i18n import _
from .pages import Body, GeneratedPage
from .renderer import Renderer


def site_pages(render: Renderer) -> list[GeneratedPage]:
    """The record pages, hubs and indexes, in the order they are added."""
    catalogue = render.catalogue
    pages: list[GeneratedPage] = []

    def add(src_uri: str, title: str, description: str, body: Body, source: str = "", fast: bool = False) -> None:
        pages.append(GeneratedPage(src_uri, title, description, body, source, fast))

    for rtype in (SERVICE, *LEGAL_TYPES):
        for record in catalogue.of_type(rtype):
            body = render.service_page if rtype is SERVICE else render.legal_page
            source = record.source.shown_path
            add(
                f"{rtype.folder}/{record.id}.md",
                record.name,
                record.data["summary"],
                partial(body, record),
                source,
                True,
            )
    for chooser in catalogue.choosers:
        add(
            f"orders/{chooser.id}.md",
            chooser.title,
            chooser.intro,
            partial(render.which_order_fits, chooser),
            f"data/{chooser.id}.yaml",
            fast=True,
        )
    add(
        "orders/index.md",
        _(ORDER.title),
        _("Protective orders, police schemes and offences compared."),
        render.orders_hub,
    )
    for rtype in LEGAL_TYPES:
        if rtype is not ORDER:
            add(f"{rtype.folder}/index.md", _(rtype.title), _(rtype.title), partial(render.legal_hub, rtype))
    add("areas/index.md", _("Services by area"), _("Find services by area."), render.areas_index)
    add("categories/index.md", _("Services by type"), _("Find services by type."), render.categories_index)
    for category in catalogue.categories.values():
        for number in range(1, render.category_pages(category) + 1):
            add(
                f"categories/{category.id}.md" if number == 1 else f"categories/{category.id}/{number}.md",
                category.name if number == 1 else _("{name}, page {number}", name=category.name, number=number),
                category.description,
                partial(render.category_page, category, number),
                "data/categories.yaml",
                fast=True,
            )
    return pages
