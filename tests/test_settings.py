"""Settings in one place: `extra.waymark` checked once, every problem at once, used by Python and theme alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from project import FIXTURES, an_earlier_build, copy_project, run_waymark, tree_digest
from waymark.settings import Exit, Region, Settings, SettingsError

AREAS = {"national", "england", "testshire", "north-testshire"}


def test_region_settings_are_read_and_checked() -> None:
    settings = Settings.from_extra(
        {
            "waymark": {
                "region": {"name": "Testshire", "area": "testshire", "jurisdiction": "england"},
                "helplines": [{"label": "Testshire line", "number": "0300 123 4567", "hours": "9 to 5"}],
            }
        },
        AREAS,
    )
    assert settings.region == Region("Testshire", "testshire", "england")
    assert settings.helplines[0].tel == "tel:03001234567"
    unset = Settings.from_extra({}, AREAS)
    assert unset.region == Region() and unset.helplines == () and unset.report == Settings().report
    assert Settings().exit == Exit("https://www.bbc.co.uk/weather", "Exit this page")


def test_every_settings_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_extra(
            {
                "waymark": {
                    "region": {"area": "testshir", "jurisdiction": "englnd", "colour": "red"},
                    "helplines": [{"label": "Line", "number": "call us"}, {"number": "0800 000 000"}],
                    "exit": {"url": "http://example.org/"},
                    "stale_after_months": "six",
                    "emergency": "Call <b>999</b>",
                    "colour": "red",
                }
            },
            AREAS,
        )
    problems = caught.value.problems
    assert len(problems) == 9, problems
    assert (
        "extra.waymark.region.area: expected an id from data/areas.yaml; found 'testshir' (did you mean 'testshire'?)"
        in problems
    )
    assert any("helplines[0].number: expected a UK number" in p for p in problems)
    assert any(p.startswith("extra.waymark.exit.url: expected an https:// address") for p in problems)
    assert any(p.startswith("extra.waymark.stale_after_months: expected a whole number") for p in problems)
    assert any(p.startswith("extra.waymark.emergency: expected plain text without HTML") for p in problems)
    assert any(p.startswith("extra.waymark.colour: expected one of") for p in problems)


@pytest.mark.parametrize("bad", [0, "six", 2.5, True])
def test_stale_setting_must_be_whole_months(bad: object) -> None:
    with pytest.raises(SettingsError, match="stale_after_months"):
        Settings.from_extra({"waymark": {"stale_after_months": bad}}, AREAS)
    assert Settings.from_extra({}, AREAS).stale_after_months == 6


def _configure(project: Path, settings: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  waymark:\n", "  waymark:\n" + settings, 1)
    config.write_text(text, encoding="utf-8")


def test_regional_copy_shows_its_lines_and_starts_in_its_area(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    _configure(
        project,
        "    region: {name: Testshire, area: testshire, jurisdiction: england}\n"
        '    helplines:\n      - {label: Testshire line, number: "0300 123 4567", hours: 9am to 5pm}\n',
    )
    built = run_waymark(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    for page in ("index.html", "services/index.html", "orders/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'href="tel:03001234567">0300 123 4567</a> (9am to 5pm)' in html, page
    finder = (site / "services" / "index.html").read_text(encoding="utf-8")
    assert '<option value="testshire" selected' in finder and "list services in Testshire" in finder


def test_bad_region_settings_stop_the_build_and_keep_the_old_site(tmp_path: Path, fixture_site: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = an_earlier_build(project, fixture_site)
    _configure(project, "    region: {area: atlantis}\n")
    failed = run_waymark(project, "build")
    assert failed.returncode == 1
    assert "extra.waymark.region.area: expected an id from data/areas.yaml; found 'atlantis'" in failed.stderr
    assert tree_digest(project / "site") == before


REPORT_OK = [
    ("mailto:corrections@charity.org.uk?subject={id}&body={url}", "mailto:corrections@charity.org.uk?subject="),
    ("https://forms.charity.org.uk/report?page={url}&record={id}&title={title}", "https://forms.charity.org.uk/"),
]


@pytest.mark.parametrize(("template", "start"), REPORT_OK)
def test_report_a_mistake_fills_in_the_page_percent_encoded(template: str, start: str) -> None:
    settings = Settings.from_extra({"waymark": {"report": template}}, AREAS)
    assert settings.warnings == ()
    href = settings.report_href("non-molestation-order", "https://w.example/orders/x/", 'A "title" & <more>')
    assert href.startswith(start) and "non-molestation-order" in href
    assert not set('"<> ') & set(href), "nothing typed in a record can break out of the address"
    assert "https%3A%2F%2Fw.example%2Forders%2Fx%2F" in href


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("javascript:alert(1)//{id}", "http:, javascript: and other schemes are refused"),
        ("http://charity.org.uk/report?{id}", "http:, javascript: and other schemes are refused"),
        ("mailto:not-an-address?subject={id}", "mailto: then one email address"),
        ("https://charity.org.uk/report", "{id} or {url} in the address"),
        ("https://charity.org.uk/report?p={page}", "only {id}, {url} and {title} in braces; found '{page}'"),
        ('https://charity.org.uk/r?x="><script>{id}', "without spaces, quotes or stray braces"),
        ("", "a mailto: address or an https:// address"),
        (["mailto:a@b.org"], "a mailto: address or an https:// address"),
    ],
)
def test_a_bad_report_setting_is_a_settings_problem_saying_what_was_expected(bad: object, says: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_extra({"waymark": {"report": bad}}, AREAS)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.startswith("extra.waymark.report: expected ") and says in problem, problem


def test_an_example_report_address_warns_until_it_is_changed() -> None:
    assert Settings.from_extra({}, AREAS).warnings, "the built-in placeholder warns"
    placeholder = Settings.from_extra({"waymark": {"report": "mailto:x@example.org?subject={id}"}}, AREAS)
    assert any("example address" in w for w in placeholder.warnings)


def test_a_bad_report_setting_stops_the_build_with_the_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    _configure(project, '    report: "http://insecure.example.org/{id}"\n')
    result = run_waymark(project, "build")
    assert result.returncode != 0
    assert "extra.waymark.report: expected" in result.stderr and "Traceback" not in result.stderr
