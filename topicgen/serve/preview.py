"""The preview's state: the site built into a private folder, rebuilt on demand, and what the pages show."""

from __future__ import annotations

import io
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from topicgen.build import build
from topicgen.cache.memory import Memory
from topicgen.config import CONFIG_NAME, DEFAULT_THEME, Config, load_config
from topicgen.diagnostics import Reporter, plural, text_line
from topicgen.errors import ConfigError, TopicgenError
from topicgen.options import BuildOptions
from topicgen.workers import Progress

if TYPE_CHECKING:
    from topicgen.translations.report import Report


@dataclass(frozen=True, slots=True)
class State:
    """What the server shows: the last good site, and the errors of the last build when it failed."""

    version: str  # changes on every finished build, good or bad; open tabs reload when it does
    root: Path | None  # the last good site; None until a build succeeds
    base_path: str  # `/` or `/sub/path/`, from the config's base_url
    errors: tuple[str, ...] = ()  # `path:line: error: message` lines; empty when the last build succeeded
    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page folder: its guide's warnings
    translations: Report | None = None  # the last report a build made (a build with nothing to do makes none)
    # The version of the last build that changed a file the site copies (a theme's stylesheet or script, an
    # image; BuildResult.copies_changed): a tab showing an older page reloads, else it may take the edit in
    # place (livereload.js).
    reload: str = ""


class Preview:
    """Builds the site into a private folder and keeps the state the request handlers read."""

    def __init__(self, src: Path, config_path: Path | None, out: Path, stream: TextIO,
                 progress: Progress | None = None) -> None:
        self.src, self.config_path, self.out, self.stream = src, config_path, out, stream
        # Shown on the first build's long steps, as `topicgen build` shows them: it reads and renders the whole
        # site, where a rebuild's bars would only flash on every save.
        self.progress = progress
        self.session = uuid.uuid4().hex[:8]  # a restarted server never repeats an old version
        self.builds = 0
        try:  # read now for the theme folder to watch; the first build reports any error in it
            self.config = load_config(config_path, Path())
        except TopicgenError:
            self.config = Config()
        self.state = State(f"{self.session}-0", None, "/")
        self.building = False
        self.stopping = threading.Event()
        self.changed = threading.Condition()  # notified when `state` or `building` changes, or on stop
        self._one_build = threading.Lock()  # builds share the output folder: one at a time
        self._printed: set[str] = set()
        self._sources: dict[str, str] = {}  # page folder to the guide's path as diagnostics print it
        self.memory = Memory()  # parse results and source hashes, kept from one rebuild to the next
        self._translations = ""  # the translations' line last said

    def rebuild(self, reason: str | None = None) -> State:
        """Build once; on failure keep the last good site and record the errors. Never raises TopicgenError.

        The search indexes an edit reaches are left for `catch_up`, which the watcher calls once no save has
        come for a moment: a tab reads its index only when searched, and the writer sees the edit sooner when
        the tab does not wait for the index, nor share the CPU with it (docs/performance.md).
        """
        with self._one_build:
            return self._rebuild(reason)

    def _rebuild(self, reason: str | None) -> State:
        started = time.perf_counter()
        with self.changed:
            self.building = True
        captured = io.StringIO()
        errors: list[str] = []
        pages, note, copies_changed = 0, "", False
        config = self.config
        report = self.state.translations
        try:
            # A preview is never published: no sitemap, and no warning that base_url is missing for one.
            config = replace(load_config(self.config_path, Path()), sitemap=False)
            reporter = Reporter(fmt="text", stream=captured)
            first = self.builds == 0
            result = build(self._options(config, True, self.progress if first else None), reporter)
            pages = result.pages if result.written else 0
            copies_changed = result.copies_changed
            if result.sources:  # none when nothing changed: the last mapping still holds
                self._sources = dict(result.sources)
            if result.written and result.report is not None:
                report = result.report
            if result.unchanged:  # say how little had to be redone
                note = f" ({plural(result.files_written, 'file')} written, {result.unchanged} unchanged)"
            if not result.written:
                errors = [line for line in captured.getvalue().splitlines() if ": error: " in line]
                errors = errors or [f"topicgen: error: build failed ({reporter.summary()})"]
        except ConfigError as err:  # the config's (or a strings file's) problems, its warnings too
            Reporter(fmt="text", stream=captured).emit_all(list(err.found))
            errors = [text_line(p, d) for p, d in err.found if d.severity == "error"] or [f"topicgen: error: {err}"]
        except TopicgenError as err:
            errors = [m if ": error: " in m else f"topicgen: error: {m}" for m in str(err).splitlines()]
        except Exception as err:  # a bug in topicgen must not take the preview down: report it in one line
            errors = [f"topicgen: internal error: {type(err).__name__}: {err}"]
        elapsed = time.perf_counter() - started
        lines = captured.getvalue().splitlines()
        self._print_new(lines + [e for e in errors if e not in lines])
        self._publish(config, tuple(errors), self._page_warnings(lines), report, copies_changed)
        why = f" after a change to {reason}" if reason else ""
        if errors:
            kept = "still serving the last good pages" if self.state.root else "no good build yet"
            self.say(f"build failed{why} in {elapsed:.2f} s; {kept}")
        else:
            self.say(f"built {plural(pages, 'page')}{note}{why} in {elapsed:.2f} s")
            self._say_translations(report)
        return self.state

    def _options(self, config: Config, indexes_later: bool = False, progress: Progress | None = None) -> BuildOptions:
        """The preview's builds: into its private folder, remembering from one to the next."""
        return BuildOptions(self.src, self.out, config, label=str(self.src), progress=progress, memory=self.memory,
                            indexes_later=indexes_later, own_output=True)

    def _publish(self, config: Config, errors: tuple[str, ...], warnings: dict[str, tuple[str, ...]],
                 report: Report | None, copies_changed: bool) -> None:
        """A new state for the request handlers; open tabs are brought up to date when they see its version."""
        with self.changed:
            self.builds += 1
            version = f"{self.session}-{self.builds}"
            reload = version if copies_changed or not self.state.reload else self.state.reload
            if errors:
                self.state = State(version, self.state.root, self.state.base_path, errors, warnings,
                                   self.state.translations, reload)
            else:
                self.config = config
                self.state = State(version, self.out, config.base_path, (), warnings, report, reload)
            self.building = False
            self.changed.notify_all()

    def catch_up(self, pending: Callable[[], bool] = lambda: False) -> None:
        """The search indexes the last build left for later, written from that build's guides with the rest of
        the site kept as it is: the version stays (tabs do not reload for them). It stops, leaving them to the
        next build, as soon as `pending()` says that a save is waiting for one. Then, with no save waiting, the
        garbage of the builds is collected (see pipeline.collect_garbage)."""
        with self._one_build:
            if self.memory.later is not None:
                self._write_later(pending)
            if not pending():
                from topicgen.pipeline import collect_garbage

                collect_garbage(self.memory)

    def _write_later(self, pending: Callable[[], bool]) -> None:
        with self.changed:
            self.building = True
        try:
            from topicgen.pipeline import write_later  # as build() imports it: only when there is work

            write_later(self._options(self.config), pending)
        except Exception as err:  # the preview goes on serving; the next build makes them
            self.say(f"search indexes not brought up to date ({type(err).__name__}: {err}); "
                     "the next build will")
        finally:
            with self.changed:
                self.building = False
                self.changed.notify_all()

    def _say_translations(self, report: Report | None) -> None:
        # Like warnings, the counts are news only when they change: not on every save.
        from topicgen.translations.report import counts

        line = counts(report).line() if report is not None and report.entries else ""
        if line and line != self._translations:
            self.say(line)
        self._translations = line

    def _page_warnings(self, lines: list[str]) -> dict[str, tuple[str, ...]]:
        # A writer looking at one guide wants its recovered markup (an unclosed tag) said there, not only
        # in a terminal full of the other guides' warnings.
        by_source: dict[str, list[str]] = {}
        for line in lines:
            source, sep, _rest = line.partition(": warning: ")
            if sep:
                by_source.setdefault(source.rsplit(":", 1)[0], []).append(line)
        return {folder: tuple(by_source[src]) for folder, src in self._sources.items() if src in by_source}

    def watch_paths(self) -> list[Path]:
        """The folders whose changes need a rebuild: sources and theme folders (the config is watched apart)."""
        found = [self.src] + [Path(p) for p in (self.config.theme, DEFAULT_THEME) if p]
        resolved = [p.resolve() for p in found if p.is_dir()]
        # A folder inside another watched one is already covered.
        return [p for p in dict.fromkeys(resolved) if not any(o != p and o in p.parents for o in resolved)]

    def config_file(self) -> Path:
        """The config file to watch: the given one, or `topicgen.yml` in the current folder (it may appear)."""
        return (self.config_path or Path(CONFIG_NAME)).resolve()

    def wait(self, seen_version: str | None, timeout: float) -> None:
        """Block until the version differs from `seen_version`, the build is idle, or the server stops."""
        with self.changed:
            self.changed.wait_for(lambda: self.stopping.is_set() or (
                self.state.version != seen_version if seen_version is not None else not self.building),
                timeout)

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()

    def _print_new(self, lines: list[str]) -> None:
        # The same warnings come back on every rebuild; repeating hundreds of them on each save buries the news.
        for line in lines:
            if ": error: " in line or line not in self._printed:
                self.say(line)
        self._printed = set(lines)

    def say(self, text: str) -> None:
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError):  # the terminal went away; the preview keeps serving
            pass


