"""Share big, independent jobs (reading 10,000 files, writing 10,000 pages) between the CPU cores.

Used only above `THRESHOLD` items and where `fork` exists: a small regional directory (and
`mkdocs serve`, which runs threads) stays in one process. `in_background` lets this process go on
with other work while the children run (on two cores it would otherwise wait for them, idle).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
THRESHOLD = 2000


def workers() -> int:
    """How many processes to use: one per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def map_chunks(func: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """`func` over `items` split into one contiguous chunk per worker; results in input order.

    `func` must be a module-level function (the children find it by name) and take a chunk.
    """
    with in_background(func, items) as results:
        return results()


def _chunks(items: Sequence[Item]) -> list[Sequence[Item]]:
    """`items` in one contiguous chunk per worker, or [] where the work stays in this process."""
    count = workers()
    if len(items) < THRESHOLD or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return []
    size = -(-len(items) // count)
    return [items[i : i + size] for i in range(0, len(items), size)]


@contextmanager
def in_background(
    func: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]
) -> Iterator[Callable[[], list[Result]]]:
    """`with in_background(func, items) as results:` starts `func` over `items` as `map_chunks`
    does and lets the block run meanwhile; `results()` waits for them (in input order).

    Where the work stays in this process it is done before the block starts. Leaving the block
    stops the children, finished or not, so an error in the block leaves none behind.
    """
    chunks = _chunks(items)
    if not chunks:
        done = func(items)
        yield lambda: done
        return
    with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
        pending = pool.map_async(func, chunks)
        yield lambda: [result for part in pending.get() for result in part]
