"""The "Help in your language" page (data/language-help.yaml), and the words search finds it by."""

from __future__ import annotations

from ...data.language_help import languages_spoken
from ...data.model import JURISDICTIONS, Record
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
    # Each nation's own 24-hour lines, first: a person calls the line of the nation they are in,
    # whether or not its page says it adds interpreters (a Polish speaker in Belfast is not sent to
    # England's line because that is the one with a Polish page).
    with_interpreters = {r.service for r in help_.routes.get("interpreters", [])}
    by_nation = [
        (name, [(service(i), i in with_interpreters) for i in catalogue.crisis.lines_for(nation)])
        for nation, name in JURISDICTIONS.items()
    ]
    sources = [r.source for entries in help_.routes.values() for r in entries] + [t.source for t in help_.translated]
    return renderer.render(
        "language_help.html",
        root,
        help=help_,
        routes=routes,
        translated=translated,
        by_nation=[(name, lines) for name, lines in by_nation if lines],
        spoken=languages_spoken(catalogue.services),
        sources=sources,
    )
