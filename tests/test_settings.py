"""Settings in one place: `extra.waymark` checked once, every problem at once, used by Python and theme alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from project import FIXTURES, copy_project, run_waymark, tree_digest
from waymark.build.settings import Exit, Region, Settings, SettingsError

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
    assert Settings.from_extra({}, AREAS) == Settings()
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


def test_bad_region_settings_stop_the_build_and_keep_the_old_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    assert run_waymark(project, "build").returncode == 0
    before = tree_digest(project / "site")
    _configure(project, "    region: {area: atlantis}\n")
    failed = run_waymark(project, "build")
    assert failed.returncode == 1
    assert "extra.waymark.region.area: expected an id from data/areas.yaml; found 'atlantis'" in failed.stderr
    assert tree_digest(project / "site") == before
