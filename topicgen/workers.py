"""Sharing work among the machine's cores: a list mapped through worker processes, results in input order."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting processes and sending results back costs more than it saves: a guide
# parses in about 1 ms and a page renders in about 0.5 ms.
MIN_ITEMS = 200


def jobs() -> int:
    """How many processes to use: the cores (`TOPICGEN_JOBS` overrides; 1 turns workers off).

    Workers are forked, so that they start at once with what the build has already loaded: that is only
    done on Linux, where fork is cheap and safe for this single-threaded program.
    """
    env = os.environ.get("TOPICGEN_JOBS", "").strip()
    cores = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    return min(cores, 8) if sys.platform == "linux" else 1


def map_items(func: Callable[[T], R], items: Sequence[T], advance: Callable[[int], None] | None = None) -> list[R]:
    """`[func(x) for x in items]`, shared among worker processes when there are enough items.

    `func` must be a module-level function: it is sent to the workers by name. They are forked, so they
    see everything this process had when the work started (the collection, the theme) without it being
    sent; only the items and the results travel. `advance(n)` is told as items finish (a progress bar).
    """
    count = jobs()
    if count <= 1 or len(items) < MIN_ITEMS:
        results = []
        for item in items:
            results.append(func(item))
            if advance is not None:
                advance(1)
        return results
    chunk = max(1, len(items) // (count * 8))  # small enough that a slow chunk does not hold up the end
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
        results = []
        for result in pool.map(func, items, chunksize=chunk):
            results.append(result)
            if advance is not None:
                advance(1)
        return results
