"""Plain English, measured: Flesch reading ease for the text a frightened person reads first.

Flesch reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words).
Higher is easier: 60–70 is plain English (most adults read it easily), 80+ is easy. Syllables
come from pyphen's British English hyphenation patterns, cross-checked with a vowel-group count
(hyphenation never splits the first or last two letters, so it undercounts short words).
Markdown markup and link targets are removed first; a list item counts as a sentence.
"""

from __future__ import annotations

import functools
import re

import pyphen

#: Summaries and "what this means for you" text must score at least this (see tests/test_readability.py).
MIN_READING_EASE = 60.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n\s*[-*]\s+|\n{2,}")


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


@functools.cache
def syllables(word: str) -> int:
    """Syllables in one word (at least 1)."""
    word = word.lower().strip("'’")
    vowel_groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and vowel_groups > 1 and not word.endswith(("le", "ee", "ye")):
        vowel_groups -= 1  # a silent final e: "rate", "home"
    hyphenated = len(_dictionary().positions(word)) + 1
    return max(1, hyphenated, vowel_groups)


def plain(markdown: str) -> str:
    """Text without Markdown links, emphasis, headings or code marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"https?://\S+|mailto:\S+|tel:\S+", "", text)
    return re.sub(r"[*_`#>|]", "", text)


def flesch_reading_ease(markdown: str) -> float:
    """The Flesch reading ease score of a text (Markdown allowed)."""
    text = plain(markdown)
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = [part for word in _WORD.findall(text) for part in word.split("-") if part]
    if not words:
        return 100.0
    total = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / max(1, len(sentences)) - 84.6 * total / len(words)


def plain_text_expected(value: object, scored: bool = True) -> str | None:
    """What a page's plain text should have been, or None if `value` is fine.

    Plain text is a non-empty string without markup; `scored` texts (sentences, not three-word
    labels) must also meet the reading-ease bar.
    """
    from .text import markup_in

    if not isinstance(value, str) or not value.strip() or markup_in(value):
        return "plain text"
    if scored and flesch_reading_ease(value) < MIN_READING_EASE:
        return f"plain English (Flesch reading ease at least {MIN_READING_EASE:.0f})"
    return None
