"""Under `make serve`, a page made from data is made again only when what it read changed.

An edit changes one record; `make serve` builds the whole site again. Each generated page's body
is kept with what making it read (data/reads.py: the records, and the questions asked of the
catalogue with their answers) and with a digest of everything else a body can show (`outside`:
the shared data files, the settings, the templates and interface strings, the language, the
date). In the next build a page whose outside digest is the same, none of whose records changed
(each build notes every record's digest, and works out once which ids changed since the last) and
whose questions get the same answers (each asked once a build) is taken back; every other page is
made again. A build keeps only the pages it used, so every page kept is as of the last build; one
that did not end (an error) leaves nothing kept.

Only under serve (`enable`, from the startup hook); kept pickled, one entry a page, and a build
keeps only the pages it wrote. Tests hold the result to a fresh build's, byte for byte, after
random edits (tests/test_page_memo.py).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..data.catalogue import Catalogue
from ..data.reads import Answer, Query, Reads, ask, reading, record_digests

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]
RECORD_FOLDERS = {"services", "orders", "housing", "nrpf", "support", "justice", "councils", "postcodes", "schema"}


@dataclass
class _Entry:
    outside: str
    reads: Reads
    kept: bytes


@dataclass
class _Build:
    outside: str
    catalogue: Catalogue
    changed: set[str]  # ids of the records whose digest differs from the last build's (or are new or gone)
    answers: dict[Query, Answer | str]  # each question asked once

    def answer(self, query: Query) -> Answer | str:
        if query not in self.answers:
            self.answers[query] = ask(self.catalogue, query)
        return self.answers[query]


def outside_digest(catalogue: Catalogue, docs_dir: Path, *parts: object) -> str:
    """A digest of what a page made from data can show besides its records: the data files that are
    not records (areas, categories, the 24-hour lines, the guide ...), the names of the hand-written
    pages (pages link to them), the templates and interface strings of the package, and `parts`
    (the language, the settings, the date)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=20)
    data_dir = catalogue.data_dir
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        elif path.name not in RECORD_FOLDERS:
            for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                digest.update(inner.relative_to(data_dir).as_posix().encode() + b"\0" + inner.read_bytes())
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        digest.update(path.relative_to(docs_dir).as_posix().encode() + b"\0")
    for path in sorted([*PACKAGE.rglob("*.html"), *PACKAGE.rglob("*.yaml"), *PACKAGE.rglob("*.js")]):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()


class PageMemo:
    """Made page bodies by page, each with what making it read."""

    def __init__(self) -> None:
        self.enabled = False
        self._entries: dict[str, _Entry] = {}
        self._build: _Build | None = None
        self._digests: dict[str, str] = {}  # each record's digest in the last build
        self._unfinished = False  # a build began and did not end
        self._used: set[str] = set()
        self._made_here: list[tuple[str, _Entry]] = []  # made by this process in this build
        self._pid = os.getpid()
        self.made = self.reused = 0  # in this build (for the tests and the notes)

    def enable(self, on: bool = True) -> None:
        """Keep pages from now on (or stop, and forget them)."""
        self.enabled = on
        if not on:
            self._entries.clear()
            self._digests = {}
            self._build = None

    def begin(self, catalogue: Catalogue, outside: Callable[[], str]) -> None:
        """A build starts: its catalogue, and (worked out only when kept) its outside digest."""
        self.made = self.reused = 0
        self._used = set()
        self._made_here = []
        self._pid = os.getpid()
        if not self.enabled:
            self._build = None
            return
        if self._unfinished:
            self._entries.clear()
        now = record_digests(catalogue)
        changed = {rid for rid in now.keys() | self._digests.keys() if now.get(rid) != self._digests.get(rid)}
        self._digests = now
        self._build = _Build(outside(), catalogue, changed, {})
        self._unfinished = True

    def body(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, or the value kept for `key` when nothing it read has changed."""
        if self._build is None:
            return make()
        build = self._build
        self._used.add(key)
        entry = self._entries.get(key)
        if entry is not None and entry.outside == build.outside and entry.reads.same_in(build.changed, build.answer):
            self.reused += 1
            return pickle.loads(zlib.decompress(entry.kept))  # type: ignore[no-any-return]
        with reading() as reads:
            value = make()
        self.made += 1
        kept = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._entries[key] = entry = _Entry(build.outside, reads, kept)
        if os.getpid() != self._pid:  # a process sharing the pages out: its parent keeps the entry
            self._made_here.append((key, entry))
        return value

    def handed_back(self) -> tuple[list[str], list[tuple[str, _Entry]], int, int]:
        """In a process that made pages for its parent (a big build's pages are shared between
        processes): the keys it used, the entries it made and its counts, for `take_back`."""
        if os.getpid() == self._pid:
            return [], [], 0, 0  # this process is the parent: it has them already
        made, self._made_here = self._made_here, []
        counts = self.made, self.reused
        self.made = self.reused = 0
        return sorted(self._used), made, *counts

    def take_back(self, used: Iterable[str], made: Iterable[tuple[str, _Entry]], made_count: int, reused: int) -> None:
        """What processes that made pages for this one used, made and counted."""
        if self._build is None:
            return
        self._used.update(used)
        self._entries.update(made)
        self.made += made_count
        self.reused += reused

    def end(self) -> None:
        """The build wrote its pages: keep only theirs."""
        if self._build is None:
            return
        for key in [k for k in self._entries if k not in self._used]:
            del self._entries[key]
        self._build = None
        self._unfinished = False


#: The builds of this process share one memo.
PAGES = PageMemo()
