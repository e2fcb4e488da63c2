"""`make bench` times the first search and filter on the page's own clock, from the event the
typing or choosing fires to the first frame drawn with results."""

from __future__ import annotations

from pathlib import Path

from waymark.tools.bench import search_figures
from waymark.tools.chromium import chromium_path


def test_first_search_and_filter_are_timed_in_the_page(built_site: Path) -> None:
    figures = search_figures(built_site, chromium_path())
    for kind in ("search", "filter"):
        # The page's clock starts after Playwright has found the box and stops before it sees the
        # text, so it is inside the time Playwright itself takes, and above nothing.
        assert 0 < figures[f"{kind} ms"] < figures[f"{kind} ms with the driver"], figures
        assert figures[f"{kind} files"] >= 1 and figures[f"{kind} KB"] > 0, figures
