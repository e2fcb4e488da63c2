"""What a load of data/ can reuse from the last one: each file's checked form, while its bytes are
the same.

Under `make serve` every edit loads data/ again. Reading and checking a file (YAML, its schema,
its text rules) is most of a load, and an edit changes one file. So each file's result is kept
here, keyed by the file's own bytes and by everything else the result depends on (`context`:
the schemas, today's date, the record type, ...), and the next load takes it back for every file
whose key is the same. The result is kept pickled and unpickled at each use, so a build never
shares an object with an earlier one: what one build does to its records cannot reach the next.

Only where a process loads more than once: `make serve` turns it on (`Memo.enable`, from the
startup hook). A single build keeps nothing: at 10,000 services keeping every file's result would
cost it 1.5 s and 56 MB for no reuse.

Bounded: one entry a file. A changed file replaces its entry, and a load (`Memo.load`) ends by
dropping the entries of every file it did not read (deleted or renamed ones).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")


def digest_of(data: bytes) -> str:
    """A short, collision-safe name for some bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def folder_digest(folder: Path, pattern: str = "*") -> str:
    """One digest of every file in `folder` matching `pattern` (names and bytes), '' if none."""
    if not folder.is_dir():
        return ""
    parts = [f"{p.name}:{digest_of(p.read_bytes())}" for p in sorted(folder.glob(pattern)) if p.is_file()]
    return digest_of("\n".join(parts).encode())


@dataclass
class Pending:
    """The files of one `Memo.pending` call: their keys, the results kept for them (None: to
    check), and the indexes of those to check."""

    paths: Sequence[Path]
    keys: list[str | None]
    found: list[Any]
    todo: list[int]


class Memo:
    """Checked results of data files, by file and by the key of what produced them."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[str, bytes]] = {}
        self._lock = threading.Lock()
        self._read: set[Path] | None = None
        self.enabled = False

    def enable(self, on: bool = True) -> None:
        """Keep results from now on (or stop, and forget them)."""
        self.enabled = on
        if not on:
            self.keep_only(())

    def load(self) -> _Load:
        """`with MEMO.load():` around one load of data/; at its end, only the files it read are kept."""
        return _Load(self)

    def reused(self, path: Path, context: Sequence[str], work: Callable[[], Result]) -> Result:
        """`work()`, the result of checking `path`, or a fresh copy of the one kept for it."""
        return self.reused_many([path], context, lambda todo: [work()])[0]

    def reused_many(
        self, paths: Sequence[Path], context: Sequence[str], work: Callable[[list[int]], list[Result]]
    ) -> list[Result]:
        """The result of checking each of `paths`: kept ones where their key is unchanged, the rest
        from `work(indexes)`, which checks the files at those indexes of `paths`, in order."""
        pending = self.pending(paths, context)
        return self.finished(pending, work(pending.todo) if pending.todo else [])

    def pending(self, paths: Sequence[Path], context: Sequence[str]) -> Pending:
        """What checking `paths` needs: the results kept for them, and the indexes of the files to
        check (pass their results to `finished`). For work that runs while the caller goes on."""
        if not self.enabled:
            return Pending(paths, [None] * len(paths), [None] * len(paths), list(range(len(paths))))
        keys = [self.key(path, context) for path in paths]
        found: list[Any] = [self.get(path, key) for path, key in zip(paths, keys, strict=True)]
        return Pending(paths, keys, found, [i for i, result in enumerate(found) if result is None])

    def finished(self, pending: Pending, results: Sequence[Result]) -> list[Result]:
        """The result for each file of `pending`: `results` (of the files in `pending.todo`, in
        order) kept for the next load, with the results that were kept for the others."""
        found = list(pending.found)
        for i, result in zip(pending.todo, results, strict=True):
            if self.enabled:
                self.put(pending.paths[i], pending.keys[i], result)
            found[i] = result
        if self.enabled and self._read is not None:
            self._read.update(path.absolute() for path in pending.paths)
        return found

    def key(self, path: Path, context: Iterable[str]) -> str | None:
        """The key of `path`'s result: its bytes and `context`; None if it cannot be read as a
        plain file (the loader reports why, so nothing unusual is ever reused)."""
        try:
            if path.is_symlink() or not path.is_file():
                return None
            data = path.read_bytes()
        except OSError:
            return None
        return digest_of(b"\0".join([data, *(part.encode() for part in context)]))

    def get(self, path: Path, key: str | None) -> Any | None:
        """A fresh copy of the result kept for `path` under `key`, or None."""
        if key is None:
            return None
        with self._lock:
            entry = self._entries.get(path.absolute())
        if entry is None or entry[0] != key:
            return None
        return pickle.loads(entry[1])

    def put(self, path: Path, key: str | None, result: Any) -> None:
        """Keep `result` for `path` under `key` (replacing what was kept for it)."""
        if key is None:
            return
        kept = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._entries[path.absolute()] = (key, kept)

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget every file not in `paths`."""
        wanted = {path.absolute() for path in paths}
        with self._lock:
            for path in [p for p in self._entries if p not in wanted]:
                del self._entries[path]

    def __len__(self) -> int:
        return len(self._entries)


class _Load:
    """One load of data/: notes the files read; at its end, keeps only theirs (if it succeeded
    or failed alike: a file with problems is kept too, and is checked again only once it changes)."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo

    def __enter__(self) -> None:
        self.memo._read = set()

    def __exit__(self, *exc: object) -> None:
        read, self.memo._read = self.memo._read or set(), None
        self.memo.keep_only(read)


#: The loads of this process share one memo: data/ files are read by their absolute path.
MEMO = Memo()
