"""The referral sheet (/sheet/): its page and the data it reads."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ...i18n import _
from ...render.feature import Feature, Output
from ...render.pages import GeneratedPage
from ...render.renderer import Renderer
from .sheet import sheet_page, write_sheet_files


def pages(renderer: Renderer) -> Iterable[GeneratedPage]:
    """/sheet/ (in the nav)."""
    yield GeneratedPage(
        "sheet/index.md",
        _("Referral sheet"),
        _("For workers: put services and options for one person on a sheet to print or copy."),
        partial(sheet_page, renderer),
    )


def files(output: Output) -> None:
    """The sheet's data files."""
    write_sheet_files(output.site_dir, output.renderer, output.keep)


FEATURE = Feature("sheet", pages=pages, files=files)
