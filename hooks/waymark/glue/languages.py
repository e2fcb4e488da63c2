"""Every language of a site in one build, one load of the records.

The English build (mkdocs.yml) loads and validates data/ once. It then builds each other language
(mkdocs.<code>.yml beside it) into its own folder (site/cy/), handing over the catalogue it loaded:
only what differs by language is rendered again. `make build`, `make serve` and a plain
`mkdocs build` all take this one path (`OtherLanguages`).

Where the machine allows it (`fork`, and no other thread in this process, so no lock can be held
by a thread the copy would not have), the other languages build in a forked copy of this process,
started as soon as the English build has cleaned its folder: the two languages' pages are written
side by side on two cores instead of one after the other. The copy shares the loaded records (the
fork copies the process, it loads nothing) and ends with the build; its failure is the build's.
Elsewhere (`mkdocs serve`, which runs threads) they build in this process when English is done.

The hand-over lives only while that language's build runs (`handed_over`), so nothing loaded
outlives its build, and the interface language is set back to English when it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
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


def other_languages(config: MkDocsConfig) -> list[str]:
    """The codes of the languages this site builds besides its own (mkdocs.<code>.yml beside it)."""
    return list(i18n.built_languages(Path(config.config_file_path))[1:])


def build_other_languages(config: MkDocsConfig, catalogue: Catalogue) -> list[str]:
    """Build every other language of this site into <site_dir>/<code>/, here; returns the codes built."""
    config_file = Path(config.config_file_path)
    built = []
    for code in other_languages(config):
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


def can_fork() -> bool:
    """A copy of this process may be forked safely: the platform has `fork` and no other thread runs."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class OtherLanguagesFailed(RuntimeError):
    """Another language's build failed; the message is its own."""


class OtherLanguages:
    """The other languages' builds of one English build: `start` them, then `finish` (or `abandon`)."""

    def __init__(self, config: MkDocsConfig, catalogue: Catalogue) -> None:
        self.config, self.catalogue = config, catalogue
        self.child: int | None = None
        self.report = -1  # the read end of the pipe the copy writes its failure to

    def start(self) -> None:
        """Begin building them in a forked copy, if one may be forked and there are any."""
        if not other_languages(self.config) or not can_fork():
            return
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the copy: build, report, and leave without running anything of the parent's
            os.close(read)
            status = 0
            try:
                build_other_languages(self.config, self.catalogue)
            except BaseException as err:  # every failure goes to the parent, which decides
                status = 1
                os.write(write, (str(err) or type(err).__name__).encode("utf-8", "replace"))
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self.child, self.report = pid, read

    def finish(self) -> list[str]:
        """Wait for them (or build them now, if no copy was started); raise if one failed."""
        if self.child is None:
            return build_other_languages(self.config, self.catalogue)
        message = b""
        with os.fdopen(self.report, "rb") as report:
            message = report.read()
        _, status = os.waitpid(self.child, 0)
        self.child = None
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise OtherLanguagesFailed(message.decode("utf-8", "replace") or f"it stopped with status {code}")
        return other_languages(self.config)

    def abandon(self) -> None:
        """The English build failed: stop the copy, if one runs."""
        if self.child is None:
            return
        try:
            os.kill(self.child, signal.SIGTERM)
            os.waitpid(self.child, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.report)
        self.child = None
