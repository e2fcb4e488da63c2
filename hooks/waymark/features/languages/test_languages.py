"""Languages as data: names checked against CLDR, found in English and in their own names, the
"Help in your language" page with each line in its own language and direction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from project import FIXTURES, PROJECT, copy_project, run_waymark

from waymark.data.catalogue import Catalogue, load_catalogue
from waymark.data.language_help import read_language_help
from waymark.data.languages import language, language_named
from waymark.data.read import SourceFile
from waymark.tools.workspace import served

TITLES = "#wm-results .wm-result__title, #wm-results .wm-card__name"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT / "data")


def test_languages_come_with_their_own_names_and_direction_from_cldr() -> None:
    welsh, urdu = language_named("Welsh"), language_named("urdu")
    assert welsh is not None and (welsh.code, welsh.own, welsh.dir) == ("cy", "Cymraeg", "ltr")
    assert urdu is not None and (urdu.code, urdu.own, urdu.dir) == ("ur", "اردو", "rtl")
    assert language_named("Bengali") is not None and language_named("Farsi") is not None  # common English names
    assert language_named("Elvish") is None and language("xx-nonsense") is None


def test_a_misspelt_language_is_a_data_problem_with_a_suggestion(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    record = project / "data" / "services" / "example-idva.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Polish]", "Polsih]"), encoding="utf-8")
    result = run_waymark(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "languages[2]: expected a language by its English name" in result.stderr
    assert "did you mean 'Polish'?" in result.stderr


def test_every_problem_in_the_language_help_file_is_reported_at_once() -> None:
    data = {
        "last_reviewed": "someday",
        "intro": "Get help <b>now</b>.",
        "interpreters": [{"service": "no-such-line", "how": "Ask.", "source": {"title": "x", "url": "ftp://x"}}],
        "translated": [{"language": "zz-nope", "service": "example", "text": "x", "meaning": "x", "source": "x"}],
    }
    help_, problems = read_language_help(
        SourceFile(Path("language-help.yaml"), "language-help.yaml", data), {"example"}
    )
    fields = sorted(p.field for p in problems)
    assert fields == [
        "interpreters[0].service",
        "interpreters[0].source.url",
        "intro",
        "last_reviewed",
        "translated[0].language",
        "translated[0].source",
    ], fields
    assert help_ is not None and help_.translated == ()


def test_the_page_marks_each_line_with_its_language_and_direction(fixture_site: Path) -> None:
    html = (fixture_site / "languages" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="ur" dir="rtl">مدد دستیاب ہے', html)
    assert 'href="tel:' in html, "the service's own numbers, from its record"
    assert 'lang="pl" dir="ltr">polski</span> (Polish)' in html


def test_search_finds_a_service_by_a_language_name_in_any_script(fixture_site: Path, page: Page) -> None:
    with served(fixture_site) as url:
        page.goto(url + "search/")
        for words in ("اردو", "Urdu", "polski", "interpreter"):
            page.fill("#wm-q", words)
            page.locator("#wm-status", has_text=re.compile(r"\d+ results?")).wait_for()
            found = page.eval_on_selector_all(
                "#wm-results .wm-result__title, #wm-results .wm-card__name",
                "els => els.map(e => e.getAttribute('href'))",
            )
            assert "../services/example-idva/" in found[:3], (words, found)


def test_the_language_filter_lists_what_the_data_holds(page: Page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url + "services/")
    offered = page.eval_on_selector_all("#wm-f-language option", "els => els.map(e => e.textContent)")[1:]
    held = sorted({name for s in catalogue.services for name in s.data.get("languages") or []})
    assert offered == held and "Welsh" in held
    page.select_option("#wm-f-area", "wales")
    page.locator(".wm-filters__more summary").click()
    page.select_option("#wm-f-language", "welsh")
    page.locator("#wm-f-status", has_text=re.compile(r"services? in|No services")).wait_for()
    # Services for people who harm are listed apart, under their own heading (#wm-f-harm).
    cards = "#wm-f-results .wm-card__name, #wm-f-harm .wm-card__name"
    shown = set(page.eval_on_selector_all(cards, "els => els.map(e => e.textContent)"))
    wales = catalogue.areas["wales"]
    around_or_in = {"national", "wales"} | {a.id for a in wales.descendants()}
    in_wales = [s for s in catalogue.services if set(s.data["areas"]) & around_or_in]
    welsh = {s.name for s in in_wales if "Welsh" in (s.data.get("languages") or [])}
    assert shown == welsh and shown


def test_searching_in_welsh_or_for_an_interpreter_finds_help(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    for words, wanted in {"Cymraeg": "../services/live-fear-free/", "no english": "../languages/"}.items():
        page.fill("#wm-q", words)
        page.locator("#wm-status", has_text=re.compile(r"\d+ results?")).wait_for()
        found = page.eval_on_selector_all(TITLES, "els => els.map(e => e.getAttribute('href'))")
        assert wanted in found[:3], (words, found)


def test_each_nation_gets_its_own_line_whatever_the_language(built_site: Path, catalogue: Catalogue) -> None:
    """A Polish speaker in Belfast is given Northern Ireland's line, not only the England line that
    has a Polish page; a line whose page does not mention interpreters says so, and is given anyway."""
    from waymark.data.model import JURISDICTIONS

    html = (built_site / "languages" / "index.html").read_text(encoding="utf-8")
    part = html[html.index('id="by-nation"') : html.index('id="in-your-language"')]
    sections = re.split(r"<h3 id=\"lines-\d\">", part)[1:]
    assert [s[: s.index("</h3>")] for s in sections] == list(JURISDICTIONS.values())
    for (nation, _name), section in zip(JURISDICTIONS.items(), sections, strict=True):
        for line in catalogue.crisis.lines_for(nation):
            service = catalogue.service(line)
            assert service is not None and f'href="../services/{line}/"' in section, (nation, line)
    assert "could not confirm that this line adds interpreters" in sections[-1]  # Northern Ireland
    assert "can add an interpreter" in sections[2]  # Scotland's helpline says so on safer.scot
    polish = html[html.index('lang="pl"') :]
    assert "This line is for: England" in polish[: polish.index("</li>")]
