"""WCAG 2.2 AA checks with axe-core in Chromium, keyboard-only use, and the printed referral sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from chromium_fixtures import wcag_violations
from playwright.sync_api import Page
from project import PROJECT
from waymark.data.catalogue import Catalogue, load_catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data", dt.date.today())


def _first(catalogue: Catalogue, type_name: str) -> str:
    records = sorted(catalogue.records[type_name].values(), key=lambda r: r.id)
    assert records, f"the bundled data has no {type_name} records"
    return records[0].url


def _region_id(catalogue: Catalogue) -> str:
    regions = [a for a in catalogue.areas.values() if a.level == "region" and catalogue.services_in(a)]
    return regions[0].id if regions else "england"


def _region(catalogue: Catalogue) -> str:
    return f"areas/{_region_id(catalogue)}/"


PAGE_TYPES = [
    "home",
    "service",
    "order",
    "housing",
    "nrpf",
    "area",
    "category",
    "orders-hub",
    "which-order-fits",
    "cover-your-tracks",
    "404",
    "guide-start",
    "guide-need",
    "guide-answer",
    "place-without-services",
]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_has_no_wcag_violations(page: Page, site_url: str, catalogue: Catalogue, kind: str) -> None:
    path = {
        "home": "",
        "service": _first(catalogue, "service") if kind == "service" else "",
        "order": "orders/non-molestation-order/" if "non-molestation-order" in catalogue.records["order"] else "",
        "housing": _first(catalogue, "housing") if kind == "housing" else "",
        "nrpf": _first(catalogue, "nrpf") if kind == "nrpf" else "",
        "area": _region(catalogue),
        "category": "categories/helpline/",
        "orders-hub": "orders/",
        "which-order-fits": "orders/which-order-fits/",
        "cover-your-tracks": "cover-your-tracks/",
        "404": "404.html",
        "guide-start": "help/",
        "guide-need": "help/stop-contact/",
        "guide-answer": "help/stop-contact/england/",
        "place-without-services": "areas/cornwall/",
    }[kind]
    response = page.goto(site_url + path)
    assert response is not None and response.ok, path
    assert wcag_violations(page) == []


def test_find_a_service_with_filters_applied_has_no_wcag_violations(
    page: Page, site_url: str, catalogue: Catalogue
) -> None:
    page.goto(site_url + "services/")
    page.select_option("#wm-f-area", _region_id(catalogue))
    page.select_option("#wm-f-category", "helpline")
    page.locator("#wm-f-status", has_text=re.compile(r"services? in |No services")).wait_for()
    assert page.locator("#wm-f-results li").count() > 0
    assert wcag_violations(page) == []


def test_search_results_have_no_wcag_violations(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.fill("#wm-q", "injunction")
    page.locator("#wm-status", has_text=re.compile(r"\d+ results?")).wait_for()
    assert wcag_violations(page) == []


def _focus_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return {tag: 'body'};
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return {
            tag: el.tagName,
            text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
            href: el.getAttribute('href') || el.id || el.name || '',
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            shadow: s.boxShadow !== 'none',
            onScreen: r.width > 0 && r.height > 0,
          };
        }"""
    )
    return state


@pytest.mark.parametrize("kind", ["home", "find-a-service", "order"])
def test_keyboard_reaches_everything_with_visible_focus(
    page: Page, site_url: str, catalogue: Catalogue, kind: str
) -> None:
    path = {"home": "", "find-a-service": "services/", "order": _first(catalogue, "order") if kind == "order" else ""}
    page.goto(site_url + path[kind])
    page.keyboard.press("Tab")
    first = _focus_state(page)
    assert "Exit this page" in first.get("text", ""), "the exit (or the skip link to it) is first in tab order"
    tabbable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
              .filter(el => el.tabIndex >= 0 && !el.disabled && el.offsetParent !== null
                      && !el.closest('details:not([open])')  // folded away until opened
                      && getComputedStyle(el).visibility !== 'hidden').length"""
    )
    reached, invisible = set(), []
    for _ in range(tabbable + 5):
        state = _focus_state(page)
        if state["tag"] == "body":
            break
        reached.add((state["tag"], state["href"], state.get("text", "")))
        if not (state["outline"] or state["shadow"]):
            invisible.append(state)
        page.keyboard.press("Tab")
    assert invisible == [], "focus must always be visible"
    assert len(reached) >= tabbable * 0.9, f"reached {len(reached)} of {tabbable} focusable elements"


def test_exit_button_says_what_it_does(page: Page, site_url: str) -> None:
    page.goto(site_url)
    button = page.get_by_role("link", name=re.compile(r"^Exit this page"))
    assert button.first.is_visible()


def _pdf_text_and_png(pdf: bytes, out: Path) -> str:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document[0].render(scale=1.5).to_pil().save(out)
    return text


def test_service_and_category_print_as_a_clean_referral_sheet(
    page: Page, site_url: str, catalogue: Catalogue, tmp_path: Path
) -> None:
    service = next(s for s in catalogue.services if (s.data.get("contact") or {}).get("phones"))
    page.goto(site_url + service.url)
    text = _pdf_text_and_png(page.pdf(format="A4", print_background=True), tmp_path / "service-print.png")
    flat = re.sub(r"\s+", " ", text)
    number = service.data["contact"]["phones"][0]["number"]
    assert number in flat, "phone numbers print"
    assert "Details last checked" in flat, "the date checked prints"
    assert any(s["url"][:30] in flat.replace(" ", "") for s in service.data["sources"]) or "http" in flat
    for chrome in ("Exit this page", "Cover your tracks", "Skip to content"):
        assert chrome not in flat, f"{chrome!r} is web chrome, not part of a referral sheet"
    assert (tmp_path / "service-print.png").stat().st_size > 10_000

    page.goto(site_url + "categories/helpline/")
    text = re.sub(r"\s+", " ", _pdf_text_and_png(page.pdf(format="A4"), tmp_path / "category-print.png"))
    assert "Exit this page" not in text and any(s.name in text for s in catalogue.services)


def test_a_search_that_finds_nothing_has_no_wcag_violations(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.fill("#wm-q", "zzqx wibblewobble")
    page.locator("#wm-status", has_text="Nothing matched").wait_for()
    assert wcag_violations(page) == []


def test_the_header_search_and_the_postcode_box_have_no_wcag_violations(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.click(".wm-header-search > summary")
    page.fill("#wm-hq", "refuge")
    page.locator(".wm-header-search .wm-search__status", has_text="result").wait_for()
    page.fill("#wm-pc-go", "hello")
    page.click(".wm-postcode__go")
    page.locator(".wm-postcode__status", has_text="not a UK postcode").wait_for()
    assert wcag_violations(page) == []


def test_a_guide_answer_prints_its_lines_and_help_not_every_council(page: Page, site_url: str, tmp_path: Path) -> None:
    """On paper the council list (a way to a place's page) is only links: it is left out, so the
    lines, what to do and the services that help fit on a few sheets (it took 11 of 13)."""
    page.goto(site_url + "help/safe-tonight/england/")
    pdf = page.pdf(format="A4")
    text = re.sub(r"\s+", " ", _pdf_text_and_png(pdf, tmp_path / "guide-print.png"))
    assert "Free 24-hour helplines" in text and "0808 2000 247" in text
    assert "Services that can help" in text
    assert "Amber Valley" not in text and "Welwyn Hatfield" not in text
    assert len(pdfium.PdfDocument(io.BytesIO(pdf))) <= 4
