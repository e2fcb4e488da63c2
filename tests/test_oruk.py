"""Open Referral UK: the export validates against the ORUK schema; import brings it back whole."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from project import FIXTURES, PROJECT, run_waymark, tree_digest
from waymark.data.catalogue import load_catalogue
from waymark.tools.oruk import export_oruk, import_oruk
from waymark.tools.service_import import ImportRefused, same_record

SCHEMA = json.loads((Path(__file__).parent / "oruk" / "service.json").read_text(encoding="utf-8"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))


def _errors(service: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(service)]


@pytest.mark.parametrize("data_dir", [FIXTURES / "data", PROJECT / "data"], ids=["fixtures", "bundled"])
def test_every_exported_service_is_valid_oruk(data_dir: Path) -> None:
    catalogue = load_catalogue(data_dir)
    page = export_oruk(catalogue, "https://waymark.example.org/")
    assert page["total_items"] == len(catalogue.services) == len(page["contents"])
    problems = {s["name"]: _errors(s) for s in page["contents"]}
    assert {name: errs for name, errs in problems.items() if errs} == {}
    for service in page["contents"]:
        assert service["url"].startswith("https://waymark.example.org/services/")
        assert service["organization"]["name"] and service["service_areas"]


def test_export_shape_contacts_schedules_taxonomy_and_no_refuge_location() -> None:
    catalogue = load_catalogue(FIXTURES / "data")
    by_name = {s["name"]: s for s in export_oruk(catalogue)["contents"]}
    helpline = next(s for s in by_name.values() if s["phones"])
    assert {p["type"] for p in helpline["phones"]} <= {"voice", "sms"} and helpline["schedules"][0]["description"]
    taxonomies = {a["taxonomy_term"]["taxonomy"] for a in helpline["attributes"]}
    assert {"waymark-category", "waymark-jurisdiction", "waymark-source"} <= taxonomies
    refuge = next(s for s in by_name.values() if any(a["taxonomy_term"]["term"] == "refuge" for a in s["attributes"]))
    assert "service_at_locations" not in refuge
    located = [s for s in by_name.values() if "service_at_locations" in s]
    assert located and all(s is not refuge for s in located)
    assert export_oruk(catalogue) == export_oruk(catalogue)  # stable ids: same data, same file


def test_export_then_import_is_lossless_and_reimport_changes_nothing(data: Path, tmp_path: Path) -> None:
    original = load_catalogue(data)
    feed = tmp_path / "oruk.json"
    feed.write_text(json.dumps(export_oruk(original)), encoding="utf-8")
    for path in (data / "services").glob("*.yaml"):
        path.unlink()
    # Other files (the crisis list, phrases) name services, so the project cannot load while
    # the folder is empty; import into the catalogue as it would be with no services.
    # Council routes are kept in data/councils/, not data/services/: they stay, and come back unchanged.
    routes = {i: r for i, r in original.records["service"].items() if r.source.path.parent.name == "councils"}
    assert routes, "the fixtures hold council routes"
    empty = replace(original, records={**original.records, "service": routes})
    created, updated, unchanged = import_oruk(feed, empty)

    assert sorted(created) == sorted(set(original.records["service"]) - set(routes)) and updated == []
    assert sorted(unchanged) == sorted(routes)
    back = load_catalogue(data).records["service"]
    for record_id, record in original.records["service"].items():
        assert same_record(record.data, back[record_id].data), record_id
    before = tree_digest(data)
    assert import_oruk(feed, load_catalogue(data))[2] == sorted(original.records["service"])
    assert tree_digest(data) == before


def test_foreign_feed_reports_what_is_missing_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    feed = tmp_path / "foreign.json"
    service = {
        "id": "3f0c6d8e-8b7a-4c55-9a43-2d1f0e6b9a11",
        "name": "Town Advice Line",
        "status": "active",
        "description": "Advice for people in the town. Call us on weekdays.",
        "organization": {"id": "0c1b1f7e-2f57-4a8e-8f0b-5f3d7e0a9b22", "name": "Town Charity", "description": "x"},
        "phones": [{"id": "5d6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "number": "0800 000 1234"}],
        "service_areas": [{"id": "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b", "name": "Nowhere Land"}],
        "assured_date": "2026-10-01",
    }
    feed.write_text(json.dumps({"contents": [service]}), encoding="utf-8")
    before = tree_digest(data)
    with pytest.raises(ImportRefused) as caught:
        import_oruk(feed, load_catalogue(data))
    text = str(caught.value)
    for missing in ("categories", "referral", "sources", "areas[0]"):
        assert f"service 1, Town Advice Line: {missing}" in text, missing
    assert "nothing was written" in text and tree_digest(data) == before


def test_command_line_export_and_dry_run_import(data: Path, tmp_path: Path) -> None:
    feed = tmp_path / "out.json"
    made = run_waymark(PROJECT, "oruk-export", str(feed), "--data", str(data))
    assert made.returncode == 0 and "wrote 5 services" in made.stdout
    checked = run_waymark(PROJECT, "oruk-import", str(feed), "--data", str(data), "--dry-run")
    assert checked.returncode == 0 and "0 created, 0 updated, 5 unchanged" in checked.stdout
