"""Using both cores: a list mapped through forked workers, results always in input order."""

from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork (~5 ms) and pickling the results back cost more than they save: a guide
# parses in about 1 ms and a page renders in about 0.5 ms on the reference machine.
MIN_ITEMS = 200
# Work is handed out as 4-byte tickets in a pipe (see ordered_map), at most as many as a 64 KiB pipe holds.
_TICKET = struct.Struct("<I")
_MAX_TICKETS = 16_000


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
                done: Callable[[int], None] | None = None, lead: Callable[[], None] | None = None) -> list[R]:
    """`[func(x) for x in items]`, with the work shared among `jobs` processes.

    Items are handed out one run at a time from a pipe of tickets that every process reads from, so a process
    that is slowed down (by a big guide, by other work, by the machine) simply takes fewer of them. Workers
    send their results back pickled with their indexes; results are put back by index, so the order never
    depends on which process did what or ended first. Whatever a worker did not deliver (it failed, died or
    could not pickle a result) is redone here, so an error surfaces exactly as without workers.
    `lead()`, if given, runs here once the workers have started, before this process takes its own share:
    work that only this process needs (it is then done while the workers already compute).
    `done(n)` is told of progress as items finish (for a progress bar).
    """
    if jobs <= 1 or len(items) < 2:
        if lead is not None:
            lead()
        return _serial(func, items, done)
    jobs = min(jobs, len(items))
    step = -(-len(items) // _MAX_TICKETS)  # items per ticket: 1 unless there are more items than tickets
    tickets_read, tickets_write = os.pipe()
    _write_what_fits(tickets_write, b"".join(_TICKET.pack(i) for i in range(0, len(items), step)))
    children: list[tuple[int, int]] = []  # (pid, read end of its result pipe)
    for _ in range(1, jobs):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: take tickets until none are left, send the results, leave without cleanup
            os.close(read)
            os.close(tickets_write)
            status = 0
            try:
                payload = pickle.dumps(_take(func, items, step, tickets_read, None), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write)
        children.append((pid, read))
    os.close(tickets_write)  # every process has its copy now: the pipe reads as empty once all are taken
    results: dict[int, R] = {}
    try:
        if lead is not None:
            lead()
        results.update(_take(func, items, step, tickets_read, done))
    finally:
        os.close(tickets_read)
        shares = [_collect(pid, read) for pid, read in children]
    for share in shares:
        results.update(share)
        if done:
            done(len(share))
    for i in range(len(items)):  # what no worker delivered, in order, as without workers
        if i not in results:
            results[i] = func(items[i])
            if done:
                done(1)
    return [results[i] for i in range(len(items))]


def _take(func: Callable[[T], R], items: Sequence[T], step: int, tickets: int,
          done: Callable[[int], None] | None) -> list[tuple[int, R]]:
    """Results of the items of the tickets this process takes, with their indexes.

    A failure stops the taking: the results so far are returned (the failed item is redone by the parent,
    where its error surfaces).
    """
    out: list[tuple[int, R]] = []
    while (data := _read_ticket(tickets)) is not None:
        (start,) = _TICKET.unpack(data)
        for i in range(start, min(start + step, len(items))):
            try:
                out.append((i, func(items[i])))
            except Exception:
                return out
            if done:
                done(1)
    return out


def _write_what_fits(fd: int, data: bytes) -> None:
    """As much of `data` as the pipe takes without waiting.

    A pipe holds 64 KiB on Linux, enough for every ticket; it can be one page when the user has very many
    pipes open. Tickets that do not fit are simply not handed out: their items are done by this process at
    the end, as a failed worker's are.
    """
    os.set_blocking(fd, False)
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except BlockingIOError:
        pass


def _read_ticket(fd: int) -> bytes | None:
    """The next ticket from the pipe, None when none is left."""
    data = os.read(fd, _TICKET.size)
    while data and len(data) < _TICKET.size:  # not expected (tickets are whole in every write), but cheap
        more = os.read(fd, _TICKET.size - len(data))
        if not more:
            return None
        data += more
    return data if len(data) == _TICKET.size else None


def _collect(pid: int, read: int) -> list[tuple[int, R]]:
    """A worker's results, or none if it failed or sent something unreadable."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()  # read before waiting: a worker blocks until its pipe is drained
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return []
    try:
        share = pickle.loads(data)
    except Exception:
        return []
    return share if isinstance(share, list) else []


def _serial(func: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None) -> list[R]:
    out = []
    for x in items:
        out.append(func(x))
        if done:
            done(1)
    return out
