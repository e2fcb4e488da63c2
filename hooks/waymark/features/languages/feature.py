"""Help in your language (/languages/): its page, when data/language-help.yaml exists."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ...i18n import _
from ...render.feature import Feature
from ...render.pages import GeneratedPage
from ...render.renderer import Renderer
from .language_page import language_page


def pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    """/languages/ (in the nav)."""
    if renderer.catalogue.language_help is not None:
        yield GeneratedPage(
            "languages.md",
            _("Help in your language"),
            _("Interpreters, British Sign Language, Relay UK and help in languages other than English."),
            partial(language_page, renderer),
            "data/language-help.yaml",
        )


FEATURE = Feature("languages", pages=pages)
