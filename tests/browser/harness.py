"""Headless Debian Chromium and a local HTTP server for the browser tests and the screenshot script."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# No downloads, no background traffic: the tests must run offline and never fetch a browser.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# What a strict host would send: only the site's own scripts and styles, no inline code.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
       "frame-src 'self'; base-uri 'none'; form-action 'none'")


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the python package playwright is not installed (pip install -e '.[test]')"
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; pages under /site/ get the strict CSP header, the test host page does not."""

    def end_headers(self) -> None:
        if self.path.startswith("/site"):  # /site/ and /site-cross/: the built pages
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: pytest shows failures, not traffic
        pass


@contextmanager
def serve(root: Path) -> Iterator[int]:
    """Serve `root` on 127.0.0.1 at a free port for the duration of the block; yields the port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# For timings: no host but this machine's resolves, refused by Chromium itself. offline() refuses them too,
# and tells the tests what was asked for, but it hands every request to Playwright's Python side and back:
# tens of milliseconds a file, more while the test is not inside a Playwright call to answer it.
LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


@contextmanager
def chromium(*args: str) -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright, with `args` besides the usual ones."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *args])
        try:
            yield browser
        finally:
            browser.close()


def offline(context: object) -> None:
    """Abort every request to another host, so a click on an external link never reaches the network."""
    def route(r):
        host = r.request.url.split("/")[2].split(":")[0] if "://" in r.request.url else ""
        return r.continue_() if host in ("127.0.0.1", "localhost") else r.abort()
    context.route("**/*", route)
