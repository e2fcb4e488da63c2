"""Fixtures: a real Chromium (Debian's package) driven by Playwright; no other host is ever reached."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from waymark.tools.chromium import CHROMIUM_ARGS, chromium_path

CHROMIUM = chromium_path()

#: The WCAG 2.2 AA rules axe-core checks on every page the tests open (one list for every test).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE = Axe()


def wcag_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one line each (none: `[]`).

    Only violations are listed (`resultTypes`); every rule is still checked. (Most of a check's
    time, 1-1.7 s a page here, is the colour-contrast rule, which stays on.)"""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in _AXE.run(page, options=options).response["violations"]
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium carries the `browser` mark (`pytest -m "not browser"` skips them)."""
    for item in items:
        if {"browser", "page", "context"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run. Fails (never skips) if Chromium is missing."""
    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: run `make test` to install it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


NEUTRAL = "https://www.bbc.co.uk/weather"
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Neutral stand-in</h1>"


class Outside:
    """Requests a page made to any host but the local test server (aborted, never sent)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.neutral_hits: list[str] = []


#: Every URL that is not the local test server's or the page's own (data:, blob:, file:). Matched
#: inside Playwright's driver, so the site's own requests never wait for a round trip to Python.
NOT_LOCAL = re.compile(r"^(?!(https?://(127\.0\.0\.1|localhost)([:/]|$)|data:|blob:|file:))")


def guard(context: BrowserContext) -> Outside:
    """Route every request to another host: the neutral site is faked, others are stopped."""
    outside = Outside()

    def handle(route: Route) -> None:
        url = route.request.url
        if url.startswith(NEUTRAL):
            outside.neutral_hits.append(url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        else:
            outside.requests.append(url)
            route.abort()

    context.route(NOT_LOCAL, handle)
    return outside


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh, empty browser profile per test, with no way out to the internet."""
    context = browser.new_context()
    context.outside = guard(context)  # type: ignore[attr-defined]
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A new tab in a fresh profile."""
    return context.new_page()


@pytest.fixture
def outside(context: BrowserContext) -> Outside:
    """What the test's pages tried to fetch from other hosts."""
    return context.outside  # type: ignore[attr-defined,no-any-return]
