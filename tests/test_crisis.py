"""The first minute, in a real Chromium on a 390×844 phone screen: help is one tap away everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromium_fixtures import guard
from playwright.sync_api import Browser, Page, ViewportSize
from project import PROJECT
from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.model import JURISDICTIONS
from waymark.data.ranking import tier

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data")


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    guard(context)
    return context.new_page()


def _first_number(catalogue: Catalogue, service_id: str) -> str:
    service = catalogue.service(service_id)
    assert service is not None
    return "tel:" + re.sub(r"[^0-9+]", "", service.data["contact"]["phones"][0]["number"])


def test_every_nations_24_hour_line_is_tappable_in_the_home_pages_first_screen(
    phone: Page, site_url: str, catalogue: Catalogue
) -> None:
    phone.goto(site_url)
    for nation in JURISDICTIONS:
        lines = catalogue.crisis.nations[nation]
        assert lines, f"no 24-hour line for {nation} in data/crisis.yaml"
        link = phone.locator(f'.wm-crisis a[href="{_first_number(catalogue, lines[0])}"]').first
        box = link.bounding_box()
        assert box is not None and link.is_visible(), nation
        assert box["y"] + box["height"] <= PHONE["height"], f"{nation}'s line is below the first screen"
        assert box["height"] >= 44, "a tap target of at least 44 px"


PAGE_TYPES = [
    "",
    "help/",
    "help/safe-tonight/",
    "help/safe-tonight/england/",
    "services/",
    "services/national-domestic-abuse-helpline/",
    "orders/non-molestation-order/",
    "housing/interim-accommodation-duty/",
    "areas/cornwall/",
    "categories/helpline/",
    "search/",
    "cover-your-tracks/",
    "404.html",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_999_is_a_tap_to_call_link_on_every_page_type(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    call = page.locator('.wm-emergency a[href="tel:999"]').first
    assert call.is_visible()
    assert "mobile" in page.locator(".wm-emergency").inner_text(), "the Silent Solution works from a mobile only"


@pytest.mark.parametrize("nation", list(JURISDICTIONS))
def test_each_nations_page_lists_its_24_hour_line_first(
    page: Page, site_url: str, catalogue: Catalogue, nation: str
) -> None:
    """The nation's own 24-hour line (data/crisis.yaml) is the first service named on its page,
    above the page's lists, and the first card of its list is a 24-hour line too."""
    page.goto(site_url + f"areas/{nation}/")
    first = page.locator(".wm-crisis a[href*='services/']").first.get_attribute("href") or ""
    assert first.endswith(f"services/{catalogue.crisis.nations[nation][0]}/")
    cards = page.locator("#services ~ .wm-cards .wm-card")
    if cards.count():
        assert cards.first.locator("[data-slot='h']").count() == 1, "24-hour lines come first in the list"


def test_an_empty_place_and_a_fruitless_search_still_offer_a_number_to_call(page: Page, site_url: str) -> None:
    page.goto(site_url + "areas/cornwall/")
    assert (
        page.locator('#services ~ .wm-cards a[href^="tel:"]').count()
        or page.locator(".wm-crisis a[href^='tel:']").count()
    )
    page.goto(site_url + "search/")
    page.fill("#wm-q", "zzqx wibblewobble")
    page.locator("#wm-status", has_text="Nothing matched").wait_for()
    none = page.locator(".wm-search > .wm-search__none")
    assert none.is_visible() and none.locator('a[href^="tel:"]').count() >= 4


def test_the_guide_works_with_javascript_off(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    guard(context)
    page = context.new_page()
    page.goto(site_url + "help/")
    assert page.locator('a[href="tel:999"]').count()
    page.get_by_role("link", name="Stop someone contacting or coming near me").click()
    page.get_by_role("link", name="Wales", exact=True).click()
    assert page.url.endswith("help/stop-contact/wales/")
    assert page.locator('.wm-crisis a[href^="tel:"]').count()
    options = page.locator("#options ~ .wm-guide__options li").all_inner_texts()
    assert any("Non-molestation order" in o for o in options) and not any("Scotland" in o for o in options)
    assert "?" not in page.url
    context.close()


def test_no_service_for_people_who_harm_is_offered_as_help_for_a_victim(built_site: Path, catalogue: Catalogue) -> None:
    """On every legal record's page, "Services that can help" never lists a service for people who harm;
    those appear only under their own heading."""
    harm = {s.url for s in catalogue.services if tier(s, catalogue.categories) == "for-people-who-harm"}
    assert harm, "the bundled data has a service for people who harm (the Respect Phoneline)"
    offered = []
    for record in catalogue.legal_records.values():
        html = (built_site / record.url / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="help"') : html.index("</section>", html.index('id="help"'))]
        victims_part = section.split('id="help-for-people-who-harm"')[0]
        offered += [(record.id, url) for url in harm if url in victims_part]
    assert offered == []


def test_every_legal_record_offers_its_nations_24_hour_lines_first(built_site: Path, catalogue: Catalogue) -> None:
    """ "Services that can help" on an order, duty, NRPF route or support page starts with the 24-hour
    lines of the nations where that law applies (data/crisis.yaml), then the services naming it."""
    wrong = {}
    for record in catalogue.legal_records.values():
        lines = {
            catalogue.service(i).url  # type: ignore[union-attr]
            for j in record.data["jurisdictions"]
            for i in catalogue.crisis.nations.get(j, ())
        }
        html = (built_site / record.url / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="help"') : html.index("</section>", html.index('id="help"'))]
        first = re.findall(r'class="wm-card__name" data-slot="t" href="(?:\.\./)*([^"]+)"', section)[: len(lines)]
        if set(first) != lines:
            wrong[record.id] = first
    assert catalogue.legal_records and wrong == {}


@pytest.mark.parametrize(
    ("path", "nation"),
    [
        ("help/sexual-violence/england/", "england"),
        ("help/sexual-violence/wales/", "wales"),
        ("areas/cornwall/", "england"),
        ("areas/cardiff/", "wales"),
    ],
)
def test_after_rape_the_line_and_the_sarc_route_are_in_the_first_two_phone_screens(
    phone: Page, site_url: str, catalogue: Catalogue, path: str, nation: str
) -> None:
    """#27: someone raped in England or Wales finds the sexual-violence line (a link to its record
    and a tap-to-call number) and what a SARC does, within two screens of a 390×844 phone."""
    line = catalogue.first_response.line_for(nation)
    assert line, nation
    phone.goto(site_url + path)
    block = phone.locator(f"#after-rape-{nation}").locator("xpath=..")
    two_screens = 2 * PHONE["height"]
    link = block.locator(f"a[href$='services/{line}/']").first
    box = link.bounding_box()
    assert box is not None and box["y"] < two_screens, (path, box)
    call = block.locator(f"a[href='{_first_number(catalogue, line)}']").first
    call_box = call.bounding_box()
    assert call_box is not None and call_box["y"] < two_screens, (path, call_box)
    sarc = phone.locator("#sarc") if path.startswith("areas/") else block.get_by_text("SARC").first
    sarc_box = sarc.bounding_box()
    assert sarc_box is not None and sarc_box["y"] < two_screens, (path, sarc_box)
