"""Search and filters in Chromium, over the bundled data: words workers type find the record."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from chromium_fixtures import Outside
from playwright.sync_api import Page
from project import PROJECT

from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.ranking import group_of

# What a worker or survivor types → the page that must be in the top 3 results.
FINDS = {
    "NMO": "orders/non-molestation-order/",
    "non-mol": "orders/non-molestation-order/",
    "injunction": "orders/non-molestation-order/",
    "DVPN": "orders/domestic-violence-protection-order/",
    "DVPO": "orders/domestic-violence-protection-order/",
    "DAPN": "orders/domestic-abuse-protection-order/",
    "DAPO": "orders/domestic-abuse-protection-order/",
    "Clare's Law": "orders/domestic-violence-disclosure-scheme/",
    "DVDS": "orders/domestic-violence-disclosure-scheme/",
    "MVDAC": "nrpf/migrant-victims-domestic-abuse-concession/",
    "DDVC": "nrpf/migrant-victims-domestic-abuse-concession/",
    "DVILR": "nrpf/settlement-victim-of-domestic-abuse/",
    "SMV": "nrpf/support-for-migrant-victims-scheme/",
    "section 17": "nrpf/children-act-section-17/",
    "s17": "nrpf/children-act-section-17/",
    "s188": "housing/interim-accommodation-duty/",
    "emergency housing": "housing/interim-accommodation-duty/",
    "IDVA": "categories/idva/",
    "ISVA": "categories/isva/",
    "MARAC": "support/marac-referral/",
    "SARC": "categories/sexual-violence/",
    "ocupation order": "orders/occupation-order/",  # one letter missing
    "which order fits": "orders/which-order-fits/",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data", dt.date.today())


#: What the status says once a search has finished, on the English site.
DONE = re.compile(r"\d+ results?|No results|could not")


def search(page: Page, words: str, done: re.Pattern[str] = DONE) -> list[str]:
    """The result links, in order, once the status says `done`."""
    page.fill("#wm-q", words)
    page.locator("#wm-status", has_text=done).wait_for()
    hrefs: list[str] = page.eval_on_selector_all(
        "#wm-results > li", "items => items.map(li => li.querySelector('a').getAttribute('href'))"
    )
    return hrefs


def test_abbreviations_and_everyday_words_find_their_record(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    misses = {}
    for words, wanted in FINDS.items():
        top = [href.removeprefix("../") for href in search(page, words)[:3]]
        if wanted not in top:
            misses[words] = top
    assert misses == {}, f"not in the top 3: {misses}"


def test_nothing_is_downloaded_for_search_before_it_is_used(page: Page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    for path in ("search/", "services/"):
        page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(300)
    assert [u for u in fetched if ("/search/" in u and u.endswith(".json")) or "lunr" in u] == []
    search((page.goto(site_url + "search/") and page) or page, "refuge")
    assert any(u.endswith("search/core.json") for u in fetched)
    assert any("lunr" in u for u in fetched)


def _covers(doc_areas: list[str], area_id: str, catalogue: Catalogue) -> bool:
    area = catalogue.areas[area_id]
    around = {a.id for a in area.ancestors()}
    inside = {a.id for a in area.descendants()}
    return any(a == area_id or a in around or a in inside for a in doc_areas)


def test_filters_combine_area_category_and_nrpf(page: Page, site_url: str, catalogue: Catalogue) -> None:
    regions = [a for a in catalogue.areas.values() if a.level == "region"]
    assert regions, "the bundled data has no regional directory"
    region = max(regions, key=lambda r: len(catalogue.services_in(r)))
    local = [s for s in catalogue.services if _covers(s.data["areas"], region.id, catalogue)]
    category = max(catalogue.categories, key=lambda c: sum(c in s.data["categories"] for s in local))

    def expected(nrpf: bool, harm: bool = False) -> set[str]:
        return {
            s.name
            for s in local
            if category in s.data["categories"]
            and (not nrpf or (s.data.get("eligibility") or {}).get("nrpf_accepted"))
            and (group_of(s, catalogue.categories) == "for-people-who-harm") == harm
        }

    page.goto(site_url + "services/")
    page.select_option("#wm-f-area", region.id)
    page.select_option("#wm-f-category", category)
    status = page.locator("#wm-f-status")
    status.filter(has_text=re.compile(r"services? in|No services")).wait_for()
    shown = set(page.eval_on_selector_all("#wm-f-results .wm-card__name", "els => els.map(e => e.textContent)"))
    assert shown == expected(False) and shown
    apart = set(page.eval_on_selector_all("#wm-f-harm .wm-card__name", "els => els.map(e => e.textContent)"))
    assert apart == expected(False, harm=True)
    page.locator(".wm-filters__more summary").click()
    page.check("#wm-f-nrpf")
    page.wait_for_timeout(100)
    status.filter(has_text=re.compile(r"services? in|No services")).wait_for()
    shown = set(page.eval_on_selector_all("#wm-f-results .wm-card__name", "els => els.map(e => e.textContent)"))
    assert shown == expected(True)


def test_search_leaves_no_trace_and_exit_stays_in_reach(page: Page, site_url: str, outside: Outside) -> None:
    page.goto(site_url + "search/")
    search(page, "non-molestation order")
    assert "?" not in page.url and "molestation" not in page.url
    assert page.evaluate("history.length") == 2  # about:blank, then this page: no entry per query
    assert page.get_by_role("link", name="Exit this page", exact=True).is_visible()
    storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert storage == [0, 0, ""]
    assert outside.requests == []


# Records and services in one ranking: each query must find both kinds near the top.
MIXED = {
    "forced marriage": ["services/forced-marriage-unit/", "orders/forced-marriage-protection-order/"],
    "stalking": ["services/national-stalking-helpline/", "orders/stalking-protection-order/"],
    "Samaritans": ["services/samaritans/"],
}


def test_records_and_services_are_ranked_together(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    misses = {}
    for words, wanted in MIXED.items():
        top = [href.removeprefix("../") for href in search(page, words)[:5]]
        if not all(w in top for w in wanted) or (top[0] != wanted[0] and len(wanted) == 1):
            misses[words] = top
    assert misses == {}, f"not ranked together in the top 5: {misses}"


CARD_SHAPE = """card => [...card.querySelectorAll('*')].map(el => [
  el.tagName, el.className, el.getAttribute('data-slot') || '', el.href || '',
  el.children.length ? '' : el.textContent.trim()])"""


def test_cards_built_by_the_filters_match_the_cards_the_server_built(
    page: Page, site_url: str, catalogue: Catalogue
) -> None:
    page.goto(site_url + "services/")
    page.select_option("#wm-f-area", "england")
    page.locator("#wm-f-status", has_text=re.compile(r"services? in")).wait_for()
    by_script = {
        card.locator(".wm-card__name").inner_text(): card.evaluate(CARD_SHAPE)
        for card in page.locator("#wm-f-results .wm-card, #wm-f-harm .wm-card").all()
    }
    server = {
        card.locator(".wm-card__name").inner_text(): card.evaluate(CARD_SHAPE)
        for card in page.locator(".wm-find > .wm-cards .wm-card").all()
    }
    assert server and set(server) <= set(by_script)
    assert {name: by_script[name] for name in server} == server


EVERYDAY = yaml.safe_load((PROJECT / "tests" / "search" / "everyday_queries.yaml").read_text(encoding="utf-8"))
#: The share of everyday queries that must find one of their pages in the top 3 (issue #15).
EVERYDAY_TARGET = 0.90


def test_everyday_words_find_what_people_need(page: Page, site_url: str) -> None:
    """Queries phrased as survivors and workers phrase them (tests/search/everyday_queries.yaml, each
    with where that phrasing comes from): at least 90% find a right page in the top 3."""
    assert len(EVERYDAY) >= 40
    page.goto(site_url + "search/")
    misses = {}
    for case in EVERYDAY:
        top = [href.removeprefix("../") for href in search(page, case["query"])[:3]]
        if not set(top) & set(case["top3_any"]) or ("first" in case and top[:1] != [case["first"]]):
            misses[case["query"]] = top
    hit_rate = 1 - len(misses) / len(EVERYDAY)
    print(f"everyday queries: {hit_rate:.0%} found in the top 3 ({len(EVERYDAY) - len(misses)} of {len(EVERYDAY)})")
    for query, top in misses.items():
        print(f"  miss: {query!r} -> {top}")
    assert hit_rate >= EVERYDAY_TARGET, misses


def theme_misses(page: Page, site_url: str, theme: str) -> dict[str, list[str]]:
    """The everyday queries of one theme that find none of their pages in the top 3 (query -> top 3)."""
    cases = [case for case in EVERYDAY if case["theme"] == theme]
    assert len(cases) >= 5, theme
    page.goto(site_url + "search/")
    misses = {}
    for case in cases:
        top = [href.removeprefix("../") for href in search(page, case["query"])[:3]]
        if not set(top) & set(case["top3_any"]):
            misses[case["query"]] = top
    return misses


def test_every_misspelling_in_the_everyday_set_finds_its_page(page: Page, site_url: str) -> None:
    """A one-letter slip ("forced marrige", "stalkin") still reaches the page a helpline or an
    order is on: lunr's one-edit terms, and best bets read through a slip (search.js typoFixed)."""
    assert theme_misses(page, site_url, "misspelling") == {}


def test_every_justice_question_finds_its_page(page: Page, site_url: str) -> None:
    """After reporting (#29): "will I be told when he is released", "screens in court" and the rest of
    the justice queries in the everyday set each find one of their pages in the top 3."""
    assert theme_misses(page, site_url, "justice") == {}


@pytest.mark.parametrize(
    "query",
    ["my brother hit me", "he puts me down all the time", "he keeps barking orders at me", "my wife hits me"],
)
def test_an_ordinary_word_never_brings_a_place(page: Page, site_url: str, query: str) -> None:
    """A place matches only as a place (#28): "brother" is not Rother, "down" is not Ards and North Down,
    "barking" is not Barking and Dagenham. No place page in the top 3 unless the query names the place.
    (Without the rule, the first three queries each brought a place into the top 3.)"""
    page.goto(site_url + "search/")
    top = search(page, query)[:3]
    assert not [href for href in top if "areas/" in href], (query, top)


def test_a_query_that_is_only_a_place_goes_to_the_place(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    cases = (
        ("leeds", "areas/leeds/"),
        ("help in Cornwall", "areas/cornwall/"),
        ("fife", "areas/fife/"),
        ("glasgow", "areas/glasgow-city/"),  # the name people say, not only the official "Glasgow City"
        ("edinburgh", "areas/city-of-edinburgh/"),
    )
    for query, place in cases:
        assert search(page, query)[0].removeprefix("../") == place, query


WELSH = yaml.safe_load((PROJECT / "tests" / "search" / "welsh_queries.yaml").read_text(encoding="utf-8"))
#: The share of Welsh queries that must find one of their pages in the top 3 on /cy/search/ (#28:
#: 0 of 16 before Welsh words, Welsh place names and Welsh mutations were known; 13 of 16 after).
WELSH_TARGET = 0.75


def test_welsh_words_and_welsh_place_names_find_their_pages(page: Page, site_url: str) -> None:
    """Queries a Welsh speaker might type on the Welsh site (tests/search/welsh_queries.yaml):
    the words for what happened, a place in Welsh, a place after "yng" (Nghaerdydd)."""
    from waymark import i18n

    welsh = i18n.catalogue("cy")
    done = re.compile(
        "|".join(
            re.escape(welsh[m].text).replace(re.escape("{count}"), r"\d+")
            for m in (
                "1 result",
                "{count} results",
                "Nothing matched those words. You can still call one of these lines, any time:",
            )
        )
    )
    page.goto(site_url + "cy/search/")
    misses = {}
    for case in WELSH:
        top = [href.removeprefix("../").removeprefix("../") for href in search(page, case["query"], done)[:3]]
        if not set(top) & set(case["find"]):
            misses[case["query"]] = top
    hit_rate = 1 - len(misses) / len(WELSH)
    print(f"Welsh queries: {len(WELSH) - len(misses)} of {len(WELSH)} found in the top 3; misses: {misses}")
    assert hit_rate >= WELSH_TARGET, misses
    # a Welsh place name alone goes to the place's page first
    assert search(page, "Abertawe", done)[0].endswith("areas/swansea/")
