"""Exit this page: the control first in every page's <body> and its script on every page."""

from __future__ import annotations

from ... import i18n
from ...render.feature import Feature
from ...settings import Settings
from .exit import exit_html


def page_start(settings: Settings) -> str:
    """The skip link, button and live region, in the build's language."""
    return exit_html(settings.exit, i18n.CURRENT.language)


FEATURE = Feature("exit", scripts=("exit-this-page.js",), page_start=page_start)
