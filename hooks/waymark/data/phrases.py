"""data/phrases.yaml: situations in everyday words, and the pages that answer them first.

    - says: ["keeps turning up", "won't leave me alone"]
      find: [orders/non-molestation-order/, services/national-domestic-abuse-helpline/]

Search shows the `find` pages first, in this order, when what someone types contains one of the
`says` phrases as whole words (GOV.UK calls these "best bets"). Every page must exist: a record,
a category, a place or a guide page.

A situation is often two things said together: who is speaking and what happens to them ("my
wife" + "controls everything": a man harmed by a woman). `all_of` holds such groups; the entry
matches when the query mentions a phrase of every group, in any order:

    - all_of: [["my wife", "my girlfriend"], ["controls", "hits me", "violent"]]
      find: [services/mens-advice-line/]
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem, did_you_mean, shown
from .read import SourceFile
from .text import markup_in


@dataclass(frozen=True)
class Phrase:
    """Everyday words, and the pages they lead to first."""

    says: tuple[str, ...]
    find: tuple[str, ...]
    alone: bool = False  # only when the query is nothing but these words (bare nation and city words)
    all_of: tuple[tuple[str, ...], ...] = ()  # or: a phrase of every group (who is speaking + what happens)
    within: int | None = None  # all_of in the groups' order, each at most this many words after the last
    unless: tuple[str, ...] = ()  # not when the query mentions one of these (someone else's words or acts)


def read_phrases(src: SourceFile, pages: set[str]) -> tuple[list[Phrase], list[Problem]]:
    """Read data/phrases.yaml; `pages` are the site-relative URLs that may be named."""
    if not isinstance(src.data, list):
        return [], [Problem(src.shown_path, 1, "", "", "a list of {says, find}", shown(src.data))]
    phrases, problems = [], []
    for index, entry in enumerate(src.data):
        says = entry.get("says", []) if isinstance(entry, dict) else None
        groups = entry.get("all_of", []) if isinstance(entry, dict) else None
        find = entry.get("find") if isinstance(entry, dict) else None
        line = src.line_of((index,))
        if not isinstance(says, list) or not _plain_words(says):
            problems.append(Problem(src.shown_path, line, "", f"[{index}].says", "a list of plain words", shown(says)))
            continue
        if not isinstance(groups, list) or not all(isinstance(g, list) and g and _plain_words(g) for g in groups):
            expected = "a list of groups, each a list of plain words"
            problems.append(Problem(src.shown_path, line, "", f"[{index}].all_of", expected, shown(groups)))
            continue
        if (groups and len(groups) < 2) or not (says or groups):  # the schema says so too, with its line
            expected = "`says`, or `all_of` with two groups or more"
            problems.append(Problem(src.shown_path, line, "", f"[{index}]", expected, shown(entry)))
            continue
        if not isinstance(find, list) or not find:
            problems.append(
                Problem(src.shown_path, line, "", f"[{index}].find", "a list of page addresses", shown(find))
            )
            continue
        for j, url in enumerate(find):
            if url not in pages:
                where = src.line_of((index, "find", j))
                hint = did_you_mean(url, pages)
                problems.append(
                    Problem(
                        src.shown_path, where, "", f"[{index}].find[{j}]", "the address of a page", shown(url), hint
                    )
                )
        alone = entry.get("alone") is True if isinstance(entry, dict) else False
        within = entry.get("within") if isinstance(entry, dict) else None
        unless = entry.get("unless", []) if isinstance(entry, dict) else []
        if within is not None and not (isinstance(within, int) and not isinstance(within, bool) and groups):
            expected = "a number of words (0 to 5), with `all_of`"
            problems.append(Problem(src.shown_path, line, "", f"[{index}].within", expected, shown(within)))
            continue
        if not isinstance(unless, list) or not _plain_words(unless):
            expected = "a list of plain words"
            problems.append(Problem(src.shown_path, line, "", f"[{index}].unless", expected, shown(unless)))
            continue
        phrases.append(
            Phrase(
                tuple(s.strip().lower() for s in says),
                tuple(str(u) for u in find),
                alone,
                tuple(tuple(s.strip().lower() for s in group) for group in groups),
                within,
                tuple(s.strip().lower() for s in unless),
            )
        )
    return phrases, problems


def _plain_words(items: object) -> bool:
    """A list of non-empty strings without markup (an empty list passes)."""
    return isinstance(items, list) and all(isinstance(s, str) and s.strip() and not markup_in(s) for s in items)
