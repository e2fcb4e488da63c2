"""data/guide.yaml: the needs-first guide, as data (see the file's own header for its shape).

Every need's options must be legal records and its categories real categories; every text is
plain and meets the reading-ease bar. The guide is optional: without the file there is no /help/.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem, did_you_mean, shown
from .read import FieldPath, SourceFile, dotted
from .readability import MIN_READING_EASE, flesch_reading_ease, plain_text_expected
from .schema import ID_PATTERN


@dataclass(frozen=True)
class Option:
    """A legal record that may fit a need, and one line on why."""

    id: str
    why: str


@dataclass(frozen=True)
class Need:
    """One thing a person may need most."""

    id: str
    label: str
    intro: str
    categories: tuple[str, ...]
    options: tuple[Option, ...]
    intro_in: tuple[tuple[str, str], ...] = ()  # (nation id, intro) where a nation's answer differs

    def intro_for(self, nation: str) -> str:
        """The intro of this need's answer for `nation` (its own, or the need's)."""
        return dict(self.intro_in).get(nation, self.intro)


@dataclass(frozen=True)
class Guide:
    """The whole guide."""

    title: str
    intro: str
    question: str
    not_safe: str
    safe_now: str
    needs: tuple[Need, ...]


def read_guide(src: SourceFile, legal_ids: set[str], category_ids: set[str]) -> tuple[Guide | None, list[Problem]]:
    """Read and check data/guide.yaml."""
    data = src.data if isinstance(src.data, dict) else {}
    problems: list[Problem] = []

    def problem(path: FieldPath, expected: str, found: object, hint: str = "") -> None:
        problems.append(Problem(src.shown_path, src.line_of(path), "", dotted(path), expected, shown(found), hint))

    def text(value: object, path: FieldPath, measured: bool = True) -> str:
        """Plain text; paragraphs are held to the reading-ease bar (a three-word label cannot be scored)."""
        expected = plain_text_expected(value, measured)
        if expected:
            problem(path, expected, value)
        return value.strip() if isinstance(value, str) and expected != "plain text" else ""

    safe: dict[str, object] = data["safe"] if isinstance(data.get("safe"), dict) else {}

    needs = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("needs") or []):
        path: FieldPath = ("needs", i)
        if not isinstance(entry, dict):
            problem(path, "a need with id, label, intro, categories and options", entry)
            continue
        ident = entry.get("id")
        if not isinstance(ident, str) or not ID_PATTERN.fullmatch(ident) or ident in seen:
            problem(path + ("id",), "a new id of lowercase words and hyphens", ident)
            continue
        seen.add(ident)
        categories = []
        for j, category in enumerate(entry.get("categories") or []):
            if category not in category_ids:
                problem(path + ("categories", j), "a category id", category, did_you_mean(category, category_ids))
            else:
                categories.append(category)
        options = []
        for j, option in enumerate(entry.get("options") or []):
            where = path + ("options", j)
            record = option.get("id") if isinstance(option, dict) else None
            if record not in legal_ids:
                problem(where + ("id",), "the id of a legal record", record, did_you_mean(record, legal_ids))
                continue
            options.append(Option(str(record), text(option.get("why"), where + ("why",), measured=False)))
        whys = " ".join(o.why for o in options)
        if whys and flesch_reading_ease(whys) < MIN_READING_EASE:  # the lines read together, as on the page
            problem(path + ("options",), f"plain English (Flesch reading ease at least {MIN_READING_EASE:.0f})", whys)
        label = text(entry.get("label"), path + ("label",), measured=False)
        given = entry.get("intro_in")
        intro_in: dict[object, object] = given if isinstance(given, dict) else {}
        by_nation = tuple((str(n), text(t, path + ("intro_in", str(n)))) for n, t in intro_in.items())
        intro = text(entry.get("intro"), path + ("intro",))
        needs.append(Need(ident, label, intro, tuple(categories), tuple(options), by_nation))
    guide = Guide(
        text(data.get("title"), ("title",), measured=False),
        text(data.get("intro"), ("intro",)),
        text(safe.get("question"), ("safe", "question")),
        text(safe.get("not_safe"), ("safe", "not_safe")),
        text(safe.get("safe_now"), ("safe", "safe_now")),
        tuple(needs),
    )
    if not needs:
        problem(("needs",), "at least one need", data.get("needs"))
    return (None if problems else guide), problems
