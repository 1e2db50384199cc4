"""Using both cores: a list mapped through forked workers, results always in input order."""

from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork (~5 ms) and pickling the results back cost more than they save: a guide
# parses in about 1 ms and a page renders in about 0.5 ms on the reference machine.
MIN_ITEMS = 200
# Work is handed out as 4-byte tickets in a pipe (see ordered_map), at most as many as a 64 KiB pipe holds.
_TICKET = struct.Struct("<I")
_FRAME = struct.Struct("<Q")  # the length of one pickled result, before it in a worker's pipe
_HANDED_BACK: Any = object()  # what _take gives for an item whose work raised HandBack
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


class HandBack(Exception):
    """Raised by `func` in a worker for an item the main process is to do instead.

    The worker sends the item back and goes on with its next one; the main process does it before its
    next ticket. This is for work that needs a costly set-up which only one process should pay for.
    """


def ordered_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
                done: Callable[[int], None] | None = None, lead: Callable[[], None] | None = None,
                in_worker: Callable[[], None] | None = None) -> list[R]:
    """`[func(x) for x in items]`, with the work shared among `jobs` processes.

    Items are handed out one run at a time from a pipe of tickets that every process reads from, so a process
    that is slowed down (by a big guide, by other work, by the machine) simply takes fewer of them. Workers
    send each result back as soon as it is made, pickled with its index, and this process reads them between
    its own items: unpickling is then shared out like the rest of the work instead of waiting for the end.
    Results are put back by index, so the order never depends on which process did what or ended first.
    Whatever a worker did not deliver (it failed, died or could not pickle a result) is redone here, so an
    error surfaces exactly as without workers.
    `lead()`, if given, runs here once the workers have started, before this process takes its own share:
    work that only this process needs (it is then done while the workers already compute).
    `in_worker()`, if given, runs in each worker as it starts (where `func` may raise HandBack).
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
    children: list[_Inbox] = []
    for _ in range(1, jobs):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: take tickets until none are left, send the results, leave without cleanup
            os.close(read)
            os.close(tickets_write)
            for inbox in children:  # the other workers' pipes are not this one's business
                os.close(inbox.fd)
            os._exit(_work(func, items, step, tickets_read, write, in_worker))
        os.close(write)
        children.append(_Inbox(pid, read))
    os.close(tickets_write)  # every process has its copy now: the pipe reads as empty once all are taken
    results: dict[int, R] = {}
    handed: list[int] = []  # items workers handed back, done here before the next ticket

    def collect(block: bool = False) -> None:
        for inbox in children:
            got, back = inbox.receive(block)
            results.update(got)
            handed.extend(back)
            if done and got:
                done(len(got))

    try:
        if lead is not None:
            lead()
        for i, result in _take(func, items, step, tickets_read, done, between=collect, first=handed):
            if result is not _HANDED_BACK:  # (only a worker may hand back: here it is left to the end)
                results[i] = result
    finally:
        os.close(tickets_read)
        collect(block=True)
        for inbox in children:
            inbox.close()
    for i in range(len(items)):  # what no worker delivered, in order, as without workers
        if i not in results:
            results[i] = func(items[i])
            if done:
                done(1)
    return [results[i] for i in range(len(items))]


def _take(func: Callable[[T], R], items: Sequence[T], step: int, tickets: int,
          done: Callable[[int], None] | None, between: Callable[[], None] | None = None,
          first: list[int] | None = None) -> Iterator[tuple[int, R | None]]:
    """Results of the items of the tickets this process takes (after those in `first`), with their indexes;
    `between()` after each. An item `func` hands back comes with `_HANDED_BACK` for result.

    A failure stops the taking (the failed item is redone by the parent, where its error surfaces).
    """
    while True:
        if first:
            run: Iterable[int] = (first.pop(0),)
        elif (data := _read_ticket(tickets)) is not None:
            (start,) = _TICKET.unpack(data)
            run = range(start, min(start + step, len(items)))
        else:
            return
        for i in run:
            try:
                result = func(items[i])
            except HandBack:
                yield i, _HANDED_BACK
                continue
            except Exception:
                return
            yield i, result
            if done:
                done(1)
            if between:
                between()


def _work(func: Callable[[T], R], items: Sequence[T], step: int, tickets: int, out: int,
          in_worker: Callable[[], None] | None = None) -> int:
    """A worker's life: results framed (length, pickle of index and result) into `out` as they are made;
    an item handed back is framed as its index alone.

    The pipe is written without waiting: what does not fit yet (while the parent is busy with its lead work,
    say) is kept here and written after the next item, or at the end. Returns the exit status.
    """
    os.set_blocking(out, False)
    pending = bytearray()
    try:
        if in_worker is not None:
            in_worker()
        for i, result in _take(func, items, step, tickets, None):
            data = pickle.dumps((i,) if result is _HANDED_BACK else (i, result), protocol=pickle.HIGHEST_PROTOCOL)
            pending += _FRAME.pack(len(data))
            pending += data
            del pending[:_write_some(out, pending)]
        os.set_blocking(out, True)
        view = memoryview(pending)
        while view:
            view = view[os.write(out, view):]
        return 0
    except BaseException:  # a result that cannot be pickled, a closed pipe: the parent redoes the rest
        return 1


def _write_some(fd: int, data: bytearray) -> int:
    """How many bytes of `data` a non-blocking write took (0 when the pipe is full)."""
    try:
        return os.write(fd, data) if data else 0
    except BlockingIOError:
        return 0


class _Inbox:
    """A worker's pipe as this process reads it: whole frames become (index, result) pairs."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.buffer = bytearray()
        self.open = True
        self.blocking = True  # as os.pipe makes it

    def receive(self, block: bool) -> tuple[list[tuple[int, Any]], list[int]]:
        """The results that arrived (with `block`, all of them, until the worker closes its end), and the
        items handed back."""
        if self.open:
            if self.blocking != block:
                os.set_blocking(self.fd, block)
                self.blocking = block
            while True:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except BlockingIOError:
                    break
                if not chunk:
                    self.open = False
                    break
                self.buffer += chunk
        return self._frames()

    def _frames(self) -> tuple[list[tuple[int, Any]], list[int]]:
        got: list[tuple[int, Any]] = []
        back: list[int] = []
        at = 0
        while len(self.buffer) - at >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self.buffer, at)
            if len(self.buffer) - at - _FRAME.size < size:
                break  # the rest of this frame has not arrived yet (or never will: the worker died)
            data = bytes(self.buffer[at + _FRAME.size: at + _FRAME.size + size])
            at += _FRAME.size + size
            try:
                pair = pickle.loads(data)
            except Exception:
                continue  # unreadable: the item is redone by the parent
            if isinstance(pair, tuple) and len(pair) in (1, 2) and isinstance(pair[0], int):
                if len(pair) == 2:
                    got.append(pair)
                else:
                    back.append(pair[0])
        del self.buffer[:at]
        return got, back

    def close(self) -> None:
        os.close(self.fd)
        os.waitpid(self.pid, 0)


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


def _serial(func: Callable[[T], R], items: Sequence[T], done: Callable[[int], None] | None) -> list[R]:
    out = []
    for x in items:
        out.append(func(x))
        if done:
            done(1)
    return out
