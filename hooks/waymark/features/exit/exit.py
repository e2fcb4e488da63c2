"""The "Exit this page" control, first in every page.

Behaviour lives beside this file: exit-this-page.js (button and Shift x3: hide the page, blank the
title, leave for the neutral site; restore on pageshow) and exit.css (always on screen, hides the
page while leaving). Without JavaScript it is a plain link. Where it goes and what it says are
settings (`extra.waymark.exit`, see build/settings.py).
"""

from __future__ import annotations

import functools
import re

from ...build import i18n
from ...build.render import render_template
from ...build.settings import Exit

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class NoBodyError(ValueError):
    """A page without <body>: the exit control has nowhere to go."""


@functools.cache
def exit_html(settings: Exit, language: str) -> str:
    """The skip link, button, press counter and live region, in the build's `language`."""
    return render_template("exit_this_page.html", url=settings.url, text=settings.text)


def insert_exit(page_html: str, settings: Exit) -> str:
    """`page_html` with the control first inside <body>, so it is first in tab order."""
    match = _BODY_OPEN.search(page_html)
    if match is None:
        raise NoBodyError("a page without <body>: cannot add Exit this page")
    return page_html[: match.end()] + exit_html(settings, i18n.CURRENT.language) + page_html[match.end() :]
