"""Share big, independent jobs (reading 10,000 files, writing 10,000 pages) between the CPU cores.

Used only above `THRESHOLD` items and where `fork` exists: a small regional directory (and
`mkdocs serve`, which runs threads) stays in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
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
    count = workers()
    if len(items) < THRESHOLD or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return func(items)
    size = -(-len(items) // count)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
        parts = pool.map(func, chunks)
    return [result for part in parts for result in part]
