"""One location rule (data/text.py `location_in`) for every way a person writes where a place is,
held on refuge records and on any hand-written page that names a refuge (data/pages_check.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from project import FIXTURES
from waymark.data.catalogue import load_catalogue
from waymark.data.problems import DataError
from waymark.data.text import location_in

LOCATES = {
    "postcode": "LS1 4AP",
    "postcode, lower case, no space": "ls14ap",
    "postcode, no-break space": "LS1\u00a04AP",
    "street address": "12 Acacia Avenue",
    "street address, no number or postcode": "the house on Acacia Avenue, Leeds",
    "grid reference": "SE 29 34",
    "decimal coordinates": "53.7996, -1.5491",
    "coordinates with N and W after": "53.7996 N, 1.5491 W",
    "coordinates with N and W before": "N53.7996 W1.5491",
    "degrees and minutes": "53° 47' N 1° 32' W",
    "plus code": "9C5WQ8F2+XQ",
    "short plus code and a town": "Q8F2+XQ Leeds",
    "what3words with slashes": "///filled.count.soap",
    "what3words without slashes": "filled.count.soap",
    "what3words named": "w3w filled count soap",
    "map link": "https://maps.app.goo.gl/abc123",
}
#: Ordinary words in records that must not be taken for a location.
HARMLESS = [
    "See www.gov.uk and nhs.uk/sarcs for more.",
    "Call 0808 2000 247, or text 07860 077333.",
    "e.g. refuges, i.e. safe houses.",
    "The Women's Aid Federation of England",
    "Rape Crisis England & Wales (rapecrisis.org.uk)",
    "St Mary's Hospital runs the SARC.",
    "Section 2 of the Act; 3.5 miles; 20 minutes.",
]


@pytest.mark.parametrize("text", list(LOCATES.values()), ids=list(LOCATES))
def test_every_way_of_writing_a_location_is_found(text: str) -> None:
    assert location_in(text) is not None


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_record_text_is_not_taken_for_a_location(text: str) -> None:
    assert location_in(text) is None


def test_a_page_that_names_a_refuge_may_not_say_where_anything_is(tmp_path: Path) -> None:
    data = Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n\nWe are at 12 Acacia Avenue.\n", encoding="utf-8")
    load_catalogue(data)  # a page that names no refuge may give its own address
    (docs / "maintainers").mkdir()
    page = docs / "maintainers" / "notes.md"
    page.write_text("# Notes\n\nExample Refuge Service\n\nThe house is at filled.count.soap.\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    problem = next(p for p in caught.value.problems if p.file == "docs/maintainers/notes.md")
    assert problem.line == 5 and "what3words" in problem.found


def test_a_pages_welsh_text_is_checked_like_its_english(tmp_path: Path) -> None:
    """x.cy.md is published on the Welsh site in place of x.md: the same refuge check holds it."""
    data = Path(shutil.copytree(FIXTURES / "data", tmp_path / "data"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n\nExample Refuge Service takes referrals.\n", encoding="utf-8")
    (docs / "about.cy.md").write_text("# Amdanom\n\nExample Refuge Service: LS6 1AB.\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(data)
    assert any(p.file == "docs/about.cy.md" and p.line == 3 for p in caught.value.problems)
