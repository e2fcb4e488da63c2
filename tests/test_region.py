"""Region settings in one place: validated, and shown where a regional copy needs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from project import FIXTURES, copy_project
from test_build import run_waymark, tree_digest
from waymark.region import Region, RegionError

AREAS = {"national", "england", "testshire", "north-testshire"}


def test_region_settings_are_read_and_checked() -> None:
    region = Region.from_extra(
        {
            "waymark": {
                "region": {"name": "Testshire", "area": "testshire", "jurisdiction": "england"},
                "helplines": [{"label": "Testshire line", "number": "0300 123 4567", "hours": "9 to 5"}],
            }
        },
        AREAS,
    )
    assert (region.name, region.area, region.jurisdiction) == ("Testshire", "testshire", "england")
    assert region.helplines[0].tel == "tel:03001234567"
    assert Region.from_extra({}, AREAS) == Region()


def test_every_region_problem_is_reported_at_once() -> None:
    with pytest.raises(RegionError) as caught:
        Region.from_extra(
            {
                "waymark": {
                    "region": {"area": "testshir", "jurisdiction": "englnd", "colour": "red"},
                    "helplines": [{"label": "Line", "number": "call us"}, {"number": "0800 000 000"}],
                }
            },
            AREAS,
        )
    lines = str(caught.value).splitlines()
    assert len(lines) == 5
    assert "region.area: expected an id from data/areas.yaml; found 'testshir' did you mean 'testshire'?" in lines[1]
    assert any("helplines[0].number: expected digits and spaces" in line for line in lines)


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
