"""Sharing a build among the machine's cores: worker processes that keep what they make between its steps."""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any

from topicgen.errors import TopicgenError

# A progress display: (what is done, how many items) -> a context giving advance(n) as items finish.
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]
State = dict[str, Any]  # what one worker keeps for the build: its share of the guides, say
Tick = Callable[[int], None]  # tells the progress display that n more items are done

# Below this many guides a build does not start workers: forking and talking to them costs more than the
# work they would share.
MIN_ITEMS = 200


def jobs() -> int:
    """How many processes to use: the cores (`TOPICGEN_JOBS` overrides; 1 turns workers off).

    Workers are forked, so that they start at once with what the build has already loaded: that is only
    done on Linux, where fork is cheap and safe for this single-threaded program.
    """
    env = os.environ.get("TOPICGEN_JOBS", "").strip()
    cores = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    return min(cores, 8) if sys.platform == "linux" else 1


class Crew:
    """Worker processes for one build, each with a state of its own that lasts for the build.

    The guides a worker parses stay in that worker, and so does rendering their pages: a guide never travels
    between processes, only what the main process needs of it. Each worker starts with `context` (given by
    the fork, never sent), and gets work as (function, argument) messages; a function is sent by name, so it
    must be a module-level one. The workers start with the first work, as many as the cores when there is
    enough of it (see `start`); with one member there is no process: the work runs here, on a state of its own.
    """

    def __init__(self, context: State, size: int | None = None) -> None:
        self.context, self.size = context, size or 0  # 0: decided by the first work
        self._local: State = dict(context)
        self._pipes: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []

    def __enter__(self) -> Crew:
        return self

    def start(self, items: int) -> None:
        """Fork the workers, unless they run already: as many as the cores for `items` worth sharing, else none."""
        if self.size:
            return
        self.size = jobs() if items >= MIN_ITEMS else 1
        if self.size == 1:
            return
        fork = multiprocessing.get_context("fork")
        for _ in range(self.size):
            mine, theirs = fork.Pipe()
            proc = fork.Process(target=_work, args=(theirs, self.context), daemon=True)
            proc.start()
            theirs.close()
            self._pipes.append(mine)
            self._procs.append(proc)

    def __exit__(self, *exc: object) -> None:
        for pipe in self._pipes:
            try:
                pipe.send(None)
            except OSError:
                pass
        for proc in self._procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()

    def each(self, func: Callable[[State, Any, Tick], Any], args: Sequence[Any],
             tick: Tick = lambda n: None) -> list[Any]:
        """`func(state, args[i], tick)` in worker i (as many args as members); their results in order."""
        if not self._pipes:
            return [func(self._local, arg, tick) for arg in args]
        for pipe, arg in zip(self._pipes, args):
            pipe.send((func, arg))
        return self._collect(list(self._pipes), tick)

    def spread(self, func: Callable[[State, Any, Tick], Any], chunks: Sequence[Any],
               tick: Tick = lambda n: None) -> list[tuple[int, Any]]:
        """`func(state, chunk, tick)` for every chunk, each in whichever worker is free: (worker, result)
        in the order of `chunks` (a worker slowed down, by a big guide or by the machine, takes fewer)."""
        self.start(sum(len(c) for c in chunks))
        if not self._pipes:
            return [(0, func(self._local, chunk, tick)) for chunk in chunks]
        results: list[tuple[int, Any] | None] = [None] * len(chunks)
        todo = list(enumerate(chunks))
        busy: dict[Connection, int] = {}
        while todo or busy:
            for pipe in self._pipes:
                if pipe not in busy and todo:
                    index, chunk = todo.pop(0)
                    pipe.send((func, chunk))
                    busy[pipe] = index
            for ready in wait(list(busy)):
                pipe = ready if isinstance(ready, Connection) else self._pipes[0]  # wait() gives back what it got
                result = self._receive(pipe, tick)
                if result is not _TICKED:
                    results[busy.pop(pipe)] = (self._pipes.index(pipe), result)
        return results  # type: ignore[return-value]

    def _collect(self, pipes: list[Connection], tick: Tick) -> list[Any]:
        results: dict[Connection, Any] = {}
        while len(results) < len(pipes):
            for ready in wait([p for p in pipes if p not in results]):
                pipe = ready if isinstance(ready, Connection) else pipes[0]  # wait() gives back what it got
                result = self._receive(pipe, tick)
                if result is not _TICKED:
                    results[pipe] = result
        return [results[p] for p in pipes]

    def _receive(self, pipe: Connection, tick: Tick) -> Any:
        try:
            kind, value = pipe.recv()
        except (EOFError, OSError):
            raise TopicgenError("a worker process stopped before it had finished (killed, or out of memory?); "
                                "nothing was changed; build again (TOPICGEN_JOBS=1 builds in one process)") from None
        if kind == "tick":
            tick(value)
            return _TICKED
        if kind == "error":
            raise value
        return value


_TICKED = object()  # what _receive gives for a progress message


def _work(pipe: Connection, context: State) -> None:
    """A worker's life: do what the main process sends, with a state that lasts until it says stop."""
    state = dict(context)
    try:
        while (message := pipe.recv()) is not None:
            func, arg = message
            try:
                result = func(state, arg, lambda n: pipe.send(("tick", n)))
            except BaseException as err:  # sent back, raised there: the build reports it as without workers
                pipe.send(("error", _sendable(err)))
                continue
            pipe.send(("done", result))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        pass  # the main process went away or was interrupted: it reports what happened


def _sendable(err: BaseException) -> BaseException:
    """`err` itself when it survives pickling, else a RuntimeError that says what it was."""
    import pickle

    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:
        return RuntimeError("".join(traceback.format_exception_only(type(err), err)).strip())


@contextmanager
def no_progress(label: str, total: int) -> Iterator[Tick]:
    """A progress display that shows nothing."""
    yield lambda n: None


def chunked(items: Sequence[Any], parts: int, most: int = 64) -> list[list[Any]]:
    """`items` in chunks small enough that a slow one does not hold the others up at the end."""
    size = max(1, min(most, len(items) // max(1, parts * 4)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]
