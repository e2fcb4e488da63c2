"""The offline copy works opened from a folder: pages link to pages, search finds records."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from chromium_fixtures import Outside
from playwright.sync_api import Page
from waymark.tools.offline import make_offline_copy, spell_out_links


def test_links_to_folders_name_their_file() -> None:
    html = '<a href="../orders/">x</a><a href="./">h</a><a href="..">u</a><a href="orders/x/#who">y</a>'
    html += '<a href="https://www.bbc.co.uk/weather/">out</a><link href="assets/a.css"><a href="tel:999">t</a>'
    assert spell_out_links(html) == (
        '<a href="../orders/index.html">x</a><a href="./index.html">h</a><a href="../index.html">u</a>'
        '<a href="orders/x/index.html#who">y</a><a href="https://www.bbc.co.uk/weather/">out</a>'
        '<link href="assets/a.css"><a href="tel:999">t</a>'
    )


@pytest.fixture(scope="module")
def offline_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    make_offline_copy(built_site, work / "waymark", work / "waymark.zip")
    with zipfile.ZipFile(work / "waymark.zip") as archive:
        names = archive.namelist()
    assert "waymark/index.html" in names and "waymark/search/core.js" in names
    assert not any(n.endswith(("_headers", "_headers.nginx", "sw.js")) for n in names)
    return work / "waymark"


def test_offline_pages_link_to_pages(page: Page, offline_copy: Path, outside: Outside) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(offline_copy.joinpath("index.html").as_uri())
    page.get_by_role("link", name="Orders and offences").first.click()
    page.wait_for_url(re.compile(r"/orders/index\.html$"))
    page.locator("article a[href$='/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/index.html") and page.locator("h1").count() == 1
    assert outside.requests == [] and errors == []


def test_offline_search_finds_and_opens_a_record(page: Page, offline_copy: Path, outside: Outside) -> None:
    page.goto(offline_copy.joinpath("search", "index.html").as_uri())
    page.fill("#wm-q", "injunction")
    page.locator("#wm-status", has_text=re.compile(r"\d+ results?")).wait_for()
    first = page.locator("#wm-results > li a").first
    assert first.get_attribute("href").endswith("/index.html")  # type: ignore[union-attr]
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert "Page not found" not in page.content() and outside.requests == []
    assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None


def test_the_welsh_offline_copy_searches_and_finds_a_postcode(page: Page, offline_copy: Path, outside: Outside) -> None:
    """Every language gets what English gets (#25): the Welsh pages of the offline copy search and
    look up a postcode from file:// (their data files in script form, the postcode files shared)."""
    page.goto(offline_copy.joinpath("cy", "search", "index.html").as_uri())
    page.fill("#wm-q", "injunction")
    page.locator("#wm-status", has_text=re.compile(r"\d+")).wait_for()
    assert page.locator("#wm-results > li a").count() >= 1
    page.goto(offline_copy.joinpath("cy", "index.html").as_uri())
    page.fill("#wm-pc-go", "LS1 4AP")
    page.click(".wm-postcode__go")
    page.wait_for_url(re.compile(r"/cy/areas/leeds/index\.html$"), timeout=10_000)
    assert outside.requests == []
