"""Every built page, of every type: well formed, its contents list is its own headings, its links
and scripts obey the privacy rules. Run over the bundled site and the fixture site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from project import PROJECT
from waymark.data.catalogue import load_catalogue
from waymark.render.privacy import content_security_policy, unsafe_parts
from well_formed import html_errors

PAGE_TYPES = {  # a page of every type the build writes, by how it is written
    "home": "index.html",
    "guide (Markdown)": "cover-your-tracks/index.html",
    "404 (theme template)": "404.html",
    "service (fast writer)": "services/example-helpline/index.html",
    "order (fast writer)": "orders/example-order/index.html",
    "housing duty (fast writer)": "housing/example-duty/index.html",
    "NRPF route (fast writer)": "nrpf/example-route/index.html",
    "support option (fast writer)": "support/example-support/index.html",
    "area (fast writer)": "areas/testshire/index.html",
    "category (fast writer)": "categories/helpline/index.html",
    "orders hub (MkDocs)": "orders/index.html",
    "housing hub (MkDocs)": "housing/index.html",
    "find a service (MkDocs)": "services/index.html",
    "search (MkDocs)": "search/index.html",
    "areas index (MkDocs)": "areas/index.html",
    "categories index (MkDocs)": "categories/index.html",
}
_TOC = re.compile(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', re.DOTALL)
_OUTGOING = re.compile(r"<a\s[^>]*href=\"https?://[^>]*>")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_type_is_in_the_fixture_site(fixture_site: Path) -> None:
    missing = [kind for kind, path in PAGE_TYPES.items() if not (fixture_site / path).is_file()]
    assert missing == []


def _checked_part(html: str, whole: bool) -> str:
    """The whole page, or only its own content (the <article>, where pages of one kind differ)."""
    if whole or "<article" not in html:
        return html
    return html[html.index("<article") : html.index("</article>") + len("</article>")]


@pytest.mark.parametrize("site_name", ["fixture_site", "built_site"])
def test_every_page_is_well_formed(site_name: str, request: pytest.FixtureRequest) -> None:
    """Every page of the fixture site whole. In the bundled build (thousands of pages poured into
    the same theme), the first page of each folder whole and every other page's own content."""
    site: Path = request.getfixturevalue(site_name)
    seen: set[str] = set()
    broken = {}
    for path in pages(site):
        folder = path.relative_to(site).parts[0] if len(path.relative_to(site).parts) > 1 else ""
        whole = site_name == "fixture_site" or folder not in seen
        seen.add(folder)
        errors = html_errors(_checked_part(path.read_text(encoding="utf-8"), whole))
        if errors:
            broken[path.relative_to(site).as_posix()] = errors[:3]
    assert broken == {}


def _contents_list(html: str) -> list[str]:
    """The anchors of the page's own contents list (Material's secondary sidebar), top level only."""
    nav = _TOC.search(html)
    if nav is None:
        return []
    top = re.search(r'data-md-component="toc"[^>]*>(.*)</ul>', nav.group(0), re.DOTALL)
    inner = top.group(1) if top else ""
    # Top-level entries only: drop nested lists before collecting the links.
    while re.search(r"<nav class=\"md-nav\"[^>]*>(?:(?!<nav).)*?</nav>", inner, re.DOTALL):
        inner = re.sub(r"<nav class=\"md-nav\"[^>]*>(?:(?!<nav).)*?</nav>", "", inner, flags=re.DOTALL)
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link"', inner)


def _article_h2_ids(html: str) -> list[str]:
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    return re.findall(r"<h2\b[^>]*\bid=\"([^\"]+)\"", article)


@pytest.mark.parametrize("site_name", ["fixture_site", "built_site"])
def test_every_contents_list_is_the_pages_own_headings(site_name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_name)
    wrong = {}
    checked = 0
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in html:
            continue
        headings, listed = _article_h2_ids(html), _contents_list(html)
        checked += 1
        if headings != listed:
            wrong[path.relative_to(site).as_posix()] = {"headings": headings, "contents list": listed}
    assert checked > 20 and wrong == {}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_carries_the_csp_hardened_links_and_no_active_content(kind: str, fixture_site: Path) -> None:
    html = (fixture_site / PAGE_TYPES[kind]).read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">' in html
    assert '<meta name="referrer" content="no-referrer">' in html
    outgoing = _OUTGOING.findall(html)
    assert outgoing, "every page links out at least once (the exit)"
    assert [tag for tag in outgoing if "noreferrer" not in tag] == []
    assert unsafe_parts(html) == []
    assert html.count('id="wm-exit"') == 1


def test_the_type_filter_offers_only_types_that_hold_a_service(built_site: Path) -> None:
    """A filter that can only answer "no results" is a dead end (#19): an empty category, such as
    one no verified service fills yet, is not offered, and every other category is."""
    catalogue = load_catalogue(PROJECT / "data")
    html = (built_site / "services" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="wm-f-category".*?</select>', html, re.DOTALL)
    assert select
    offered = set(re.findall(r'<option value="([a-z0-9-]+)"', select[0]))
    holding = {c for c in catalogue.categories if any(c in s.data["categories"] for s in catalogue.services)}
    assert holding and offered == holding


def test_the_not_found_page_points_nowhere_else(built_site: Path) -> None:
    """The not-found page is served at any address with base "/": with no site_url every link and
    script must still be on this host (a "//" address is another host)."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    off = re.findall(r'(?:href|src|action|data-[a-z-]+)="(//[^"]*)"', html)
    assert off == []
    assert 'href="/search/"' in html or 'href="/"' in html


#: Lists a script fills in the browser (search results, postcode choices, the sheet's picker) and
#: the theme's contents list of a page without headings: empty in the HTML by design.
_FILLED_BY_SCRIPT = re.compile(
    r'class="(wm-cards|wm-results[^"]*|wm-postcode__choices|wm-combo__options|md-nav__list)"'
)
_EMPTY_LIST = re.compile(r"<(ul|ol)\b([^>]*)>\s*</\1>")


def test_no_published_page_shows_an_empty_list(built_site: Path) -> None:
    """An empty list is a dead end to a screen reader ("list, 0 items") and to anyone reading."""
    empty = [
        (page.relative_to(built_site).as_posix(), match.group(0))
        for page in pages(built_site)
        for match in _EMPTY_LIST.finditer(page.read_text(encoding="utf-8"))
        if not _FILLED_BY_SCRIPT.search(match.group(2))
    ]
    assert empty == []


def _shape(markdown: str) -> tuple[int, list[str], list[str]]:
    """What a translation must keep: how many sections, every link target, every number."""
    body = markdown.split("\n---\n", 1)[-1]
    return (
        len(re.findall(r"(?m)^## ", body)),
        re.findall(r"\]\(([^)]+)\)", body),
        re.findall(r"\d+", re.sub(r"\]\([^)]+\)", "]", body)),
    )


@pytest.mark.parametrize("translation", sorted((PROJECT / "docs").rglob("*.cy.md")), ids=lambda p: p.name)
def test_a_translated_page_keeps_the_sections_links_and_numbers_of_its_english(translation: Path) -> None:
    english = translation.with_name(translation.name.removesuffix(".cy.md") + ".md")
    assert _shape(translation.read_text(encoding="utf-8")) == _shape(english.read_text(encoding="utf-8"))


def test_the_welsh_site_says_in_welsh_what_back_shows_after_the_exit(built_site: Path) -> None:
    html = (built_site / "cy" / "cover-your-tracks" / "index.html").read_text(encoding="utf-8")
    assert "wm-notice" not in html.split("<article", 1)[1]  # not "only in English for now"
    assert "Yn ôl" in html and "caewch y tab neu'r ffenestr gyfan" in html
    assert (
        not (built_site / "cover-your-tracks.cy").exists() and not (built_site / "cy" / "cover-your-tracks.cy").exists()
    )


def test_the_welsh_site_gives_the_deaf_routes_in_welsh_where_the_data_has_them(built_site: Path) -> None:
    catalogue = load_catalogue(PROJECT / "data")
    html = (built_site / "cy" / "index.html").read_text(encoding="utf-8")
    line = html[html.index('<p class="wm-deaf">') :]
    line = line[: line.index("</p>")]
    for route in catalogue.first_response.deaf_routes:
        welsh = (route.get("labels") or {}).get("cy", {}).get("text")
        if welsh and welsh != route["label"]:
            assert f">{welsh}</a>" in line and route["label"] not in line


def test_a_guide_answer_gives_its_own_nations_intro(built_site: Path) -> None:
    """data/guide.yaml `intro_in`: England's answer does not send a reader to Northern Ireland's
    Housing Executive, and Northern Ireland's names it in place of the council."""

    def intro(nation: str) -> str:
        page = (built_site / "help" / "safe-tonight" / nation / "index.html").read_text(encoding="utf-8")
        found = re.search(r"<h1 [^>]*>.*?</h1>\s*<p[^>]*>(.*?)</p>", page, re.DOTALL)
        assert found, nation
        return found.group(1)

    assert "council must help" in intro("england") and "Housing Executive" not in intro("england")
    assert "Housing Executive must help" in intro("northern-ireland") and "council" not in intro("northern-ireland")
