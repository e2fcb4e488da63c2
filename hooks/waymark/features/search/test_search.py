"""Search and filters in Chromium, over the bundled data: words workers type find the record."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from chromium_fixtures import Outside
from playwright.sync_api import Page
from project import PROJECT

from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.ranking import group_of

# What a worker or survivor types → the page that must be in the top 3 results.
FINDS = {
    # text-speak and misspellings, read as what they stand for (data/synonyms.yaml `respell`)
    "refuj": "housing/refuge-access/",
    "i was rapped last nite": "categories/sexual-violence/",
    "he wont let me c my kids": "orders/child-arrangements-order/",
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
DONE = re.compile(r"\d+ results?|No results|Nothing matched|could not")


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


def filtered_names(page: Page) -> set[str]:
    """Every card name the filters found, after asking for the rest as often as the list offers it."""
    more = page.locator("button.wm-f-more")
    while more.is_visible():
        more.click()
    return set(page.eval_on_selector_all("#wm-f-results .wm-card__name", "els => els.map(e => e.textContent)"))


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
    shown = filtered_names(page)
    assert shown == expected(False) and shown
    apart = set(page.eval_on_selector_all("#wm-f-harm .wm-card__name", "els => els.map(e => e.textContent)"))
    assert apart == expected(False, harm=True)
    page.locator(".wm-filters__more summary").click()
    page.check("#wm-f-nrpf")
    page.wait_for_timeout(100)
    status.filter(has_text=re.compile(r"services? in|No services")).wait_for()
    shown = filtered_names(page)
    assert shown == expected(True)


def test_a_long_filtered_list_shows_fifty_cards_then_adds_more_on_request(page: Page, site_url: str) -> None:
    """The filters never put thousands of cards on a phone (#23): the first 50 in first-minute order,
    then a button for the next ones; the status counts the whole list, and the keyboard goes on from
    the first card added."""
    page.goto(site_url + "services/")
    page.select_option("#wm-f-area", "yorkshire-and-the-humber")
    status = page.locator("#wm-f-status", has_text=re.compile(r"services? in"))
    status.wait_for()
    total = int(status.inner_text().split()[0])
    assert total > 50, "the bundled data no longer has a region with more than 50 services: pick another"
    cards = page.locator("#wm-f-results .wm-card")
    assert cards.count() == 50
    more = page.locator("button.wm-f-more")
    left = min(50, total - 50)
    assert more.inner_text() == ("Show 1 more service" if left == 1 else f"Show {left} more services")
    more.click()
    assert cards.count() == min(100, total)
    assert page.evaluate("document.activeElement.closest('.wm-card') !== null")
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#wm-f-results > li')[50]")
    if total <= 100:
        assert more.is_hidden()


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
    # A weekday morning in the UK, so office-hours lines are open: the script marks them "Open now"
    # (the live badge a static page cannot carry); everything else must match the server's card.
    page.clock.set_fixed_time(dt.datetime(2026, 12, 9, 11, 0, tzinfo=dt.UTC))
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
    live = {name for name, shape in by_script.items() if any(row[2] == "open" for row in shape)}
    assert "Forced Marriage Unit" in live, "an office-hours line is not marked open on a weekday morning"
    assert not live & {"National Domestic Abuse Helpline", "Samaritans"}, "a 24-hour line got the badge"
    without_live = {name: [row for row in by_script[name] if row[2] != "open"] for name in server}
    assert without_live == server


EVERYDAY = yaml.safe_load((PROJECT / "tests" / "search" / "everyday_queries.yaml").read_text(encoding="utf-8"))
#: The share of everyday queries that must find one of their pages in the top 3 (issue #15).
EVERYDAY_TARGET = 0.90


def found(page: Page, queries: list[str]) -> list[list[str]]:
    """What the page's own search finds for each query, in order (the script's WaymarkSearch.find:
    the same code the search box runs, asked directly, so a set of 100 queries takes seconds)."""
    page.wait_for_function("() => window.WaymarkSearch && window.WaymarkSearch.find")
    results: list[list[str]] = page.evaluate(
        "async qs => { const out = []; for (const q of qs) out.push(await WaymarkSearch.find(q)); return out; }",
        queries,
    )
    return results


def set_misses(page: Page, cases: list[dict[str, Any]], pages: str, depth: int) -> dict[str, list[str]]:
    """The queries of a set whose first `depth` results hold none of their `pages` (query -> those results)."""
    answers = found(page, [case["query"] for case in cases])
    return {
        case["query"]: hrefs[:depth]
        for case, hrefs in zip(cases, answers, strict=True)
        if not set(hrefs[:depth]) & set(case[pages])
    }


def test_the_search_box_shows_what_the_search_finds(page: Page, site_url: str) -> None:
    """The list under the box is WaymarkSearch.find's answer, in its order (so the query-set tests
    below, which ask WaymarkSearch directly, test what a person sees)."""
    page.goto(site_url + "search/")
    for query in ("my ex keeps turning up at my house", "forced marrige", "help in leeds"):
        assert [h.removeprefix("../") for h in search(page, query)] == found(page, [query])[0], query


def test_everyday_words_find_what_people_need(page: Page, site_url: str) -> None:
    """Queries phrased as survivors and workers phrase them (tests/search/everyday_queries.yaml, each
    with where that phrasing comes from): at least 90% find a right page in the top 3; every
    misspelling (lunr's one-edit terms, and best bets read through a slip: search.js typoFixed) and
    every justice question (#29: "will I be told when he is released", "screens in court") does."""
    assert len(EVERYDAY) >= 40
    page.goto(site_url + "search/")
    misses = {}
    for case, hrefs in zip(EVERYDAY, found(page, [case["query"] for case in EVERYDAY]), strict=True):
        top = hrefs[:3]
        if not set(top) & set(case["top3_any"]) or ("first" in case and top[:1] != [case["first"]]):
            misses[case["query"]] = (case["theme"], top)
    hit_rate = 1 - len(misses) / len(EVERYDAY)
    print(f"everyday queries: {hit_rate:.0%} found in the top 3 ({len(EVERYDAY) - len(misses)} of {len(EVERYDAY)})")
    for query, (_, top) in misses.items():
        print(f"  miss: {query!r} -> {top}")
    assert hit_rate >= EVERYDAY_TARGET, misses
    for theme in ("misspelling", "justice"):
        assert sum(case["theme"] == theme for case in EVERYDAY) >= 5, theme
        assert {q: top for q, (t, top) in misses.items() if t == theme} == {}, theme


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


@pytest.mark.parametrize(
    ("query", "never"),
    [
        ("wife of 50 years controls me", ["Fife"]),  # one typo from "wife"
        ("girlfriend controls everything no one believes a man", ["Manchester", "Mansfield"]),  # "man…"
        ("new accounts messaging me after i blocked him", ["New Forest", "Newham", "Newport", "Newark"]),
    ],
)
def test_an_ordinary_word_never_brings_a_service_named_after_a_place(
    page: Page, site_url: str, query: str, never: list[str]
) -> None:
    """Since every council has a homelessness record named after it, a word one typo or a few
    letters from a place's name ("wife", "man", "new") must not reach the services named after it
    either (#28, unseen queries: each of these three had such a service in the top 5 before)."""
    page.goto(site_url + "search/")
    search(page, query)
    titles = page.eval_on_selector_all(
        "#wm-results > li", "items => items.slice(0, 5).map(li => li.querySelector('a').textContent)"
    )
    assert not [t for t in titles if any(name in t for name in never)], (query, titles)


def test_a_place_named_by_its_other_name_brings_its_own_services(page: Page, site_url: str) -> None:
    """ "edinburgh" is City of Edinburgh's other name: its Rape Crisis centre comes in the top 5,
    not only Scotland's national pages (a bare city word pins those only when it is the whole query)."""
    page.goto(site_url + "search/")
    top = [href.removeprefix("../") for href in search(page, "rape crisis edinburgh")[:5]]
    assert "services/rape-crisis-edinburgh/" in top, top


def test_a_query_that_is_only_a_place_goes_to_the_place(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    cases = (
        ("leeds", "areas/leeds/"),
        ("help in Cornwall", "areas/cornwall/"),
        ("fife", "areas/fife/"),
        ("glasgow", "areas/glasgow-city/"),  # the name people say, not only the official "Glasgow City"
        ("edinburgh", "areas/city-of-edinburgh/"),
        ("help in london", "areas/london/"),  # the region, not the City of London ("city of" left out)
        ("newcastle", "areas/newcastle-upon-tyne/"),  # not Newcastle-under-Lyme
        ("newcastle under lyme", "areas/newcastle-under-lyme/"),
    )
    for query, place in cases:
        assert search(page, query)[0].removeprefix("../") == place, query


HARM_SERVICES = {"services/respect-phoneline/", "services/stop-it-now-helpline/"}


def test_someone_who_harms_sees_their_services_first_and_a_victim_does_not(page: Page, site_url: str) -> None:
    """#28: the speaker's own acts, in words no phrase list holds (data/phrases.yaml `within`), bring
    the services for people who harm above the list, under their own heading; someone harmed, or
    told they are the abuser, is not sent there (`unless`)."""
    page.goto(site_url + "search/")
    harms = [
        "when i drink i get violent",
        "drink makes me violent to my wife",
        "i keep going through her phone",
        "help for abusers in cardiff",  # a place's own page may come before the category
    ]
    for query, top in zip(harms, found(page, harms), strict=True):
        assert top[0] in HARM_SERVICES and "categories/perpetrator/" in top[:4], (query, top)
    victims = [
        "he is violent to me",
        "my husband says i am abusive but he hits me",
        "my wife says i'm violent but she hits me",
        "i was hit by my boyfriend",
        "my son lives with me and is violent",
        "she hit me and i hit back",
        "i think my partner is controlling",
        "i am scared he will hurt me",
    ]
    for query, top in zip(victims, found(page, victims), strict=True):
        assert not HARM_SERVICES & set(top[:3]), (query, top)
    # as the page shows it: the heading and the services above the list
    search(page, harms[0])
    above = page.evaluate(
        "() => { const l = document.querySelector('#wm-results'), h = l.parentNode.querySelector('.wm-search__harm');"
        " return !h.hidden && !!(h.compareDocumentPosition(l) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )
    assert above
    search(page, victims[0])
    assert page.evaluate(
        "() => { const l = document.querySelector('#wm-results'), h = l.parentNode.querySelector('.wm-search__harm');"
        " return h.hidden || !!(l.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )


def test_leaving_the_site_fast_or_hiding_the_visit_finds_the_page_on_the_exit_button(page: Page, site_url: str) -> None:
    """A best bet may lead to a hand-written page at the top of docs/ (data/catalogue.py)."""
    page.goto(site_url + "search/")
    for query, top in zip(
        queries := ["how do i get off this site fast if he walks in", "how do i clear my history"],
        found(page, queries),
        strict=True,
    ):
        assert top[0] == "cover-your-tracks/", (query, top)


def test_a_housing_need_in_a_named_council_brings_that_councils_own_route(page: Page, site_url: str) -> None:
    """The council is the one door every place has (#26): "homeless in fife" shows Fife Council's
    homelessness route right after Fife's page, not another council's; on the Welsh site too. Someone
    who calls the abuser abusive is not sent to the services for people who harm."""
    page.goto(site_url + "search/")
    fife, hull, truro = found(
        page, ["homeless in fife after leaving abusive husband", "homeless hull", "nowhere to go tonight in truro"]
    )
    assert fife[1:3] == ["areas/fife/", "services/fife-homelessness/"], fife
    assert "categories/perpetrator/" not in fife[:3], fife
    assert "services/kingston-upon-hull-homelessness/" in hull[:3], hull
    assert "services/cornwall-homelessness/" in truro[:3], truro  # a town: its council's route
    page.goto(site_url + "cy/search/")
    wrexham, llanelli, refuge, asylum = found(
        page, ["digartref Wrecsam", "dim lle i fynd Llanelli", "dw i angen lloches heno", "ceisiwr lloches"]
    )
    assert "services/wrexham-homelessness/" in wrexham[:3], wrexham
    assert "services/carmarthenshire-homelessness/" in llanelli[:3], llanelli
    # "lloches" is a refuge (Wales's line finds a space), and asylum in "ceisio lloches"
    assert refuge[0] == "services/live-fear-free/" and "housing/refuge-access/" not in refuge[:3], refuge
    assert asylum[0] == "nrpf/asylum-support/", asylum


def test_a_named_place_brings_its_own_doors_and_no_other_places_services(
    page: Page, site_url: str, catalogue: Catalogue
) -> None:
    """ "rape support norwich": Norwich's page, then the SARC and the Rape Crisis centre that serve it
    (services whose role says so); a service that serves another place only is no answer there; with
    no place named, a service for one place only does not come before the wide ones."""
    norwich = catalogue.areas["norwich"]
    around = {norwich.id, *(a.id for a in norwich.ancestors())}
    doors = {
        role: {s.url for s in catalogue.services if s.data.get("role") == role and set(s.data["areas"]) & around}
        for role in ("sarc", "rape-crisis-centre")
    }
    assert doors["sarc"] and doors["rape-crisis-centre"], "the bundled data serves Norwich"
    page.goto(site_url + "search/")
    rape, fife, unplaced, bury, cumbria = found(
        page,
        [
            "rape support norwich",
            "homeless in fife",
            "just been raped",
            "bury st edmunds homeless",
            "rape crisis cumbria",
        ],
    )
    # a name for two councils (Cumbria): their shared SARC and centre come once, right after a council's page
    assert cumbria[2:4] == ["services/sarc-cumbria-bridgeway/", "services/rape-crisis-cumbria/"], cumbria
    # the longest place name a query holds: Bury St Edmunds is West Suffolk's, not Bury as well
    assert bury[1:3] == ["areas/west-suffolk/", "services/west-suffolk-homelessness/"], bury
    assert "areas/bury/" not in bury, bury
    assert rape[1] == "areas/norwich/" and rape[2] in doors["sarc"] and rape[3] in doors["rape-crisis-centre"], rape
    by_url = {s.url: s for s in catalogue.services}
    fife_around = {"fife", *(a.id for a in catalogue.areas["fife"].ancestors())}
    elsewhere = [u for u in fife if u in by_url and not set(by_url[u].data["areas"]) & fife_around]
    assert elsewhere == [], f"services that do not serve Fife: {elsewhere}"
    wide = {"national", *(a.id for a in catalogue.areas.values() if a.level == "nation")}
    local_only = [u for u in unplaced[:5] if u in by_url and not set(by_url[u].data["areas"]) & wide]
    assert local_only == [], unplaced


def _queries(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((PROJECT / "tests" / "search" / name).read_text(encoding="utf-8")))


#: Query sets written before any of their queries was run, each never edited to pass (#28), with
#: the page they are asked on and the share that must find a right page in the top 5:
#: - unseen_queries.yaml (173, English): 79.2% when written; 82.7% after places matched only as
#:   places; 100% after "who is speaking" (all_of), named titles, named places as where to look and
#:   nation from a named place. Its misses were read while that work was done, so it is now a
#:   regression set, no longer a measure.
#: - unseen_queries_2.yaml (176, English) and welsh_unseen_queries.yaml (64, Welsh), written blind
#:   by a helper on the same day and measured once, before their misses were read: English 71.6%
#:   (search before that work) and 80.7% (after); Welsh 46.9% and 53.1% on /cy/search/. Their misses
#:   were then read: English 94.3% after more situations; Welsh 89.1% after 57 Welsh terms that a
#:   helper who had not seen the set read on Welsh pages.
#: - welsh_unseen_queries_3.yaml (74, Welsh), written blind afterwards: 37.8% on the search of the
#:   morning, 40.5% before the Welsh terms, 56.8% after them (measured before its misses were read);
#:   77.0% after 37 everyday Welsh words (read on Welsh pages by a helper who had not seen the set,
#:   but whose brief listed the situations its misses showed: so no longer a blind figure).
#: - unseen_queries_3.yaml (159, English) and welsh_unseen_queries_4.yaml (103, Welsh), written
#:   blind by two helpers in session 5 and measured once on the search of that morning (commit
#:   5d1b518): English 90.6% (87.4% in the top 3), Welsh 67.0%. Their misses were then read: English
#:   98.1% after the situations they showed (apostrophes left out in phrases; danger in plain words;
#:   locks; a child's disclosure; threats with pictures; tracking apps; release; Inverness). Welsh
#:   83.5% after 44 Welsh words and 8 Welsh best bets, read on Welsh pages by a helper who had not
#:   seen the set but whose brief listed the concepts its misses showed (not a blind figure).
#: - unseen_queries_4.yaml (192, English) and welsh_unseen_queries_5.yaml (148, Welsh), written blind
#:   in session 6, measured once on c9c64e7: English 94.8% (87.0% top 3), Welsh 74.3% (68.9%). Their
#:   misses were then read: English 96.9% (joined words, child contact, a grown-up child's
#:   violence); Welsh 89.2% after Welsh places' own names mutated, the nation counting twice and a
#:   fourth pass of Welsh words whose brief listed the set's missed concepts (not blind figures).
#: - unseen_queries_5.yaml (268, English) and welsh_unseen_queries_6.yaml (182, Welsh), written blind
#:   afterwards and measured once on 2a7572b: English 84.0% (79.9% top 3), Welsh 87.4% (78.0%). The
#:   English misses were then read: 89.2% after a named place's own doors and services, slips of
#:   unknown words, and best bets for reporting rape, news of the case, a child's disclosure. Welsh
#:   95.1% after a fifth pass of Welsh words whose brief listed the set's missed concepts.
#: - unseen_queries_6.yaml (231, English) and welsh_unseen_queries_7.yaml (231, Welsh), written blind
#:   in session 7 and measured once on 389cdff: English 91.3% (84.8% top 3), Welsh 76.6% (69.3%).
#:   Their misses were then read: English 95.7% (a harm service named by its title, Cumbria, Oban,
#:   danger at the door, stealthing, complaints about the police); Welsh 92.6% after "cam-drin" and a
#:   sixth pass of Welsh words whose helper saw the set's misses in test output (not blind figures).
#: - welsh_unseen_queries_8.yaml (212, Welsh) and unseen_queries_7.yaml (203, English), written blind
#:   late in session 7 and measured once, before any miss was read: Welsh 83.0% (76.4% top 3) on
#:   58eb6b3 (with the next commit's new service), English 91.1% (86.2%) on d337c7a.
#: - unseen_queries_8.yaml (200, English) and welsh_unseen_queries_9.yaml (212, Welsh), written blind
#:   in session 8 and measured once on 6fd812b (after the third pass of towns): English 88.5% (83.0%
#:   top 3), Welsh 80.2% (75.9%). Held at those figures. Then the standing line (a way to talk to
#:   someone now among the first five where no rule recognised the query): 91.5% and 86.3%.
#: - unseen_queries_9.yaml (207, English), written blind at the end of session 8 and measured once on
#:   e818e0f: 89.9% (80.7% top 3). Held at that figure.
#: - unseen_queries_10.yaml (220, English) and welsh_unseen_queries_10.yaml (210, Welsh), written
#:   blind in session 9 and measured once on 06e137f (after new national services and a fourth pass
#:   of towns): English 91.8% (84.5% top 3), Welsh 83.8% (71.0%). Their misses were then read:
#:   English 95.0% after the speaker's own acts as a rule (phrases `within` and `unless`) and the
#:   services for people who harm above the list when a best bet is theirs; Welsh 85.7% (the latter).
#: - unseen_queries_11.yaml (220, English) and welsh_unseen_queries_11.yaml (227, Welsh), written
#:   blind later in session 9 and measured once on c65d7f2 (after the rule above): English 95.0%
#:   (87.3% top 3), Welsh 79.3% (70.9%). The English misses were then read: 97.3% (a man abused "by
#:   wife", a B&B, trauma, "how I treat my partner", a son who harms his partner). The Welsh ones
#:   were given, as concepts, to an eighth pass of Welsh words (a helper who did not see the set):
#:   95.2% (not a blind figure); Welsh 10 88.6%.
#: - unseen_queries_12.yaml (235, English) and welsh_unseen_queries_12.yaml (221, Welsh), written
#:   blind at the end of session 9 and measured once on fa41175 (after everything above): English
#:   87.7% (78.3% top 3), Welsh 86.0% (76.5%). The English misses were then read: 94.5% (being told
#:   one is controlling and asking how to change; an act told without "I"; arrested; dropping the
#:   charges; evidence after rape; loans in one's name; handovers; telling school; domestic servitude).
#: - unseen_queries_13.yaml (220, English) and welsh_unseen_queries_13.yaml (215, Welsh), written
#:   blind at the start of session 10 and measured once on 5f8fb35: English 91.4% (83.2% top 3),
#:   Welsh 82.8% (77.7%). The English misses were then read: 98.6% (a partner called abusive is a
#:   victim's word; "help" matches nothing; a parent about a child online; the council saying go
#:   back; another nation's law page gives way to the nation's own). The Welsh ones were given, as
#:   concepts, to a ninth pass of Welsh words: 94.0% (not a blind figure).
#: - unseen_queries_14.yaml (238, English) and welsh_unseen_queries_14.yaml (220, Welsh), written
#:   blind at the end of session 10 (the brief now listing the hand-written pages' names) and
#:   measured once on 465f382, after everything above: English 89.5% (79.4% top 3), Welsh 86.4%
#:   (78.2%). The English misses were then read: 97.5% (a victim's "scared my ex will" is not an act;
#:   a carer who takes one's money; someone 65 or over; a son who controls his girlfriend; a trial;
#:   no papers; unpaid work; a court-ordered course; another town; ending a private tenancy).
#:   The Welsh ones were given, as concepts, to a tenth pass of Welsh words: 97.3% (not blind).
#: - unseen_queries_15.yaml (235, English) and welsh_unseen_queries_15.yaml (211, Welsh), written
#:   blind last in session 10 and measured once on a8b02f6, after everything above: English 92.8%
#:   (83.8% top 3), Welsh 89.1% (79.1%). The English misses were then read: 97.4% (facing him in
#:   court; restorative justice; whether an abuser can change; a grown-up son; debt; a council
#:   tenancy; the children having to see their father). The Welsh set is held at its figure.
#: - unseen_queries_16.yaml (235, English) and welsh_unseen_queries_16.yaml (217, Welsh), written
#:   blind at the very end of session 10 and measured once on c9c9180, after everything above:
#:   English 94.9% (88.9% top 3), Welsh 90.3% (78.8%). Held at those figures; not read.
#: Floors sit a point or two below each set's figure at the end of session 7 (session 8 for sets 4,
#: 5, 7 and Welsh 4, 7, 8; session 9 for sets 9 to 12 and Welsh 7, 9 to 12; session 10 for set 13
#: and Welsh 10 to 13), so a loss shows.
UNSEEN_SETS = {
    "unseen_queries.yaml": ("search/", 0.95),
    "unseen_queries_2.yaml": ("search/", 0.93),
    "unseen_queries_3.yaml": ("search/", 0.96),
    "unseen_queries_4.yaml": ("search/", 0.95),
    "unseen_queries_5.yaml": ("search/", 0.94),
    "unseen_queries_6.yaml": ("search/", 0.94),
    "unseen_queries_7.yaml": ("search/", 0.95),
    "unseen_queries_8.yaml": ("search/", 0.88),
    "unseen_queries_9.yaml": ("search/", 0.92),
    "unseen_queries_10.yaml": ("search/", 0.94),
    "unseen_queries_11.yaml": ("search/", 0.96),
    "unseen_queries_12.yaml": ("search/", 0.93),
    "unseen_queries_13.yaml": ("search/", 0.97),
    "unseen_queries_14.yaml": ("search/", 0.96),
    "unseen_queries_15.yaml": ("search/", 0.96),
    "unseen_queries_16.yaml": ("search/", 0.94),
    "welsh_unseen_queries.yaml": ("cy/search/", 0.95),
    "welsh_unseen_queries_3.yaml": ("cy/search/", 0.95),
    "welsh_unseen_queries_4.yaml": ("cy/search/", 0.91),
    "welsh_unseen_queries_5.yaml": ("cy/search/", 0.91),
    "welsh_unseen_queries_6.yaml": ("cy/search/", 0.95),
    "welsh_unseen_queries_7.yaml": ("cy/search/", 0.94),
    "welsh_unseen_queries_8.yaml": ("cy/search/", 0.88),
    "welsh_unseen_queries_9.yaml": ("cy/search/", 0.97),
    "welsh_unseen_queries_10.yaml": ("cy/search/", 0.89),
    "welsh_unseen_queries_11.yaml": ("cy/search/", 0.95),
    "welsh_unseen_queries_12.yaml": ("cy/search/", 0.87),
    "welsh_unseen_queries_13.yaml": ("cy/search/", 0.92),
    "welsh_unseen_queries_14.yaml": ("cy/search/", 0.96),
    "welsh_unseen_queries_15.yaml": ("cy/search/", 0.88),
    "welsh_unseen_queries_16.yaml": ("cy/search/", 0.89),
}


@pytest.mark.parametrize("name", sorted(UNSEEN_SETS))
def test_every_page_the_unseen_queries_expect_exists(built_site: Path, name: str) -> None:
    cases = _queries(name)
    assert len(cases) >= 60
    assert len({case["query"] for case in cases}) == len(cases), "a query is listed twice"
    missing = [p for case in cases for p in case["top5_any"] if not (built_site / p / "index.html").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(UNSEEN_SETS))
def test_unseen_queries_find_a_right_page_in_the_top_5(page: Page, site_url: str, name: str) -> None:
    """Never edited to pass (each file says how it was written); the misses are printed."""
    where, target = UNSEEN_SETS[name]
    cases = _queries(name)
    page.goto(site_url + where)
    misses = set_misses(page, cases, "top5_any", 5)
    share = 1 - len(misses) / len(cases)
    print(f"{name}: {share:.1%} found in the top 5 ({len(cases) - len(misses)} of {len(cases)})")
    for query, top in misses.items():
        print(f"  miss: {query!r} -> {top}")
    assert share >= target, misses


def test_who_is_speaking_decides_over_any_one_word(page: Page, site_url: str) -> None:
    """data/phrases.yaml `all_of`: who speaks and what happens to them, in any order."""
    page.goto(site_url + "search/")
    man, harm, child = found(
        page,
        [
            "the police laughed when i said my wife hits me",
            "i lose my temper and my girlfriend is scared of me",
            "my stepdad hits me when mum is at work",
        ],
    )
    assert "services/mens-advice-line/" in man[:3], man
    # someone who harms: the services for them first, above the list (their own heading), then their category
    assert harm[0] in HARM_SERVICES and "categories/perpetrator/" in harm[:4], harm
    assert "services/childline/" in child[:3], child


def test_a_page_the_query_names_comes_first_unless_a_situation_says_another_nation(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    named, scottish, belfast, harm = found(
        page,
        [
            "stalking protection order how to get one",
            "restraining order scotland",
            "occupation order belfast",
            "respect phoneline",
        ],
    )
    assert named[0] == "orders/stalking-protection-order/", named
    # a service for people who harm is listed apart, unless the query names it
    assert harm[0] == "services/respect-phoneline/", harm
    assert scottish[0] != "orders/restraining-order/" and scottish[0].startswith("orders/scotland-"), scottish
    assert belfast[0] == "orders/ni-occupation-order/", belfast  # Belfast is in Northern Ireland


def test_another_nations_line_gives_way_to_the_nations_own(page: Page, site_url: str) -> None:
    """A best-bet line of another nation is replaced by the nation's own 24-hour line
    (data/crisis.yaml); on the Welsh site the nation is Wales unless the query names another."""
    page.goto(site_url + "search/")
    (scotland,) = found(page, ["my husband hits me scotland"])
    assert scotland[0] == "services/scotland-domestic-abuse-forced-marriage-helpline/", scotland
    assert "services/national-domestic-abuse-helpline/" not in scotland[:5], scotland
    page.goto(site_url + "cy/search/")
    (welsh,) = found(page, ["help"])
    assert "services/live-fear-free/" in welsh[:2], welsh
    assert "services/national-domestic-abuse-helpline/" not in welsh[:5], welsh


def test_another_nations_law_page_in_a_best_bet_gives_way_to_the_nations_own(page: Page, site_url: str) -> None:
    """#28: a best bet's page for England (and Wales) in a query that means another nation gives way
    to that nation's own version (core.json "counterparts"), or to its only page of the kind
    (Wales's homelessness duties), never to nothing."""
    page.goto(site_url + "search/")
    scotland, cardiff = found(
        page, ["i want to drop the charges in scotland", "council put me in a hotel in cardiff with my kids"]
    )
    assert scotland[0] == "justice/scotland-going-to-court/", scotland
    assert not {"justice/going-to-court/", "justice/reporting-to-police/"} & set(scotland), scotland
    assert cardiff[0] == "housing/wales-homelessness-duties/", cardiff
    assert "housing/suitability-of-accommodation/" not in cardiff, cardiff


def test_help_is_no_word_to_match_and_a_partner_called_abusive_is_a_victims_word(page: Page, site_url: str) -> None:
    """#28: "help" is in nearly every query (WEAK_WORDS): it does not bring the pages whose short
    titles carry it ("Help in your language", "Help to stop abusive behaviour"). Someone who says a
    partner is abusive is sent to the line, not to the services for people who harm."""
    page.goto(site_url + "search/")
    council, partner = found(page, ["will the council help", "pregnant and partner is abusive"])
    assert not {"languages/", "categories/perpetrator/"} & set(council[:5]), council
    assert partner[0] == "services/national-domestic-abuse-helpline/", partner
    page.goto(site_url + "cy/search/")
    (welsh,) = found(page, ["dwi angen help rwan plis"])
    assert "languages/" not in welsh and "services/live-fear-free/" in welsh[:2], welsh


def test_a_named_town_is_where_to_look(page: Page, site_url: str, catalogue: Catalogue) -> None:
    """ "sarc in hull": Humber's SARC and Hull's page, and no service for somewhere else first."""
    page.goto(site_url + "search/")
    (hull,) = found(page, ["sarc in hull"])
    assert hull[1] == "areas/kingston-upon-hull/", hull
    assert "services/sarc-humber-casa-suite/" in hull[:5], hull
    hull_area = catalogue.areas["kingston-upon-hull"]
    around = {hull_area.id, *(a.id for a in hull_area.ancestors())}
    for url in hull[:5]:
        record = catalogue.service(url.removeprefix("services/").strip("/")) if url.startswith("services/") else None
        assert record is None or set(record.data["areas"]) & around, f"{url} does not cover Hull: {hull}"


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
    misses = set_misses(page, WELSH, "find", 3)
    hit_rate = 1 - len(misses) / len(WELSH)
    print(f"Welsh queries: {len(WELSH) - len(misses)} of {len(WELSH)} found in the top 3; misses: {misses}")
    assert hit_rate >= WELSH_TARGET, misses
    # a Welsh place name alone goes to the place's page first
    assert search(page, "Abertawe", done)[0].endswith("areas/swansea/")
