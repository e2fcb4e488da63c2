"""Interface strings in each language: one catalogue per language, checked for missing strings.

English is the source language: every interface string is written in English where it is used,
marked for translation (gettext style), and the English text is the key:

- templates: ``{{ _("Exit this page") }}``, with values: ``{{ _("Services in {place}", place=name) }}``;
- Python: ``N_("Pilot: only in some areas so far")`` marks a label a template translates later;
- scripts: ``T("Added {name}.", {name: ...})`` (load.js), given a language's strings by the
  generated ``assets/waymark/strings.js``.

Each other language has ``hooks/waymark/i18n/<code>.yaml``: the English text, then its
translation and either the ``source`` that publishes that wording or ``review`` (why it awaits a
speaker's review). `catalogue_problems` (run by ``make check`` and every build) reports a string
used in the code but missing from a catalogue, one the code no longer uses, a placeholder that
does not match, and an entry with neither a source nor a review note.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from markupsafe import Markup

from ..data.read import load_yaml
from ..data.text import markup_in

PACKAGE = Path(__file__).resolve().parent.parent
CATALOGUES = PACKAGE / "i18n"
OVERRIDES = PACKAGE.parent.parent / "overrides"
SOURCE_LANGUAGE = "en"
#: The languages a site can be built in: English, and each catalogue in i18n/.
_MARKED = {
    ".html": re.compile(r"""\b_\(\s*"((?:[^"\\]|\\.)+)"|\b_\(\s*'((?:[^'\\]|\\.)+)'"""),
    ".py": re.compile(r"""\bN?_\(\s*"((?:[^"\\]|\\.)+)\""""),
    ".js": re.compile(r"""\bT\(\s*"((?:[^"\\]|\\.)+)\""""),
}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def N_(text: str) -> str:
    """Mark an English label for translation where it is shown; returns it unchanged."""
    return text


@dataclass(frozen=True)
class Entry:
    """One string's translation, and where that wording comes from (or why it awaits review)."""

    text: str
    source: str = ""
    review: str = ""


def languages() -> list[str]:
    """English, then every language with a catalogue."""
    return [SOURCE_LANGUAGE, *sorted(p.stem for p in CATALOGUES.glob("*.yaml"))]


def _unescape(text: str) -> str:
    return json.loads(f'"{text}"') if "\\" in text else text


def label_strings() -> dict[str, str]:
    """Labels kept in tables (nations, audiences, statuses, record types): translated where shown."""
    from ..data.model import (
        AUDIENCES,
        HUB_INTROS,
        JURISDICTION_GROUPS,
        JURISDICTIONS,
        ORDER_KINDS,
        RECORD_TYPES,
        ROLES,
        STATUS_LABELS,
    )

    found: dict[str, str] = {}
    tables = {
        "JURISDICTIONS": list(JURISDICTIONS.values()),
        "AND_JURISDICTIONS": [" and " + name for name in JURISDICTIONS.values()],
        "ORDER_KINDS": [k.split(" (")[0] for k in ORDER_KINDS.values()] + list(ORDER_KINDS.values()),
        "JURISDICTION_GROUPS": [name for _, name, _ in JURISDICTION_GROUPS],
        "STATUS": ["in force", "pilot", "partly in force", "not in force", "unconfirmed"],
        "SECTIONS": [heading for t in RECORD_TYPES for _, heading in t.sections],
        "RECORD_TYPES": [t.title for t in RECORD_TYPES]
        + [t.singular[:1].upper() + t.singular[1:] for t in RECORD_TYPES],
        "AUDIENCES": list(AUDIENCES.values()),
        "ROLES": list(ROLES.values()),
        "STATUS_LABELS": list(STATUS_LABELS.values()),
        "HUB_INTROS": list(HUB_INTROS.values()),
    }
    for table, labels in tables.items():
        for label in labels:
            found.setdefault(label, table)
    return found


def used_strings() -> dict[str, str]:
    """Every marked English string in the package and the theme overrides, with where it is first used."""
    found: dict[str, str] = label_strings() | nav_strings()
    files = [p for p in PACKAGE.rglob("*") if p.suffix in _MARKED and "test" not in p.name]
    files += [p for p in OVERRIDES.rglob("*.html")] if OVERRIDES.is_dir() else []
    for path in sorted(files):
        text = path.read_text(encoding="utf-8")
        for match in _MARKED[path.suffix].finditer(text):
            msgid = _unescape(next(g for g in match.groups() if g is not None))
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(msgid, f"{path.relative_to(PACKAGE.parent.parent)}:{line}")
    return found


@functools.cache
def catalogue(language: str) -> dict[str, Entry]:
    """A language's catalogue (English has none: its strings are the keys)."""
    if language == SOURCE_LANGUAGE:
        return {}
    path = CATALOGUES / f"{language}.yaml"
    src, problems = load_yaml(path, f"hooks/waymark/i18n/{path.name}")
    if problems or not isinstance(src.data, dict):
        return {}
    entries = {}
    for msgid, value in src.data.items():
        if isinstance(value, dict) and isinstance(value.get(language), str):
            entries[str(msgid)] = Entry(value[language], str(value.get("source") or ""), str(value.get("review") or ""))
    return entries


def catalogue_problems() -> list[str]:
    """Every problem with the catalogues, one a line (empty when all is well)."""
    problems: list[str] = []
    used = used_strings()
    for language in languages()[1:]:
        where = f"hooks/waymark/i18n/{language}.yaml"
        src, read_problems = load_yaml(CATALOGUES / f"{language}.yaml", where)
        problems += [str(p) for p in read_problems]
        raw = src.data if isinstance(src.data, dict) else {}
        entries = catalogue(language)
        for msgid, place in used.items():
            if msgid not in entries:
                problems.append(f"{where}: missing {msgid!r} (used at {place})")
        for msgid, entry in entries.items():
            if msgid not in used:
                problems.append(f"{where}: {msgid!r} is no longer used anywhere; remove it")
            if set(_PLACEHOLDER.findall(msgid)) != set(_PLACEHOLDER.findall(entry.text)):
                problems.append(f"{where}: {msgid!r}: the translation must keep the same {{placeholders}}")
            if _unsafe_translation(msgid, entry.text):
                problems.append(
                    f"{where}: {msgid!r}: expected plain text, as the English is (no markup, link, address or "
                    f"control character the English does not have); found {entry.text!r}"
                )
            if not entry.source and not entry.review:
                problems.append(f"{where}: {msgid!r}: expected `source` (where this wording is published) or `review`")
        for msgid, value in raw.items():
            if not (isinstance(value, dict) and isinstance(value.get(language), str) and value[language].strip()):
                problems.append(f"{where}: {msgid!r}: expected {{{language}: text, source or review}}")
    return problems


_LINKISH = re.compile(r"https?:|javascript:|data:|www\\.|[<>]|&[#a-z0-9]+;", re.IGNORECASE)


def _unsafe_translation(msgid: str, text: str) -> bool:
    """A translation that could be more than text on a page: markup, a link or an address the
    English does not have, or a control or bidi character (they can reorder what a page says)."""
    if markup_in(text) or any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return True
    return any(m.group(0).lower() not in msgid.lower() for m in _LINKISH.finditer(text))


class Strings:
    """The interface strings of one language, for one build."""

    def __init__(self, language: str = SOURCE_LANGUAGE) -> None:
        self.language = language
        self.entries = catalogue(language)
        self._dates: dict[dt.date, str] = {}

    def gettext(self, msgid: str, **values: object) -> str:
        """`msgid` in this language (English if the catalogue lacks it), with {values} filled in."""
        entry = self.entries.get(msgid)
        text = entry.text if entry else msgid
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text) if values else text

    def long_date(self, value: dt.date) -> str:
        """A date as people write it in this language: 23 November 2026, 23 Tachwedd 2026."""
        if value not in self._dates:  # a few hundred dates, asked for on every page: CLDR once each
            self._dates[value] = format_date(value, "d MMMM y", locale=self.language)
        return self._dates[value]

    def language_name(self, english: str) -> str:
        """A language a record names in English, as this language calls it (CLDR): Welsh -> Cymraeg."""
        if self.language == SOURCE_LANGUAGE:
            return english
        from babel import Locale

        from ..data.languages import language_named

        found = language_named(english)
        return str(Locale(self.language).languages.get(found.code, english)) if found else english

    def awaiting_review(self) -> int:
        """How many strings have no published source and wait for a speaker's review."""
        return sum(1 for e in self.entries.values() if e.review and not e.source)

    def sourced(self) -> int:
        """How many strings come from a published source."""
        return sum(1 for e in self.entries.values() if e.source)

    def script_strings(self, msgids: list[str]) -> str:
        """assets/waymark/strings.js: the scripts' strings in this language."""
        table = {m: self.gettext(m) for m in msgids if m in self.entries}
        return "window.WaymarkStrings=" + json.dumps(table, ensure_ascii=False, sort_keys=True) + ";\n"


#: The strings of the build in progress (one language per build; set by the MkDocs glue).
CURRENT = Strings()


def use(language: str) -> Strings:
    """Make `language` the current build's language; returns its strings."""
    global CURRENT
    CURRENT = Strings(language)
    return CURRENT


def _(msgid: str, **values: object) -> str:
    """The current build's translation of `msgid` (templates call this as `_`)."""
    return CURRENT.gettext(msgid, **values)


def script_msgids() -> list[str]:
    """The strings the scripts use (what strings.js carries)."""
    return sorted(m for m, place in used_strings().items() if place.split(":")[0].endswith(".js"))


def english_content() -> Markup:
    """` lang="en"` for content written only in English (records, places) on a page in another
    language, so a screen reader reads it in English; nothing on an English page."""
    return Markup(' lang="en"') if CURRENT.language != SOURCE_LANGUAGE else Markup("")


def language_config(config_file: Path, code: str) -> Path:
    """Where a language's config sits: mkdocs.<code>.yml beside mkdocs.yml."""
    return config_file.with_name(f"mkdocs.{code}.yml")


def built_languages(config_file: Path) -> tuple[str, ...]:
    """English, and each language whose config (language_config) sits beside mkdocs.yml."""
    return (SOURCE_LANGUAGE, *(code for code in languages()[1:] if language_config(config_file, code).is_file()))


def _nav_titles(nav: object) -> list[str]:
    titles: list[str] = []
    if isinstance(nav, list):
        for item in nav:
            titles += _nav_titles(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            titles += [str(title), *_nav_titles(value)]
    return titles


def nav_strings(config_file: Path = PACKAGE.parent.parent / "mkdocs.yml") -> dict[str, str]:
    """The titles of mkdocs.yml's nav (translated on a site in another language)."""
    import yaml

    class Loader(yaml.SafeLoader):
        """mkdocs.yml may hold tags such as !ENV: their values do not matter here."""

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    if not config_file.is_file():
        return {}
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    return {title: "mkdocs.yml nav" for title in _nav_titles((config or {}).get("nav"))}


def translate_nav(nav: list[object]) -> list[object]:
    """The nav with each title in the current language."""

    def walk(item: object) -> object:
        if isinstance(item, list):
            return [walk(i) for i in item]
        if isinstance(item, dict):
            return {_(str(title)): walk(value) for title, value in item.items()}
        return item

    return [walk(item) for item in nav]


def english_page(html: str) -> str:
    """A hand-written page's body: on a site in another language, marked as English and said so."""
    if CURRENT.language == SOURCE_LANGUAGE:
        return html
    notice = Markup('<p class="wm-notice">{}</p>').format(_("The main text of this page is only in English for now."))
    return str(notice) + f'<div lang="en">{html}</div>'


def interface_lang() -> Markup:
    """` lang="<code>"` for an interface string inside English content (a card's badge on a
    page in another language); nothing on an English page."""
    return Markup(f' lang="{CURRENT.language}"') if CURRENT.language != SOURCE_LANGUAGE else Markup("")


def review_line(language: str) -> str:
    """One line for the build log and `make check`: how much of a language is sourced or awaits review."""
    strings = Strings(language)
    return (
        f"interface strings in {language}: {len(strings.entries)}, {strings.sourced()} from a published source, "
        f"{strings.awaiting_review()} awaiting review by a speaker (hooks/waymark/i18n/{language}.yaml)"
    )
