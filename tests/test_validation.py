"""Bad input gets a clear error: file:line, record, field, expected, found, and a hint."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from project import PROJECT
from waymark.data.catalogue import load_catalogue
from waymark.data.problems import ERROR, DataError
from waymark.data.schema import schema_file_problems

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the fixture data that a test may break."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


def problems_for(data: Path) -> list[str]:
    """Every error a run reports (empty when the data is valid); warnings are left out."""
    try:
        load_catalogue(data, today=TODAY)
    except DataError as err:
        return [str(p) for p in err.problems if p.severity == ERROR]
    return []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """1-based line on which `text` first appears."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_fixture_data_is_valid(data: Path) -> None:
    catalogue = load_catalogue(data, today=TODAY)
    assert {k: len(v) for k, v in catalogue.records.items()} == {
        "service": 5,  # 3 service files and 2 council routes
        "order": 2,
        "housing": 1,
        "nrpf": 1,
        "support": 1,
        "justice": 1,
    }
    assert [s.id for s in catalogue.helped_by("example-order")] == ["example-helpline", "example-idva"]


def test_wrong_type_names_file_line_field_expected_and_found(data: Path) -> None:
    path = data / "services" / "example-helpline.yaml"
    edit(path, "min_age: 16", "min_age: sixteen")
    [problem] = problems_for(data)
    assert problem.startswith(f"data/services/example-helpline.yaml:{line_of(path, 'min_age')}:")
    assert "[example-helpline] eligibility.min_age: expected a whole number; found text 'sixteen'" in problem


def test_missing_required_field(data: Path) -> None:
    path = data / "orders" / "example-order.yaml"
    edit(
        path,
        "summary: A made-up order used in tests. It tells the person hurting you to stay away."
        " It is a pilot in some areas only.\n",
        "",
    )
    [problem] = problems_for(data)
    assert "data/orders/example-order.yaml:" in problem
    assert "summary: expected a value (this field is required); found nothing" in problem


def test_unknown_field_suggests_the_near_miss(data: Path) -> None:
    edit(data / "housing" / "example-duty.yaml", "who_owes:", "who_ows:")
    [problem] = problems_for(data)
    assert "who_ows: expected one of the known fields; found 'who_ows' (did you mean 'who_owes'?)" in problem


def test_unknown_category_id_suggests_the_near_miss(data: Path) -> None:
    path = data / "services" / "example-helpline.yaml"
    edit(path, "categories: [helpline, legal-advice]", "categories: [helplin, legal-advice]")
    [problem] = problems_for(data)
    assert f"example-helpline.yaml:{line_of(path, 'categories')}:" in problem
    assert "categories[0]: expected the id of a category in data/categories.yaml; found 'helplin'" in problem
    assert "did you mean 'helpline'?" in problem


def test_unknown_area_and_related_ids(data: Path) -> None:
    edit(data / "services" / "example-refuge.yaml", "areas: [testshire]", "areas: [testshir]")
    edit(
        data / "orders" / "example-order.yaml",
        "related: [example-duty, example-offence]",
        "related: [example-duty, example-ofence]",
    )
    found = problems_for(data)
    assert len(found) == 2
    assert any("areas[0]: expected the id of an area" in p and "did you mean 'testshire'?" in p for p in found)
    assert any("related[1]:" in p and "did you mean 'example-offence'?" in p for p in found)


def test_unknown_helps_with_id(data: Path) -> None:
    edit(data / "services" / "example-idva.yaml", "helps_with: [example-order]", "helps_with: [no-such-order]")
    [problem] = problems_for(data)
    assert "helps_with[0]: expected the id of an order, housing duty, NRPF route or support option" in problem


def test_duplicate_legal_id_across_folders(data: Path) -> None:
    shutil.copy(data / "housing" / "example-duty.yaml", data / "support" / "example-duty.yaml")
    found = problems_for(data)
    assert any(
        "data/support/example-duty.yaml:1: [example-duty]" in p and "the same id as data/housing/example-duty.yaml" in p
        for p in found
    )


def test_an_id_names_one_record_of_any_type(data: Path) -> None:
    """A service cannot take an order's id (it would replace the order on the sheet)."""
    shutil.copy(data / "services" / "example-idva.yaml", data / "services" / "example-order.yaml")
    found = problems_for(data)
    assert any("[example-order] id: expected an id no other record uses" in p for p in found), found


def test_a_council_route_cannot_take_a_service_id(data: Path) -> None:
    routes = data / "councils" / "testshire.yaml"
    edit(routes, "- id: south-testshire-homelessness", "- id: example-idva")
    found = problems_for(data)
    assert any("example-idva" in p and "expected an id no other record uses" in p for p in found), found


def test_a_service_nobody_can_reach_is_refused(data: Path) -> None:
    path = data / "services" / "example-idva.yaml"
    edit(path, "  email: idva@example.org\n", "")
    assert problems_for(data) == [], "a public address is a way in"
    edit(path, "address:\n  street: 1 Example Street\n  town: Testtown\n  postcode: TE1 1ST\n", "")
    found = problems_for(data)
    assert any("contact: expected a way to reach the service" in p for p in found), found


def test_a_council_route_error_names_its_line_in_the_route_file(data: Path) -> None:
    routes = data / "councils" / "testshire.yaml"
    edit(routes, '"0300 000 2222"', '"300 000 2222"')
    [problem] = problems_for(data)
    assert problem.startswith(f"data/councils/testshire.yaml:{line_of(routes, '300 000 2222')}:")
    assert "contact.phones[1].number: expected a UK number" in problem


def test_a_council_route_with_an_unknown_key_or_council_is_refused(data: Path) -> None:
    routes = data / "councils" / "testshire.yaml"
    edit(routes, "  councils: [south-testshire]", "  councils: [south-testshir]\n  phone: x")
    found = problems_for(data)
    assert any("phone: expected one of the known fields" in p for p in found), found


def test_javascript_urls_are_rejected_in_fields_and_markdown(data: Path) -> None:
    path = data / "services" / "example-helpline.yaml"
    edit(path, "website: https://example.org/", "website: javascript:alert(1)")
    edit(path, "[the example site](https://example.org/about)", "[the example site](javascript:alert(1))")
    found = problems_for(data)
    assert any("contact.website: expected An http(s) address.; found 'javascript:alert(1)'" in p for p in found)
    assert any(
        "description: expected links that start https://, http://, tel: or mailto:; found 'javascript:alert(1" in p
        for p in found
    )


def test_refuge_with_an_address_is_rejected(data: Path) -> None:
    path = data / "services" / "example-refuge.yaml"
    path.write_text(path.read_text() + "address:\n  town: Testtown\n", encoding="utf-8")
    [problem] = problems_for(data)
    assert "[example-refuge] address: expected no address (The address of a refuge or other confidential" in problem


def test_refuge_postcode_in_text_is_rejected(data: Path) -> None:
    edit(data / "services" / "example-refuge.yaml", "Reach them through the helpline.", "Reach them at TE1 2AB.")
    [problem] = problems_for(data)
    assert "summary: expected nothing that locates a confidential place (found a postcode); found 'TE1 2AB'" in problem


def test_raw_html_in_markdown_is_rejected(data: Path) -> None:
    edit(data / "orders" / "example-order.yaml", "Use form EX1.", "Use <script>alert(1)</script> form EX1.")
    found = problems_for(data)
    assert any("how_to_apply: expected text without HTML; found '<script>'" in p for p in found)


def test_malformed_yaml_points_at_the_line(data: Path) -> None:
    path = data / "nrpf" / "example-route.yaml"
    edit(path, "who_qualifies: People on a partner visa.", "who_qualifies: [People on a partner visa.")
    [problem] = problems_for(data)
    assert problem.startswith("data/nrpf/example-route.yaml:")
    assert "expected valid YAML" in problem


def test_non_utf8_file_is_reported_with_its_line(data: Path) -> None:
    path = data / "support" / "example-support.yaml"
    path.write_bytes(path.read_bytes().replace(b"Money.", b"Mon\xe9y."))
    [problem] = problems_for(data)
    assert problem.startswith(f"data/support/example-support.yaml:{line_of_bytes(path, b'Mon')}:")
    assert "expected UTF-8 text; found byte 0xe9 that is not UTF-8" in problem


def line_of_bytes(path: Path, needle: bytes) -> int:
    return path.read_bytes()[: path.read_bytes().index(needle)].count(b"\n") + 1


def test_duplicate_key_is_reported(data: Path) -> None:
    path = data / "orders" / "example-offence.yaml"
    path.write_text(path.read_text() + "kind: civil\n", encoding="utf-8")
    [problem] = problems_for(data)
    assert "kind: expected each field once; found 'kind' again (first on line 2)" in problem


def test_dates_must_be_real_and_not_in_the_future(data: Path) -> None:
    edit(data / "orders" / "example-order.yaml", "last_reviewed: 2026-03-01", "last_reviewed: 2027-01-01")
    edit(data / "housing" / "example-duty.yaml", "last_reviewed: 2026-03-01", "last_reviewed: 2026-02-30")
    edit(data / "nrpf" / "example-route.yaml", "last_reviewed: 2026-03-01", "last_reviewed: 1 March 2026")
    found = problems_for(data)
    assert any("last_reviewed: expected a date no later than today (2026-11-23); found 2027-01-01" in p for p in found)
    assert any("last_reviewed: expected a real calendar date; found '2026-02-30'" in p for p in found)
    assert any("last_reviewed: expected A date as YYYY-MM-DD.; found '1 March 2026'" in p for p in found)


def test_bad_file_name_is_reported_with_a_suggestion(data: Path) -> None:
    shutil.move(data / "nrpf" / "example-route.yaml", data / "nrpf" / "Example Route.yaml")
    [problem] = problems_for(data)
    assert "rename it to example-route.yaml" in problem


def test_every_problem_is_reported_in_one_run(data: Path) -> None:
    edit(data / "services" / "example-helpline.yaml", "min_age: 16", "min_age: sixteen")
    edit(data / "orders" / "example-order.yaml", "kind: civil", "kind: civl")
    edit(data / "housing" / "example-duty.yaml", "who_owes:", "who_ows:")
    found = problems_for(data)
    assert len(found) == 3
    assert any(
        "kind: expected one of civil, criminal, police, offence; found 'civl' (did you mean 'civil'?)" in p
        for p in found
    )
    assert found == sorted(found), "problems are listed file by file, top to bottom"


def test_which_order_fits_links_only_to_records_that_exist(tmp_path: Path) -> None:
    data = Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))
    (data / "which-order-fits.yaml").write_text(
        "title: Which order fits?\nintro: Plain words.\nsituations:\n"
        "  - heading: Someone is hurting you\n    points:\n"
        "      - Ask for an [example order](example-ordr).\n"
        "      - Or [find a service](services).\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    assert (
        "data/which-order-fits.yaml:6: situations[0].points[0]: expected a link to a record id; "
        "found 'example-ordr' (did you mean 'example-order'?)"
    ) in str(caught.value)


# ---------------------------------------------------------------- content rules, reported by `make check`


def test_a_legal_record_with_only_unofficial_sources_is_an_error_with_its_line(data: Path) -> None:
    path = data / "orders" / "example-order.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("https://www.legislation.gov.uk/ukpga/2000/1/section/1", "https://lawfirm.example/order")
    text = text.replace("https://www.gov.uk/example", "https://blog.example/order")
    path.write_text(text, encoding="utf-8")
    (data / "source-hosts.yaml").write_text("official: [gov.uk]\nspecialist: []\nweak: [blog.example]\n")
    [problem] = problems_for(data)
    assert problem.startswith(f"data/orders/example-order.yaml:{line_of(path, 'sources:')}: [example-order] sources:")
    assert "expected at least one official source" in problem


def test_a_record_past_its_review_age_is_an_error_with_its_line(data: Path) -> None:
    path = data / "housing" / "example-duty.yaml"
    edit(path, "last_reviewed: 2026-03-01", "last_reviewed: 2025-03-01")
    [problem] = problems_for(data)
    assert problem.startswith(f"data/housing/example-duty.yaml:{line_of(path, 'last_reviewed')}: [example-duty]")
    assert "last_reviewed: expected a check within the last 365 days; found 2025-03-01" in problem


def test_a_summary_below_the_reading_ease_bar_is_an_error_with_its_line(data: Path) -> None:
    path = data / "nrpf" / "example-route.yaml"
    text = path.read_text(encoding="utf-8")
    hard = "Notwithstanding statutory considerations, applicants demonstrating eligibility must substantiate it."
    path.write_text(re.sub(r"^summary: .*$", f"summary: {hard}", text, flags=re.M), encoding="utf-8")
    [problem] = problems_for(data)
    assert problem.startswith(f"data/nrpf/example-route.yaml:{line_of(path, 'summary')}: [example-route] summary:")
    assert "expected plain English (Flesch reading ease at least 60)" in problem


def test_a_phone_number_typed_in_a_legal_record_names_the_service_that_holds_it(data: Path) -> None:
    path = data / "orders" / "example-order.yaml"
    edit(path, "It can stop someone contacting you.", "It can stop someone contacting you. Call 0800 000 0000.")
    [problem] = problems_for(data)
    assert "for_you: expected no phone number here: a number lives only in its service record" in problem
    assert "(write [[example-helpline]])" in problem


def test_a_pilot_summary_must_say_it_is_a_pilot(data: Path) -> None:
    edit(data / "orders" / "example-order.yaml", " It is a pilot in some areas only.", "")
    [problem] = problems_for(data)
    assert "summary: expected a summary that says the status (pilot / some areas / only in)" in problem


def test_every_bundled_schema_is_a_valid_json_schema() -> None:
    """The build does not check the schemas themselves (0.6 s a process): `make check` and this do."""
    assert schema_file_problems(PROJECT / "data" / "schema") == []


def test_a_broken_schema_is_named_not_a_traceback(data: Path) -> None:
    """A maintainer's slip in a schema file stops the run with the file and what is wrong in it."""
    shutil.copytree(PROJECT / "data" / "schema", data / "schema")
    edit(data / "schema" / "service.schema.json", '"type": "string"', '"type": "strnig"')
    found = problems_for(data)
    assert any(p.startswith("schema/service.schema.json") and "valid JSON Schema" in p for p in found), found
    assert not any(p.startswith("services/") for p in found), "the records are not blamed for the schema"


def test_a_phrase_needs_says_or_two_groups_of_all_of_and_each_group_is_plain_words(data: Path) -> None:
    phrases = data / "phrases.yaml"
    good = '- all_of: [["my wife"], ["hits me", "controls"]]\n  find: [services/example-helpline/]\n'
    phrases.write_text(phrases.read_text(encoding="utf-8") + good, encoding="utf-8")
    assert problems_for(data) == []
    edit(phrases, '[["my wife"], ["hits me", "controls"]]', '[["my wife"]]')  # one group alone says too little
    edit(
        phrases,
        "[services/example-helpline/]\n",
        '[services/example-helpline/]\n- all_of: [["ok"], "not a list"]\n  find: [services/example-helpline/]\n',
    )
    found = problems_for(data)
    assert len(found) == 2, found
    assert any(".all_of: expected at least 2 items; found 1" in p for p in found), found
    assert any(".all_of[1]: expected a list; found text 'not a list'" in p for p in found), found


def test_a_phrases_within_and_unless_are_checked_with_their_lines(data: Path) -> None:
    phrases = data / "phrases.yaml"
    good = '- all_of: [["i"], ["violent"]]\n  within: 2\n  unless: ["he says"]\n  find: [services/example-helpline/]\n'
    phrases.write_text(phrases.read_text(encoding="utf-8") + good, encoding="utf-8")
    assert problems_for(data) == []
    edit(phrases, "within: 2", "within: 9")  # more than five words apart is no longer one act
    edit(phrases, 'unless: ["he says"]', 'unless: "he says"')
    found = problems_for(data)
    assert "data/phrases.yaml:4: [1].within: expected a number <= 5; found 9" in found, found
    assert "data/phrases.yaml:5: [1].unless: expected a list; found text 'he says'" in found, found


def test_the_hand_written_pages_a_best_bet_may_name_are_in_docs() -> None:
    from waymark.data.catalogue import HAND_WRITTEN_PAGES

    assert HAND_WRITTEN_PAGES
    missing = [url for url in HAND_WRITTEN_PAGES if not (PROJECT / "docs" / f"{url.rstrip('/')}.md").is_file()]
    assert missing == []
