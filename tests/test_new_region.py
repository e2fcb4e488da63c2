"""Starting a regional copy keeps the national content, empties local services, names the region."""

from __future__ import annotations

from pathlib import Path

from project import FIXTURES, copy_project, run_waymark
from waymark.data.catalogue import load_catalogue


def test_new_region_from_a_clean_copy(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = load_catalogue(project / "data")
    local = {s.id for s in before.services if all(before.areas[a].level != "national" for a in s.data["areas"])}
    assert local and len(local) < len(before.services)

    made = run_waymark(project, "new-region", "--id", "west-of-england", "--name", "West of England")
    assert made.returncode == 0, made.stderr
    after = load_catalogue(project / "data")  # still valid: nothing left points at removed places
    assert {s.id for s in after.services} == {s.id for s in before.services} - local
    assert after.records["order"].keys() == before.records["order"].keys()
    regions = [a for a in after.areas.values() if a.level == "region"]
    assert [(r.id, r.name, r.parent.id if r.parent else "") for r in regions] == [
        ("west-of-england", "West of England", "england")
    ]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert '    region: {name: "West of England", area: "west-of-england", jurisdiction: "england"}' in config
    assert run_waymark(project, "build").returncode == 0


def test_new_region_refuses_bad_settings_and_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    files = sorted(p.name for p in (project / "data" / "services").iterdir())
    refused = run_waymark(project, "new-region", "--id", "West England", "--name", "West")
    assert refused.returncode == 1 and "ID: expected lowercase letters, digits and single hyphens" in refused.stderr
    refused = run_waymark(project, "new-region", "--id", "west", "--name", "West", "--nation", "mercia")
    assert refused.returncode == 1 and "NATION: expected one of england" in refused.stderr
    assert sorted(p.name for p in (project / "data" / "services").iterdir()) == files
