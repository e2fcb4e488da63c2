"""The bundled content keeps its promises: sourced, reviewed within a year, reachable, rendered.

These tests read the real data/ folder. They fail when a record goes more than 12 months without a
review, which is the point: a year-old phone number or deadline must be re-checked, not shipped.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from project import PROJECT
from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.model import JURISDICTIONS, Record
from waymark.data.rules import contact_routes

TODAY = dt.date.today()
A_YEAR_AGO = TODAY - dt.timedelta(days=365)
OFFICIAL_GUIDANCE_HOSTS = (
    "gov.uk",
    "gov.wales",
    "gov.scot",
    "nidirect.gov.uk",
    "justice-ni.gov.uk",
    "cps.gov.uk",
    "college.police.uk",
    "judiciary.uk",
    "justice.gov.uk",
    "nhs.uk",
    "legislation.gov.uk",
    "police.uk",
    "psni.police.uk",
    "copfs.gov.uk",
    "scotcourts.gov.uk",
    "parliament.uk",
    "parliament.scot",
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data", TODAY)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _official(url: str) -> bool:
    host = _host(url)
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_GUIDANCE_HOSTS)


def _reviewed_recently(record: Record) -> bool:
    checked = record.checked_on
    return checked is not None and A_YEAR_AGO <= checked <= TODAY


def _placed_and_dated(record: Record) -> list[str]:
    """Problems every legal record is checked for: a jurisdiction, and a review within a year."""
    problems = [] if record.data.get("jurisdictions") else [f"{record.id}: no jurisdiction"]
    if not _reviewed_recently(record):
        problems.append(f"{record.id}: last_reviewed {record.data.get('last_reviewed')} is not within 12 months")
    return problems


def test_every_order_cites_legislation_guidance_jurisdiction_and_a_recent_review(catalogue: Catalogue) -> None:
    orders = sorted(catalogue.records["order"].values(), key=lambda r: r.id)
    assert orders, "no orders in data/orders/"
    problems = []
    for order in orders:
        d = order.data
        if not any(_host(item["url"]) == "www.legislation.gov.uk" for item in d.get("legislation", [])):
            problems.append(f"{order.id}: no legislation.gov.uk URL")
        if not any(_official(item["url"]) for item in d.get("guidance", [])):
            problems.append(f"{order.id}: no official guidance URL")
        problems += _placed_and_dated(order)
    assert problems == []


@pytest.mark.parametrize("type_name", ["housing", "nrpf", "support"])
def test_every_duty_route_and_option_is_sourced_and_recently_reviewed(catalogue: Catalogue, type_name: str) -> None:
    problems = []
    for record in catalogue.records[type_name].values():
        d = record.data
        cited = [i["url"] for key in ("legislation", "guidance", "sources") for i in d.get(key, [])]
        if not any(_official(url) for url in cited):
            problems.append(f"{record.id}: cites no legislation or official guidance")
        if not d.get("sources"):
            problems.append(f"{record.id}: no sources")
        problems += _placed_and_dated(record)
    assert problems == []


def test_every_national_service_has_a_way_in_a_source_and_a_recent_check(catalogue: Catalogue) -> None:
    """A UK- or nation-wide service is reached by phone, text, chat, e-mail or its own website (a
    number is published only when an official page shows it, so some have a website only)."""
    national = [s for s in catalogue.services if catalogue.is_wide(s)]
    assert national, "no national services in data/services/"
    problems = []
    for service in national:
        if not contact_routes(service.data):
            problems.append(f"{service.id}: no way to reach it")
        if not any(urlsplit(s["url"]).scheme == "https" for s in service.data.get("sources", [])):
            problems.append(f"{service.id}: no https source URL")
        if not _reviewed_recently(service):
            problems.append(f"{service.id}: last_verified {service.data.get('last_verified')} not within 12 months")
    assert problems == []


PHONE = re.compile(r"^\+?[0-9 ]{3,20}$")


def test_phone_numbers_are_dialable_and_tel_links_match_them(catalogue: Catalogue, built_site: Path) -> None:
    """Every number is digits and spaces, and its page links it as tel: with the same digits."""
    problems = []
    for service in catalogue.services:
        contact = service.data.get("contact") or {}
        html = (built_site / service.url / "index.html").read_text(encoding="utf-8")
        for phone in contact.get("phones", []):
            number = phone["number"]
            if not PHONE.match(number):
                problems.append(f"{service.id}: {number!r} is not a phone number")
            elif "tel:" + number.replace(" ", "") not in html:
                problems.append(f"{service.id}: page has no tel: link for {number}")
    assert problems == []


def test_each_service_page_shows_its_referral_route_and_the_date_it_was_checked(
    catalogue: Catalogue, built_site: Path
) -> None:
    assert catalogue.services
    problems = []
    for service in catalogue.services:
        html = (built_site / service.url / "index.html").read_text(encoding="utf-8")
        if 'id="referral"' not in html:
            problems.append(f"{service.id}: no referral section")
        if f'datetime="{service.checked_on.isoformat()}"' not in html:  # type: ignore[union-attr]
            problems.append(f"{service.id}: checked date not shown")
    assert problems == []


def test_no_refuge_is_located(catalogue: Catalogue) -> None:
    """A refuge is reached through a helpline or referral, never an address (the schema rejects one)."""
    refuges = [s for s in catalogue.services if "refuge" in s.data["categories"]]
    assert all("address" not in s.data for s in refuges)


def test_each_nation_has_a_disclosure_scheme_and_its_own_which_order_fits(catalogue: Catalogue) -> None:
    schemes = {
        j
        for r in catalogue.records["order"].values()
        if "disclosure" in r.id or "Clare's Law" in (r.data.get("abbreviations") or [])
        for j in r.data["jurisdictions"]
    }
    assert schemes == {"england", "wales", "scotland", "northern-ireland"}
    covered = {j for c in catalogue.choosers for j in c.jurisdictions}
    assert covered == {"england", "wales", "scotland", "northern-ireland"}


def test_no_phone_number_in_a_legal_record_and_press_55_always_says_mobile(catalogue: Catalogue) -> None:
    """The rules `make check` applies, run over the bundled data directly (so a change to the rules that
    let one through would be caught here too)."""
    from waymark.data.rules import strings
    from waymark.data.text import phone_numbers_in

    typed, press = [], []
    for record in catalogue.legal_records.values():
        for path, text in strings(record.data):
            if path[0] in ("sources", "legislation", "guidance"):
                continue
            typed += [(record.id, n) for n in phone_numbers_in(text)]
            if re.search(r"press(?:ing)?\s*(?:\*\*)?\s*55", text, re.I) and "mobile" not in text.lower():
                press.append(record.id)
    assert typed == [] and press == []


def test_a_summary_agrees_with_its_status(catalogue: Catalogue) -> None:
    from waymark.data.rules import STATUS_WORDS

    wrong = [
        r.id
        for r in catalogue.legal_records.values()
        if r.data.get("status") in STATUS_WORDS
        and not any(w in r.data["summary"].lower() for w in STATUS_WORDS[r.data["status"]])
    ]
    assert wrong == []


def test_every_nation_has_each_step_through_the_justice_system(catalogue: Catalogue) -> None:
    """Reporting, rights, charging, court, release and compensation: a record for each nation
    (England and Wales share one where their law is the same)."""
    from waymark.data.model import JUSTICE

    stages = ("reporting", "rights", "charging", "court", "release", "compensation")
    missing = [
        f"{nation}: {stage}"
        for nation in JURISDICTIONS
        for stage in stages
        if not any(r.data["stage"] == stage and nation in r.data["jurisdictions"] for r in catalogue.of_type(JUSTICE))
    ]
    assert missing == []
    guide = catalogue.guide
    assert guide is not None
    reported = [n for n in guide.needs if any(catalogue.legal(o.id) in catalogue.of_type(JUSTICE) for o in n.options)]
    assert reported, "the guide has a need that leads to the justice records"


def test_every_council_has_exactly_one_homelessness_route(catalogue: Catalogue) -> None:
    """The council is the one door every place has (#26): one route record per council (in
    Northern Ireland the Housing Executive's one route serves all eleven), each with a way in."""
    councils = {a.id for a in catalogue.areas.values() if a.level == "local-authority"}
    routes: dict[str, list[str]] = {c: [] for c in councils}
    for service in catalogue.services:
        if service.data.get("role") == "council-homelessness":
            assert contact_routes(service.data), service.id
            for area in service.data["areas"]:
                routes[area].append(service.id)
    assert {c: r for c, r in routes.items() if len(r) != 1} == {}


def test_every_sarc_and_centre_covers_real_councils(catalogue: Catalogue) -> None:
    """A SARC's or Rape Crisis centre's areas are places of data/areas.yaml that hold councils,
    and every council has a SARC (the NHS commissions one for every place)."""
    from waymark.data.coverage import local_coverage

    for service in catalogue.services:
        if service.data.get("role") in ("sarc", "paediatric-sarc", "rape-crisis-centre"):
            for area in service.data["areas"]:
                place = catalogue.areas[area]
                assert place.level == "local-authority" or any(
                    a.level == "local-authority" for a in place.descendants()
                ), (service.id, area)
    coverage = local_coverage(catalogue)
    assert coverage.with_route == coverage.councils and coverage.with_sarc == coverage.councils
