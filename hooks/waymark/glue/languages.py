"""Every language of a site in one build, one process, one load of the records.

The English build (mkdocs.yml) loads and validates data/ once. When it has written its pages, it
builds each other language (mkdocs.<code>.yml beside it) into its own folder (site/cy/), in the
same process, handing over the catalogue it loaded: only what differs by language is rendered
again. `make build`, `make serve` and a plain `mkdocs build` all take this one path.

The hand-over lives only while that language's build runs (`handed_over`), so nothing loaded
outlives its build, and the interface language is set back to English when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .. import i18n
from ..data.catalogue import Catalogue

_handed: dict[Path, Catalogue] = {}


@contextmanager
def handing_over(catalogue: Catalogue) -> Iterator[None]:
    """While this runs, a build of the same data/ uses `catalogue` instead of loading it again."""
    key = catalogue.data_dir.resolve()
    _handed[key] = catalogue
    try:
        yield
    finally:
        _handed.pop(key, None)


def handed_over(data_dir: Path) -> Catalogue | None:
    """The catalogue an enclosing build handed over for `data_dir`, if one did."""
    return _handed.get(data_dir.resolve())


def build_other_languages(config: MkDocsConfig, catalogue: Catalogue) -> list[str]:
    """Build every other language of this site into <site_dir>/<code>/; returns the codes built."""
    config_file = Path(config.config_file_path)
    built = []
    for code in i18n.built_languages(config_file)[1:]:
        other = load_config(
            str(i18n.language_config(config_file, code)),
            strict=bool(config.strict),
            site_dir=str(Path(config.site_dir) / code),
        )
        try:
            with handing_over(catalogue):
                build(other)
        finally:
            i18n.use(i18n.SOURCE_LANGUAGE)
        built.append(code)
    return built
