"""Sharing work among the machine's cores: a list mapped through worker processes, results in input order."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Generic, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

# A progress display: (what is done, how many items) -> a context giving advance(n) as items finish.
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]

# Below this many items, starting processes and sending results back costs more than it saves: a guide
# parses in about 0.4 ms and a page renders in about 0.3 ms.
MIN_ITEMS = 200


def jobs() -> int:
    """How many processes to use: the cores (`TOPICGEN_JOBS` overrides; 1 turns workers off).

    Workers are forked, so that they start at once with what the build has already loaded: that is only
    done on Linux, where fork is cheap and safe for this single-threaded program.
    """
    env = os.environ.get("TOPICGEN_JOBS", "").strip()
    cores = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    return min(cores, 8) if sys.platform == "linux" else 1


class _Call(Generic[C, T, R]):
    """`func(context, chunk)`, with the context a forked worker inherited (it is never sent to a worker)."""

    context: Any = None  # set in this process before the workers are forked; see map_chunks

    def __init__(self, func: Callable[[C, list[T]], list[R]]) -> None:
        self.func = func

    def __call__(self, chunk: list[T]) -> list[R]:
        return self.func(_Call.context, chunk)


def map_chunks(func: Callable[[C, list[T]], list[R]], context: C, items: Sequence[T],
               progress: Progress | None = None, label: str = "working") -> list[R]:
    """`func(context, items)`, a result per item in order, with the items shared out in chunks among worker
    processes when there are enough of them.

    `func` must be a module-level function: it is sent to the workers by name, with each chunk; `context`
    (the theme, the collection: whatever every call needs) reaches them by the fork, not through a pipe.
    A chunk is the unit of work (one cache transaction, say). `progress`, if given, shows `label` and how
    many items are done.
    """
    with (progress or _no_progress)(label, len(items)) as advance:
        return _map(func, context, items, advance)


@contextmanager
def _no_progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


def _map(func: Callable[[C, list[T]], list[R]], context: C, items: Sequence[T],
         advance: Callable[[int], None]) -> list[R]:
    count = jobs()
    if count <= 1 or len(items) < MIN_ITEMS:
        results = func(context, list(items))
        advance(len(items))
        return results
    size = max(1, min(64, len(items) // (count * 4)))  # small enough that a slow chunk does not hold up the end
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    results = []
    _Call.context = context
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, done in zip(chunks, pool.map(_Call(func), chunks)):
                results += done
                advance(len(chunk))
    finally:
        _Call.context = None
    return results
