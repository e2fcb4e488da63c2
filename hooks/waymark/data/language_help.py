"""data/language-help.yaml: the "Help in your language" page, as data.

    last_reviewed: 2026-12-01
    intro: Plain English for someone who may not read it well.
    interpreters:                      # lines whose own pages say they use interpreters
      - {service: <id>, how: plain text, source: {title, url}}
    bsl: [...]                         # British Sign Language routes, same shape
    relay_uk: [...]                    # Relay UK routes, same shape
    translated:                        # only where an official translated page exists
      - {language: pl, service: <id>, text: in that language, meaning: in English, source: {title, url}}
    not_verified: [...]

No phone number is written here: each entry names a service, whose numbers come from its record.
A translated line is shown with its language's `lang` and writing direction (from CLDR).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .languages import Language, language, language_named
from .model import Record
from .plain import Link, PlainReader
from .problems import Problem
from .read import FieldPath, SourceFile

ROUTES = ("interpreters", "bsl", "relay_uk")
LANGUAGE_HELP_URL = "languages/"  # the page's address: phrases and search may point to it


@dataclass(frozen=True)
class Route:
    """One service and how to ask it for this kind of help."""

    service: str
    how: str
    source: Link


@dataclass(frozen=True)
class Translated:
    """A short line in another language, from an official translated page."""

    language: Language
    service: str
    text: str
    meaning: str
    source: Link


@dataclass(frozen=True)
class LanguageHelp:
    """The whole page's data."""

    intro: str = ""
    routes: dict[str, tuple[Route, ...]] = field(default_factory=dict)
    translated: tuple[Translated, ...] = ()
    last_reviewed: dt.date | None = None


def read_language_help(src: SourceFile, services: set[str]) -> tuple[LanguageHelp | None, list[Problem]]:
    """Read and check data/language-help.yaml; every problem with its line."""
    reader = PlainReader(src)
    data: dict[str, Any] = src.data if isinstance(src.data, dict) else {}

    def service(value: object, path: FieldPath) -> str:
        if not isinstance(value, str) or value not in services:
            reader.problem(path, "a service id from data/services/", value)
            return ""
        return value

    routes: dict[str, tuple[Route, ...]] = {}
    for kind in ROUTES:
        found = []
        for index, entry in enumerate(data.get(kind) or []):
            path: FieldPath = (kind, index)
            if not isinstance(entry, dict):
                reader.problem(path, "a {service, how, source} entry", entry)
                continue
            ident = service(entry.get("service"), path + ("service",))
            how = reader.text(entry.get("how"), path + ("how",), plain_english=True)
            source = reader.link(entry.get("source"), path + ("source",))
            if ident and how and source:
                found.append(Route(ident, how, source))
        routes[kind] = tuple(found)
    translated = []
    for index, entry in enumerate(data.get("translated") or []):
        path = ("translated", index)
        if not isinstance(entry, dict):
            reader.problem(path, "a {language, service, text, meaning, source} entry", entry)
            continue
        code = entry.get("language")
        lang = language(code) if isinstance(code, str) else None
        if lang is None:
            reader.problem(path + ("language",), "a language code CLDR knows (e.g. cy, pl, ur)", code)
        ident = service(entry.get("service"), path + ("service",))
        text = reader.text(entry.get("text"), path + ("text",))
        meaning = reader.text(entry.get("meaning"), path + ("meaning",))
        source = reader.link(entry.get("source"), path + ("source",))
        if lang and ident and text and meaning and source:
            translated.append(Translated(lang, ident, text, meaning, source))
    intro = reader.text(data.get("intro"), ("intro",), plain_english=True)
    reviewed = data.get("last_reviewed")
    try:
        reviewed = dt.date.fromisoformat(str(reviewed))
    except ValueError:
        reviewed = None
    if reviewed is None:
        reader.problem(("last_reviewed",), "the date someone last checked this file against its sources", reviewed)
        reviewed = None
    return LanguageHelp(intro, routes, tuple(translated), reviewed), reader.problems


#: Words people type when they, or the person they support, do not speak English (search finds
#: the page by them, and by every language's English and own name in the data).
SEARCH_WORDS = "interpreter interpreters translator translation language languages no English BSL sign language Deaf"


def languages_spoken(services: list[Record]) -> list[tuple[Language, list[Record]]]:
    """Each language other than English that some service's staff speak, with those services."""
    found: dict[str, tuple[Language, list[Record]]] = {}
    for service in services:
        for name in service.data.get("languages") or []:
            spoken = language_named(name)
            if spoken and spoken.code != "en":
                found.setdefault(spoken.code, (spoken, []))[1].append(service)
    return sorted(found.values(), key=lambda pair: pair[0].english)


def search_words(services: list[Record], help_: LanguageHelp | None) -> str:
    """What the page is indexed by: the fixed words, and each language's English and own name."""
    names = [f"{lang.english} {lang.own}" for lang, _ in languages_spoken(services)]
    names += [f"{t.language.english} {t.language.own}" for t in (help_.translated if help_ else ())]
    return " ".join([SEARCH_WORDS, *names])
