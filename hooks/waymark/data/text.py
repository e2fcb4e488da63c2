"""Rules about what a piece of text may contain, shared by every record, list and setting.

- `markup_in`: HTML found by parsing (so `<svg/onload=…>` and `<!-- -->` are caught too).
- `unsafe_links_in`: Markdown link targets, found by rendering the Markdown as it will be shown
  (inline, reference-style and autolinks alike), that are not http(s), tel or mailto.
- `location_in`: what would let someone find a confidential place: a postcode in any case or
  spacing, a house number and street, a grid reference, coordinates, what3words or a map link.
- `phone_numbers_in`: UK phone numbers typed in text (legal records refer to services instead).
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

from .phones import is_short, national, numbers_in

SAFE_SCHEME = re.compile(r"^(https?://|tel:|mailto:)", re.IGNORECASE)


class _MarkupFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self.found.append(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self.found.append("<!-- -->")

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.found.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.found.append(f"<![{data}]>")


def markup_in(text: str) -> list[str]:
    """HTML tags, comments and declarations in `text`, as an HTML parser reads them."""
    if "<" not in text:
        return []
    finder = _MarkupFinder()
    finder.feed(text)
    finder.close()
    return finder.found


_HREF = re.compile(r'<a href="([^"]*)"')


def unsafe_links_in(markdown: str) -> list[str]:
    """Link targets in Markdown that are not http(s), tel or mailto (an empty target counts).

    The text is rendered the way pages render it, minus safe mode (which would blank the very
    targets we want to see), so a reference-style `[x][1]` … `[1]: javascript:…` is found too.
    """
    if "[" not in markdown and "<" not in markdown:
        return []
    html = cmarkgfm.markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    found = []
    for href in _HREF.findall(html):
        target = href.replace("&amp;", "&")
        if not SAFE_SCHEME.match(target):
            found.append(target or "(an empty link)")
    return found


def normalised(text: str) -> str:
    """`text` with every kind of space (no-break, thin, zero-width…) as one plain space, NFKC."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)


_POSTCODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]?[ _+-]?[0-9][A-Z]{2}(?![A-Za-z0-9])", re.IGNORECASE)
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|cres|place|pl|terrace|grove"
    "|gardens|gdns|hill|park|square|sq|walk|row|mews|parade|rise|view|vale|green|fold|croft|wynd|gate"
)
_STREET = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:[a-z][a-z'’-]*\s+){{0,3}}(?:{_STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
_GRID = re.compile(r"\b(?:H[P-Z]|N[A-HJ-Z]|O[ABFGLMQRVW]|S[A-HJ-Z]|T[ABFGLMQRVW])\s?\d{2,5}\s?\d{2,5}\b")
_DECIMAL_COORDS = re.compile(r"-?\d{1,2}\.\d{3,}\s*[,;/ ]\s*-?\d{1,3}\.\d{3,}")
_DMS = re.compile(r"\d{1,3}\s*°\s*\d{1,2}\s*['′]")
_WHAT3WORDS = re.compile(r"(?<![:/])///\s*[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+|what3words|\bw3w\b", re.IGNORECASE)
_MAP_LINK = re.compile(
    r"(?:google\.[a-z.]+/maps|maps\.google\.|goo\.gl/maps|maps\.app\.goo\.gl|openstreetmap\.org|osm\.org"
    r"|bing\.com/maps|maps\.apple\.com|what3words\.com|streetmap\.co\.uk|[?&](?:ll|q)=-?\d+\.\d+,)",
    re.IGNORECASE,
)
# Coordinates with N/S and E/W instead of signs, after or before the numbers: "53.79 N, 1.54 W".
_HEMISPHERE_COORDS = re.compile(
    r"\b\d{1,2}(?:\.\d+)?\s*°?\s*[NS]\b[\s,;/]*\d{1,3}(?:\.\d+)?\s*°?\s*[EW]\b"
    r"|\b[NS]\s*\d{1,2}\.\d+\s*°?[\s,;/]+[EW]\s*\d{1,3}\.\d+"
)
# Open Location Codes ("plus codes"), full or short: 9C5WQ8F2+XQ, Q8F2+XQ.
_PLUS_CODE = re.compile(r"(?<![\w+])[2-9CFGHJMPQRVWX]{4,8}\+[2-9CFGHJMPQRVWX]{2,3}(?![\w+])")
# A what3words address written without its slashes: three words joined by dots, not a web address.
_W3W_BARE = re.compile(
    r"(?<![\w./@-])(?!www\.)[^\W\d_]{2,}\.[^\W\d_]{2,}\.(?!(?:uk|com|org|net|gov|nhs|scot|wales|cymru|ie|eu|io|info)\b)"
    r"[^\W\d_]{2,}(?![\w/@-]|\.\w)"
)
# A named street with no house number ("Acacia Avenue, Leeds"): capitalised, as addresses are written.
_NAMED_STREET = re.compile(
    r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}\s+(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Terrace"
    r"|Grove|Gardens|Square|Mews|Parade|Boulevard|Wynd|Croft)\b"
)
LOCATION_RULES = (
    (_POSTCODE, "a postcode"),
    (_STREET, "a street address"),
    (_GRID, "a grid reference"),
    (_DECIMAL_COORDS, "coordinates"),
    (_DMS, "coordinates"),
    (_HEMISPHERE_COORDS, "coordinates"),
    (_PLUS_CODE, "a plus code"),
    (_WHAT3WORDS, "a what3words address"),
    (_W3W_BARE, "a what3words address"),
    (_MAP_LINK, "a map link"),
    (_NAMED_STREET, "a street address"),
)
#: Rules whose letters' case matters (grid letters, plus code letters and street names are capitals):
#: the combined pattern ignores case, so each of these is searched again as written.
_CASE_SENSITIVE = (_GRID, _PLUS_CODE, _NAMED_STREET)


_ANY_LOCATION = re.compile(
    "|".join(f"(?P<r{i}>{pattern.pattern})" for i, (pattern, _) in enumerate(LOCATION_RULES)), re.IGNORECASE
)
_MAY_LOCATE = re.compile(r"[\d/°+]|w3w|what3words|[^\W\d_]\.[^\W\d_]|[A-Z][a-z]+ [A-Z]", re.IGNORECASE)


def location_in(text: str) -> tuple[str, str] | None:
    """(what it is, the words) for the first thing in `text` that could locate a place, or None."""
    if not _MAY_LOCATE.search(text):
        return None  # every rule needs a digit, a slash, a plus, a word.word or capitalised words
    flat = normalised(text)
    for match in _ANY_LOCATION.finditer(flat):
        index = int(next(name for name, value in match.groupdict().items() if value is not None)[1:])
        pattern, what = LOCATION_RULES[index]
        words = match.group(0)
        if pattern in _CASE_SENSITIVE:
            exact = pattern.search(words)  # the capitals the rule needs, inside the match
            if exact is None:
                continue
            words = exact.group(0)
        return what, words.strip()
    return None


_TEL = re.compile(r"tel:[+\d]+")
_URL = re.compile(r"https?://\S+|\]\([^)]*\)")


def phone_numbers_in(text: str) -> list[str]:
    """Phone numbers typed in `text`, once each, in national form (0…), outside web addresses.

    Short public numbers (999, 111, 116 123) are left out: they belong to no one service.
    """
    found: dict[str, None] = {}
    plain = _URL.sub(" ", normalised(text))
    for match in numbers_in(plain):
        if not is_short(match.group(0)):
            found[national(match.group(0))] = None
    for match in _TEL.finditer(plain):
        found[national(match.group(0))] = None
    return list(found)


def digits_of(number: str) -> str:
    """A phone number as digits only, in national form (0...)."""
    return national(number)
