"""Hardening, round two (#25): every data file has a schema, interface strings are plain text,
one-line fields are one line, ids name one record of any type, imports say what they change.
Fast: each case loads a private copy of the fixture data; no build, no browser."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
from project import FIXTURES, PROJECT, welsh_catalogue_problems
from waymark.data.catalogue import load_catalogue
from waymark.data.problems import DataError
from waymark.tools.service_import import ImportRefused
from waymark.tools.sheets import HEADINGS, export_sheet, import_sheet, read_sheet


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data, with the bundled crisis, guide and help files."""
    folder = Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))
    return folder


def errors(data: Path) -> list[str]:
    try:
        load_catalogue(data)
    except DataError as err:
        return [str(p) for p in err.problems if p.severity == "error"]
    return []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("crisis.yaml", "nations:", "nation:", "nation: expected one of the known fields"),
        ("crisis.yaml", "nations:\n", "nations: [england]\nx:\n", "nations: expected a mapping"),
        ("categories.yaml", "group: general", "grup: general", "grup: expected one of the known fields"),
        ("places-help.yaml", "last_reviewed:", "last_reveiwed:", "last_reveiwed: expected one of the known fields"),
        ("language-help.yaml", "intro:", "intor:", "intor: expected one of the known fields"),
        ("guide.yaml", "needs:", "need:", "need: expected one of the known fields"),
    ],
)
def test_a_misspelt_key_or_wrong_shape_in_any_data_file_is_an_error_with_its_line(
    data: Path, name: str, old: str, new: str, expected: str
) -> None:
    path = data / name
    if not path.exists():
        shutil.copy(PROJECT / "data" / name, path)
    edit(path, old, new)
    found = errors(data)
    assert any(f"data/{name}:" in p and expected in p for p in found), found


def test_an_unquoted_comma_in_a_guide_option_is_caught(data: Path) -> None:
    """`{id: x, why: a, b}` in YAML makes a key of " b": the text is cut short without a word."""
    guide = data / "guide.yaml"
    text = guide.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if "why:" in line)
    broken = first.split("why:")[0] + "why: Safe, secret, near.}"
    guide.write_text(text.replace(first, broken, 1), encoding="utf-8")
    assert any("data/guide.yaml:" in p and "expected one of the known fields" in p for p in errors(data))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", '"Example\\u202eHelpline"', "U+202E"),
        ("name", '"Example\\u0000Helpline"', "U+0000"),
        ("hours", '"9 to 5\\nTHIS LINE IS FORGED"', "one line"),
    ],
)
def test_hidden_characters_and_line_breaks_in_one_line_fields_are_refused(
    data: Path, field: str, value: str, expected: str
) -> None:
    path = data / "services" / "example-helpline.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.strip().startswith(f"{field}:"))
    indent = line[: len(line) - len(line.lstrip())]
    path.write_text(text.replace(line, f"{indent}{field}: {value}", 1), encoding="utf-8")
    assert any(expected in p for p in errors(data)), errors(data)


def test_a_translation_that_adds_a_link_or_markup_is_a_check_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def add_a_link(entries: dict[str, Any]) -> None:
        entries["Exit this page"]["cy"] = 'Gadael <a href="https://evil.example">y dudalen</a>'
        entries["Search"]["cy"] = "Chwilio https://evil.example"

    problems = welsh_catalogue_problems(add_a_link, tmp_path, monkeypatch)
    flagged = [p for p in problems if "expected plain text" in p]
    assert any("'Exit this page'" in p for p in flagged) and any("'Search'" in p for p in flagged), problems


def _sheet_rows(sheet: Path) -> list[list[str]]:
    return [list(HEADINGS)] + [
        [row[h] if row.get(h) is not None else "" for h in HEADINGS] for _, row in read_sheet(sheet).rows
    ]


def test_an_import_cannot_take_an_orders_id_and_says_what_it_changed(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "services.csv"
    export_sheet(sheet, load_catalogue(data))
    rows = _sheet_rows(sheet)
    col = {h: i for i, h in enumerate(HEADINGS)}
    clash = list(rows[1])
    clash[col["id"]] = "example-order"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([*rows, clash])
    with pytest.raises(ImportRefused, match="example-order"):
        import_sheet(sheet, load_catalogue(data))


def test_an_import_with_a_line_break_in_hours_is_refused(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "services.csv"
    export_sheet(sheet, load_catalogue(data))
    rows = _sheet_rows(sheet)
    col = {h: i for i, h in enumerate(HEADINGS)}
    rows[1][col["hours"]] = "9 to 5\nForged line"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    with pytest.raises(ImportRefused, match="one line"):
        import_sheet(sheet, load_catalogue(data))
