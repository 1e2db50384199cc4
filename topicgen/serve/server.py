"""`topicgen serve`: build, serve and watch until Ctrl-C or SIGTERM, then clean up."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
import webbrowser
from pathlib import Path
from typing import TextIO

from topicgen.cache.record import record_key
from topicgen.cache.store import CacheUnusable, Store
from topicgen.errors import TopicgenError
from topicgen.serve.http import Handler, Server, Server6
from topicgen.serve.inject import INTERNAL
from topicgen.serve.preview import Preview
from topicgen.serve.status import PAGE
from topicgen.serve.watch import Watcher
from topicgen.workers import Progress


class ServeError(TopicgenError):
    """The preview server cannot start (the port is taken, the host cannot be bound)."""


def serve(src: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          config_path: Path | None = None, stream: TextIO | None = None, progress: Progress | None = None) -> int:
    """Build (`progress` on the first build), serve, watch until Ctrl-C or SIGTERM; 0 then. Raises ServeError."""
    stream = stream or sys.stderr
    tmp = Path(tempfile.mkdtemp(prefix="topicgen-serve-"))  # private: never the user's build/ folder
    preview = Preview(src, config_path, tmp / "site", stream, progress)
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
        preview.say(f"translation status at {_url(server, INTERNAL)}{PAGE}")
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
        if serving and server is not None:
            server.shutdown()
        if server is not None:
            server.server_close()
        watcher.join(0.5)
        _forget(preview)
        shutil.rmtree(tmp, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    preview.say("stopped")
    return 0


def _forget(preview: Preview) -> None:
    """The record of the preview's private folder, which is about to go, is of no use to any later build."""
    try:
        with Store(preview.config.cache_path, write=True).open() as store:
            store.forget(record_key(preview.out))
    except CacheUnusable:
        pass


def _bind(host: str, port: int, preview: Preview) -> Server:
    cls = Server6 if ":" in host else Server
    try:
        server = cls((host, port), Handler)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server.preview = preview
    server.check_host = host in ("127.0.0.1", "localhost", "::1")
    return server


def _url(server: Server, base_path: str) -> str:
    host, port = (str(part) for part in server.server_address[:2])
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{base_path}"
