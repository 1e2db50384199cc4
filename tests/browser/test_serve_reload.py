"""`topicgen serve` in headless Chromium: an open page reloads by itself after an edit, shows and drops the overlay."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from ..conftest import GUIDES
from ..serve_process import PLAN_USAGE, ServeProcess
from .harness import chromium, offline

pytestmark = pytest.mark.browser

KO_PLAN = Path("guides/platform/topic-guide/ko/latest/planusage.md")


def wait_for(page, script: str, timeout: float = 30) -> float:
    """Seconds until `script` is true in the page; survives the page reloading underneath."""
    from playwright.sync_api import Error

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if page.evaluate(script):
                return time.monotonic() - started
        except Error:  # the page is being replaced by its reload
            pass
        time.sleep(0.005)
    raise AssertionError(f"not true within {timeout} s: {script}")


def open_page(browser, url: str):
    context = browser.new_context()
    offline(context)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    return page


def test_open_page_reloads_by_itself(tmp_path):
    shutil.copytree(GUIDES, tmp_path / "guides")
    proc = ServeProcess(tmp_path, "--src", "guides")
    errors: list[str] = []
    try:
        with chromium() as browser:
            page = open_page(browser, f"http://127.0.0.1:{proc.port}{PLAN_USAGE}")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.evaluate("window.__sameDocument = true")  # gone once the page has reloaded
            wait_for(page, "window.topicgenLive === true")

            guide = tmp_path / KO_PLAN
            guide.write_text(guide.read_text(encoding="utf-8").replace(
                "What is Allowed Sessions?", "What are Allowed Sessions, live?"), encoding="utf-8")
            took = wait_for(page, "document.body.textContent.includes('Allowed Sessions, live?')")
            print(f"\nedit visible in Chromium after {took * 1000:.0f} ms (bundled guides)")
            assert page.evaluate("window.__sameDocument === undefined")  # a reload, not a script patching text

            guide.write_text(guide.read_text(encoding="utf-8").replace("title: Plan", "title: [Plan"),
                             encoding="utf-8")
            wait_for(page, "!!document.getElementById('topicgen-overlay')")
            text = page.inner_text("#topicgen-overlay")
            assert "planusage.md:2: error:" in text
            assert "Allowed Sessions, live?" in page.inner_text("body")  # the last good page underneath
            page.click("#topicgen-overlay-close")
            assert not page.is_visible("#topicgen-overlay")

            guide.write_text(guide.read_text(encoding="utf-8").replace("title: [Plan", "title: Plan"),
                             encoding="utf-8")
            wait_for(page, "document.readyState === 'complete' && !document.getElementById('topicgen-overlay')")
        assert errors == []
    finally:
        proc.kill()


def test_a_guide_s_elements_with_the_preview_s_ids_neither_loop_nor_take_over(tmp_path):
    # The sanitizer keeps ids; a guide's element named like the reload script once made the page reload
    # without end, and one named like the overlay's button would have taken its place.
    shutil.copytree(GUIDES, tmp_path / "guides")
    guide = tmp_path / KO_PLAN
    decoys = ('\n<span id="topicgen-livereload">decoy</span> <span id="topicgen-overlay">decoy</span> '
              '<b id="topicgen-overlay-close">decoy</b>\n')
    guide.write_text(guide.read_text(encoding="utf-8") + decoys, encoding="utf-8")  # free text after the rest
    proc = ServeProcess(tmp_path, "--src", "guides")
    try:
        with chromium() as browser:
            context = browser.new_context()
            offline(context)
            context.add_init_script("sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1)")
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{proc.port}{PLAN_USAGE}")
            wait_for(page, "window.topicgenLive === true")
            assert page.evaluate("document.querySelectorAll('[id=topicgen-livereload]').length") == 2
            time.sleep(2)
            assert page.evaluate("sessionStorage.loads") == "1"  # loaded once, not over and over

            guide.write_text(guide.read_text(encoding="utf-8").replace("title: Plan", "title: [Plan"),
                             encoding="utf-8")
            wait_for(page, "!!document.querySelector('[data-topicgen-preview] > #topicgen-overlay')")
            assert page.evaluate("sessionStorage.loads") == "2"
            page.click("[data-topicgen-preview] #topicgen-overlay-close")
            assert not page.is_visible("[data-topicgen-preview] > #topicgen-overlay")
            assert page.is_visible("main #topicgen-overlay")  # the guide's own element is left alone
    finally:
        proc.kill()
