"""Exit this page, in a real Chromium: by click, by Shift x3, without JavaScript, and back again."""

from __future__ import annotations

from typing import Any

from chromium_fixtures import NEUTRAL, Outside, guard
from playwright.sync_api import Browser, Page, Route

# Runs before the page's own scripts: notes the trigger's time and what the page looked like at
# the moment Waymark started to leave (the class that hides it was added).
WATCH = """
(() => {
  window.__wm = {trigger: null, hidden: null};
  const note = (e) => { window.__wm.trigger = e.timeStamp; };
  document.addEventListener('click', note, true);
  document.addEventListener('keydown', (e) => { if (e.key === 'Shift') note(e); }, true);
  new MutationObserver(() => {
    if (!document.documentElement.classList.contains('wm-exiting') || window.__wm.hidden) return;
    window.__wm.hidden = {ms: performance.now() - window.__wm.trigger,
                          visibility: getComputedStyle(document.body).visibility, title: document.title};
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});
})();
"""


class CaughtMidExit:
    """The neutral site answers 204 No Content, so the browser stays on the page it was leaving.

    That page can then be examined exactly as it was when the navigation went out.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.hits: list[str] = []
        page.add_init_script(WATCH)
        page.route(NEUTRAL + "**", self._answer)

    def _answer(self, route: Route) -> None:
        self.hits.append(route.request.url)
        route.fulfill(status=204)

    def state(self) -> dict[str, Any]:
        """What the page looked like when it began to leave, once the navigation went out."""
        for _ in range(150):
            if self.hits:
                break
            self.page.wait_for_timeout(20)
        assert self.hits, "the browser never asked for the neutral site"
        state: dict[str, Any] = self.page.evaluate(
            "({...window.__wm.hidden, now: getComputedStyle(document.body).visibility, nowTitle: document.title})"
        )
        return state


def click_exit(page: Page) -> None:
    """A real mouse click on the button (the mouse API does not wait for the navigation)."""
    box = page.get_by_role("link", name="Exit this page", exact=True).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def open_record(page: Page, site_url: str) -> str:
    page.goto(site_url + "cover-your-tracks/")
    page.wait_for_load_state("load")
    return page.title()


def assert_hidden_on_the_way_out(state: dict[str, Any]) -> float:
    assert state["visibility"] == "hidden", "content still painted while leaving"
    assert state["title"].strip() == "", "tab title not blanked"
    assert state["now"] == "hidden" and state["nowTitle"].strip() == "", "shown again before leaving"
    return float(state["ms"])


def assert_reaches_neutral(page: Page, outside: Outside) -> None:
    page.wait_for_url(NEUTRAL + "**")
    assert page.locator("h1").inner_text() == "Neutral stand-in"
    assert outside.neutral_hits and not outside.requests


def test_exit_button_is_first_in_tab_order_and_says_what_it_does(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to the Exit this page button"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#wm-exit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "wm-exit"
    button = page.get_by_role("link", name="Exit this page", exact=True)
    assert button.count() == 1 and button.is_visible()
    assert set((button.get_attribute("rel") or "").split()) >= {"nofollow", "noreferrer"}


def test_click_exit_hides_the_page_then_leaves(page: Page, site_url: str, outside: Outside) -> None:
    caught = CaughtMidExit(page)
    open_record(page, site_url)
    click_exit(page)
    ms = assert_hidden_on_the_way_out(caught.state())
    page.unroute(NEUTRAL + "**")
    open_record(page, site_url)
    click_exit(page)
    assert_reaches_neutral(page, outside)
    assert ms < 100, f"content hidden {ms:.1f} ms after the click"
    print(f"click -> hidden: {ms:.2f} ms")


def test_shift_three_times_leaves(page: Page, site_url: str, outside: Outside) -> None:
    caught = CaughtMidExit(page)
    open_record(page, site_url)
    for count in (1, 2):
        page.keyboard.press("Shift")
        status = page.locator(".wm-exit__status")
        assert f"Shift pressed {count} time" in status.inner_text()
        assert page.locator(".wm-exit__dot--on").count() == count
    page.keyboard.press("Shift")
    ms = assert_hidden_on_the_way_out(caught.state())
    page.unroute(NEUTRAL + "**")
    open_record(page, site_url)
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_reaches_neutral(page, outside)
    print(f"third Shift -> hidden: {ms:.2f} ms")


def test_shift_with_another_key_does_not_count(page: Page, site_url: str, outside: Outside) -> None:
    open_record(page, site_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+KeyA")  # typing a capital letter
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url)
    assert not outside.neutral_hits
    assert page.locator(".wm-exit__dot--on").count() == 1
    assert page.evaluate("document.documentElement.classList.contains('wm-exiting')") is False


def test_without_javascript_the_button_is_still_a_link_out(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        outside = guard(context)
        page = context.new_page()
        page.goto(site_url + "orders/")
        page.get_by_role("link", name="Exit this page", exact=True).click()
        page.wait_for_url(NEUTRAL + "**")
        assert outside.neutral_hits and not outside.requests
    finally:
        context.close()


def test_back_shows_the_previous_page_whole(page: Page, site_url: str, outside: Outside) -> None:
    page.goto(site_url)
    home_title = page.title()
    open_record(page, site_url)
    page.get_by_role("link", name="Exit this page", exact=True).click()
    page.wait_for_url(NEUTRAL + "**")
    page.go_back()
    page.wait_for_load_state("load")
    # replace(): the page left is not in the history; Back reaches the page before it, intact.
    assert page.url == site_url
    assert page.title() == home_title
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"


def test_pageshow_restores_a_page_hidden_on_the_way_out(page: Page, site_url: str) -> None:
    caught = CaughtMidExit(page)
    title = open_record(page, site_url)
    click_exit(page)
    assert caught.state()["now"] == "hidden"
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    assert page.title() == title


def test_the_exit_in_one_tab_takes_every_waymark_tab_away(page: Page, site_url: str, outside: Outside) -> None:
    """The referral sheet opens in a tab of its own: leaving from the record's tab leaves that one
    too, so no Waymark page is left open behind the neutral site."""
    page.goto(site_url + "services/samaritans/")
    with page.context.expect_page() as opened:
        page.locator(".wm-action[href*='sheet/']").first.click()
    sheet = opened.value
    sheet.wait_for_load_state("load")
    assert "#add=" not in sheet.url, "what a person picked is not left in the address or history"
    click_exit(page)
    assert_reaches_neutral(page, outside)
    sheet.wait_for_url(NEUTRAL + "**", timeout=5000)
    assert sheet.locator("h1").inner_text() == "Neutral stand-in"
