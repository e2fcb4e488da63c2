"""What a piece of work read of the records, so that `make serve` can tell when it must be done again.

A page made from data reads records (`Record.data`) and asks the catalogue for lists of them
(`Catalogue.services_in(area)`, `helped_by(id)`, ...). While `reading()` is open, each such read is
noted: the record's id, or the question and the ids it was answered with. A page whose records and
answers are all the same in the next build's catalogue (`Reads.same_in`) is the same page.

Everything else a page shows (areas, categories, the 24-hour lines' order, settings, templates,
the date) is outside the records: glue/page_memo.py keys a page on a digest of all of it.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .model import Record

Query = tuple[Any, ...]  # (method name, argument keys...)
Answer = tuple[str | None, ...]  # the ids a question was answered with, in order
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Reads:
    """The records read (by id) and the questions asked (with their answers) by one piece of work."""

    records: set[str] = field(default_factory=set)
    queries: dict[Query, Answer] = field(default_factory=dict)

    def add(self, other: Reads) -> None:
        """Count `other`'s reads as this one's (work taken from a cache reads what its maker read)."""
        self.records |= other.records
        self.queries.update(other.queries)

    def same_in(self, changed: AbstractSet[str], answer: Callable[[Query], Answer | str]) -> bool:
        """True when no record read is among `changed` (the ids whose digest is not what it was when
        this work was done) and every question gets the same `answer` now."""
        return self.records.isdisjoint(changed) and all(answer(query) == said for query, said in self.queries.items())


_open: list[Reads] = []
is_open = False  # bool(_open), read on every `Record.data` (a module attribute: the cheapest test)


@contextmanager
def reading() -> Iterator[Reads]:
    """Note what the work inside reads (nested: each open `Reads` gets every read)."""
    global is_open
    reads = Reads()
    _open.append(reads)
    is_open = True
    try:
        yield reads
    finally:
        _open.pop()
        is_open = bool(_open)


@contextmanager
def unnoted() -> Iterator[None]:
    """Work whose reads are no page's own: the catalogue's indexes, built once for every page (a page
    depends on the answers it gets from them, which `question` notes)."""
    global _open, is_open
    saved, _open, is_open = _open, [], False
    try:
        yield
    finally:
        _open, is_open = saved, bool(saved)


def note_record(record_id: str) -> None:
    """A record's data was read."""
    for reads in _open:
        reads.records.add(record_id)


def note_query(query: Query, answer: Answer) -> None:
    """A question was asked of the catalogue and answered with these ids."""
    for reads in _open:
        reads.queries[query] = answer


def replay(reads: Reads) -> None:
    """What a cached piece of work read counts as read by the work that takes it from the cache."""
    for open_reads in _open:
        open_reads.add(reads)


def _key(value: Any) -> Any:
    """An argument as a plain key: an area, category, record or record type by its id or name."""
    for attr in ("id", "name"):
        if hasattr(value, attr) and not isinstance(value, str):
            return (type(value).__name__, getattr(value, attr))
    return value


def _is_record(value: Any) -> bool:
    return hasattr(value, "fields") and hasattr(value, "id")


def _answer(result: Any) -> Answer:
    """What a page saw of an answer: the ids of records (in order), a mapping's keys, else the value."""
    if result is None:
        return (None,)
    if isinstance(result, dict):
        return tuple(sorted(result))
    if isinstance(result, (list, tuple)) and all(_is_record(r) for r in result):
        return tuple(r.id for r in result)
    if _is_record(result):
        return (result.id,)
    return (repr(result),)


def question(method: F) -> F:
    """Mark a catalogue method as a question whose answer (the ids it returns) a page depends on."""
    name = method.__name__

    @functools.wraps(method)
    def asked(self: Catalogue, *args: Any) -> Any:
        if not _open:
            return method(self, *args)
        with unnoted():  # what the answer is made from is not the page's: the answer is
            result = method(self, *args)
        note_query((name, *(_key(a) for a in args)), _answer(result))
        return result

    return asked  # type: ignore[return-value]


def ask(catalogue: Catalogue, query: Query) -> Answer | str:
    """The answer `catalogue` gives to `query` now (its arguments found again by id), or a mark that
    it cannot be asked any more (an area or category that is gone, or an argument of a kind it does
    not find again: the page is then made again)."""
    name, *keys = query
    args = []
    for key in keys:
        if isinstance(key, tuple) and len(key) == 2:
            kind, ident = key
            found: Any = None
            if kind == "RecordType":
                from .model import RECORD_TYPES

                found = next((t for t in RECORD_TYPES if t.name == ident), None)
            elif kind == "Area":
                found = catalogue.areas.get(ident)
            elif kind == "Category":
                found = catalogue.categories.get(ident)
            if found is None:
                return "gone"
            args.append(found)
        else:
            args.append(key)
    attr = getattr(type(catalogue), name)
    method: Any = attr.fget if isinstance(attr, property) else attr
    try:
        return _answer(method.__wrapped__(catalogue, *args))
    except LookupError:  # a record asked about by id is gone: the page is made again
        return "gone"


def record_by_id(catalogue: Catalogue) -> dict[str, Record]:
    """Every record of the catalogue by id (ids are unique across types)."""
    return {rid: r for records in catalogue.records.values() for rid, r in records.items()}


def record_digest(record: Record) -> str:
    """A digest of a record's type and fields: the same fields give the same digest (marshal's
    format 2, which writes values and not which objects are shared, so a record read afresh and one
    taken back from the last load agree; a field marshal cannot hold falls back to its repr), and
    changed fields a different one."""
    try:
        dumped = marshal.dumps((record.type.name, record.fields), 2)
    except ValueError:
        dumped = repr((record.type.name, record.fields)).encode()
    return hashlib.blake2b(dumped, digest_size=16).hexdigest()


def record_digests(catalogue: Catalogue) -> dict[str, str]:
    """Every record's digest, by id."""
    return {record_id: record_digest(record) for record_id, record in record_by_id(catalogue).items()}
