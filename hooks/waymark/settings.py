"""Waymark's settings: `extra.waymark` in mkdocs.yml, read and checked once, used everywhere.

    extra:
      waymark:
        region:                          # a regional copy (make new-region writes this)
          name: West of England          # shown on Find a service
          area: west-of-england          # an id from data/areas.yaml: Find a service starts there
          jurisdiction: england          # whose law the region's readers live under
        helplines:                       # local lines shown on every page, under the 999 line
          - label: Local domestic abuse helpline
            number: "0300 000 0000"
            hours: Monday to Friday, 9am to 5pm
        exit:
          url: https://www.bbc.co.uk/weather   # where "Exit this page" goes: a neutral https site
          text: Exit this page
        stale_after_months: 6            # the build warns, `make stale` lists, past this age
        emergency: In danger now? ...    # the 999 and Silent Solution line on every page
        report: "mailto:corrections@your-organisation.org.uk?subject=Mistake%20on%20{id}&body={url}"
                                         # where "Report a mistake" goes: a mailto: address or an
                                         # https:// address; {id}, {url} and {title} are filled in

Every problem is reported at once, like data problems. The same `Settings` object is handed to
the Python that builds pages and, as the template global `waymark`, to the theme (overrides/),
so the theme never reads `config.extra` itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from markupsafe import Markup, escape

from . import i18n
from .data.model import JURISDICTIONS
from .data.phones import dialable, tel_href
from .data.problems import did_you_mean, shown
from .data.text import markup_in
from .i18n import N_

#: What "Report a mistake" may fill in, each percent-encoded: the record id, its page address, its title.
REPORT_FIELDS = ("id", "url", "title")
#: A copy that has not set `report` yet: a reserved example domain (RFC 2606) that reaches no one.
#: The build warns on every run until a maintainer sets a real address (docs/maintainers/publish.md).
DEFAULT_REPORT = "mailto:corrections@example.org?subject=Mistake%20on%20Waymark%3A%20{title}%20%28{id}%29&body={url}"
PLACEHOLDER_DOMAINS = re.compile(r"(^|[.@/])(example\.(org|com|net)|[a-z0-9-]+\.(invalid|example|test))([/?:]|$)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_FIELD = re.compile(r"\{([^{}]*)\}")
DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
DEFAULT_EXIT_TEXT = N_("Exit this page")
DEFAULT_STALE_MONTHS = 6
KNOWN = ("region", "helplines", "exit", "stale_after_months", "emergency", "report")
DEFAULT_EMERGENCY = N_(
    "In danger now? Call 999. If you cannot speak, call 999 from a mobile and press 55 when asked (Silent Solution)."
)


class SettingsError(ValueError):
    """The settings in mkdocs.yml are unusable; the message lists every problem, one a line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("settings in mkdocs.yml (extra.waymark):\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class Helpline:
    """A local line shown on every page."""

    label: str
    number: str
    hours: str = ""

    @property
    def tel(self) -> str:
        """The number as a tel: link target."""
        return tel_href(self.number)


@dataclass(frozen=True)
class Region:
    """What a regional copy changes (all optional: the bundled site is UK-wide)."""

    name: str = ""
    area: str = ""
    jurisdiction: str = ""


@dataclass(frozen=True)
class Exit:
    """Where "Exit this page" goes and what it says."""

    url: str = DEFAULT_EXIT_URL
    text: str = DEFAULT_EXIT_TEXT


@dataclass(frozen=True)
class Settings:
    """Every Waymark setting, checked."""

    region: Region = field(default_factory=Region)
    helplines: tuple[Helpline, ...] = ()
    exit: Exit = field(default_factory=Exit)
    stale_after_months: int = DEFAULT_STALE_MONTHS
    emergency: str = DEFAULT_EMERGENCY
    report: str = DEFAULT_REPORT
    warnings: tuple[str, ...] = ()
    site_url: str = ""  # MkDocs' own `site_url`, for full page addresses in reports (not an extra setting)
    language: str = "en"  # MkDocs' `theme.language`: the language of this build's interface
    languages: tuple[str, ...] = ("en",)  # every language this site is built in (a link to each on every page)

    def report_href(self, record_id: str, url: str, title: str) -> str:
        """Where "Report a mistake" goes for one page: the `report` template with its fields filled
        in, percent-encoded (so a title cannot break out of the address). Sends nothing by itself."""
        values = {"id": record_id, "url": url, "title": title}
        return _FIELD.sub(lambda m: quote(values[m.group(1)], safe=""), self.report)

    @property
    def emergency_html(self) -> Markup:
        """The emergency line, escaped, with each 999 a tap-to-call link (for the theme and pages)."""
        parts = re.split(r"\b999\b", str(escape(i18n._(self.emergency))))
        return Markup('<a class="wm-tel" href="tel:999">999</a>').join(Markup(p) for p in parts)

    @classmethod
    def from_extra(cls, extra: dict[str, Any] | None, area_ids: set[str]) -> Settings:
        """Read and check `extra.waymark`; raise SettingsError listing every problem."""
        reader = _Reader()
        waymark = reader.mapping((extra or {}).get("waymark"), "extra.waymark", KNOWN)
        settings = cls(
            region=reader.region(waymark.get("region"), area_ids),
            helplines=reader.helplines(waymark.get("helplines")),
            exit=reader.exit(waymark.get("exit")),
            stale_after_months=reader.months(waymark.get("stale_after_months", DEFAULT_STALE_MONTHS)),
            emergency=reader.text(waymark.get("emergency", DEFAULT_EMERGENCY), "extra.waymark.emergency", True),
            report=reader.report(waymark.get("report", DEFAULT_REPORT)),
        )
        if reader.problems:
            raise SettingsError(reader.problems)
        if PLACEHOLDER_DOMAINS.search(settings.report.split("?")[0].lower()):
            warning = (
                "extra.waymark.report still goes to an example address, so reports reach no one: "
                "set your own (docs/maintainers/publish.md, 'Report a mistake')"
            )
            settings = replace(settings, warnings=(warning,))
        return settings


class _Reader:
    """Reads one setting at a time and collects every problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, expected: str, found: object, hint: str = "") -> None:
        text = f"{where}: expected {expected}; found {shown(found)}"
        self.problems.append(f"{text} ({hint})" if hint else text)

    def mapping(self, value: object, where: str, known: tuple[str, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(where, "a mapping", value)
            return {}
        for key in sorted(set(value) - set(known)):
            self.problem(f"{where}.{key}", f"one of {', '.join(known)}", key, did_you_mean(key, known))
        return value

    def text(self, value: object, where: str, required: bool = False) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str | int) or not str(value).strip():
            self.problem(where, "plain text", value)
            return ""
        if markup_in(str(value)):
            self.problem(where, "plain text without HTML", value)
            return ""
        return str(value).strip()

    def region(self, value: object, area_ids: set[str]) -> Region:
        settings = self.mapping(value, "extra.waymark.region", ("name", "area", "jurisdiction"))
        area = self.text(settings.get("area"), "extra.waymark.region.area")
        if area and area not in area_ids:
            hint = did_you_mean(area, area_ids)
            self.problem("extra.waymark.region.area", "an id from data/areas.yaml", area, hint)
        jurisdiction = self.text(settings.get("jurisdiction"), "extra.waymark.region.jurisdiction")
        if jurisdiction and jurisdiction not in JURISDICTIONS:
            self.problem("extra.waymark.region.jurisdiction", f"one of {', '.join(JURISDICTIONS)}", jurisdiction)
        return Region(self.text(settings.get("name"), "extra.waymark.region.name"), area, jurisdiction)

    def helplines(self, value: object) -> tuple[Helpline, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("extra.waymark.helplines", "a list of {label, number, hours}", value)
            return ()
        lines = []
        for index, line in enumerate(value):
            where = f"extra.waymark.helplines[{index}]"
            entry = self.mapping(line, where, ("label", "number", "hours"))
            if not entry:
                if isinstance(line, dict):
                    self.problem(where, "label and number", line)
                continue
            label = self.text(entry.get("label"), f"{where}.label", required=True)
            number = str(entry.get("number") or "")
            if not dialable(number):
                self.problem(f"{where}.number", "a UK number of digits and spaces, in quotes", entry.get("number"))
                continue
            if label:
                lines.append(Helpline(label, number, self.text(entry.get("hours"), f"{where}.hours")))
        return tuple(lines)

    def exit(self, value: object) -> Exit:
        settings = self.mapping(value, "extra.waymark.exit", ("url", "text"))
        url = str(settings.get("url", DEFAULT_EXIT_URL))
        if not re.fullmatch(r"https://[^\s<>\"']+", url):
            self.problem("extra.waymark.exit.url", "an https:// address of a neutral site", url)
        text = self.text(settings.get("text", DEFAULT_EXIT_TEXT), "extra.waymark.exit.text", required=True)
        return Exit(url, text or DEFAULT_EXIT_TEXT)

    def report(self, value: object) -> str:
        where = "extra.waymark.report"
        expected = "a mailto: address or an https:// address, with {id}, {url} or {title} where they go"
        if not isinstance(value, str) or not value.strip():
            self.problem(where, expected, value)
            return DEFAULT_REPORT
        text = value.strip()
        unknown = [f for f in _FIELD.findall(text) if f not in REPORT_FIELDS]
        if unknown:
            hint = did_you_mean(unknown[0], REPORT_FIELDS)
            self.problem(where, "only {id}, {url} and {title} in braces", "{" + unknown[0] + "}", hint)
            return DEFAULT_REPORT
        shape = _FIELD.sub("x", text)
        if re.search(r"[\s<>\"'{}\\]", shape):
            self.problem(where, f"{expected}, without spaces, quotes or stray braces", text)
            return DEFAULT_REPORT
        if shape.startswith("mailto:"):
            address = unquote(shape.removeprefix("mailto:").split("?")[0])
            if not _EMAIL.fullmatch(address):
                self.problem(where, "mailto: then one email address (e.g. mailto:corrections@example.org.uk)", text)
                return DEFAULT_REPORT
        elif shape.startswith("https://"):
            parts = urlsplit(shape)
            if not parts.hostname or "." not in parts.hostname or parts.username or parts.password:
                self.problem(where, "an https:// address with a host name", text)
                return DEFAULT_REPORT
        else:
            self.problem(where, expected, text, "http:, javascript: and other schemes are refused")
            return DEFAULT_REPORT
        if not set(_FIELD.findall(text)) & {"id", "url"}:
            self.problem(where, "{id} or {url} in the address, so each report says which page is wrong", text)
        return text

    def months(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem("extra.waymark.stale_after_months", "a whole number of months, 1 or more", value)
            return DEFAULT_STALE_MONTHS
        return value
