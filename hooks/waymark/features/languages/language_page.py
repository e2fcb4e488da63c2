"""The "Help in your language" page (data/language-help.yaml), and the words search finds it by."""

from __future__ import annotations

from ...build.render import Renderer
from ...data.catalogue import Catalogue
from ...data.languages import Language, language_named
from ...data.model import Record

#: Words people type when they, or the person they support, do not speak English (search finds
#: the page by them, and by every language's English and own name in the data).
SEARCH_WORDS = "interpreter interpreters translator translation language languages no English BSL sign language Deaf"


def languages_spoken(catalogue: Catalogue) -> list[tuple[Language, list[Record]]]:
    """Each language other than English that some service's staff speak, with those services."""
    found: dict[str, tuple[Language, list[Record]]] = {}
    for service in catalogue.services:
        for name in service.data.get("languages") or []:
            spoken = language_named(name)
            if spoken and spoken.code != "en":
                found.setdefault(spoken.code, (spoken, []))[1].append(service)
    return sorted(found.values(), key=lambda pair: pair[0].english)


def search_words(catalogue: Catalogue) -> str:
    """What the page is indexed by: the fixed words, and each language's English and own name."""
    names = [f"{lang.english} {lang.own}" for lang, _ in languages_spoken(catalogue)]
    help_ = catalogue.language_help
    names += [f"{t.language.english} {t.language.own}" for t in (help_.translated if help_ else ())]
    return " ".join([SEARCH_WORDS, *names])


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
        spoken=languages_spoken(catalogue),
        sources=sources,
    )
