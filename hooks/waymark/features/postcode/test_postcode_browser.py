"""The postcode box in a real Chromium: real postcodes from every nation lead to their council's page,
odd input gets a clear answer, and the postcode never leaves the page."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from urllib.parse import unquote

import pytest
from chromium_fixtures import Outside
from playwright.sync_api import Page, Request
from project import PROJECT

from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.phones import tel_href

NATION_PREFIX = {"E": "england", "W": "wales", "S": "scotland", "N": "northern-ireland"}
PER_NATION = 3


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data")


@pytest.fixture(scope="module")
def sample(ons_postcodes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Real postcodes drawn from the pinned ONS release (not typed in): a few from each nation."""
    by_nation: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for postcode, gss in ons_postcodes:
        by_nation[NATION_PREFIX[gss[0]]].append((postcode, gss))
    rng = random.Random(20261201)
    return [pick for nation in NATION_PREFIX.values() for pick in rng.sample(by_nation[nation], PER_NATION)]


def spaced(postcode: str) -> str:
    return f"{postcode[:-3]} {postcode[-3:]}"


def lookup(page: Page, site_url: str, text: str) -> None:
    page.goto(site_url)
    page.fill("#wm-pc-go", text)
    page.click(".wm-postcode__go")


def test_real_postcodes_from_every_nation_lead_to_their_councils_page(
    page: Page, site_url: str, catalogue: Catalogue, sample: list[tuple[str, str]]
) -> None:
    by_gss = {a.gss: a for a in catalogue.areas.values() if a.gss}
    for postcode, gss in sample:
        lookup(page, site_url, spaced(postcode).lower())
        authority = by_gss[gss]
        page.wait_for_url(f"**/areas/{authority.id}/", timeout=10_000)
        assert page.locator("h1").inner_text() == authority.name, postcode
        assert page.locator('.wm-crisis a[href^="tel:"]').count() >= 1, postcode
        # The local doors (#26): the council's own homelessness route (its own number where one was
        # verified, else a plain word that it could not be) and a SARC that serves the council.
        around = {authority.id, *(a.id for a in authority.ancestors())}
        route = next(
            s
            for s in catalogue.services
            if s.data.get("role") == "council-homelessness" and authority.id in s.data["areas"]
        )
        door = page.locator("#council-homelessness + .wm-cards")
        assert door.locator(f'a[href$="services/{route.id}/"]').count() == 1, postcode
        phones = route.data["contact"].get("phones") or []
        if phones:
            assert door.locator(f'a[href="{tel_href(phones[0]["number"])}"]').count() == 1, postcode
        else:
            assert page.get_by_text("could not check this council's homelessness phone number").count() == 1
        sarcs = [s.id for s in catalogue.services if s.data.get("role") == "sarc" and set(s.data["areas"]) & around]
        assert sarcs, f"no SARC record serves {authority.id}"
        assert page.locator("#sarc + .wm-cards").locator(f'a[href$="services/{sarcs[0]}/"]').count() == 1, postcode


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("  ls6\u00a01ab ", "areas/leeds/"),  # lower case, no-break space, extra spaces
        ("LS61AB", "areas/leeds/"),  # no space
        ("LS6", "areas/leeds/"),  # the first half, inside one council
        ("DN14", "choice"),  # a first half spanning councils (North Yorkshire, East Riding, Doncaster…)
        ("LS6 1ZZ", "unknown"),  # the right shape, but no such postcode
        ("hello", "invalid"),
        ("75008", "invalid"),  # not a UK postcode
        ("JE2 3AB", "outside"),  # Jersey
    ],
)
def test_partial_malformed_and_non_uk_postcodes_get_the_right_answer(
    page: Page, site_url: str, text: str, outcome: str
) -> None:
    lookup(page, site_url, text)
    status = page.locator(".wm-postcode__status")
    if outcome.startswith("areas/"):
        page.wait_for_url("**/" + outcome, timeout=10_000)
        return
    # Wait for the answer itself: "Looking…" comes first and may stay a while on a busy machine.
    status.filter(has_text=re.compile(r"^(?!Looking)\s*\w")).wait_for()
    message = status.inner_text()
    choices = page.locator(".wm-postcode__choices a")
    expected = {
        "choice": "covers more than one place",
        "unknown": "could not find that postcode",
        "invalid": "not a UK postcode",
        "outside": "Channel Islands or the Isle of Man",
    }[outcome]
    assert expected in message, message
    assert choices.count() >= 1, "a choice of places, or the nations, is always offered"


def test_the_postcode_never_leaves_the_page(page: Page, site_url: str, outside: Outside) -> None:
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))

    lookup(page, site_url, "ls6 1ab")
    page.wait_for_url("**/areas/leeds/", timeout=10_000)
    fetched = [unquote(r.url).removeprefix(site_url) for r in sent]
    for request in sent:
        seen = unquote(request.url).upper() + " ".join(f"{k}: {v}" for k, v in request.headers.items()).upper()
        assert "1AB" not in seen and "LS61" not in seen and "LS6" not in seen.replace("LS.JSON", ""), request.url
        assert request.method == "GET" and request.post_data is None
    data = [f for f in fetched if f.startswith(("postcode/", "search/"))]
    assert sorted(data) == ["postcode/LS.json", "postcode/index.json", "search/areas.json"]
    assert "?" not in page.url and "#" not in page.url
    state = page.evaluate(
        "async () => [localStorage.length, sessionStorage.length, document.cookie,"
        " (await indexedDB.databases()).length]"
    )
    assert state == [0, 0, "", 0]
    assert page.context.cookies() == [] and outside.requests == []
    # History holds the pages visited (the home page, Leeds), never the postcode.
    assert page.evaluate("history.length") == 3


def test_find_a_service_accepts_a_postcode_as_its_area(page: Page, site_url: str) -> None:
    page.goto(site_url + "services/")
    page.fill("#wm-pc-wm-f-area", "BD1 1AA")
    page.click(".wm-postcode__go")
    page.locator("#wm-f-status", has_text=re.compile(r"services? in")).wait_for()
    assert page.locator("#wm-f-area").input_value() == "bradford"
