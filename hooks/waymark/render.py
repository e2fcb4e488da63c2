"""Render catalogue data into page HTML with autoescaping Jinja templates.

Nothing else in Waymark writes HTML for records. Every function takes `root`, the relative
prefix from the page to the site root, so links work from a folder, a zip or any host path.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .areas import Area, Category
from .catalogue import Catalogue
from .chooser import Chooser, point_html
from .model import JURISDICTIONS, ORDER, ORDER_KINDS, Record, RecordType
from .region import Region
from .safe_markdown import render_markdown
from .search import shard_of

TEMPLATES = Path(__file__).parent / "templates"
AUDIENCES = {
    "everyone": "Everyone",
    "women": "Women",
    "men": "Men",
    "lgbt": "LGBT+ people",
    "black-minoritised": "Black and minoritised people",
    "deaf": "Deaf people",
    "disabled": "Disabled people",
    "older": "Older people",
    "children-young-people": "Children and young people",
}
STATUS_LABELS = {
    "pilot": "Pilot: only in some areas so far",
    "partly-in-force": "Only partly in force",
    "not-in-force": "Not in force yet",
}
JURISDICTION_GROUPS = (
    ("england-wales", "England and Wales", {"england", "wales"}),
    ("scotland", "Scotland", {"scotland"}),
    ("northern-ireland", "Northern Ireland", {"northern-ireland"}),
)
TocEntry = dict[str, Any]


def long_date(value: dt.date) -> str:
    """23 November 2026."""
    return f"{value.day} {value:%B %Y}"


def tel_href(number: str) -> str:
    """A tel: link for a UK number as written in a record."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def join_names(names: list[str]) -> str:
    """England, Wales and Scotland."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: autoescape on, strict about undefined names in templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = render_markdown
    env.filters["long_date"] = long_date
    env.filters["tel"] = tel_href
    env.filters["audience"] = lambda key: AUDIENCES.get(key, key)
    env.filters["jurisdiction"] = lambda key: JURISDICTIONS.get(key, key)
    env.globals["card"] = service_card
    return env


def service_card(root: str, record: Record) -> Markup:
    """A service's card (name, organisation, summary, first phone) as HTML.

    The same card appears on many pages of one build (its area, region, nation, the pages of
    areas it covers); it is rendered once per link depth and kept on the record, which is
    rebuilt from the YAML on every build, so a card never outlives its data.
    """
    cards: dict[str, Markup] = record.__dict__.setdefault("_cards", {})
    if root not in cards:
        macro = environment().get_template("_macros.html").module.service_card  # type: ignore[attr-defined]
        cards[root] = Markup(macro(root, record))
    return cards[root]


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def _toc(headings: list[tuple[int, str, str]]) -> list[TocEntry]:
    """MkDocs toc tokens from (level, id, name) headings, h2 with their h3 children."""
    tokens: list[TocEntry] = []
    for level, anchor, name in headings:
        token = {"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": "", "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        elif level == 2:
            tokens.append(token)
    return tokens


def _jurisdiction_text(record: Record) -> tuple[str, str]:
    here = [JURISDICTIONS[j] for j in JURISDICTIONS if j in record.data["jurisdictions"]]
    other = [JURISDICTIONS[j] for j in JURISDICTIONS if j not in record.data["jurisdictions"]]
    return join_names(here), join_names(other) if other else ""


#: Above this many helping services, a legal page shows UK- and nation-wide ones as cards and the
#: local ones as a compact list (a duty every council carries out may have hundreds of services).
CARD_LIMIT = 20


def _helpers(record: Record, catalogue: Catalogue) -> tuple[list[Record], list[Record]]:
    """(services shown as cards, services shown in the compact list) for a legal record's page."""
    helped_by = catalogue.helped_by(record.id)
    if len(helped_by) <= CARD_LIMIT:
        return helped_by, []
    wide = [s for s in helped_by if catalogue.is_wide(s)]
    return wide, [s for s in helped_by if s not in wide]


def legal_page(record: Record, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """An order, housing duty, NRPF route or support option page."""
    data = record.data
    cards, compact = _helpers(record, catalogue)
    sections = [(field, heading, field.replace("_", "-")) for field, heading in record.type.sections if data.get(field)]
    related = [r for r in (catalogue.legal(i) for i in data.get("related") or []) if r]
    kicker = ORDER_KINDS[data["kind"]].split(" (")[0] if record.type is ORDER else record.type.title
    here, other = _jurisdiction_text(record)
    html = _render(
        "legal.html",
        record=record,
        d=data,
        rtype=record.type,
        root=root,
        kicker=kicker,
        sections=sections,
        related=related,
        helped_by=cards,
        helped_by_local=compact,
        area_names={a.id: a.name for a in catalogue.areas.values()} if compact else {},
        jurisdictions=here,
        other_jurisdictions=other,
        status_label=STATUS_LABELS.get(data.get("status", "")),
    )
    headings = [(2, "for-you", "What this means for you"), (2, "for-workers", "For workers")]
    headings += [(3, anchor, heading) for _, heading, anchor in sections]
    if data.get("legislation"):
        headings.append((3, "law", "The law"))
    headings += [(2, "help", "Services that can help")]
    headings += [(2, "related", "Related")] if related else []
    headings += [(2, "sources", "Sources")]
    return html, _toc(headings)


def service_page(record: Record, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """A service page: contact first, then referral route, eligibility and sources."""
    data = record.data
    helps_with = [r for r in (catalogue.legal(i) for i in data.get("helps_with") or []) if r]
    html = _render(
        "service.html",
        record=record,
        d=data,
        root=root,
        helps_with=helps_with,
        areas=[catalogue.areas[a] for a in data["areas"]],
        categories=[catalogue.categories[c] for c in data["categories"]],
    )
    return html, service_toc()


def service_toc() -> list[TocEntry]:
    """Every service page has the same sections, so the same table of contents."""
    return _toc([(2, "contact", "Contact"), (2, "referral", "How to get help"), (2, "sources", "Sources")])


def area_page(area: Area, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """Services in an area, then the wider services that cover it."""
    title = area.name if area.level != "national" else "Services across the whole UK"
    html = _render(
        "area.html",
        area=area,
        title=title,
        root=root,
        trail=list(reversed(area.ancestors())),
        local=catalogue.services_in(area),
        covering=catalogue.services_covering(area),
    )
    return html, []


def category_page(category: Category, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """Services in one category."""
    html = _render(
        "category.html",
        category=category,
        root=root,
        services=catalogue.services_in_category(category),
        area_names={a.id: a.name for a in catalogue.areas.values()},
    )
    return html, []


def areas_index(catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """The area tree."""
    return _render("areas_index.html", national=catalogue.areas["national"], root=root), []


def categories_index(catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """Every category with its number of services."""
    counts = {c: 0 for c in catalogue.categories}
    for service in catalogue.services:
        for c in service.data["categories"]:
            counts[c] += 1
    return _render(
        "categories_index.html", categories=list(catalogue.categories.values()), counts=counts, root=root
    ), []


def orders_hub(catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """Orders compared side by side: per jurisdiction, per kind."""
    groups, headings = [], []
    for group_id, name, members in JURISDICTION_GROUPS:
        in_group = [r for r in catalogue.of_type(ORDER) if members & set(r.data["jurisdictions"])]
        kinds = [
            {"id": k, "name": label, "records": [r for r in in_group if r.data["kind"] == k]}
            for k, label in ORDER_KINDS.items()
        ]
        kinds = [k for k in kinds if k["records"]]
        if kinds:
            groups.append({"id": group_id, "name": name, "kinds": kinds})
            headings.append((2, group_id, name))
            headings += [(3, f"{group_id}-{k['id']}", k["name"]) for k in kinds]
    return _render("orders_hub.html", title=ORDER.title, groups=groups, choosers=catalogue.choosers, root=root), _toc(
        headings
    )


def which_order_fits(chooser: Chooser, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """ "Which order fits?": situations in plain words, each linked to the records that answer it."""
    urls = {r.id: r.url for records in catalogue.records.values() for r in records.values()}
    situations = [
        {"id": f"s{i + 1}", "heading": s.heading, "points": [point_html(p, urls, root) for p in s.points]}
        for i, s in enumerate(chooser.situations)
    ]
    headings = [(2, s["id"], s["heading"]) for s in situations]
    return _render("chooser.html", chooser=chooser, situations=situations, root=root), _toc(headings)


HUB_INTROS = {
    "housing": "What your council must do if you are homeless or at risk because of abuse, and how "
    "to stay safe in your home. The law differs in England, Wales and Scotland.",
    "nrpf": "If your visa says no recourse to public funds, you can still get help. These routes give "
    "money, somewhere to live or a way to stay. Get advice from a regulated immigration adviser.",
    "support": "Money, child maintenance, legal aid and how workers make safeguarding and MARAC referrals.",
}


def legal_hub(rtype: RecordType, catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """Housing duties, NRPF routes or support options, grouped by jurisdiction."""
    groups = []
    for group_id, name, members in JURISDICTION_GROUPS:
        records = [r for r in catalogue.of_type(rtype) if members & set(r.data["jurisdictions"])]
        if records:
            groups.append({"id": group_id, "name": name, "records": records})
    html = _render(
        "legal_hub.html", rtype=rtype, title=rtype.title, intro=HUB_INTROS[rtype.name], groups=groups, root=root
    )
    return html, _toc([(2, g["id"], g["name"]) for g in groups])


def _area_list(catalogue: Catalogue) -> list[Area]:
    """Every area below the whole UK, in tree order (nation, its regions, their authorities)."""
    return catalogue.areas["national"].descendants()


def find_service(catalogue: Catalogue, root: str, region: Region | None = None) -> tuple[str, list[TocEntry]]:
    """The "Find a service" page: filters (with JavaScript), and ways in by area and by type.

    A regional copy (`extra.waymark.region.area`) starts with its own area chosen.
    """
    nations = catalogue.areas["national"].children
    languages = sorted({lang for s in catalogue.services for lang in s.data.get("languages") or []})
    return _render(
        "find_service.html",
        nations=nations,
        categories=list(catalogue.categories.values()),
        national=catalogue.services_in(catalogue.areas["national"]),
        areas=_area_list(catalogue),
        shard_of=shard_of,
        audiences=list(AUDIENCES.items()),
        languages=languages,
        region=region or Region(),
        root=root,
    ), []


def search_page(catalogue: Catalogue, root: str) -> tuple[str, list[TocEntry]]:
    """The search page: a box, an optional area, and the results list filled by search.js."""
    return _render("search.html", areas=_area_list(catalogue), shard_of=shard_of, root=root), []
