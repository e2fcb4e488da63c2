"""data/synonyms.yaml: the words people type, mapped to the words the records use."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem, shown
from .read import SourceFile


@dataclass(frozen=True)
class Synonym:
    """Words people type, and the words the records use for the same thing."""

    words: tuple[str, ...]
    means: str
    language: str = "en"  # of `words`; the records' words (`means`) are English
    respell: bool = False  # `words` are ways of typing `means` ("tonite"): read as it, not added to it


def read_synonyms(src: SourceFile) -> tuple[list[Synonym], list[Problem]]:
    """data/synonyms.yaml: a list of {words: [...], means: "..."}; every mistake reported."""
    problems: list[Problem] = []
    synonyms: list[Synonym] = []
    if not isinstance(src.data, list):
        return [], [Problem(src.shown_path, 1, "", "", "a list of {words, means}", shown(src.data))]
    for index, entry in enumerate(src.data):
        line = src.line_of((index,))
        words = entry.get("words") if isinstance(entry, dict) else None
        means = entry.get("means") if isinstance(entry, dict) else None
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            problems.append(Problem(src.shown_path, line, "", f"[{index}].words", "a list of words", shown(words)))
            continue
        if not isinstance(means, str) or not means.strip():
            problems.append(
                Problem(src.shown_path, line, "", f"[{index}].means", "the words to search for", shown(means))
            )
            continue
        language = entry.get("language") or "en"
        if language != "en" and not isinstance(entry.get("source"), dict):
            expected = "the published page these words were read on (title, url), as for every word not in English"
            problems.append(Problem(src.shown_path, line, "", f"[{index}].source", expected, "nothing"))
            continue
        respell = entry.get("respell") is True
        if respell and any(len(w.split()) not in (1, 2) for w in words):
            expected = "one word or a pair of words each, to read as `means`"
            problems.append(Problem(src.shown_path, line, "", f"[{index}].words", expected, shown(words)))
            continue
        synonyms.append(Synonym(tuple(w.strip().lower() for w in words), means.strip().lower(), str(language), respell))
    return synonyms, problems
