"""The Welsh site (/cy/): every page type in Welsh, language links both ways, no English interface
string left untranslated (read from the catalogue), axe-clean, and the exit works."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chromium_fixtures import Outside, wcag_violations
from playwright.sync_api import Page
from project import PROJECT, welsh_catalogue_problems
from waymark import i18n

#: One page of each type, by its address below the site root (the same below /cy/).
PAGE_TYPES = {
    "home": "",
    "service": "services/leeds-domestic-violence-service/",
    "order": "orders/non-molestation-order/",
    "housing": "housing/homelessness-review/",
    "nrpf": "nrpf/migrant-victims-domestic-abuse-concession/",
    "support": "support/marac-referral/",
    "orders hub": "orders/",
    "which order fits": "orders/which-order-fits/",
    "area": "areas/leeds/",
    "nation": "areas/wales/",
    "category": "categories/refuge/",
    "find a service": "services/",
    "search": "search/",
    "guide": "help/",
    "guide answer": "help/stop-contact/wales/",
    "sheet": "sheet/",
    "languages": "languages/",
    "cover your tracks": "cover-your-tracks/",
}
SKIPPED = {"script", "style", "template", "noscript"}
VOID = {"br", "meta", "link", "input", "img", "hr", "source", "wbr"}


class InterfaceText(HTMLParser):
    """The visible text of a page that is not marked as English content (lang="en")."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.skipping = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        lang = next((code for _, code in reversed(self.open) if code), None)
        words = " ".join(data.split())
        if words and not self.skipping and lang != "en":
            self.text.append(words)


def interface_text(html: str) -> list[str]:
    parser = InterfaceText()
    parser.feed(html)
    return parser.text


@pytest.fixture(scope="module")
def welsh() -> dict[str, i18n.Entry]:
    entries = i18n.catalogue("cy")
    assert entries, "hooks/waymark/i18n/cy.yaml has no strings"
    return entries


def test_the_catalogue_has_every_string_the_code_uses_and_says_where_each_comes_from() -> None:
    assert (PROJECT / "mkdocs.cy.yml").is_file()
    assert i18n.catalogue_problems() == []


def test_a_missing_string_is_a_check_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = welsh_catalogue_problems(lambda entries: entries.pop("Exit this page"), tmp_path, monkeypatch)
    assert any("missing 'Exit this page'" in p for p in problems), problems


def alternates(page: Path) -> dict[str, Path]:
    """Where a page's hreflang links lead, as folders (the page's own language: itself)."""
    html = page.read_text(encoding="utf-8")
    found = {
        code: (page.parent / href).resolve() for href, code in re.findall(r'href="([^"]+)" hreflang="(\w+)"', html)
    }
    own = re.search(r'<html lang="(\w+)"', html)
    assert own and own[1] not in found
    return found | {own[1]: page.parent.resolve()}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_is_in_welsh_with_links_both_ways(built_site: Path, kind: str) -> None:
    path = PAGE_TYPES[kind]
    english, cymraeg = built_site / path / "index.html", built_site / "cy" / path / "index.html"
    assert '<html lang="en"' in english.read_text(encoding="utf-8")
    assert '<html lang="cy"' in cymraeg.read_text(encoding="utf-8")
    assert alternates(english) == {"en": english.parent.resolve(), "cy": cymraeg.parent.resolve()}
    assert alternates(cymraeg) == alternates(english)
    english_html, welsh_html = english.read_text(encoding="utf-8"), cymraeg.read_text(encoding="utf-8")
    assert re.search(r'<a class="wm-language" href="[^"]+" hreflang="cy" lang="cy">Cymraeg</a>', english_html)
    assert re.search(r'<a class="wm-language" href="[^"]+" hreflang="en" lang="en">English</a>', welsh_html)


def test_every_language_link_leads_to_a_page_that_exists(built_site: Path) -> None:
    broken = []
    pages = sorted(built_site.glob("*/index.html")) + sorted(built_site.glob("*/*/index.html"))[::7]
    for page in pages:
        for href in re.findall(r'href="([^"]+)" hreflang="(?:en|cy)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            if not (target / "index.html").is_file():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
    assert broken == []


def test_the_not_found_page_links_to_the_other_languages_home(built_site: Path) -> None:
    """The server answers any missing address with site/404.html (base_url "/"): its language link
    must be an absolute path to the Welsh home, not "//cy/…" (another host); no Welsh copy is left
    to load the English site's assets."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)" hreflang="cy"', html) == ["/cy/"]
    assert not (built_site / "cy" / "404.html").exists()
    assert not (built_site / "cy" / "_headers").exists()
    assert '<link rel="alternate"' not in html


def test_no_interface_string_on_a_welsh_page_is_left_in_english(built_site: Path, welsh: dict[str, i18n.Entry]) -> None:
    english_only = {
        msgid
        for msgid, entry in welsh.items()
        if entry.text.strip() != msgid.strip() and len(msgid) > 3 and "{" not in msgid
    }
    found = {}
    for path in PAGE_TYPES.values():
        text = interface_text((built_site / "cy" / path / "index.html").read_text(encoding="utf-8"))
        left = sorted({t for t in text if t in english_only or t.rstrip(":.") in english_only})
        if left:
            found[path] = left
    assert found == {}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_welsh_page_type_has_no_wcag_violations(page: Page, site_url: str, kind: str) -> None:
    response = page.goto(site_url + "cy/" + PAGE_TYPES[kind])
    assert response is not None and response.ok
    assert wcag_violations(page) == []


def test_the_welsh_exit_button_speaks_welsh_and_leaves(page: Page, site_url: str, outside: Outside) -> None:
    page.goto(site_url + "cy/" + PAGE_TYPES["area"])
    button = page.locator("#wm-exit")
    assert button.inner_text() == i18n.catalogue("cy")["Exit this page"].text
    button.click()
    page.wait_for_url(re.compile(r"bbc\.co\.uk"))
    assert outside.neutral_hits


def test_the_welsh_site_searches_and_filters_with_welsh_messages(page: Page, site_url: str) -> None:
    welsh = i18n.catalogue("cy")
    page.goto(site_url + "cy/search/")
    page.fill("#wm-q", "Cymraeg")
    results = welsh["{count} results"].text.split("{count}")[-1].strip()
    page.locator("#wm-status", has_text=results).wait_for()
    assert page.locator("#wm-results a.wm-card__name, #wm-results a.wm-result__title").count() > 0
    page.goto(site_url + "cy/services/")
    page.fill("#wm-pc-wm-f-area", "CF10 1EP")
    page.click(".wm-postcode__go")
    page.locator("#wm-f-status", has_text=re.compile("Caerdydd|Cardiff")).wait_for()


@pytest.mark.parametrize(
    ("typed", "msgid"),
    [
        ("DN14", "{postcode} covers more than one place. Choose yours:"),
        ("LS6 1ZZ", "Places in {district}:"),
        ("12345", "That is not a UK postcode. Try the first half, like LS6, or choose your nation."),
    ],
)
def test_the_postcode_box_answers_in_welsh_on_the_welsh_site(page: Page, site_url: str, typed: str, msgid: str) -> None:
    """What the script writes, read from the page (#25): a message glued from English pieces would
    show English here even when every T() string has its Welsh."""
    welsh = i18n.catalogue("cy")[msgid].text
    page.goto(site_url + "cy/")
    page.fill("[data-wm-postcode] input", typed)
    page.locator("[data-wm-postcode] .wm-postcode__go").first.click()
    fixed = re.split(r"\{\w+\}", welsh)
    box = page.locator("[data-wm-postcode]").first
    box.get_by_text(re.compile(re.escape(max(fixed, key=len).strip()))).first.wait_for()
    shown = box.inner_text()
    english = re.split(r"\{\w+\}", msgid)
    assert max(english, key=len).strip() not in shown, shown
