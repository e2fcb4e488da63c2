"""Spreadsheet import and export: lossless round trip, per-row errors, nothing half-written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from project import FIXTURES, PROJECT, run_waymark, tree_digest
from waymark.data.catalogue import load_catalogue
from waymark.tools.service_import import ImportRefused
from waymark.tools.sheets import COLUMNS, HEADINGS, export_sheet, import_sheet, read_sheet, write_sheet


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data to import into."""
    return Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_council_route_cannot_be_rewritten_by_a_sheet(data: Path, tmp_path: Path) -> None:
    """Council routes are kept in data/councils/: a sheet that changes one is refused, naming the file."""
    sheet = tmp_path / "services.csv"
    export_sheet(sheet, load_catalogue(data))
    rows = [list(HEADINGS)] + [
        [row[h] if row.get(h) is not None else "" for h in HEADINGS] for _, row in read_sheet(sheet).rows
    ]
    col = {h: i for i, h in enumerate(HEADINGS)}
    route = next(r for r in rows[1:] if r[col["id"]] == "north-testshire-homelessness")
    route[col["name"]] = "Renamed"
    write_sheet(sheet, rows)
    before = tree_digest(data)
    with pytest.raises(ImportRefused, match=r"edit it in data/councils/testshire.yaml:2"):
        import_sheet(sheet, load_catalogue(data))
    assert tree_digest(data) == before


def test_every_service_field_has_a_column() -> None:
    """Export loses nothing: each field of the service schema maps to exactly one column."""
    schema = json.loads((PROJECT / "data" / "schema" / "service.schema.json").read_text())
    fields: set[tuple[str, ...]] = set()
    for name, spec in schema["properties"].items():
        if spec.get("type") == "object":
            fields |= {(name, sub) for sub in spec["properties"]}
        else:
            fields.add((name,))
    assert {c.path for c in COLUMNS[1:]} == fields


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(data: Path, tmp_path: Path, suffix: str) -> None:
    before = tree_digest(data)
    sheet = tmp_path / f"services{suffix}"
    assert export_sheet(sheet, load_catalogue(data)) == 5  # 3 service files and 2 council routes
    result = import_sheet(sheet, load_catalogue(data))
    assert (result.created, result.updated, sorted(result.unchanged)) == (
        [],
        [],
        [
            "example-helpline",
            "example-idva",
            "example-refuge",
            "north-testshire-homelessness",
            "south-testshire-homelessness",
        ],
    )
    assert tree_digest(data) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_edited_sheet_updates_and_creates_records_then_reimport_changes_nothing(
    data: Path, tmp_path: Path, suffix: str
) -> None:
    catalogue = load_catalogue(data)
    sheet = tmp_path / f"services{suffix}"
    export_sheet(sheet, catalogue)
    rows = [list(HEADINGS)] + [
        [row[h] if row.get(h) is not None else "" for h in HEADINGS] for _, row in read_sheet(sheet).rows
    ]
    col = {h: i for i, h in enumerate(HEADINGS)}
    rows[1][col["hours"]] = "Monday to Friday, 8am to 8pm"
    new = list(rows[1])
    new[col["id"]] = ""
    new[col["name"]] = "Second Example Line"
    new[col["phones"]] = "0800 111 2222 | Advice line | Weekdays | free\n0800 333 4444"
    new[col["last_verified"]] = dt.date(2026, 5, 4) if suffix == ".xlsx" else "2026-05-04"
    rows.append(new)
    write_sheet(sheet, rows)

    result = import_sheet(sheet, load_catalogue(data))
    assert result.created == ["second-example-line"]
    assert result.updated == [rows[1][col["id"]]]
    reloaded = load_catalogue(data)  # the written YAML validates like hand-written records
    created = reloaded.records["service"]["second-example-line"].data
    assert created["contact"]["phones"] == [
        {"number": "0800 111 2222", "label": "Advice line", "hours": "Weekdays", "free": True},
        {"number": "0800 333 4444"},
    ]
    assert created["last_verified"] == "2026-05-04"
    assert reloaded.records["service"][rows[1][col["id"]]].data["contact"]["hours"] == "Monday to Friday, 8am to 8pm"

    after_first = tree_digest(data)
    again = import_sheet(sheet, reloaded)
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 6
    assert tree_digest(data) == after_first


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "services.csv"
    export_sheet(sheet, load_catalogue(data))
    rows = _csv_rows(sheet)
    col = {h: i for i, h in enumerate(rows[0])}
    refuge = next(i for i, r in enumerate(rows) if r[col["id"]] == "example-refuge")
    rows[refuge][col["street"]] = "1 Secret Road"  # row refuge+1: a refuge must never have an address
    good = next(i for i, r in enumerate(rows) if r[col["id"]] == "example-helpline")
    rows[good][col["hours"]] = "Changed, but must not be written"
    bad = list(rows[good])
    bad[col["id"]] = "another-line"
    bad[col["categories"]] = "helpline; legal-advise"
    bad[col["open_24_7"]] = "sometimes"
    bad[col["last_verified"]] = "23/11/2026"
    bad[col["name"]] = ""
    rows.append(bad)
    rows.append(list(rows[good]))  # the same id twice
    _write_csv(sheet, rows)
    before = tree_digest(data)

    with pytest.raises(ImportRefused) as caught:
        import_sheet(sheet, load_catalogue(data))
    found = {(p.number, p.where) for p in caught.value.problems}
    bad_row, dup_row = len(rows) - 1, len(rows)
    assert {
        (refuge + 1, "street/town/postcode"),
        (bad_row, "categories"),
        (bad_row, "open_24_7"),
        (bad_row, "last_verified"),
        (bad_row, "name"),
        (dup_row, "id"),
    } <= found
    message = str(caught.value)
    assert "nothing was written" in message and "did you mean 'legal-advice'?" in message
    assert f"row {bad_row}, column open_24_7: expected yes or no; found 'sometimes'" in message
    assert tree_digest(data) == before


def test_phone_typed_as_a_number_in_excel_is_refused(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "services.xlsx"
    export_sheet(sheet, load_catalogue(data))
    book = load_workbook(sheet)
    rows = book["services"]
    phones = HEADINGS.index("phones") + 1
    rows.cell(row=2, column=phones, value=8000000000)  # Excel's view of "0800 000 0000"
    book.save(sheet)
    with pytest.raises(ImportRefused, match=r"row 2, column phones: expected the number typed as text"):
        import_sheet(sheet, load_catalogue(data))


def test_command_line_import_export_and_template(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    assert run_waymark(PROJECT, "export", str(template), "--template").returncode == 0
    book = load_workbook(template)
    assert [c.value for c in book["services"][1]] == HEADINGS
    explained = {row[0].value: row[1].value for row in book["columns"].iter_rows(min_row=2) if row[0].value}
    assert set(explained) == set(HEADINGS) and all(explained.values())

    data = Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))
    checked = run_waymark(PROJECT, "import", str(template), "--data", str(data), "--dry-run")
    assert checked.returncode == 0, checked.stderr
    assert "dry run, nothing written: 1 created" in checked.stdout
    assert not (data / "services" / "example-idva-service.yaml").exists()

    bad = tmp_path / "bad.csv"
    _write_csv(bad, [HEADINGS, ["x"] + [""] * (len(HEADINGS) - 1)])
    refused = run_waymark(PROJECT, "import", str(bad), "--data", str(data))
    assert refused.returncode == 1
    assert "row 2, column name: expected a value (this field is required)" in refused.stderr


def test_published_templates_have_every_column() -> None:
    folder = PROJECT / "docs" / "maintainers"
    book = load_workbook(folder / "services-template.xlsx")
    assert [c.value for c in book["services"][1]] == HEADINGS
    assert _csv_rows(folder / "services-template.csv")[0] == HEADINGS
