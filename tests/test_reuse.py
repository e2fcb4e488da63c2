"""A load of data/ reuses each unchanged file's checked result (`make serve` loads at every edit):
only a changed file is read and checked again, no load shares an object with an earlier one, and
the memo keeps one entry a file read."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from waymark.data import catalogue, councils
from waymark.data.catalogue import load_catalogue
from waymark.data.problems import DataError
from waymark.data.reuse import MEMO

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """A copy of the fixture data, loaded with the memo on (as under `make serve`)."""
    MEMO.enable()
    yield Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))
    MEMO.enable(False)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The files read and checked (not reused) since the counter was last cleared, by name."""
    seen: Counter[str] = Counter()

    def counting(real: Callable[..., Any], name_of: Callable[..., str]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            seen[name_of(*args)] += 1
            return real(*args)

        return wrapper

    monkeypatch.setattr(catalogue, "_check_file", counting(catalogue._check_file, lambda job: job[0].name))
    monkeypatch.setattr(catalogue, "_check_shared", counting(catalogue._check_shared, lambda path, *_: path.name))
    monkeypatch.setattr(councils, "_routes_in", counting(councils._routes_in, lambda path, *_: path.name))
    return seen


def test_only_a_changed_file_is_checked_again(data: Path, checked: Counter[str]) -> None:
    load_catalogue(data, today=TODAY)
    assert checked["example-helpline.yaml"] == 1 and checked["areas.yaml"] == 1 and checked["testshire.yaml"] == 1
    checked.clear()
    load_catalogue(data, today=TODAY)
    assert not checked
    helpline = data / "services" / "example-helpline.yaml"
    helpline.write_text(helpline.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    again = load_catalogue(data, today=TODAY)
    assert set(checked) == {"example-helpline.yaml"}
    assert again.records["service"]["example-helpline"].data["name"].startswith("Renamed ")


def test_no_load_shares_an_object_with_an_earlier_one(data: Path) -> None:
    first = load_catalogue(data, today=TODAY)
    name = first.records["service"]["example-helpline"].data["name"]
    first.records["service"]["example-helpline"].data["name"] = "Changed by a build"
    first.records["service"]["north-testshire-homelessness"].data["areas"].append("somewhere")
    second = load_catalogue(data, today=TODAY)
    assert second.records["service"]["example-helpline"].data["name"] == name
    assert "somewhere" not in second.records["service"]["north-testshire-homelessness"].data["areas"]


def test_a_file_with_problems_reports_them_at_every_load(data: Path) -> None:
    idva = data / "services" / "example-idva.yaml"
    idva.write_text(idva.read_text(encoding="utf-8").replace("name: ", "name:\n  - ", 1), encoding="utf-8")
    reports = []
    for _ in range(2):
        with pytest.raises(DataError) as caught:
            load_catalogue(data, today=TODAY)
        reports.append(str(caught.value))
    assert "example-idva.yaml" in reports[0] and reports[0] == reports[1]


def test_a_result_is_kept_for_its_date(data: Path, checked: Counter[str]) -> None:
    # example-helpline was last verified on 2026-01-10: a load on 2026-01-01 finds that date in
    # its future; a load on a later day must check it again, not reuse that problem.
    with pytest.raises(DataError, match="a date no later than today"):
        load_catalogue(data, today=dt.date(2026, 1, 1))
    checked.clear()
    load_catalogue(data, today=TODAY)
    assert checked["example-helpline.yaml"] == 1


def test_council_routes_are_checked_again_when_the_areas_change(data: Path) -> None:
    # A route's record takes its nation from areas.yaml: move Testshire from England to Wales.
    route = "north-testshire-homelessness"
    assert load_catalogue(data, today=TODAY).records["service"][route].data["jurisdictions"] == ["england"]
    areas = data / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    wales = "  - id: wales\n    name: Wales\n    jurisdiction: wales\n"
    england = "    jurisdiction: england\n    regions:\n"
    assert text.count(wales) == 1 and england in text
    text = text.replace(wales, "").replace(england, "    jurisdiction: england\n" + wales + "    regions:\n")
    areas.write_text(text, encoding="utf-8")
    assert load_catalogue(data, today=TODAY).records["service"][route].data["jurisdictions"] == ["wales"]


def test_the_memo_keeps_one_entry_a_file_read(data: Path) -> None:
    load_catalogue(data, today=TODAY)
    read = len(MEMO)
    assert read >= 10
    (data / "services" / "example-refuge.yaml").unlink()
    load_catalogue(data, today=TODAY)
    assert len(MEMO) == read - 1
    for _ in range(3):  # edits replace an entry; they never add one
        helpline = data / "services" / "example-helpline.yaml"
        helpline.write_text(helpline.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        load_catalogue(data, today=TODAY)
    assert len(MEMO) == read - 1


def test_a_single_build_keeps_nothing(tmp_path: Path, checked: Counter[str]) -> None:
    data = Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))
    assert not MEMO.enabled
    for _ in range(2):
        load_catalogue(data, today=TODAY)
    assert len(MEMO) == 0 and checked["example-helpline.yaml"] == 2


def test_only_serve_turns_the_memo_on() -> None:
    from waymark.glue.adapter import starting

    try:
        starting("serve")
        assert MEMO.enabled
        starting("build")
        assert not MEMO.enabled and len(MEMO) == 0
    finally:
        MEMO.enable(False)
