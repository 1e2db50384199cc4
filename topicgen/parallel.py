"""Using both cores: a list mapped through forked workers, results always in input order."""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork (~5 ms) and pickling the results back cost more than they save: a guide
# parses in about 1 ms and a page renders in about 0.5 ms on the reference machine.
MIN_ITEMS = 200


def jobs_for(count: int) -> int:
    """How many processes to use for `count` items: 1 unless the work is large enough to pay for a fork.

    `TOPICGEN_JOBS` overrides the number of cores (1 turns parallelism off); fork is only used on Linux,
    where it is cheap and safe in this single-threaded program.
    """
    env = os.environ.get("TOPICGEN_JOBS", "").strip()
    cores = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    if sys.platform != "linux" or cores <= 1 or count < MIN_ITEMS:
        return 1
    return min(cores, 8)


def ordered_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
                done: Callable[[int], None] | None = None) -> list[R]:
    """`[func(x) for x in items]`, with the work shared among `jobs` processes.

    Worker k takes items k, k+jobs, k+2*jobs… (interleaved, so slow stretches are shared) and sends its
    results back pickled; they are put back by index, so the order never depends on which worker ends
    first. A worker that fails in any way is redone here, so an error surfaces exactly as without workers.
    `done(n)` is told of progress as items finish (for a progress bar).
    """
    if jobs <= 1 or len(items) < 2:
        return _serial(func, items, done)
    jobs = min(jobs, len(items))
    children: list[tuple[int, int, int]] = []  # (worker index, pid, read end of its pipe)
    for k in range(1, jobs):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: compute its share, send it, leave without running any cleanup of the parent
            os.close(read)
            status = 0
            try:
                payload = pickle.dumps([func(x) for x in items[k::jobs]], protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write)
        children.append((k, pid, read))
    results: list[R | None] = [None] * len(items)
    mine = _serial(func, items[0::jobs], done)
    results[0::jobs] = mine
    for k, pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()  # read before waiting: a worker blocks until its pipe is drained
        _, status = os.waitpid(pid, 0)
        share: list[R] | None = None
        if status == 0:
            try:
                share = pickle.loads(data)
            except Exception:
                share = None
        if share is None or len(share) != len(items[k::jobs]):
            share = _serial(func, items[k::jobs], None)
        results[k::jobs] = share
        if done:
            done(len(share))
    return results  # type: ignore[return-value]


def _serial(func: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None) -> list[R]:
    out = []
    for x in items:
        out.append(func(x))
        if done:
            done(1)
    return out
