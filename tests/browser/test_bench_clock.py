"""`make bench` times the first search and filter on the page's own clock, from the event the
typing or choosing fires to the first frame drawn with results."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser
from waymark.tools.bench import timed_first_use


def test_first_search_and_filter_are_timed_in_the_page(browser: Browser, built_site: Path, site_url: str) -> None:
    figures = timed_first_use(browser, site_url, built_site)
    for kind in ("search", "filter"):
        # The page's clock starts after Playwright has found the box and stops before it sees the
        # text, so it is inside the time Playwright itself takes, and above nothing.
        assert 0 < figures[f"{kind} ms"] < figures[f"{kind} ms with the driver"], figures
        assert figures[f"{kind} files"] >= 1 and figures[f"{kind} KB"] > 0, figures
