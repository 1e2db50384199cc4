"""Watching sources, theme and config through the OS's file events, and rebuilding once per batch of saves."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from topicgen.serve.preview import Preview

# The search indexes an edit reaches are brought up to date once no save has come for this long after the
# build for it (seconds): its tabs are up to date by then, and a writer who saves again soon neither waits
# for them nor has them made for nothing.
CATCH_UP_AFTER = 1.0


class _Either:
    """Set when either event is: stops a watch on shutdown or when the watched folders change."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


class Watcher:
    """Two watchfiles watches (folders recursively, the config's folder flat) feeding one builder thread."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.queue: queue.Queue[str] = queue.Queue()
        self.restart = threading.Event()
        self.ready = (threading.Event(), threading.Event())  # each watch has registered its folders
        self.threads = [threading.Thread(target=t, name=n, daemon=True) for t, n in (
            (self._watch_folders, "topicgen-watch"), (self._watch_config, "topicgen-watch-config"),
            (self._build_loop, "topicgen-build"))]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def wait_ready(self, timeout: float) -> None:
        """Wait until both watches are in place, so that no save after this can be missed."""
        deadline = time.monotonic() + timeout
        for event in self.ready:
            event.wait(max(0.0, deadline - time.monotonic()))

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

    def _watch_folders(self) -> None:
        while not self.preview.stopping.is_set():
            self.restart.clear()
            self._watch(self.preview.watch_paths(), True, watchfiles.DefaultFilter(), self.ready[0], self.restart)

    def _watch_config(self) -> None:
        config = self.preview.config_file()

        def keep(change: watchfiles.Change, path: str) -> bool:
            # A folder made beside the config while it fails may be the theme folder it names but lacked.
            return Path(path).name == config.name or (
                bool(self.preview.state.errors) and change == watchfiles.Change.added and Path(path).is_dir())

        while not self.preview.stopping.is_set():
            # The folder, not the file: editors save by renaming a new file over the old one.
            self._watch([config.parent], False, keep, self.ready[1], None)

    def _watch(self, paths: list[Path], recursive: bool, keep: Callable[[watchfiles.Change, str], bool],
               ready: threading.Event,
               restart: threading.Event | None) -> None:
        stop = _Either(self.preview.stopping, *([restart] if restart else []))
        try:
            # yield_on_timeout: the first (empty) yield tells that the folders are being watched. A batch
            # ends after `step` ms without a new event (between one and two steps after a save): an editor's
            # save is its events within a millisecond or two, and a writer waits for every step.
            for changes in watchfiles.watch(*paths, watch_filter=keep, recursive=recursive, stop_event=stop,
                                            debounce=400, step=10, rust_timeout=100, yield_on_timeout=True,
                                            raise_interrupt=False):
                ready.set()
                for _change, path in changes:
                    self.queue.put(path)
        except Exception as err:  # a watched folder vanished or cannot be read: say so, retry shortly
            ready.set()  # not watching, but the server must not wait for it to start
            if not stop.is_set():
                self.preview.say(f"topicgen serve: warning: watching {', '.join(map(str, paths))} "
                                 f"failed ({err}); retrying")
                self.preview.stopping.wait(1.0)

    def _build_loop(self) -> None:
        built = time.monotonic()
        while not self.preview.stopping.is_set():
            try:
                first = self.queue.get(timeout=0.1)
            except queue.Empty:
                if time.monotonic() - built >= CATCH_UP_AFTER:
                    self.preview.catch_up(lambda: not self.queue.empty())
                continue
            changed = {first}
            while not self.queue.empty():  # one build for everything saved together
                changed.add(self.queue.get_nowait())
            before = self.preview.watch_paths()
            try:
                self.preview.rebuild(_describe(changed))
            except Exception as err:  # rebuild() reports build failures itself; this is a bug here
                if self.preview.stopping.is_set():  # the private folder is being removed at shutdown
                    return
                self.preview.say(f"topicgen serve: internal error: {type(err).__name__}: {err}")
            if self.preview.watch_paths() != before:  # the config named another theme folder
                self.restart.set()
            built = time.monotonic()


def _describe(paths: set[str]) -> str:
    # Editors save through temporary files that are gone by now; name the files that are still there.
    paths = {p for p in paths if os.path.exists(p)} or paths
    names = sorted(os.path.relpath(p) if not os.path.relpath(p).startswith("..") else p for p in paths)
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


