"""Problems found in the data: one shape for every error and warning, so maintainers see them all at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value in one file.

    Sorted by file and line so a maintainer can fix them top to bottom. A warning is reported but
    does not stop a build (for example a record's share of official sources below the target).
    """

    file: str
    line: int
    record: str
    field: str
    expected: str
    found: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" [{self.record}]" if self.record else ""
        field = self.field or "(whole file)"
        label = "warning: " if self.severity == WARNING else ""
        text = f"{where}:{who} {label}{field}: expected {self.expected}; found {self.found}"
        return f"{text} ({self.hint})" if self.hint else text


class DataError(Exception):
    """Raised once with every problem of a run, after all records were checked."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        count = len(errors_only(self.problems))
        warned = len(self.problems) - count
        also = f" (and {warned} warning{'s' if warned != 1 else ''})" if warned else ""
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data{also}:\n{lines}")

    def __reduce__(self) -> tuple[type[DataError], tuple[list[Problem]]]:
        """Pickled with its problems (a worker process of a large build hands it back whole)."""
        return (DataError, (self.problems,))


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == ERROR]


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A "did you mean" hint for a near miss among `choices`, or an empty string."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def shown(value: object, limit: int = 60) -> str:
    """A short, printable form of a found value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def with_article(noun: str) -> str:
    """ "an integer", "a string": the article a noun needs."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
