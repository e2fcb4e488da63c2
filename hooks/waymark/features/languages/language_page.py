"""The "Help in your language" page (data/language-help.yaml), and the words search finds it by."""

from __future__ import annotations

from ...data.language_help import languages_spoken
from ...data.model import Record
from ...render.renderer import Renderer


def language_page(renderer: Renderer, root: str) -> str:
    """The page body."""
    catalogue = renderer.catalogue
    help_ = catalogue.language_help
    assert help_ is not None  # the page exists only when the file does

    def service(ident: str) -> Record:
        found = catalogue.service(ident)
        assert found is not None  # the reader checked every id
        return found

    routes = {kind: [(service(r.service), r) for r in entries] for kind, entries in help_.routes.items()}
    translated = [(service(t.service), t) for t in help_.translated]
    sources = [r.source for entries in help_.routes.values() for r in entries] + [t.source for t in help_.translated]
    return renderer.render(
        "language_help.html",
        root,
        help=help_,
        routes=routes,
        translated=translated,
        spoken=languages_spoken(catalogue.services),
        sources=sources,
    )
