"""Languages: English names as records write them, with each language's own name and direction.

Records name the languages staff speak in English (`languages: [English, Welsh, Polish]`). The
code, the language's own name ("Cymraeg", "polski", "اردو") and whether it is written right to
left come from the Unicode CLDR data that Babel ships, not from a hand-made list, so search can
find a service by the name a speaker types and pages can mark text with the right `lang` and `dir`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

#: English names people use that CLDR spells differently.
ALIASES = {"bengali": "bn", "farsi": "fa", "panjabi": "pa", "kurdish (sorani)": "ckb", "sorani": "ckb"}


@dataclass(frozen=True)
class Language:
    """One language: its code (BCP 47), English name, own name and writing direction."""

    code: str
    english: str
    own: str
    rtl: bool

    @property
    def dir(self) -> str:
        """The HTML `dir` value for text in this language."""
        return "rtl" if self.rtl else "ltr"


@functools.cache
def _english_names() -> dict[str, str]:
    """Lower-case English name -> code, for every language CLDR names in English."""
    names = {name.lower(): code for code, name in Locale("en").languages.items() if "_" not in code}
    return names | ALIASES


@functools.cache
def language(code: str) -> Language | None:
    """The language with this code, or None if CLDR does not know it."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
    english = Locale("en").languages.get(code) or locale.get_display_name("en") or code
    own = locale.get_display_name(code) or english
    return Language(code, english, own, locale.character_order == "right-to-left")


def language_named(name: str) -> Language | None:
    """The language a record names in English ("Welsh", "Polish"), or None."""
    code = _english_names().get(name.strip().lower())
    found = language(code) if code else None
    return Language(found.code, name.strip(), found.own, found.rtl) if found else None


def english_names() -> list[str]:
    """Every English language name a record may use (for "did you mean")."""
    return sorted(Locale("en").languages[c] for c in set(_english_names().values()) if c in Locale("en").languages)
