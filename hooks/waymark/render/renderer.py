"""Render catalogue data into page bodies with autoescaping Jinja templates.

Nothing else in Waymark writes HTML for records. Templates live by page type in render/templates/
and by feature in features/<name>/; they receive plain data and decide no policy. Every method
takes `root`, the relative prefix from the page to the site root, so links work from a folder,
a zip or any host path. A page's contents list is read from the headings of its body (`toc`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import jinja2
from markupsafe import Markup

from .. import i18n
from ..data import reads
from ..data.catalogue import Catalogue
from ..data.chooser import PAGE_LINKS, RECORD_LINK, Chooser
from ..data.model import (
    AUDIENCES,
    HUB_INTROS,
    JURISDICTION_GROUPS,
    JURISDICTIONS,
    ORDER,
    ORDER_KINDS,
    STATUS_LABELS,
    Record,
    RecordType,
)
from ..data.phones import sms_href, tel_href
from ..data.places import Area, Category
from ..data.ranking import OrderKey, Ranked, in_order
from ..data.reads import Reads, reading, replay
from ..settings import Settings
from .cards import TEMPLATE_CARD, card_data
from .lookup import template_files, template_loader
from .markdown import expand_references, markdown_escape, render_markdown
from .shards import shard_of

T = TypeVar("T")
#: Services shown as cards in one list; the rest of the list is compact (a name and its places).
CARD_LIMIT = 20
#: Services on one page of a category's list (the list goes on over numbered pages).
CATEGORY_PAGE = 150
#: A long list's compact part (names and places) stops here, with a pointer to where the rest are.
COMPACT_LIMIT = 200
#: Services for people who harm shown on one page; the rest are on their category's pages.
HARM_CARDS = 5


def long_date(value: dt.date) -> str:
    """23 November 2026 (in the build's language)."""
    return i18n.CURRENT.long_date(value)


AND = i18n.N_(" and ")


def join_names(names: list[str]) -> str:
    """England, Wales and Scotland, in the build's language. The last name is translated with its
    "and" (" and Wales" is " a Chymru" in Welsh: the name after "a" changes), where the catalogue
    has that pair (i18n.label_strings lists one per nation); otherwise "and" and the name apart."""
    shown = [i18n._(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    last = i18n.CURRENT.gettext(AND + names[-1]) if (AND + names[-1]) in i18n.CURRENT.entries else ""
    return ", ".join(shown[:-1]) + (last or i18n._(AND) + shown[-1])


WHOLE_UK = i18n.N_("Whole UK")


def place_name(area: Any) -> str:
    """A place's name in the build's language: the UK and its nations are interface words
    (Lloegr, Cymru in Welsh); every other place keeps the name the data gives it."""
    if area.level == "national" and area.name == WHOLE_UK:
        return i18n._(WHOLE_UK)
    if area.level == "nation" and area.name in JURISDICTIONS.values():
        return i18n._(area.name)
    return str(area.name)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, keyed by the template's name only (not the folder it
    was read from), so a copy of the project in another folder finds the same entries. Jinja
    checks each entry against a checksum of the template's source before using it: an edited
    template, or a same-named one with other source, is compiled again and replaces the entry."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache:
    """The compiled-template cache every build of this user shares (Jinja's private folder in the
    system's temporary folder): a new process skips compiling the theme's and Waymark's 58
    templates (about 0.7 s a build)."""
    return _CompiledTemplates()


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: autoescape on; templates by page type and by feature."""
    env = jinja2.Environment(
        loader=template_loader(),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no file check per page
        bytecode_cache=compiled_templates(),
    )
    env.globals["_"] = i18n._
    env.globals["en"] = i18n.english_content
    env.globals["ui"] = i18n.interface_lang
    # A site in another language lives in a folder of the English one (site/cy/) and shares its
    # postcode files rather than shipping a second copy.
    # The four nations, in the order and words the data uses (the postcode box offers them).
    env.globals["nation_choices"] = lambda: [[key, i18n._(name)] for key, name in JURISDICTIONS.items()]
    env.globals["postcode_dir"] = lambda: (
        "postcode/" if i18n.CURRENT.language == i18n.SOURCE_LANGUAGE else "../postcode/"
    )
    env.filters["language_name"] = lambda name: i18n.CURRENT.language_name(str(name))
    env.filters["nations"] = lambda keys: join_names([JURISDICTIONS[k] for k in JURISDICTIONS if k in keys])
    env.filters["long_date"] = long_date
    env.filters["tel"] = tel_href
    env.filters["sms"] = sms_href
    env.filters["audience"] = lambda key: i18n._(AUDIENCES.get(key) or str(key))
    env.filters["jurisdiction"] = lambda key: i18n._(JURISDICTIONS.get(key) or str(key))
    env.filters["place"] = place_name
    return env


def compile_templates() -> None:
    """Compile every template now (each is compiled once a process): before the pages are shared
    between processes, so each one does not compile them again."""
    env = environment()
    for name in template_files():
        env.get_template(name)


def render_template(name: str, **context: Any) -> str:
    """One template rendered with `context`."""
    return environment().get_template(name).render(**context)


class Renderer:
    """Page bodies for one catalogue and its settings."""

    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        self.catalogue = catalogue
        self.settings = settings
        self._cards: dict[tuple[str, str], tuple[Markup, Reads]] = {}
        self._once: dict[object, tuple[Any, Reads]] = {}

    # ------------------------------------------------------------------ shared pieces

    def once(self, key: object, make: Callable[[], T]) -> T:
        """`make()` the first time `key` is asked for in this build, the same value after; it lives
        and dies with this renderer (one build), never in a module-level cache."""
        if key not in self._once:
            with reading() as reads:
                self._once[key] = (make(), reads)
        value, reads = self._once[key]
        replay(reads)  # what it read, each page that uses it read too (data/reads.py)
        return cast(T, value)

    def card(self, root: str, record: Record) -> Markup:
        """A service's card; rendered once per link depth and reused on every page that lists it."""
        key = (root, record.id)
        if key not in self._cards:
            macro = environment().get_template("_card.html").module.card  # type: ignore[attr-defined]
            with reading() as reads:
                self._cards[key] = (Markup(macro(root, card_data(record))), reads)
        card, reads = self._cards[key]
        replay(reads)
        return card

    def card_template(self) -> Markup:
        """The `<template>` search and the filters clone for a card."""
        macro = environment().get_template("_card.html").module.card_template  # type: ignore[attr-defined]
        return Markup(macro(TEMPLATE_CARD))

    def markdown(self, text: str | None, root: str) -> Markup:
        """Record Markdown with `[[service-id]]` and `[[emergency]]` expanded, as safe HTML."""
        if not text:
            return Markup("")

        def service(ref: str) -> str:
            record = self.catalogue.service(ref)
            if record is None:  # the validator refuses unknown ids; never fail a page over it
                return markdown_escape(ref)
            contact = record.data["contact"]
            numbers = [f"[{p['number']}]({tel_href(p['number'])})" for p in contact.get("phones") or []]
            numbers += [f"text [{t['number']}]({sms_href(t['number'])})" for t in contact.get("texts") or []]
            named = f"[{markdown_escape(record.name)}]({root}{record.url})"
            return f"{named} ({', '.join(numbers)})" if numbers else named

        emergency = self.once(
            "emergency markdown",
            lambda: re.sub(r"\b999\b", "[999](tel:999)", markdown_escape(i18n._(self.settings.emergency))),
        )
        return render_markdown(expand_references(text, service, emergency))

    def report_href(self, record_id: str, url: str, title: str) -> str:
        """ "Report a mistake" for one page: the `report` setting filled with its id, full address and title."""
        site = self.settings.site_url
        address = f"{site.rstrip('/')}/{url}" if site else url
        return self.settings.report_href(record_id, address, title)

    def content_markdown(self, text: str | None, root: str) -> Markup:
        """Record Markdown for a page body: marked as English on a page in another language."""
        html = self.markdown(text, root)
        return Markup('<div lang="en">') + html + Markup("</div>") if html and i18n.CURRENT.language != "en" else html

    def render(self, template: str, root: str, **context: Any) -> str:
        """A template with the shared context every page body may use."""
        return render_template(
            template,
            root=root,
            card=functools.partial(self.card, root),
            md=functools.partial(self.content_markdown, root=root),
            **context,
        )

    def area_list(self) -> list[Area]:
        """Every area below the whole UK, in tree order."""
        return list(self.catalogue.areas["national"].descendants())

    # ------------------------------------------------------------------ record pages

    def legal_page(self, record: Record, root: str) -> str:
        """An order, housing duty, NRPF route or support option page."""
        data = record.data
        # First the 24-hour lines of the nations where this law applies (data/crisis.yaml), so the
        # list never starts without a line to call now; then the services that name the record, in
        # the first-minute order with the widest first (the page belongs to no one place).
        crisis = self.catalogue.crisis.nations
        lines = {i: s for j in data["jurisdictions"] for i in crisis.get(j, ()) if (s := self.catalogue.service(i))}
        rest = self.in_order([s for s in self.catalogue.helped_by(record.id) if s.id not in lines], widest_first=True)
        ranked = Ranked([*lines.values(), *rest.help], rest.for_people_who_harm)
        cards, compact = self.cards_and_compact(ranked.help)
        harm, harm_more = self.harm_cards(ranked.for_people_who_harm)
        sections = [(f, heading, f.replace("_", "-")) for f, heading in record.type.sections if data.get(f)]
        related = [r for r in (self.catalogue.legal(i) for i in data.get("related") or []) if r]
        kicker = ORDER_KINDS[data["kind"]].split(" (")[0] if record.type is ORDER else record.type.title
        here = [JURISDICTIONS[j] for j in JURISDICTIONS if j in data["jurisdictions"]]
        other = [JURISDICTIONS[j] for j in JURISDICTIONS if j not in data["jurisdictions"]]
        return self.render(
            "legal.html",
            root,
            record=record,
            d=data,
            rtype=record.type,
            kicker=kicker,
            sections=sections,
            related=related,
            helped_by=cards,
            helped_by_local=compact[:COMPACT_LIMIT],
            helped_by_more=len(compact) > COMPACT_LIMIT,
            for_people_who_harm=harm,
            harm_more=harm_more,
            area_names={a.id: place_name(a) for a in self.catalogue.areas.values()} if compact else {},
            jurisdictions=join_names(here),
            other_jurisdictions=join_names(other) if other else "",
            status_label=STATUS_LABELS.get(data.get("status", ""), ""),
            report=self.report_href(record.id, record.url, record.name),
        )

    def service_page(self, record: Record, root: str) -> str:
        """A service page: contact first, then referral route, eligibility and sources."""
        data = record.data
        helps_with = [r for r in (self.catalogue.legal(i) for i in data.get("helps_with") or []) if r]
        return self.render(
            "service.html",
            root,
            record=record,
            d=data,
            helps_with=helps_with,
            areas=[self.catalogue.areas[a] for a in data["areas"]],
            categories=[self.catalogue.categories[c] for c in data["categories"]],
            report=self.report_href(record.id, record.url, record.name),
            # The sheet's data shard this service is in: a large directory's sheet loads it on arrival.
            shard=min(shard_of(self.catalogue.areas[a]) for a in data["areas"]),
        )

    def in_order(self, services: list[Record], widest_first: bool = False) -> Ranked:
        """Services in the first-minute order (data/ranking.py), those for people who harm apart."""
        catalogue = self.catalogue
        if reads.is_open:
            # A page noting its reads (make serve): it depends on the places of the services it orders,
            # not on the rest of their records (data/reads.py), so it asks for each.
            keys: Mapping[str, OrderKey] = {service.id: catalogue.order_key(service.id) for service in services}
        else:  # a plain build: every service's place, worked out once
            keys = self.once("order keys", lambda: {s.id: catalogue.order_key(s.id) for s in catalogue.services})
        return in_order(services, catalogue.categories, catalogue.areas, widest_first, keys)

    def cards_and_compact(self, services: list[Record]) -> tuple[list[Record], list[Record]]:
        """The first CARD_LIMIT services (already in order) as cards, the rest as a compact list of
        names and places: a page's size stays bounded however many services a list holds."""
        return services[:CARD_LIMIT], services[CARD_LIMIT:]

    def harm_cards(self, services: list[Record]) -> tuple[list[Record], str]:
        """At most HARM_CARDS of the services for people who harm (already in order), and the
        address of the page listing them all when some are left out ('' when none is)."""
        if len(services) <= HARM_CARDS:
            return services, ""
        more = next((c.url for c in self.catalogue.categories.values() if c.group == "for-people-who-harm"), "")
        return services[:HARM_CARDS], more

    def category_pages(self, category: Category) -> int:
        """How many pages one category's list takes (CATEGORY_PAGE services a page)."""
        count = len(self.catalogue.services_in_category(category))
        return max(1, -(-count // CATEGORY_PAGE))

    def category_page(self, category: Category, number: int, root: str) -> str:
        """Services in one category, page `number` (1 first) of CATEGORY_PAGE each, in the first-minute order."""
        ranked = self.in_order(self.catalogue.services_in_category(category))
        everyone = ranked.help + ranked.for_people_who_harm
        pages = self.category_pages(category)
        shown = everyone[(number - 1) * CATEGORY_PAGE : number * CATEGORY_PAGE]
        return self.render(
            "category.html",
            root,
            category=category,
            services=shown,
            number=number,
            pages=pages,
            total=len(everyone),
            area_names={a: place_name(self.catalogue.areas[a]) for s in shown for a in s.data["areas"]},
        )

    def which_order_fits(self, chooser: Chooser, root: str) -> str:
        """ "Which order fits?": situations in plain words, each linked to the records that answer it."""
        urls = self.catalogue.record_urls() | PAGE_LINKS

        def point(text: str) -> Markup:
            linked = RECORD_LINK.sub(lambda m: f"[{m.group(1)}]({root}{urls[m.group(2)]})", text)
            html = str(self.markdown(linked, root))
            return Markup(html.removeprefix("<p>").removesuffix("</p>"))

        situations = [
            {"id": f"s{i + 1}", "heading": s.heading, "points": [point(p) for p in s.points]}
            for i, s in enumerate(chooser.situations)
        ]
        others = [c for c in self.catalogue.choosers if c is not chooser]
        return self.render("chooser.html", root, chooser=chooser, situations=situations, others=others)

    # ------------------------------------------------------------------ hubs and indexes (in the nav)

    def areas_index(self, root: str) -> str:
        """The area tree."""
        return self.render("areas_index.html", root, national=self.catalogue.areas["national"])

    def categories_index(self, root: str) -> str:
        """Every category with its number of services."""
        counts = {c: len(self.catalogue.services_in_category(cat)) for c, cat in self.catalogue.categories.items()}
        return self.render(
            "categories_index.html", root, categories=list(self.catalogue.categories.values()), counts=counts
        )

    def orders_hub(self, root: str) -> str:
        """Orders compared side by side: per jurisdiction, per kind."""
        groups = []
        for group_id, name, members in JURISDICTION_GROUPS:
            in_group = [r for r in self.catalogue.of_type(ORDER) if members & set(r.data["jurisdictions"])]
            kinds = [
                {"id": k, "name": label, "records": [r for r in in_group if r.data["kind"] == k]}
                for k, label in ORDER_KINDS.items()
            ]
            kinds = [k for k in kinds if k["records"]]
            if kinds:
                groups.append({"id": group_id, "name": name, "kinds": kinds})
        return self.render("orders_hub.html", root, title=ORDER.title, groups=groups, choosers=self.catalogue.choosers)

    def legal_hub(self, rtype: RecordType, root: str) -> str:
        """Housing duties, NRPF routes or support options, grouped by jurisdiction."""
        groups = []
        for group_id, name, members in JURISDICTION_GROUPS:
            records = [r for r in self.catalogue.of_type(rtype) if members & set(r.data["jurisdictions"])]
            if records:
                groups.append({"id": group_id, "name": name, "records": records})
        return self.render(
            "legal_hub.html", root, rtype=rtype, title=rtype.title, intro=HUB_INTROS[rtype.name], groups=groups
        )
