"""`topicgen serve`: build into a private folder, serve it, rebuild on change and reload open tabs."""

from __future__ import annotations

import html
import io
import json
import mimetypes
import os
import queue
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import uuid
import webbrowser
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import quote, unquote

import watchfiles

from topicgen.build import build
from topicgen.config import CONFIG_NAME, Config, load_config
from topicgen.errors import TopicgenError
from topicgen.report import Reporter
from topicgen.paths import DEFAULT_THEME

INTERNAL = "/__topicgen/"  # the preview's own endpoints; never part of a built site
_ASSETS = Path(__file__).resolve().parent
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]", "::1"}


class ServeError(TopicgenError):
    """The preview server cannot start (the port is taken, the host cannot be bound)."""


@dataclass(frozen=True, slots=True)
class State:
    """What the server shows: the last good site, and the errors of the last build when it failed."""

    version: str  # changes on every finished build, good or bad; open tabs reload when it does
    root: Path | None  # the last good site; None until a build succeeds
    base_path: str  # `/` or `/sub/path/`, from the config's base_url
    errors: tuple[str, ...] = ()  # `path:line: error: message` lines; empty when the last build succeeded
    warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page folder: its guide's warnings


class Preview:
    """Builds the site into a private folder and keeps the state the request handlers read."""

    def __init__(self, src: Path, config_path: Path | None, out: Path, stream: TextIO) -> None:
        self.src, self.config_path, self.out, self.stream = src, config_path, out, stream
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

    def rebuild(self, reason: str | None = None) -> State:
        """Build once; on failure keep the last good site and record the errors. Never raises TopicgenError."""
        with self._one_build:
            return self._rebuild(reason)

    def _rebuild(self, reason: str | None) -> State:
        started = time.perf_counter()
        with self.changed:
            self.building = True
        captured = io.StringIO()
        errors: list[str] = []
        pages, note = 0, ""
        config = self.config
        try:
            config = load_config(self.config_path, Path())
            reporter = Reporter(fmt="text", stream=captured)
            result = build(self.src, self.out, config, reporter, src_label=str(self.src))
            pages = result.pages if result.written else 0
            if result.collection is not None:  # None: nothing changed, the last mapping still holds
                label = str(self.src).rstrip("/")
                self._sources = {g.permalink.path: f"{label}/{g.source}" if label not in ("", ".") else g.source
                                 for g in result.collection.guides}
            if getattr(result, "unchanged", 0):  # with the build cache: say how little had to be redone
                note = f" ({result.rebuilt} rebuilt, {result.unchanged} unchanged)"
            if not result.written:
                errors = [line for line in captured.getvalue().splitlines() if ": error: " in line]
                errors = errors or [f"topicgen: error: build failed ({reporter.summary()})"]
        except TopicgenError as err:
            errors = [m if ": error: " in m else f"topicgen: error: {m}" for m in str(err).splitlines()]
        except Exception as err:  # a bug in topicgen must not take the preview down: report it in one line
            errors = [f"topicgen: internal error: {type(err).__name__}: {err}"]
        elapsed = time.perf_counter() - started
        lines = captured.getvalue().splitlines()
        self._print_new(lines + [e for e in errors if e not in lines])
        warnings = self._page_warnings(lines)
        with self.changed:
            self.builds += 1
            version = f"{self.session}-{self.builds}"
            if errors:
                self.state = State(version, self.state.root, self.state.base_path, tuple(errors), warnings)
            else:
                self.config = config
                self.state = State(version, self.out, config.base_path, (), warnings)
            self.building = False
            self.changed.notify_all()
        why = f" after a change to {reason}" if reason else ""
        if errors:
            kept = "still serving the last good pages" if self.state.root else "no good build yet"
            self.say(f"build failed{why} in {elapsed:.2f} s; {kept}")
        else:
            self.say(f"built {pages} pages{note}{why} in {elapsed:.2f} s")
        return self.state

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
        while not self.preview.stopping.is_set():
            # The folder, not the file: editors save by renaming a new file over the old one.
            self._watch([config.parent], False, lambda _change, path: Path(path).name == config.name,
                        self.ready[1], None)

    def _watch(self, paths: list[Path], recursive: bool, keep: object, ready: threading.Event,
               restart: threading.Event | None) -> None:
        stop = _Either(self.preview.stopping, *([restart] if restart else []))
        try:
            # yield_on_timeout: the first (empty) yield tells that the folders are being watched.
            for changes in watchfiles.watch(*paths, watch_filter=keep, recursive=recursive, stop_event=stop,
                                            debounce=400, step=30, rust_timeout=100, yield_on_timeout=True,
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
        while not self.preview.stopping.is_set():
            try:
                first = self.queue.get(timeout=0.2)
            except queue.Empty:
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


def _describe(paths: set[str]) -> str:
    # Editors save through temporary files that are gone by now; name the files that are still there.
    paths = {p for p in paths if os.path.exists(p)} or paths
    names = sorted(os.path.relpath(p) if not os.path.relpath(p).startswith("..") else p for p in paths)
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not hold up shutdown
    preview: Preview
    check_host: bool

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser closing a tab mid-response is normal; anything else gets one line, not a traceback.
        err = sys.exc_info()[1]
        if not isinstance(err, (ConnectionError, TimeoutError)):
            self.preview.say(f"topicgen serve: warning: request failed: {type(err).__name__}: {err}")


class _Server6(_Server):
    address_family = socket.AF_INET6


class Handler(BaseHTTPRequestHandler):
    """GET/HEAD of the last good site, canonical redirects, the overlay and the reload endpoints."""

    server: _Server
    server_version = "topicgen-serve"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # one line per request would drown the build messages writers need to see

    def _respond(self, head: bool) -> None:
        if not self._host_allowed():
            return self._plain(403, "forbidden: unexpected Host header", head)
        path, _, query = self.path.partition("?")
        path = path.partition("#")[0]
        if path.startswith(INTERNAL):
            return self._internal(path[len(INTERNAL):], head)
        parsed = split_path(path)
        if parsed is None:
            return self._plain(400, "bad request: the path is not a path inside the site", head)
        segments, slash = parsed
        preview = self.server.preview
        state = preview.state
        base = [unquote(s) for s in state.base_path.split("/") if s]
        if segments[: len(base)] != base:
            if not segments and base:  # the bare host: the site lives under the base path
                return self._redirect(state.base_path)
            return self._not_found(state, head)
        rel = segments[len(base):]
        if state.root is None:
            return self._html(503, _placeholder(), state, head)
        target = contained(state.root, rel)
        if target is None and preview.building:
            # A rebuild may be swapping the folder at this instant: wait for it rather than answer 404.
            preview.wait(None, 5.0)
            state = preview.state
            target = contained(state.root, rel) if state.root else None
        page = "/".join(rel)
        if target is not None and target.is_dir():
            if not slash:
                location = "/" + "".join(quote(s, safe="") + "/" for s in segments)
                return self._redirect(location + (f"?{query}" if query else ""))
            target = target / "index.html"
            target = target if target.is_file() else None
        elif target is not None and slash:
            target = None  # a file is never a folder
        if target is None:
            return self._not_found(state, head)
        self._file(target, state, head, page)

    def _host_allowed(self) -> bool:
        # Against DNS rebinding: a page on another site must not read the preview through a name it controls.
        if not self.server.check_host:
            return True
        host = self.headers.get("Host")
        if host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower() in _LOOPBACK_NAMES | {self.server.server_address[0]}

    def _internal(self, name: str, head: bool) -> None:
        state = self.server.preview.state
        if name == "events":
            return self._events()
        if name == "status":
            body = json.dumps({"version": state.version, "ok": not state.errors, "errors": list(state.errors)})
            return self._send(200, "application/json", body.encode(), head)
        if name in ("livereload.js", "overlay.css"):
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            return self._send(200, f"{kind}; charset=utf-8", (_ASSETS / name).read_bytes(), head)
        self._plain(404, "not found", head)

    def _events(self) -> None:
        """Server-Sent Events: the current version now, then each new one; tabs reload when it changes."""
        preview = self.server.preview
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        sent, quiet_since = None, time.monotonic()
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not preview.stopping.is_set():
                version = preview.state.version
                if version != sent:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    sent, quiet_since = version, time.monotonic()
                elif time.monotonic() - quiet_since > 15:  # finds tabs that were closed
                    self.wfile.write(b": ping\n\n")
                    quiet_since = time.monotonic()
                self.wfile.flush()
                preview.wait(sent, 0.5)
        except (ConnectionError, TimeoutError, ValueError):
            pass

    def _file(self, target: Path, state: State, head: bool, page: str) -> None:
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        try:
            data = target.read_bytes()
        except OSError:
            return self._not_found(state, head)
        if kind == "text/html":
            return self._html(200, data, state, head, state.warnings.get(page, ()))
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(200, kind, data, head)

    def _not_found(self, state: State, head: bool) -> None:
        page = contained(state.root, ["404.html"]) if state.root else None
        data = page.read_bytes() if page and page.is_file() else _page("Not found", "No page at this address.")
        self._html(404, data, state, head)

    def _html(self, status: int, data: bytes, state: State, head: bool, warnings: tuple[str, ...] = ()) -> None:
        self._send(status, "text/html; charset=utf-8", inject(data, state, warnings), head)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")  # a preview's folders come and go; browsers must not remember
        self.end_headers()

    def _plain(self, status: int, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode(), head)

    def _send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)


def split_path(path: str) -> tuple[list[str], bool] | None:
    """The decoded segments of a request path and whether it ends in `/`; None for anything but a plain
    path inside the site (absolute-form URLs, empty, `.`/`..`, encoded `/` or `\\`, control characters)."""
    if not path.startswith("/"):
        return None
    parts = path[1:].split("/")
    slash = len(parts) > 1 and parts[-1] == ""
    if parts[-1] == "":
        parts.pop()
    segments = []
    for part in parts:
        try:
            seg = unquote(part, errors="strict")
        except UnicodeDecodeError:
            return None
        if seg in ("", ".", "..") or any(c in seg for c in "/\\") or any(ord(c) < 32 or ord(c) == 127 for c in seg):
            return None
        segments.append(seg)
    return segments, slash or not segments


def contained(root: Path, segments: list[str]) -> Path | None:
    """`root/segments` with symlinks resolved, or None when it does not exist or lands outside `root`."""
    base = root.resolve()
    try:
        target = base.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if target != base and base not in target.parents:
        return None
    if any(part.startswith(".topicgen") for part in target.relative_to(base).parts):
        return None  # the writer's marker and cache are not part of the site
    return target


def inject(data: bytes, state: State, warnings: tuple[str, ...] = ()) -> bytes:
    """The page with the reload script, the error overlay when the last build failed and the page's own
    warnings, before `</body>`."""
    snippet = (overlay(state.errors) + notice(warnings) + f'<script id="topicgen-livereload" src="{INTERNAL}livereload.js" '
               f'data-version="{html.escape(state.version)}" defer></script>\n').encode("utf-8")
    at = data.lower().rfind(b"</body>")
    return data[:at] + snippet + data[at:] if at >= 0 else data + snippet


def overlay(errors: tuple[str, ...]) -> str:
    """The error box shown over the last good page; every error text is escaped, it comes from the guides."""
    if not errors:
        return ""
    items = "\n".join(html.escape(e) for e in errors)
    return (f'<link rel="stylesheet" href="{INTERNAL}overlay.css">'
            '<div id="topicgen-overlay" role="alert"><div class="topicgen-overlay-box">'
            '<p class="topicgen-overlay-title">topicgen: the last change did not build; '
            'this is the last good version of the page</p>'
            f'<pre class="topicgen-overlay-errors">{items}</pre>'
            '<button type="button" id="topicgen-overlay-close">Dismiss</button></div></div>\n')


def notice(warnings: tuple[str, ...]) -> str:
    """A folded box with the warnings of the guide on this page (escaped, like the overlay)."""
    if not warnings:
        return ""
    count = f"{len(warnings)} warning" + ("" if len(warnings) == 1 else "s")
    items = "\n".join(html.escape(w) for w in warnings)
    return (f'<link rel="stylesheet" href="{INTERNAL}overlay.css"><details id="topicgen-warnings">'
            f'<summary>topicgen: {count} in this guide</summary><pre>{items}</pre></details>\n')


def _page(title: str, text: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>\n').encode()


def _placeholder() -> bytes:
    return _page("No build yet", "The first build failed; this page reloads once the errors are fixed.")


def serve(src: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          config_path: Path | None = None, stream: TextIO | None = None) -> int:
    """Build, serve and watch until Ctrl-C or SIGTERM; the exit code (0 when stopped). Raises ServeError."""
    stream = stream or sys.stderr
    tmp = Path(tempfile.mkdtemp(prefix="topicgen-serve-"))  # private: never the user's build/ folder
    preview = Preview(src, config_path, tmp / "site", stream)
    server, serving = None, False
    watcher = Watcher(preview)
    main = threading.current_thread() is threading.main_thread()  # signals can only be set from there
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
    if main:
        # Ctrl-C raises KeyboardInterrupt even when started from a script that left SIGINT ignored (`&`).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, lambda *_: preview.stop())
    try:
        server = _bind(host, port, preview)
        watched = preview.watch_paths()
        watcher.start()  # before the first build, so an edit saved during it is not missed
        watcher.wait_ready(5.0)
        preview.rebuild()
        if preview.watch_paths() != watched:  # the config names a theme folder of its own
            watcher.restart.set()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        serving = True
        url = _url(server, preview.state.base_path)
        preview.say(f"serving {src} at {url} (watching for changes; Ctrl-C to stop)")
        if host not in ("127.0.0.1", "localhost", "::1"):
            preview.say(f"topicgen serve: warning: bound to {host}: other machines can read the preview")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        while not preview.stopping.wait(0.1):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the clean-up
        preview.stop()
        if serving:
            server.shutdown()
        if server is not None:
            server.server_close()
        watcher.join(0.5)
        shutil.rmtree(tmp, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    preview.say("stopped")
    return 0


def _bind(host: str, port: int, preview: Preview) -> _Server:
    cls = _Server6 if ":" in host else _Server
    try:
        server = cls((host, port), Handler)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server.preview = preview
    server.check_host = host in ("127.0.0.1", "localhost", "::1")
    return server


def _url(server: _Server, base_path: str) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}{base_path}"
