"""Leave no trace: every page stays on this site, obeys its CSP, and stores nothing."""

from __future__ import annotations

from pathlib import Path

from chromium_fixtures import Outside
from playwright.sync_api import Page

CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def site_pages(site: Path, per_folder: int = 1) -> list[str]:
    """Every kind of HTML page of the built site, as a path from its root: every page MkDocs wrote
    and the first of each folder of generated pages (thousands of pages share one template;
    tests/test_pages.py reads every one of them for scripts, handlers and links)."""
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    by_folder: dict[str, int] = {}
    chosen = []
    for path in pages:
        folder = path.rstrip("/").rpartition("/")[0]
        by_folder[folder] = by_folder.get(folder, 0) + 1
        if by_folder[folder] <= per_folder:
            chosen.append(path)
    return chosen


def test_crawl_every_page_no_other_host_no_csp_violation(
    page: Page, site_url: str, built_site: Path, outside: Outside
) -> None:
    page.add_init_script(CSP_WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    paths = site_pages(built_site)
    violations: dict[str, list[str]] = {}
    for path in paths:
        page.goto(site_url + path, wait_until="load")
        found = page.evaluate("window.__csp")
        if found:
            violations[path] = found
        assert page.locator("#wm-exit").count() == 1, f"{path} has no exit button"
        # Beside the Silent Solution: the routes for Deaf people (text 999, 999 BSL, Relay UK).
        assert page.locator(".wm-deaf a").count() >= 3, f"{path} has no route for Deaf people"
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0], path
    assert violations == {}
    assert outside.requests == []
    assert errors == []
    assert len(paths) >= 20
    print(f"crawled {len(paths)} pages: 0 requests to other hosts, 0 CSP violations")


def test_browsing_leaves_no_cookies_storage_or_query(page: Page, site_url: str) -> None:
    visited = []
    page.goto(site_url)
    for name in ("Find a service", "By area", "Orders and offences", "Cover your tracks"):
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_load_state("load")
        visited.append(page.url)
    page.go_back()
    page.keyboard.press("Shift")  # the exit counter must not persist either
    state = page.evaluate(
        """async () => ({
            local: localStorage.length,
            session: sessionStorage.length,
            cookie: document.cookie,
            idb: (await indexedDB.databases()).length,
            sw: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )
    assert state == {"local": 0, "session": 0, "cookie": "", "idb": 0, "sw": 0}
    assert page.context.cookies() == []
    assert all("?" not in url for url in visited), visited
