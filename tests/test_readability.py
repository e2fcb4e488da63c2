"""Plain English, measured: every survivor-facing summary reads at Flesch reading ease >= 60."""

from __future__ import annotations

import datetime as dt

import pytest
from project import PROJECT
from waymark.data.catalogue import load_catalogue
from waymark.data.chooser import RECORD_LINK
from waymark.data.readability import MIN_READING_EASE, flesch_reading_ease, syllables


def test_syllables_and_scores_behave_like_flesch() -> None:
    assert [syllables(w) for w in ("you", "order", "police", "molestation", "accommodation")] == [1, 2, 2, 4, 5]
    easy = "You can call us at any time. We will talk to you. It is free."
    hard = (
        "Notwithstanding the aforementioned statutory provisions, applicants demonstrating eligibility "
        "considerations must substantiate circumstances evidencing vulnerability."
    )
    assert flesch_reading_ease(easy) > 90
    assert flesch_reading_ease(hard) < 0
    assert flesch_reading_ease("See [the court form](https://www.gov.uk/x). Call **999**.") > 60


def test_every_survivor_facing_text_is_plain_english() -> None:
    catalogue = load_catalogue(PROJECT / "data", dt.date.today())
    texts = [
        (f"{record.source.shown_path} {field}", record.data[field])
        for records in catalogue.records.values()
        for record in records.values()
        for field in ("summary", "for_you")
        if record.data.get(field)
    ]
    for chooser in catalogue.choosers:  # "Which order fits?": link labels stay, link targets go
        texts += [(f"data/{chooser.id}.yaml", RECORD_LINK.sub(r"\1", " ".join(s.points))) for s in chooser.situations]
    assert texts, "no records to measure"
    hard = {where: round(flesch_reading_ease(text), 1) for where, text in texts}
    hard = {where: score for where, score in hard.items() if score < MIN_READING_EASE}
    assert hard == {}, f"below Flesch reading ease {MIN_READING_EASE}: rewrite in shorter words and sentences"


def test_every_guide_page_is_plain_english() -> None:
    """Hand-written pages for survivors (not the maintainers' guide) meet the same bar."""
    # English pages only: a page's Welsh text (x.cy.md) is not scored by an English formula.
    pages = [p for p in (PROJECT / "docs").rglob("*.md") if "maintainers" not in p.parts and p.suffixes == [".md"]]
    assert len(pages) >= 3
    scores = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        scores[page.relative_to(PROJECT).as_posix()] = round(flesch_reading_ease(text), 1)
    assert {p: s for p, s in scores.items() if s < MIN_READING_EASE} == {}


@pytest.mark.parametrize("text", ["", "999"])
def test_text_without_words_is_not_an_error(text: str) -> None:
    assert flesch_reading_ease(text) == 100.0
