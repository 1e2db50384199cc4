"""docs/embedding.md's host page, in headless Chromium: it frames the sample guide of `topicgen new`, served from
another origin with docs/hosting.md's Content-Security-Policy, and receives the events the docs list."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading

import pytest

from topicgen.cli import main

from ..conftest import ROOT
from .harness import chromium, offline

pytestmark = pytest.mark.browser

GUIDE = "guides/myproduct/topic-guide/en/latest/Getting%20Started/"


def documented(doc: str, kind: str, after: str) -> str:
    """The first `kind` block of docs/<doc> after the heading or text `after`."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    block = re.search(rf"^```{kind}\n(.*?)^```\n", text.split(after, 1)[1], re.M | re.S)
    assert block, f"docs/{doc} has no {kind} block after {after!r}"
    return block.group(1)


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self) -> None:
        if self.path.startswith("/guides/"):  # the guides get the documented header; the host page is the product's
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_documented_host_page_receives_the_documented_events(tmp_path, runner):
    policy = documented("hosting.md", "text", "## The Content-Security-Policy").strip()
    assert policy.startswith("Content-Security-Policy: ")
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(tmp_path)))
    port = server.server_address[1]
    product, guides = f"http://localhost:{port}", f"http://127.0.0.1:{port}"  # two origins: the product frames
    handler.csp = policy.split(": ", 1)[1].replace("https://app.example.com", product)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert runner.invoke(main, ["new", str(tmp_path / "p")]).exit_code == 0
        (tmp_path / "p" / "topicgen.yml").write_text(f"embed:\n  parent_origin: {product}\n", encoding="utf-8")
        built = runner.invoke(main, ["build", "--strict", "--src", str(tmp_path / "p/guides"),
                                     "--config", str(tmp_path / "p/topicgen.yml"), "--out", str(tmp_path / "guides"),
                                     "--base-url", f"{guides}/guides/"])
        assert built.exit_code == 0, built.output
        page = documented("embedding.md", "html", "## A host page").replace("https://docs.example.com", guides)
        (tmp_path / "host.html").write_text(page, encoding="utf-8")
        _drive(product, guides)
    finally:
        server.shutdown()
        server.server_close()


def _drive(product: str, guides: str) -> None:
    with chromium() as browser:
        context = browser.new_context()
        context.set_default_timeout(10_000)
        offline(context)
        tab = context.new_page()
        errors: list[str] = []  # a CSP violation is reported on the console
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(f"{product}/host.html")
        assert tab.frames[1].url == f"{guides}/{GUIDE}"

        def logged(count: int) -> list[dict]:
            tab.wait_for_function(f"document.getElementById('log').textContent.trim().split('\\n').length >= {count}"
                                  " && document.getElementById('log').textContent.trim() !== ''")
            return [json.loads(line) for line in tab.locator("#log").text_content().strip().splitlines()]

        assert logged(1) == [{"frameStatus": "loaded", "action": "guidedTour"}]
        frame = tab.frame_locator("#guide")
        frame.locator(".tg-tour").click()
        assert logged(2)[1] == {"action": "guidedTour", "selector": "topicGuide", "payload": {"topicId": "getting-started"}}
        frame.locator(".tg-intro .tg-video-link").click()
        video = logged(3)[2]
        assert video["action"] == "videoModal" and video["payload"]["url"].startswith("https://videos.example.com/")
        assert len(context.pages) == 1 and errors == []  # the product plays the video: no tab, and no violation
        context.close()
