"""The one definition of a phone number in Waymark: what it looks like, what can be dialled, its link.

Used by the schema check (SHAPE is the schema's `phone_number` pattern: a test holds them equal),
the record rules (`dialable`), the settings (a region's helplines), the text rules (a number typed
into legal text) and Markdown (numbers in text become links). The browser receives ready `tel:`
and `sms:` hrefs in the data the build writes, so no script repeats a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Digits and spaces, an optional leading +: "0808 2000 247", "+44 20 7008 0151", "116 123".
SHAPE = r"^\+?[0-9][0-9 ]{1,18}[0-9]$"
_SHAPE = re.compile(SHAPE)

#: A number as people type it in running text: 0 and 7-10 more digits or +44 (spaces, dots or
#: dashes between digits), or a short number (116 xxx, 999, 111), never inside a word or address.
_IN_TEXT = re.compile(
    r"(?<![\w/.+-])"
    r"(?:\+44\s?\(?0?\)?\s?\d(?:[\s.-]?\d){8,10}|0\d(?:[\s.-]?\d){6,9}|116 ?\d{3}|999|111)"
    r"(?![\w/-])"
)
_NOT_DIAL = re.compile(r"[^0-9+]")


def digits(number: str) -> str:
    """Only the digits of a number (and no leading +)."""
    return re.sub(r"\D", "", number)


def national(number: str) -> str:
    """A number as digits in national form (0…): "+44 20 7008 0151" -> "02070080151"."""
    found = digits(number.removeprefix("tel:"))
    return "0" + found[2:] if found.startswith("44") else found


def well_formed(number: str) -> bool:
    """Digits and spaces, an optional leading + (SHAPE)."""
    return bool(_SHAPE.fullmatch(number))


def dialable(number: str, text: bool = False) -> bool:
    """A number someone can dial (or, with `text`, send a text to) in the UK.

    0… with 8-11 digits (0800 1111 is the shortest in use), +44… with 11-13 digits, a short
    number starting 1 (116 123, 111, 18001 …), and for texts only a short code of 4-6 digits.
    """
    if not well_formed(number):
        return False
    found = digits(number)
    if number.startswith("+"):
        return found.startswith("44") and 11 <= len(found) <= 13
    if found.startswith("0"):
        return 8 <= len(found) <= 11
    if found.startswith("1"):
        return 3 <= len(found) <= 6
    return text and 4 <= len(found) <= 6


def is_short(number: str) -> bool:
    """A short number (999, 111, 116 123): a public line, not one organisation's number."""
    found = digits(number)
    return not found.startswith(("0", "44"))


def tel_href(number: str) -> str:
    """A tel: link target for a number as people write it ("0808 2000 247" -> "tel:08082000247";
    "+44 (0)20 …" -> "tel:+4420…": the 0 in brackets is not dialled after +44)."""
    dial = _NOT_DIAL.sub("", number)
    return "tel:" + ("+44" + dial[4:] if dial.startswith("+440") else dial)


def sms_href(number: str) -> str:
    """An sms: link target for a text number."""
    return "sms:" + _NOT_DIAL.sub("", number)


def has_number(text: str) -> bool:
    """`text` holds a phone number `numbers_in` would find (one search of the whole text)."""
    return _IN_TEXT.search(text) is not None


def numbers_in(text: str) -> Iterator[re.Match[str]]:
    """Every phone number typed in `text` (long and short), as matches."""
    return _IN_TEXT.finditer(text)
