"""The "Exit this page" control: settings from mkdocs.yml, and its place first in every page.

The behaviour lives in assets/exit-this-page.js (button and Shift x3) and assets/waymark.css
(always on screen, hides the page while leaving). Without JavaScript it is a plain link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .render import environment

DEFAULT_URL = "https://www.bbc.co.uk/weather"
DEFAULT_TEXT = "Exit this page"
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class QuickExitError(ValueError):
    """The exit settings in mkdocs.yml are unusable."""


@dataclass(frozen=True)
class QuickExit:
    """Where the exit goes and what the button says (mkdocs.yml: extra.waymark.exit)."""

    url: str = DEFAULT_URL
    text: str = DEFAULT_TEXT

    @classmethod
    def from_extra(cls, extra: dict[str, Any]) -> QuickExit:
        """Read `extra.waymark.exit`; the URL must be https (a neutral, real site)."""
        settings = ((extra or {}).get("waymark") or {}).get("exit") or {}
        exit_ = cls(str(settings.get("url", DEFAULT_URL)), str(settings.get("text", DEFAULT_TEXT)))
        if not exit_.url.startswith("https://"):
            raise QuickExitError(f"extra.waymark.exit.url: expected an https:// address; found {exit_.url!r}")
        if not exit_.text.strip():
            raise QuickExitError("extra.waymark.exit.text: expected the button text; found nothing")
        return exit_

    def html(self) -> str:
        """The skip link, button, press counter and live region."""
        return environment().get_template("exit_this_page.html").render(url=self.url, text=self.text)

    def insert(self, page_html: str) -> str:
        """`page_html` with the control first inside <body>, so it is first in tab order."""
        match = _BODY_OPEN.search(page_html)
        if match is None:
            raise QuickExitError("a page without <body>: cannot add Exit this page")
        return page_html[: match.end()] + self.html() + page_html[match.end() :]
