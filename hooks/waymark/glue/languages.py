"""Every language of a site in one build, one load of the records.

The English build (mkdocs.yml) loads and validates data/ once. Each other language
(mkdocs.<code>.yml beside it) is built into its own folder (site/cy/) from the catalogue it loaded:
only what differs by language is rendered again. `make build`, `make serve` and a plain
`mkdocs build` all take this one path: a child process (`OtherLanguages`), started as soon as the
English build has cleaned its folder: the two languages' pages are written side by side on two cores
instead of one after the other. Where no other thread runs, the child is a fork of this process and
shares the loaded records; under `mkdocs serve`, whose server runs threads (a fork could copy a lock
another thread holds), it is a fresh interpreter handed the loaded records. Either way it loads and
checks nothing again, ends with the build, and its failure is the build's.

The hand-over lives only while that language's build runs (`handed_over`), so nothing loaded
outlives its build, and the interface language is set back to English when it ends.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import multiprocessing.process
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
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


def other_languages(config_file: Path) -> list[str]:
    """The codes of the languages this site builds besides its own (mkdocs.<code>.yml beside it)."""
    return list(i18n.built_languages(config_file)[1:])


def build_other_languages(config_file: Path, strict: bool, site_dir: Path, catalogue: Catalogue) -> list[str]:
    """Build every other language of this site into <site_dir>/<code>/, here; returns the codes built."""
    built = []
    for code in other_languages(config_file):
        other = load_config(str(i18n.language_config(config_file, code)), strict=strict, site_dir=str(site_dir / code))
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


def _build_in_child(report: Connection, config_file: Path, strict: bool, site_dir: Path, catalogue: Catalogue) -> None:
    """The child's whole work: build the other languages and tell the parent how it went."""
    if not logging.getLogger().handlers:  # a fresh interpreter (spawn): print what MkDocs says, as the parent does
        logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    report.send(_how_it_went(config_file, strict, site_dir, catalogue))
    report.close()


def _how_it_went(config_file: Path, strict: bool, site_dir: Path, catalogue: Catalogue) -> str:
    """Build the other languages: '' if that went well, else what went wrong (for the parent)."""
    try:
        build_other_languages(config_file, strict, site_dir, catalogue)
    except BaseException as err:  # every failure goes to the parent, which decides
        return str(err) or type(err).__name__
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return ""


class ServeWorker:
    """Under `make serve`: one process, forked as the server starts (before it runs threads), that
    builds the other languages at every edit. Being the same process from edit to edit, it keeps
    its memos (pages and Markdown taken back), as the English build does; it is handed each
    build's records. It stops with the server, or when this process goes."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # Not a daemon: a big site's build shares its pages between processes, which a daemon may
        # not start. It ends when told, or when this process goes (its end of the pipe closes).
        self.process = context.Process(target=_serve_worker, args=(theirs,), name="waymark-other-languages")
        self.process.start()
        theirs.close()

    def build(self, config_file: Path, strict: bool, site_dir: Path, catalogue: Catalogue) -> bool:
        """Start building the other languages of this build; False if the worker is gone."""
        try:
            self.connection.send((config_file, strict, site_dir, catalogue))
        except OSError:  # it died (killed, out of memory): its end of the pipe is closed
            return False
        return True

    def result(self) -> str | None:
        """Wait for the build: '' when it went well, its error, or None if the worker is gone."""
        try:
            return str(self.connection.recv())
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        """End the worker."""
        with suppress(OSError):
            self.connection.send(None)
        self.connection.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _serve_worker(connection: Connection) -> None:
    """The worker's loop: a build of the other languages for each job, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops this
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(_how_it_went(*job))


_worker: ServeWorker | None = None


def serve_worker(serving: bool) -> None:
    """Start the worker as `make serve` starts (where a fork is safe), or stop it."""
    global _worker
    if serving and _worker is None and can_fork():
        _worker = ServeWorker()
        atexit.register(serve_worker, False)  # before multiprocessing waits for its children
    elif not serving and _worker is not None:
        _worker.stop()
        _worker = None


class OtherLanguages:
    """The other languages' builds of one English build: `start` them, then `finish` (or `abandon`).

    They build in a child process beside the English build: a fork of this one where that is safe
    (it shares the loaded records), else a fresh interpreter (`spawn`, under `make serve`, whose
    server runs threads) that is handed the loaded records, pickled (about 30 ms for the bundled
    data): either way nothing is loaded or checked twice.
    """

    def __init__(self, config: MkDocsConfig, catalogue: Catalogue) -> None:
        self.config_file = Path(config.config_file_path)
        self.strict, self.site_dir = bool(config.strict), Path(config.site_dir)
        self.catalogue = catalogue
        self.child: multiprocessing.process.BaseProcess | None = None
        self.report: Connection | None = None
        self.worker: ServeWorker | None = None  # under `make serve`: the worker building them

    def start(self) -> None:
        """Begin building them in a child process, if there are any."""
        if not other_languages(self.config_file):
            return
        if _worker is not None:
            if _worker.build(self.config_file, self.strict, self.site_dir, self.catalogue):
                self.worker = _worker
                return
            serve_worker(False)  # gone: this build starts a child of its own, as every later one
        context = multiprocessing.get_context("fork") if can_fork() else multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        child = context.Process(
            target=_build_in_child,
            args=(send, self.config_file, self.strict, self.site_dir, self.catalogue),
            name="waymark-other-languages",
        )
        child.start()
        send.close()
        self.child, self.report = child, receive

    def finish(self) -> list[str]:
        """Wait for them (none, if none was started: the site has no other language); raise if one failed."""
        if self.worker is not None:
            message = self._worker_result()
            if message is None or message:
                raise OtherLanguagesFailed(message or "the worker building them stopped")
            return other_languages(self.config_file)
        if self.child is None or self.report is None:
            return []
        child, report = self.child, self.report
        self.child = self.report = None
        try:
            message = report.recv()
        except EOFError:  # it died without a word (killed, out of memory)
            message = None
        finally:
            report.close()
        child.join()
        if message is None or message or child.exitcode != 0:
            raise OtherLanguagesFailed(message or f"it stopped with status {child.exitcode}")
        return other_languages(self.config_file)

    def _worker_result(self) -> str | None:
        """Wait for the worker's build (see ServeWorker.result); a worker that is gone is dropped, and
        the next build starts a child of its own."""
        worker, self.worker = self.worker, None
        assert worker is not None
        message = worker.result()
        if message is None:
            serve_worker(False)
        return message

    def abandon(self) -> None:
        """The English build failed: stop the child, if one runs (the worker ends its build first)."""
        if self.worker is not None:
            self._worker_result()
        if self.child is None:
            return
        self.child.terminate()
        self.child.join()
        if self.report is not None:
            self.report.close()
        self.child = self.report = None
