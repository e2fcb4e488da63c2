"""Which pages the catalogue generates: one `GeneratedPage` each, whoever writes it.

A generated page is a title, a description and a body renderer. Pages in the nav (the hubs and
indexes) go through MkDocs as tiny Markdown stubs whose body comes from `render` when MkDocs asks.
Pages out of the nav (every record, area, category and guide page: up to 10,000s) all sit at the
same depth and share the theme's output but for title, description, contents list and body, so
the fast writer (`writer`) pours them into one themed shell instead (about 3 ms a page saved).
Both kinds get their contents list from their own headings and the same finishing rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from markupsafe import escape

from ..build.i18n import _
from ..build.render import Renderer
from ..data.model import LEGAL_TYPES, ORDER, SERVICE
from ..features.guide.guide import START, answer_page, need_page, places_for, start_page
from ..features.languages.language_page import language_page
from ..features.places.place import area_page
from ..features.search.page import find_service, search_page
from ..features.sheet.sheet import sheet_page

Body = Callable[[str], str]  # root ("../../") -> body HTML


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data: where it goes, its title and description, and how to render its body."""

    src_uri: str  # e.g. "orders/non-molestation-order.md"
    title: str  # plain text
    description: str  # plain text
    render: Body
    source: str = ""  # the data file behind it, named when something is wrong with the page
    fast: bool = False  # out of the nav: written by the fast writer

    @property
    def url(self) -> str:
        """Site-relative URL: ``orders/x/`` (``orders/`` for ``orders/index.md``)."""
        path = self.src_uri.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            return path.removesuffix("index")
        return path + "/"

    @property
    def stub(self) -> str:
        """The Markdown MkDocs reads for this page: front matter only.

        The theme prints `page.meta.title` and `page.meta.description` without escaping, so they
        are escaped here; JSON strings are valid YAML scalars, so any text is quoted safely.
        """
        title, description = json.dumps(str(escape(self.title))), json.dumps(str(escape(self.description)))
        return f"---\ntitle: {title}\ndescription: {description}\n---\n"


def generated_pages(render: Renderer) -> dict[str, GeneratedPage]:
    """Every page the catalogue makes, keyed by its source path (e.g. ``orders/x.md``)."""
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
    guide = catalogue.guide
    if guide is not None:
        add(START, _(guide.title), guide.intro, partial(start_page, render))
        places = places_for(render)
        for need in guide.needs:
            add(f"help/{need.id}.md", need.label, need.intro, partial(need_page, render, need), "data/guide.yaml", True)
            for place in places:
                add(
                    f"help/{need.id}/{place.id}.md",
                    f"{need.label}: {place.name}",
                    need.intro,
                    partial(answer_page, render, need, place),
                    "data/guide.yaml",
                    True,
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
    add(
        "services/index.md",
        _(SERVICE.title),
        _("Find domestic abuse and sexual violence services."),
        partial(find_service, render),
    )
    add(
        "search.md",
        _("Search"),
        _("Search services, orders, housing duties and support."),
        partial(search_page, render),
    )
    if catalogue.language_help is not None:
        add(
            "languages.md",
            _("Help in your language"),
            _("Interpreters, British Sign Language, Relay UK and help in languages other than English."),
            partial(language_page, render),
            "data/language-help.yaml",
        )
    add(
        "sheet/index.md",
        _("Referral sheet"),
        _("For workers: put services and options for one person on a sheet to print or copy."),
        partial(sheet_page, render),
    )
    add("areas/index.md", _("Services by area"), _("Find services by area."), render.areas_index)
    for area in catalogue.areas.values():
        add(
            f"areas/{area.id}.md",
            _("Services in {place}", place=_(area.name)),
            _("Domestic abuse and sexual violence services in {place}.", place=_(area.name)),
            partial(area_page, render, area),
            "data/areas.yaml",
            fast=True,
        )
    add("categories/index.md", _("Services by type"), _("Find services by type."), render.categories_index)
    for category in catalogue.categories.values():
        add(
            f"categories/{category.id}.md",
            category.name,
            category.description,
            partial(render.category_page, category),
            "data/categories.yaml",
            fast=True,
        )
    return {page.src_uri: page for page in pages}
