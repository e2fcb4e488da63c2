"""Places: one page per area (/areas/<id>/), everything that applies there (place.py, area.html)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ...i18n import _
from ...render.feature import Feature
from ...render.pages import GeneratedPage
from ...render.renderer import Renderer
from .place import area_page


def pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    """/areas/<id>/ for every area in data/areas.yaml."""
    for area in renderer.catalogue.areas.values():
        yield GeneratedPage(
            f"areas/{area.id}.md",
            _("Services in {place}", place=_(area.name)),
            _("Domestic abuse and sexual violence services in {place}.", place=_(area.name)),
            partial(area_page, renderer, area),
            "data/areas.yaml",
            fast=True,
        )


FEATURE = Feature("places", pages=pages)
