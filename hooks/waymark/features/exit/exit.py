"""The "Exit this page" control, first in every page.

Behaviour lives beside this file: exit-this-page.js (button and Shift x3: hide the page, blank the
title, leave for the neutral site; restore on pageshow) and exit.css (always on screen, hides the
page while leaving). Without JavaScript it is a plain link. Where it goes and what it says are
settings (`extra.waymark.exit`, see waymark/settings.py).
"""

from __future__ import annotations

import functools

from ...render.renderer import render_template
from ...settings import Exit


@functools.cache
def exit_html(settings: Exit, language: str) -> str:
    """The skip link, button, press counter and live region, in the build's `language`."""
    return render_template("exit_this_page.html", url=settings.url, text=settings.text)
