"""The real `mkdocs build --strict`: pages for every record, safe HTML, atomic failure."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from project import (
    FIXTURE_TODAY,
    FIXTURES,
    PROJECT,
    an_earlier_build,
    card_names,
    copy_project,
    run_waymark,
    tree_digest,
)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_record_area_and_category_has_a_page(fixture_site: Path) -> None:
    for url in [
        "services/example-helpline",
        "services/example-refuge",
        "orders/example-order",
        "orders/example-offence",
        "housing/example-duty",
        "nrpf/example-route",
        "support/example-support",
        "orders",
        "housing",
        "nrpf",
        "support",
        "services",
        "areas",
        "areas/testshire",
        "areas/north-testshire",
        "categories",
        "categories/refuge",
    ]:
        assert (fixture_site / url / "index.html").is_file(), url


def test_order_page_lists_the_services_that_help_with_it(fixture_site: Path) -> None:
    html = read(fixture_site, "orders/example-order")
    assert 'href="../../services/example-helpline/"' in html
    assert 'href="../../services/example-idva/"' in html
    service = read(fixture_site, "services/example-helpline")
    assert 'href="../../orders/example-order/">Example protection order</a>' in service


def test_order_page_has_plain_part_then_workers_part_with_sources(fixture_site: Path) -> None:
    html = read(fixture_site, "orders/example-order")
    assert html.index('id="for-you"') < html.index('id="for-workers"') < html.index('id="sources"')
    assert "The law is different in Scotland and Northern Ireland." in html
    assert '<time datetime="2026-03-01">1 March 2026</time>' in html
    assert 'href="https://www.legislation.gov.uk/ukpga/2000/1/section/1" rel="noreferrer noopener"' in html


def test_area_page_lists_what_is_specific_to_the_place_then_the_wide_services(fixture_site: Path) -> None:
    html = read(fixture_site, "areas/north-testshire")
    door = html[html.index('id="council-homelessness"') : html.index('id="services"')]
    assert "North Testshire homelessness service" in door and 'href="tel:03000001111"' in door
    services = html[html.index('id="services"') : html.index('id="wide"')]
    names = card_names(services)
    # The place's own services in the first-minute order: the local IDVA service, then the region's refuge.
    assert names == ["North Testshire IDVA Service", "Example Refuge Service"]
    wide = html[html.index('id="wide"') :]
    assert 'href="../../areas/england/"' in wide and 'href="../../areas/national/"' in wide
    # The UK-wide 24-hour line is in the crisis block at the top, before anything else.
    assert html.index("services/example-helpline/") < html.index('id="council-homelessness"')


def test_refuge_page_never_shows_an_address_section(fixture_site: Path) -> None:
    assert 'id="address"' not in read(fixture_site, "services/example-refuge")
    assert "TE1 1ST" in read(fixture_site, "services/example-idva")


def test_records_stay_out_of_the_nav(fixture_site: Path) -> None:
    html = read(fixture_site, "orders/example-order")
    nav = html[
        html.index('<nav class="md-nav md-nav--primary"') : html.index(
            "</nav>", html.index('class="md-nav md-nav--primary"')
        )
    ]
    assert "example-helpline" not in nav and "example-duty" not in nav


def test_no_page_asks_another_host_for_anything(fixture_site: Path) -> None:
    external = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""")
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_every_outgoing_link_is_noreferrer(fixture_site: Path) -> None:
    for page in fixture_site.rglob("*.html"):
        for tag in re.findall(r"<a\s[^>]*href=\"https?://[^>]*>", page.read_text(encoding="utf-8")):
            assert "noreferrer" in tag, (page, tag)


def test_bundled_data_builds_strictly(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "orders" / "index.html").is_file()
    assert (built_site / "404.html").is_file()


@pytest.mark.parametrize("breakage", ["schema", "yaml"])
def test_failed_build_exits_non_zero_and_leaves_site_untouched(
    tmp_path: Path, breakage: str, fixture_site: Path
) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = an_earlier_build(project, fixture_site)
    record = project / "data" / "orders" / "example-order.yaml"
    text = record.read_text()
    record.write_text(
        text.replace("kind: civil", "kind: civl")
        if breakage == "schema"
        else text.replace("kind: civil", "kind: [civil")
    )
    result = run_waymark(project, "build")
    assert result.returncode == 1
    assert "data/orders/example-order.yaml:" in result.stderr
    assert "left as it was" in result.stderr
    assert tree_digest(project / "site") == before


def test_check_command_reports_and_exits_non_zero(tmp_path: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    ok = run_waymark(project, "check", "--data", str(project / "data"))
    assert ok.returncode == 0 and "data OK: 5 service" in ok.stdout
    (project / "data" / "services" / "example-refuge.yaml").write_text("name: [unclosed\n")
    bad = run_waymark(project, "check", "--data", str(project / "data"))
    assert bad.returncode == 1
    assert "data/services/example-refuge.yaml:" in bad.stderr and "expected valid YAML" in bad.stderr


def test_plain_mkdocs_build_with_bad_data_stops_before_touching_site(tmp_path: Path, fixture_site: Path) -> None:
    project = copy_project(tmp_path, FIXTURES / "data")
    before = an_earlier_build(project, fixture_site)
    (project / "data" / "housing" / "example-duty.yaml").write_bytes(b"name: \xff\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WAYMARK_TODAY": FIXTURE_TODAY}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "data/housing/example-duty.yaml:1:" in result.stderr + result.stdout
    assert tree_digest(project / "site") == before


def test_project_layout_matches_the_design_card() -> None:
    for name in [
        "mkdocs.yml",
        "docs",
        "data/services",
        "data/orders",
        "data/housing",
        "data/nrpf",
        "data/areas.yaml",
        "data/categories.yaml",
        "data/schema",
        "hooks",
        "tests",
        "README.md",
        "Makefile",
        ".ci/run",
    ]:
        assert (PROJECT / name).exists(), name


COUNTED_BUILD = """
import os, sys
from pathlib import Path
import waymark.glue.adapter as adapter
from waymark.glue.languages import can_fork
from waymark.tools.cli import build_site

real = adapter.load_catalogue

def counted(data_dir, *args, **kwargs):
    with open(sys.argv[2], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {data_dir}\\n")
    return real(data_dir, *args, **kwargs)

adapter.load_catalogue = counted
assert can_fork(), "a fresh process runs no other thread: the other languages build in a fork of it"
build_site(Path(sys.argv[1]) / "mkdocs.yml", Path(sys.argv[1]) / "site")
print(os.getpid())
"""


def test_both_languages_come_from_one_load_of_the_records(tmp_path: Path) -> None:
    """`make build`'s path, in a process of its own: every load is written to a file, so a load in
    the forked copy that builds Welsh would count too."""
    project = copy_project(tmp_path, FIXTURES / "data", languages=True)
    loads = tmp_path / "loads"
    env = {
        **os.environ,
        "PYTHONPATH": str(project / "hooks"),
        "WAYMARK_TODAY": FIXTURE_TODAY,
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", COUNTED_BUILD, str(project), str(loads)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "cy" / "orders" / "index.html").is_file()
    assert loads.read_text(encoding="utf-8").splitlines() == [f"{result.stdout.strip()} {project / 'data'}"]


def test_a_failure_in_another_language_fails_the_build_and_leaves_site_untouched(
    tmp_path: Path, fixture_site: Path
) -> None:
    """The Welsh site builds beside the English one; its failure is the build's, with its own message."""
    project = copy_project(tmp_path, FIXTURES / "data", languages=True)
    before = an_earlier_build(project, fixture_site)
    (project / "docs" / "about.cy.md").write_text("# Amdanom\n\n<script>alert(1)</script>\n", encoding="utf-8")
    result = run_waymark(project, "build")
    assert result.returncode == 1, result.stderr
    assert "inline <script>" in result.stderr and "another language" in result.stderr
    assert "left as it was" in result.stderr
    assert tree_digest(project / "site") == before
