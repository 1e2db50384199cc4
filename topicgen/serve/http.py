"""The preview's HTTP side: the last good site, canonical redirects, the overlay and the reload events."""

from __future__ import annotations

import io
import json
import mimetypes
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from topicgen.serve.inject import INTERNAL, inject, placeholder, simple_page
from topicgen.serve.preview import Preview, State
from topicgen.serve.status import PAGE, status_page

_ASSETS = Path(__file__).resolve().parent
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]", "::1"}


class Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not hold up shutdown
    # socketserver's default of 5 pending connections makes every client but the first few of a burst (a
    # browser opening a page's assets, or a flood of idle sockets) wait a second or more for its SYN again.
    request_queue_size = 128
    preview: Preview
    check_host: bool

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser closing a tab mid-response is normal; anything else gets one line, not a traceback.
        err = sys.exc_info()[1]
        if not isinstance(err, (ConnectionError, TimeoutError)):
            self.preview.say(f"topicgen serve: warning: request failed: {type(err).__name__}: {err}")


class Server6(Server):
    address_family = socket.AF_INET6


class _Request:
    """A connection's request stream, noting when it ended: a client that went away in the middle of its
    headers has asked for nothing, and is not answered."""

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self.stream = stream
        self.ended = False

    def readline(self, limit: int = -1) -> bytes:
        line = self.stream.readline(limit)
        self.ended = self.ended or not line
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class Handler(BaseHTTPRequestHandler):
    """GET/HEAD of the last good site, canonical redirects, the overlay and the reload endpoints."""

    server: Server
    server_version = "topicgen-serve"
    # A connection that says nothing for this long is closed (http.server's "Request timed out"): idle and
    # half-open sockets must not pile up, each holding a thread, until the preview stops answering.
    timeout = 10.0
    # ... and one that trickles its request a byte at a time, each byte inside that timeout, is closed once
    # its request line and headers have taken this long in all.
    request_deadline = 30.0
    # http.server sends a response's headers and its body as two writes: with Nagle's algorithm the body then
    # waits for the browser's delayed acknowledgement of the headers, 40 ms on every file a page loads.
    disable_nagle_algorithm = True

    def setup(self) -> None:
        super().setup()
        self.rfile = _Request(self.rfile)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        # The timer shuts the socket, so the blocked read returns as if the client had gone: not answered.
        self._deadline = threading.Timer(self.request_deadline, self._cut_off)
        self._deadline.daemon = True
        self._deadline.start()
        try:
            super().handle_one_request()
        finally:
            self._deadline.cancel()

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers
        self._deadline.cancel()  # the request is in: a long answer (the event stream) is not cut off
        return parsed

    def _cut_off(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # one line per request would drown the build messages writers need to see

    def _respond(self, head: bool) -> None:
        if self.rfile.ended:  # type: ignore[attr-defined]
            # Thousands of such half-sent requests, closed at once, would each be served a page for nobody.
            self.close_connection = True
            return
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
            return self._html(503, placeholder(), state, head)
        found = _find(state.root, rel, slash)
        if found is None and preview.building:
            # A rebuild may be swapping this very file at this instant: wait for it rather than answer 404.
            preview.wait(None, 5.0)
            state = preview.state
            found = _find(state.root, rel, slash) if state.root else None
        if found is None:
            return self._not_found(state, head)
        target, data = found
        if data is None:  # a folder asked for without its slash
            location = "/" + "".join(quote(s, safe="") + "/" for s in segments)
            return self._redirect(location + (f"?{query}" if query else ""))
        self._file(target, data, state, head, "/".join(rel))

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
        if name == PAGE:  # the writers' view of the translations, reloaded like any page after a build
            page = status_page(state.translations, self.server.preview.config.languages, state.base_path)
            return self._html(200, page.encode("utf-8"), state, head)
        if name in ("livereload.js", "overlay.css"):
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            return self._send(200, f"{kind}; charset=utf-8", (_ASSETS / name).read_bytes(), head)
        self._plain(404, "not found", head)

    def _events(self) -> None:
        """Server-Sent Events: the current version now, then each new one, each with the version of the last
        build that tabs must reload for (`State.reload`)."""
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
                state = preview.state
                version = state.version
                if version != sent:
                    self.wfile.write(f"data: {version} {state.reload}\n\n".encode())
                    sent, quiet_since = version, time.monotonic()
                elif time.monotonic() - quiet_since > 15:  # finds tabs that were closed
                    self.wfile.write(b": ping\n\n")
                    quiet_since = time.monotonic()
                self.wfile.flush()
                preview.wait(sent, 0.5)
        except (ConnectionError, TimeoutError, ValueError):
            pass

    def _file(self, target: Path, data: bytes, state: State, head: bool, page: str) -> None:
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            return self._html(200, data, state, head, state.warnings.get(page, ()))
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(200, kind, data, head)

    def _not_found(self, state: State, head: bool) -> None:
        page = contained(state.root, ["404.html"]) if state.root else None
        data = page.read_bytes() if page and page.is_file() else simple_page("Not found", "No page at this address.")
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


def _find(root: Path, rel: list[str], slash: bool) -> tuple[Path, bytes | None] | None:
    """The file a request names (a folder's index.html) with its bytes, or a folder asked for without its
    slash (no bytes: it is redirected); None when there is no such file (a file is never a folder)."""
    target = contained(root, rel)
    if target is not None and target.is_dir():
        if not slash:
            return target, None
        target = target / "index.html"
    elif slash:
        return None
    try:
        return (target, target.read_bytes()) if target is not None else None
    except OSError:  # not there, not a file, or gone since it was found
        return None


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


