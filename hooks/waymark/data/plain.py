"""Reading small hand-written data files of plain text and links (places-help, language-help).

`PlainReader` collects every problem with its line, like the record validator: a text must be
plain (no markup), a paragraph must meet the reading-ease bar, a link must be http(s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .problems import Problem, shown
from .read import FieldPath, SourceFile, dotted
from .readability import plain_text_expected

URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Link:
    """A titled link."""

    title: str
    url: str


class PlainReader:
    """Reads one file's values and keeps every problem found."""

    def __init__(self, src: SourceFile) -> None:
        self.src = src
        self.problems: list[Problem] = []

    def problem(self, path: FieldPath, expected: str, found: object) -> None:
        """Note a problem at `path`."""
        self.problems.append(
            Problem(self.src.shown_path, self.src.line_of(path), "", dotted(path), expected, shown(found))
        )

    def text(self, value: Any, path: FieldPath, plain_english: bool = False) -> str:
        """Plain text (a paragraph when `plain_english`: held to the reading-ease bar)."""
        expected = plain_text_expected(value, plain_english)
        if expected:
            self.problem(path, expected, value)
        return value.strip() if isinstance(value, str) and expected != "plain text" else ""

    def link(self, value: Any, path: FieldPath) -> Link | None:
        """A {title, url} link with an http(s) address."""
        if not isinstance(value, dict):
            self.problem(path, "a {title, url} link", value)
            return None
        url = value.get("url")
        if not isinstance(url, str) or not URL.fullmatch(url):
            self.problem(path + ("url",), "an http(s) address", url)
            return None
        return Link(self.text(value.get("title"), path + ("title",)), url)
