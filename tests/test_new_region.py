"""Starting a regional copy keeps the national content and every UK place, keeps only the region's
local services, names the region, and refuses (changing nothing) a copy that would not build."""

from __future__ import annotations

import difflib
from pathlib import Path

from project import FIXTURES, copy_project, run_waymark, tree_digest
from waymark.data.catalogue import Catalogue, load_catalogue


def local_ids(catalogue: Catalogue) -> set[str]:
    """Local services a regional copy may drop: not wide, and not the local layer (a `role`)."""
    return {s.id for s in catalogue.services if not catalogue.is_wide(s) and not s.data.get("role")}


def local_layer(catalogue: Catalogue) -> set[str]:
    """Council homelessness routes, SARCs and Rape Crisis centres: kept by every regional copy."""
    return {s.id for s in catalogue.services if s.data.get("role")}


def test_new_region_from_a_clean_copy(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = load_catalogue(project / "data")
    local = local_ids(before)
    assert local and len(local) < len(before.services)

    made = run_waymark(project, "new-region", "--id", "west-of-england", "--name", "West of England")
    assert made.returncode == 0, made.stderr
    after = load_catalogue(project / "data")  # still valid: nothing left points at removed places
    assert {s.id for s in after.services} == {s.id for s in before.services} - local
    assert after.records["order"].keys() == before.records["order"].keys()
    assert set(before.areas) < set(after.areas)  # every place kept, one added
    region = after.areas["west-of-england"]
    assert (region.name, region.level, region.parent.id if region.parent else "") == (
        "West of England",
        "region",
        "england",
    )
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert '    region: {name: "West of England", area: "west-of-england", jurisdiction: "england"}' in config
    assert run_waymark(project, "build").returncode == 0


def test_an_existing_region_keeps_its_services_and_every_place(tmp_path: Path) -> None:
    """The bundled data: West Yorkshire is a county of the generated areas; its services stay."""
    project = copy_project(tmp_path)
    areas = (project / "data" / "areas.yaml").read_text(encoding="utf-8")
    local = local_ids(load_catalogue(project / "data"))
    made = run_waymark(project, "new-region", "--id", "west-yorkshire", "--name", "West Yorkshire", fixture_date=False)
    assert made.returncode == 0, made.stderr
    assert (project / "data" / "areas.yaml").read_text(encoding="utf-8") == areas
    assert local_ids(load_catalogue(project / "data")) == local
    assert "data/areas.yaml: unchanged" in made.stdout


def test_a_new_region_from_named_authorities_keeps_a_copy_that_checks(tmp_path: Path) -> None:
    """The bundled data: West Yorkshire's services go, with the best bets that named them; four
    councils move into the new region with their ONS codes; every other place stays."""
    project = copy_project(tmp_path)
    # A best bet naming a West Yorkshire service that goes and one of the local layer that stays.
    with (project / "data" / "phrases.yaml").open("a", encoding="utf-8") as out:
        out.write(
            '\n- says: ["west yorkshire test situation"]\n'
            "  find: [services/leeds-domestic-violence-service/, services/west-yorkshire-hazlehurst-centre-sarc/]\n"
        )
    before = load_catalogue(project / "data")
    areas = (project / "data" / "areas.yaml").read_text(encoding="utf-8")
    assert "leeds-domestic-violence-service" in local_ids(before)
    councils = ["bristol", "north-somerset", "south-gloucestershire", "bath-and-north-east-somerset"]
    made = run_waymark(
        project,
        *("new-region", "--id", "west-of-england", "--name", "West of England", "--areas", ",".join(councils)),
        fixture_date=False,
    )
    assert made.returncode == 0, made.stderr
    after = load_catalogue(project / "data")
    assert local_ids(after) == set()
    # The local layer stays everywhere (a postcode from Leeds still finds its SARC), and so do its best bets.
    assert local_layer(after) == local_layer(before)
    phrases = (project / "data" / "phrases.yaml").read_text(encoding="utf-8")
    assert "services/west-yorkshire-hazlehurst-centre-sarc/" in phrases
    assert "services/leeds-domestic-violence-service/" not in phrases
    checked = run_waymark(project, "check", fixture_date=False)
    assert checked.returncode == 0, checked.stderr
    assert set(after.areas) == set(before.areas) | {"west-of-england"}
    for council in councils:
        assert after.areas[council].parent is after.areas["west-of-england"]
        assert after.areas[council].gss == before.areas[council].gss
    # The file keeps its shape (one authority a line): the change is a few lines, not a rewrite.
    new = (project / "data" / "areas.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(areas.splitlines(), new, lineterm="", n=0) if line[:1] in "+-"]
    assert f'+          - {{id: bristol, name: "Bristol, City of", gss: {before.areas["bristol"].gss}}}' in changed
    assert len(changed) <= 2 + 2 * len(councils) + 8, changed


def test_new_region_refuses_bad_settings_and_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = tree_digest(project)
    refused = run_waymark(project, "new-region", "--id", "West England", "--name", "West")
    assert refused.returncode == 1 and "ID: expected lowercase letters, digits and single hyphens" in refused.stderr
    refused = run_waymark(project, "new-region", "--id", "west", "--name", "West", "--nation", "mercia")
    assert refused.returncode == 1 and "NATION: expected one of england" in refused.stderr
    refused = run_waymark(
        project, "new-region", "--id", "west", "--name", "West", "--areas", "north-testshire,atlantis"
    )
    assert refused.returncode == 1 and "AREAS: expected local authority ids in england" in refused.stderr
    assert "atlantis" in refused.stderr
    refused = run_waymark(project, "new-region", "--id", "testshire", "--name", "T", "--nation", "wales")
    assert refused.returncode == 1 and "a place elsewhere" in refused.stderr
    assert tree_digest(project) == before


def test_a_council_named_twice_or_a_name_with_control_characters_is_handled_without_a_traceback(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path)
    twice = run_waymark(
        project,
        "new-region",
        "--id",
        "two-cities",
        "--name",
        "Two",
        "--areas",
        "leeds,leeds,wakefield",
        fixture_date=False,
    )
    assert twice.returncode == 0 and "Traceback" not in twice.stderr, twice.stderr
    odd = run_waymark(
        project, "new-region", "--id", "odd", "--name", "Odd\u202ename\tx", "--areas", "bradford", fixture_date=False
    )
    assert odd.returncode != 0 and "Traceback" not in odd.stderr and "NAME: expected" in odd.stderr


def test_a_new_region_keeps_the_services_of_the_place_its_councils_came_from(tmp_path: Path) -> None:
    """A council moved into a new region still gets the services of the region or county it came
    from (the fixture refuge covers Testshire; North Testshire moves out of it)."""
    project = copy_project(tmp_path, FIXTURES / "data")
    before = load_catalogue(project / "data")
    around = {s.id for s in before.services if "testshire" in s.data["areas"] and not s.data.get("role")}
    assert around, "the fixtures have a service for the whole of Testshire"
    made = run_waymark(
        project, "new-region", "--id", "north-only", "--name", "North only", "--areas", "north-testshire"
    )
    assert made.returncode == 0, made.stderr
    assert around <= {s.id for s in load_catalogue(project / "data").services}
