"""A hostile corpus: what an attacker or a careless maintainer might feed Waymark, and what must happen.

Each case runs the real command line in a throwaway copy of the project (fixture data) and asserts
the exact outcome: refused with file:line and a clear message, or rendered inert; and the data
and the previous site left exactly as they were. Add a case whenever something new gets through.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from project import FIXTURES, an_earlier_build, copy_project, run_waymark, tree_digest
from waymark.render.privacy import unsafe_parts

Edit = Callable[[Path], None]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with the fixture data."""
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project", FIXTURES / "data")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refuge(project: Path) -> Path:
    return project / "data" / "services" / "example-refuge.yaml"


def check_refuses(project: Path, *expected: str) -> str:
    """`check` exits 1 and its report holds every expected piece; returns the report."""
    before = tree_digest(project / "data")
    result = run_waymark(project, "check", timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for piece in expected:
        assert piece in result.stderr, f"{piece!r} not in:\n{result.stderr}"
    assert tree_digest(project / "data") == before
    return result.stderr


# ---------------------------------------------------------------- markup that would reach the theme

MARKUP_CASES: dict[str, tuple[str, str, str, str]] = {
    # name: (file under data/, text to replace, hostile text, expected in the report)
    "area name with a script": (
        "areas.yaml",
        "name: North Testshire",
        "name: North Testshire<script>alert(31)</script>",
        "data/areas.yaml:",
    ),
    "category description with an svg handler": (
        "categories.yaml",
        "description: Lines you can call or text.",
        "description: Lines you can call or text. <svg/onload=alert(1)>",
        "data/categories.yaml:",
    ),
    "service name with an image handler": (
        "services/example-helpline.yaml",
        "name: Example Helpline",
        "name: Example Helpline <img src=x onerror=alert(1)>",
        "[example-helpline] name: expected text without HTML",
    ),
    "reference-style javascript link": (
        "orders/example-order.yaml",
        "how_to_apply: Use form EX1.",
        'how_to_apply: "Use [form EX1][1].\\n\\n[1]: javascript:alert(1)"',
        "how_to_apply: expected links that start https://, http://, tel: or mailto:; found 'javascript:alert(1)'",
    ),
    "comment hiding markup": (
        "housing/example-duty.yaml",
        "who_owes: The council.",
        "who_owes: The council. <!-- <script>x</script> -->",
        "[example-duty] who_owes: expected text without HTML",
    ),
}


@pytest.mark.parametrize("case", MARKUP_CASES)
def test_markup_is_refused_wherever_it_would_reach_a_page(project: Path, case: str) -> None:
    name, old, new, expected = MARKUP_CASES[case]
    replace_in(project / "data" / name, old, new)
    check_refuses(project, expected)


def test_a_quote_in_a_summary_cannot_break_out_of_the_description(project: Path) -> None:
    """A summary is plain text and may hold quotes: it must stay inert in <meta>, <title> and the body."""
    hostile = '0;url=https://evil.example/" http-equiv="refresh" x="'
    path = project / "data" / "orders" / "example-order.yaml"
    text = path.read_text(encoding="utf-8")
    summary = "A made-up order used in tests. It is a pilot in some areas only. " + hostile
    path.write_text(re.sub(r"^summary: .*$", "summary: " + json.dumps(summary), text, flags=re.M), encoding="utf-8")
    built = run_waymark(project, "build")
    assert built.returncode == 0, built.stderr
    page = (project / "site" / "orders" / "example-order" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in page and unsafe_parts(page) == []
    assert "&#34; http-equiv=&#34;refresh&#34;" in page or "&quot; http-equiv=&quot;refresh&quot;" in page


def test_an_inline_script_anywhere_fails_the_build_and_is_never_allowed_by_the_csp(
    project: Path, fixture_site: Path
) -> None:
    """An inline script in one hand-written page and an event handler in another: one build names
    both (every problem at once) and leaves the earlier site as it was."""
    before = an_earlier_build(project, fixture_site)
    guide = project / "docs" / "cover-your-tracks.md"
    guide.write_text(guide.read_text(encoding="utf-8") + '\n<script>alert("guide")</script>\n', encoding="utf-8")
    other = next(p for p in sorted((project / "docs").glob("*.md")) if p != guide and not p.name.endswith(".cy.md"))
    other.write_text(other.read_text(encoding="utf-8") + '\n<a onclick="x()">x</a>\n', encoding="utf-8")
    failed = run_waymark(project, "build")
    assert failed.returncode == 1
    assert "cover-your-tracks/" in failed.stderr and "an inline <script>" in failed.stderr
    assert "<a onclick=…>" in failed.stderr, failed.stderr
    assert tree_digest(project / "site") == before


# ---------------------------------------------------------------- a refuge must never be located

REFUGE_LEAKS = {
    "lower-case postcode": ("summary", "Reach them at ls6 1ab."),
    "postcode with a no-break space": ("summary", "Reach them at LS6\u00a01AB."),
    "street address without a postcode": ("summary", "The house at 12 Acacia Avenue."),
    "coordinates": ("summary", "It is at 53.8008, -1.5491 now."),
    "what3words": ("summary", "Find it at ///filled.count.soap today."),
    "map link in a source": ("source", "https://www.google.com/maps/place/Leeds"),
    "address in a source title": ("source title", "Refuge, 3 Park Row, Leeds"),
}


@pytest.mark.parametrize("leak", REFUGE_LEAKS)
def test_nothing_that_locates_a_refuge_is_accepted_in_any_field(project: Path, leak: str) -> None:
    where, text = REFUGE_LEAKS[leak]
    path = refuge(project)
    if where == "summary":
        replace_in(path, "Reach them through the helpline.", text)
    elif where == "source":
        replace_in(path, "sources:\n", f"sources:\n  - title: Map\n    url: {text}\n")
    else:
        replace_in(path, "sources:\n", f"sources:\n  - title: {text}\n    url: https://example.org/refuge\n")
    check_refuses(project, "[example-refuge]", "expected nothing that locates a confidential place")


# ---------------------------------------------------------------- spreadsheets


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_formula_cells_are_never_imported_and_never_exported_live(project: Path, tmp_path: Path) -> None:
    data = project / "data"
    replace_in(
        data / "services" / "example-helpline.yaml",
        "  hours: 24 hours, every day",
        "  hours: '=HYPERLINK(\"http://evil.example\")'",
    )
    sheet, book = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert run_waymark(project, "export", str(sheet)).returncode == 0
    assert run_waymark(project, "export", str(book)).returncode == 0
    cells = [cell for row in _rows(sheet) for cell in row]
    assert not any(cell.startswith(("=", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    from openpyxl import load_workbook

    sheet_cells = [c for row in load_workbook(book)["services"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in sheet_cells)
    # Re-importing either file is a no-op: the text comes back as it was, not blank.
    for exported in (sheet, book):
        again = run_waymark(project, "import", str(exported))
        assert again.returncode == 0 and "0 created, 0 updated, 5 unchanged" in again.stdout, again.stderr
    rows = _rows(sheet)
    rows[1][rows[0].index("hours")] = '=HYPERLINK("http://evil.example","call")'
    _write(sheet, rows)
    before = tree_digest(data)
    refused = run_waymark(project, "import", str(sheet))
    assert refused.returncode == 1 and "column hours: expected text, not a formula" in refused.stderr
    assert tree_digest(data) == before


def test_a_phone_that_lost_its_leading_zero_is_refused_from_csv(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "out.csv"
    assert run_waymark(project, "export", str(sheet)).returncode == 0
    rows = _rows(sheet)
    column = rows[0].index("phones")
    rows[1][column] = "8009995428 | Helpline"
    _write(sheet, rows)
    refused = run_waymark(project, "import", str(sheet))
    assert refused.returncode == 1
    assert "column phones: expected a UK number starting 0 or +44" in refused.stderr


def test_a_sheet_without_required_columns_says_which_are_missing(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "out.csv"
    assert run_waymark(project, "export", str(sheet)).returncode == 0
    rows = _rows(sheet)
    drop = {rows[0].index("summary"), rows[0].index("sources")}
    _write(sheet, [[cell for i, cell in enumerate(row) if i not in drop] for row in rows])
    refused = run_waymark(project, "import", str(sheet))
    assert refused.returncode == 1
    for column in ("summary", "sources"):
        assert (
            f"row 1, column {column}: expected this column (required; see the template); found the column is missing"
            in refused.stderr
        )
    assert refused.stderr.count("column summary") == 1


def test_a_windows_1252_csv_is_explained_not_a_codec_error(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "out.csv"
    assert run_waymark(project, "export", str(sheet)).returncode == 0
    rows = _rows(sheet)
    rows[1][rows[0].index("name")] = "Café Helpline"
    _write(sheet, rows, encoding="cp1252")
    refused = run_waymark(project, "import", str(sheet))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "expected a CSV file saved as UTF-8" in refused.stderr and "CSV UTF-8" in refused.stderr


def test_an_id_the_file_system_refuses_is_caught_before_anything_is_written(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "out.csv"
    assert run_waymark(project, "export", str(sheet)).returncode == 0
    rows = _rows(sheet)
    new_row = list(rows[1])
    new_row[rows[0].index("id")] = "a" + "-a" * 150  # 301 characters: "File name too long"
    rows.insert(1, [*rows[1][:1], *rows[1][1:]])
    rows[1][rows[0].index("id")] = "brand-new-service"
    rows.append(new_row)
    _write(sheet, rows)
    before = tree_digest(project / "data")
    refused = run_waymark(project, "import", str(sheet))
    assert refused.returncode == 1 and "column id: expected at most 80 characters" in refused.stderr
    assert tree_digest(project / "data") == before


def test_a_write_failing_part_way_puts_everything_back(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from waymark.data.catalogue import load_catalogue
    from waymark.tools import service_import

    data = project / "data"
    catalogue = load_catalogue(data, schema_dir=data / "schema")
    records = [
        (rid, {**r.data, "summary": r.data["summary"] + " Changed."})
        for rid, r in catalogue.records["service"].items()
        if r.source.path.parent.name == "services"  # council routes are edited in data/councils/
    ]
    records.append(("brand-new-service", dict(records[0][1])))
    real_replace, calls = os.replace, []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) == 4:  # after some files have been moved in
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    before = tree_digest(data)
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        service_import.save_records(records, catalogue)
    monkeypatch.setattr(os, "replace", real_replace)
    assert tree_digest(data) == before
    assert not list((data / "services").glob(".import-*"))


# ---------------------------------------------------------------- resource limits and odd files


def test_a_yaml_alias_bomb_is_refused_at_once(project: Path) -> None:
    names = "abcdefghi"  # nine lines, each nine times the one before: 9**9 values if expanded
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in itertools.pairwise(names)
    )
    (project / "data" / "services" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    report = check_refuses(project, "data/services/bomb.yaml:", "expected plain values (no YAML anchors or aliases)")
    assert time.perf_counter() - started < 30 and "MemoryError" not in report


def test_deep_nesting_is_refused_without_a_crash(project: Path) -> None:
    (project / "data" / "services" / "deep.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    check_refuses(project, "data/services/deep.yaml:1:", "expected at most 32 levels of nesting")


def test_the_build_of_a_bomb_fails_cleanly_and_leaves_no_temporary_folder(project: Path) -> None:
    (project / "data" / "services" / "bomb.yaml").write_text("a: &a [1, 2]\nb: [*a, *a]\n", encoding="utf-8")
    failed = run_waymark(project, "build")
    assert failed.returncode == 1 and "no YAML anchors or aliases" in failed.stderr
    assert not list(project.glob(".site-new-*"))


def test_links_pipes_devices_and_huge_files_in_data_are_refused(project: Path, tmp_path: Path) -> None:
    services = project / "data" / "services"
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: not ours\n")
    (services / "linked.yaml").symlink_to(outside)
    (services / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(services / "x.yaml")
    (services / "huge.yaml").write_text("name: x\n" + "# padding\n" * 120_000)
    started = time.perf_counter()
    check_refuses(
        project,
        "data/services/linked.yaml: (whole file): expected a regular file; found a symbolic link",
        "data/services/zero.yaml: (whole file): expected a regular file; found a symbolic link",
        "data/services/x.yaml: (whole file): expected a regular file; found a pipe, device or folder",
        "data/services/huge.yaml: (whole file): expected at most 1,000,000 bytes",
    )
    assert time.perf_counter() - started < 30
    assert stat.S_ISFIFO((services / "x.yaml").lstat().st_mode)


def test_a_missing_required_field_is_reported_once(project: Path) -> None:
    path = project / "data" / "services" / "example-idva.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^summary: .*\n", "", text, flags=re.M), encoding="utf-8")
    report = check_refuses(project, "[example-idva] summary: expected a value (this field is required)")
    assert report.count("summary: expected a value") == 1


# ---------------------------------------------------------------- Open Referral UK feeds

ORUK_CASES = {
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "file 0, (service): expected at most 64 levels of nesting"),
    "a list of numbers": ("[1, 2]", "service 1, (service): expected the ORUK shape; found 1 is not of type 'object'"),
    "contents that are text": ('{"contents": "abc"}', "service 1, (service): expected the ORUK shape"),
    "a phone without a number": (
        json.dumps([{"name": "Line", "phones": [{"type": "voice"}]}]),
        "service 1, phones.0: expected the ORUK shape; found 'number' is a required property",
    ),
    "an age of 1e400": (
        '[{"name": "Line", "minimum_age": 1e400}]',
        "service 1, minimum_age: expected the ORUK shape",
    ),
    "an id ending in a newline": (
        json.dumps(
            [
                {
                    "name": "Line",
                    "attributes": [
                        {"taxonomy_term": {"taxonomy": "waymark-record", "term": json.dumps({"record_id": "line\n"})}}
                    ],
                }
            ]
        ),
        "service 1, Line: id: expected lowercase letters, digits and single hyphens; found 'line\\n'",
    ),
}


@pytest.mark.parametrize("case", ORUK_CASES)
def test_a_broken_oruk_feed_gets_a_message_never_a_traceback(project: Path, tmp_path: Path, case: str) -> None:
    text, expected = ORUK_CASES[case]
    feed = tmp_path / "feed.json"
    feed.write_text(text, encoding="utf-8")
    before = tree_digest(project / "data")
    result = run_waymark(project, "oruk-import", str(feed), timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert tree_digest(project / "data") == before


# ---------------------------------------------------------------- a regional copy and deployment


def test_new_region_quotes_any_name_and_the_copy_still_builds(project: Path) -> None:
    name = "Bristol, Bath: North #1"
    made = run_waymark(project, "new-region", "--id", "bristol-bath", "--name", name)
    assert made.returncode == 0, made.stderr
    built = run_waymark(project, "build")
    assert built.returncode == 0, built.stderr
    finder = (project / "site" / "services" / "index.html").read_text(encoding="utf-8")
    assert "Bristol, Bath: North #1" in finder


def test_new_region_refuses_a_name_that_would_break_the_config_and_changes_nothing(project: Path) -> None:
    before = tree_digest(project / "data") + (project / "mkdocs.yml").read_text()
    refused = run_waymark(project, "new-region", "--id", "north", "--name", "North\nsite_name: Evil")
    assert refused.returncode == 1 and "NAME: expected the region's name on one line" in refused.stderr
    assert tree_digest(project / "data") + (project / "mkdocs.yml").read_text() == before


def test_the_built_site_is_readable_by_a_web_servers_own_user(project: Path) -> None:
    umask = os.umask(0o077)  # a maintainer's private umask: the build must not pass it on to the site
    try:
        assert run_waymark(project, "build").returncode == 0
    finally:
        os.umask(umask)
    site = project / "site"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    for path in site.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_make_waits_for_the_package_lock_instead_of_failing(project: Path) -> None:
    """`make system` asks apt to wait for another apt process (a real CI runner often has one)."""
    makefile = (FIXTURES.parents[1] / "Makefile").read_text(encoding="utf-8")
    installs = [
        line for line in makefile.splitlines() if "apt-get" in line and "echo" not in line and "command -v" not in line
    ]

    assert installs and all("DPkg::Lock::Timeout" in line for line in installs)
