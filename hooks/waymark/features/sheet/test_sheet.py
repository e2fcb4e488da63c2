"""The referral sheet in a real Chromium over the bundled data: picked by keyboard, printed to PDF,
copied as text, built without storage or requests, reached from any record page; and the short
print of record pages."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import pypdfium2 as pdfium
import pytest
from chromium_fixtures import wcag_violations
from playwright.sync_api import BrowserContext, Page, Request
from project import FIXTURE_TODAY, FIXTURES, PROJECT, copy_project

from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.model import Record
from waymark.features.search import index
from waymark.features.sheet import sheet
from waymark.render.renderer import long_date
from waymark.tools.cli import build_site
from waymark.tools.workspace import served

#: What an IDVA in Leeds picks for a client on a spousal visa who needs refuge and money.
SERVICES = ["leeds-domestic-violence-service", "national-domestic-abuse-helpline", "southall-black-sisters"]
OPTIONS = ["migrant-victims-domestic-abuse-concession", "homelessness-review"]
#: Records that must print on one A4 page by default (issue #18).
ONE_PAGE = [
    "services/leeds-domestic-violence-service/",
    "nrpf/migrant-victims-domestic-abuse-concession/",
    "orders/non-molestation-order/",
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def pdf_pages_and_text(pdf: bytes) -> tuple[int, str]:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return len(document), flat(text)


def facts(record: Record) -> list[str]:
    """What the sheet must say about a record: every number, the referral route, last checked, the time limit."""
    data = record.data
    checked = record.checked_on
    assert checked is not None
    found = [record.name, long_date(checked)]
    if record.type.name == "service":
        contact = data["contact"]
        found += [p["number"] for p in contact.get("phones") or []] + [t["number"] for t in contact.get("texts") or []]
        found.append("Self-referral: yes." if data["referral"]["self"] else "Self-referral: no.")
        found.append(
            "Professional referral: yes." if data["referral"]["professional"] else "Professional referral: no."
        )
        nrpf = (data.get("eligibility") or {}).get("nrpf_accepted")
        found.append(
            {True: "Supports people with", False: "Cannot support people with", None: "NRPF: not stated"}[nrpf]
        )
    else:
        found += [data["summary"], data["where_to_start"]]
        found += [data["time_limit"]] if data.get("time_limit") else []
    return [flat(f) for f in found]


def pick(page: Page, words: str, name: str) -> None:
    """Type, move to the option with the arrow keys, and press Enter: keyboard only."""
    page.keyboard.type(words)
    options = page.locator("#wm-sheet-options [role=option]")
    options.first.wait_for()
    names = [o.split("\n")[0] for o in options.all_inner_texts()]
    assert name in names, f"{words!r} offers {names}"
    for _ in range(names.index(name) + 1):
        page.keyboard.press("ArrowDown")
    active = page.get_attribute("#wm-sheet-q", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    page.keyboard.press("Enter")
    page.locator(".wm-sheet__status", has_text=f"Added {name}").wait_for()


def open_sheet(page: Page, site_url: str) -> None:
    page.goto(site_url + "sheet/")
    page.locator("#wm-sheet-q").wait_for(state="visible")


def build_sheet(page: Page, site_url: str, catalogue: Catalogue) -> list[Record]:
    open_sheet(page, site_url)
    options = [catalogue.legal(i) for i in OPTIONS]
    records = [catalogue.records["service"][i] for i in SERVICES] + [r for r in options if r is not None]
    assert len(records) == len(SERVICES) + len(OPTIONS)
    page.focus("#wm-sheet-q")
    for record in records:
        pick(page, record.name.split(" (")[0][:14], record.name)
    return records


def test_the_bundled_records_the_test_picks_exist_with_what_it_checks(catalogue: Catalogue) -> None:
    for record_id in OPTIONS:
        record = catalogue.legal(record_id)
        assert record is not None and record.data.get("where_to_start"), record_id
    assert any(catalogue.legal(i).data.get("time_limit") for i in OPTIONS)  # type: ignore[union-attr]
    for record_id in SERVICES:
        assert catalogue.records["service"][record_id].data["contact"].get("phones"), record_id


def test_a_sheet_of_three_services_and_two_options_prints_on_two_pages_with_every_fact(
    page: Page, site_url: str, catalogue: Catalogue
) -> None:
    records = build_sheet(page, site_url, catalogue)
    pages, text = pdf_pages_and_text(page.pdf(format="A4"))
    assert pages <= 2
    missing = {r.id: [f for f in facts(r) if f not in text] for r in records}
    assert {k: v for k, v in missing.items() if v} == {}
    assert re.search(r"Made on \d{1,2} [A-Z][a-z]+ 20\d\d from http://127\.0\.0\.1:\d+/", text), "date and site address"
    for control in ("Add a service or option", "Print the sheet", "Copy as text", "Remove"):
        assert control not in text, f"{control!r} is a control, not part of the sheet"


def test_copy_as_text_holds_the_same_facts_and_touches_the_clipboard_only_on_a_click(
    context: BrowserContext, page: Page, site_url: str, catalogue: Catalogue
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    records = build_sheet(page, site_url, catalogue)
    assert page.evaluate("navigator.clipboard.readText()") == "", "nothing is copied before the click"
    page.click("[data-wm-sheet-copy]")
    page.locator(".wm-sheet__status", has_text="Copied").wait_for()
    text = flat(page.evaluate("navigator.clipboard.readText()"))
    missing = {r.id: [f for f in facts(r) if f not in text] for r in records}
    assert {k: v for k, v in missing.items() if v} == {}
    assert "http" in text and "Made on" in text


def test_picking_makes_no_request_and_stores_nothing(page: Page, site_url: str, catalogue: Catalogue) -> None:
    open_sheet(page, site_url)
    page.wait_for_load_state("networkidle")
    asked: list[str] = []

    def note(request: Request) -> None:
        asked.append(request.url)

    page.on("request", note)
    page.focus("#wm-sheet-q")
    for record_id in SERVICES:
        record = catalogue.records["service"][record_id]
        pick(page, record.name[:10], record.name)
    page.click(".wm-sheet__remove >> nth=0")
    page.wait_for_timeout(200)
    assert asked == []
    storage = page.evaluate(
        "[localStorage.length, sessionStorage.length, document.cookie, location.search, location.hash]"
    )
    assert storage == [0, 0, "", "", ""]


def test_add_to_sheet_from_record_pages_builds_one_sheet_in_its_own_tab(
    context: BrowserContext, page: Page, site_url: str, catalogue: Catalogue
) -> None:
    first, second = catalogue.records["service"][SERVICES[0]], catalogue.legal(OPTIONS[0])
    assert second is not None
    page.goto(site_url + first.url)
    with context.expect_page() as opened:
        page.click(".wm-action[href*='sheet/#add=']")
    sheet = opened.value
    sheet.locator(".wm-sheet__item h4", has_text=first.name).wait_for()
    assert "#" not in sheet.url, "the id is taken out of the address"
    page.goto(site_url + second.url)
    page.click(".wm-action[href*='sheet/#add=']")
    sheet.locator(".wm-sheet__item h4", has_text=second.name).wait_for()
    assert sheet.locator(".wm-sheet__item").count() == 2, "the same sheet, not a new one"
    assert len(context.pages) == 2


def test_keyboard_alone_can_pick_move_close_and_remove(page: Page, site_url: str) -> None:
    open_sheet(page, site_url)
    for _ in range(80):  # Tab from the top of the page to the picker
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "wm-sheet-q":
            break
    else:
        pytest.fail("the picker cannot be reached with Tab")
    page.keyboard.type("order")
    page.locator("#wm-sheet-options").wait_for()
    count = page.locator("#wm-sheet-options [role=option]").count()
    assert count >= 2 and page.get_attribute("#wm-sheet-q", "aria-expanded") == "true"
    page.keyboard.press("ArrowUp")  # wraps to the last
    assert page.get_attribute("#wm-sheet-q", "aria-activedescendant") == f"wm-sheet-opt-{count - 1}"
    page.keyboard.press("Escape")
    assert page.get_attribute("#wm-sheet-q", "aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator(".wm-sheet__item").first.wait_for()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('wm-sheet__remove')"):
            break
    else:
        pytest.fail("Tab does not reach the Remove button")
    page.keyboard.press("Enter")
    page.locator(".wm-sheet__status", has_text="Removed").wait_for()
    assert page.locator(".wm-sheet__item").count() == 0


def test_the_sheet_has_no_wcag_violations_empty_or_full(page: Page, site_url: str, catalogue: Catalogue) -> None:
    open_sheet(page, site_url)
    page.focus("#wm-sheet-q")
    page.keyboard.type("refuge")
    page.locator("#wm-sheet-options").wait_for()
    assert wcag_violations(page) == []
    page.keyboard.press("Escape")
    build_sheet(page, site_url, catalogue)
    assert wcag_violations(page) == []


@pytest.mark.parametrize("path", ONE_PAGE)
def test_a_record_prints_its_summary_version_on_one_page(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    pages, text = pdf_pages_and_text(page.pdf(format="A4"))
    assert pages == 1, f"{path} prints on {pages} pages"
    assert "Sources:" in text and "(listed on the web page)" in text
    assert "Report a mistake" not in text and "referral sheet" not in text
    if path.startswith("services/"):  # the summary version: contact, referral, eligibility (#18)
        flat = re.sub(r"\s+", " ", text)
        for heading in ("Contact", "How to get help", "Who it is for", "Details last checked"):
            assert heading in flat, f"{path}: {heading!r} does not print"
        assert "contact this service yourself" in flat and "Workers can refer" in flat


def test_a_section_the_reader_opened_prints_and_closed_ones_do_not(page: Page, site_url: str) -> None:
    page.goto(site_url + ONE_PAGE[1])
    closed_text = pdf_pages_and_text(page.pdf(format="A4"))[1]
    assert "Who qualifies" not in closed_text
    page.click(".wm-workers details.wm-long > summary")
    opened_pages, opened_text = pdf_pages_and_text(page.pdf(format="A4"))
    assert "Who qualifies" in opened_text and opened_pages > 1


def test_every_record_page_reports_a_mistake_with_its_id(built_site, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    missing = []
    for records in catalogue.records.values():
        for record in records.values():
            html = (built_site / record.url / "index.html").read_text(encoding="utf-8")
            links = [unquote(h) for h in re.findall(r'<a class="wm-action wm-report" href="([^"]+)"', html)]
            if not any(record.id in h and h.startswith(("mailto:", "https://")) for h in links):
                missing.append(record.url)
    assert missing == []


def test_a_filtered_list_prints_its_results_only(page: Page, site_url: str) -> None:
    page.goto(site_url + "services/")
    page.select_option("#wm-f-area", "leeds")
    page.locator("#wm-f-status", has_text=re.compile(r"services? in")).wait_for()
    shown = page.eval_on_selector_all("#wm-f-results .wm-card__name", "els => els.map(e => e.textContent)")
    text = pdf_pages_and_text(page.pdf(format="A4"))[1]
    assert shown and all(flat(name) in text for name in shown)
    for control in ("Type of help", "More filters", "By area", "Across the whole UK", "Your postcode"):
        assert control not in text, control
    order = [text.find(flat(name)) for name in shown]
    assert order == sorted(order), "printed in the order shown (the first-minute order)"


def test_an_address_naming_no_record_adds_nothing_and_says_so(page: Page, site_url: str) -> None:
    """`#add=` with a name every plain JavaScript object has (constructor, toString) or an id the
    directory does not hold adds no entry and tells the reader why (#25)."""
    for name in ("constructor", "tostring", "no-such-service"):
        page.goto(site_url + "sheet/#add=" + name)
        page.locator(".wm-sheet__status", has_text="could not be added").wait_for()
        assert page.locator(".wm-sheet__item").count() == 0, name
        assert "#" not in page.url


def test_a_service_page_names_the_data_it_is_in(page: Page, site_url: str, catalogue: Catalogue) -> None:
    """A large directory's sheet loads the service's shard on arrival: the link says which it is."""
    service = catalogue.records["service"][SERVICES[0]]
    page.goto(site_url + service.url)
    href = page.locator(".wm-action[href*='sheet/#add=']").first.get_attribute("href") or ""
    assert re.search(rf"#add={service.id}&in=[a-z0-9-]+$", href), href


def test_the_picker_finds_a_service_by_a_place_it_covers(page: Page, site_url: str, catalogue: Catalogue) -> None:
    """A worker types the place and the kind ("Leeds SARC"): the county's SARC covers Leeds."""
    sarc = catalogue.records["service"]["west-yorkshire-hazlehurst-centre-sarc"]
    assert sarc.data["areas"] == ["west-yorkshire"] and "leeds" not in sarc.data["areas"]
    open_sheet(page, site_url)
    page.focus("#wm-sheet-q")
    pick(page, "Leeds SARC", sarc.name)


def test_a_large_directorys_sheet_loads_the_services_data_on_arrival(
    page: Page, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above LOAD_ALL_BELOW services the sheet loads only the wide services and its start area;
    "Add to a referral sheet" from a service in another shard loads that shard and adds it (#25).
    The fixture data is built with the threshold at 1, so it takes the large directory's path."""
    project = copy_project(tmp_path_factory.mktemp("large"), FIXTURES / "data")
    monkeypatch.setattr(sheet, "LOAD_ALL_BELOW", 1)
    monkeypatch.setattr(index, "LOAD_ALL_BELOW", 1)
    monkeypatch.setenv("WAYMARK_TODAY", FIXTURE_TODAY)
    build_site(project / "mkdocs.yml", project / "site")
    options = (project / "site" / "sheet" / "options.json").read_text(encoding="utf-8")
    assert json.loads(options)["loadAll"] is False
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(unquote(request.url)))
    with served(project / "site") as url:
        page.goto(url + "services/example-idva/")
        with page.context.expect_page() as opened:
            page.locator(".wm-action[href*='sheet/#add=example-idva']").first.click()
        tab = opened.value
        tab.on("request", lambda request: fetched.append(unquote(request.url)))
        tab.locator(".wm-sheet__item", has_text="North Testshire IDVA Service").wait_for()
        assert "#" not in tab.url
    shards = sorted({u.rsplit("/", 1)[-1] for u in fetched if "/sheet/services-" in u})
    assert len(shards) >= 2, shards  # the wide services, and the shard the service is in
