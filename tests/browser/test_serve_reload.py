"""`topicgen serve` in headless Chromium: an open page takes an edit in place or reloads, shows and drops the overlay."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..conftest import GUIDES
from ..serve_process import PLAN_USAGE, ServeProcess
from .harness import chromium, offline

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

KO_PLAN = Path("guides/platform/topic-guide/ko/latest/planusage.md")
# Edits to the English guide: its translations' notices change on their pages, not on this one.
EN_PLAN = Path("guides/platform/topic-guide/en/latest/planusage.md")
EN_PLAN_USAGE = PLAN_USAGE.replace("/ko/", "/en/")


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


def open_page(browser, url: str, height: int = 720):
    context = browser.new_context(viewport={"width": 1280, "height": height})
    offline(context)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.readyState === 'complete'")
    return page


@contextmanager
def live_page(tmp_path: Path, url_path: str, height: int = 720) -> Iterator[Page]:
    """The bundled guides served from `tmp_path`, the page at `url_path` open and listening for builds, with
    `window.__sameDocument` set (gone once the page reloads)."""
    shutil.copytree(GUIDES, tmp_path / "guides")
    proc = ServeProcess(tmp_path, "--src", "guides")
    try:
        with chromium() as browser:
            page = open_page(browser, f"http://127.0.0.1:{proc.port}{url_path}", height=height)
            page.evaluate("window.__sameDocument = true")
            wait_for(page, "window.topicgenLive === true")
            yield page
    finally:
        proc.kill()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_text_edit_is_patched_into_the_open_page_and_the_overlay_comes_and_goes(tmp_path):
    errors: list[str] = []
    guide = tmp_path / EN_PLAN
    with live_page(tmp_path, EN_PLAN_USAGE, height=400) as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        # The overlay must be styled the moment it is patched in: its stylesheet came with the page. One asked
        # for only then is never answered here; it once left the overlay in the page's flow at its bottom
        # until it loaded, and the click on its button scrolled the page down to it.
        page.route("**/__topicgen/overlay.css", lambda route: None)
        page.click("summary:has-text('What is the Usage Trend?')")  # the writer opened an answer...
        page.evaluate("window.scrollTo(0, 300)")  # ... and scrolled to it
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0

        edit(guide, "What is Allowed Sessions?", "What are Allowed Sessions, live?")
        took = wait_for(page, "document.body.textContent.includes('Allowed Sessions, live?')")
        print(f"\nedit visible in Chromium after {took * 1000:.0f} ms (bundled guides)")
        assert page.evaluate("window.__sameDocument") is True  # patched in, not reloaded
        assert page.evaluate("window.scrollY") == scrolled
        opened = "[...document.querySelectorAll('details.tg-answer')].filter(d => d.open)"
        assert page.evaluate(f"{opened}.map(d => d.querySelector('summary').textContent)") == [
            "What is the Usage Trend?"]
        # The page's structured data (a data block, never run) follows the text.
        assert "Allowed Sessions, live?" in page.evaluate(
            "document.querySelector('script[type=\"application/ld+json\"]').textContent")

        edit(guide, "title: Plan", "title: [Plan")
        wait_for(page, "!!document.querySelector('[data-topicgen-preview] > #topicgen-overlay')")
        assert page.evaluate("getComputedStyle(document.getElementById('topicgen-overlay')).position") == "fixed"
        text = page.inner_text("#topicgen-overlay")
        assert "en/latest/planusage.md:2: error:" in text
        assert "Allowed Sessions, live?" in page.inner_text("body")  # the last good page underneath
        page.click("#topicgen-overlay-close")
        assert not page.is_visible("#topicgen-overlay")

        edit(guide, "title: [Plan", "title: Plan")
        wait_for(page, "!document.getElementById('topicgen-overlay')")
        assert page.evaluate("window.__sameDocument") is True and page.evaluate("window.scrollY") == scrolled
    assert errors == []


def test_a_listing_patched_in_keeps_its_filter_working(tmp_path):
    # The page's scripts are not run again after a patch: what they hold (the filter's list items, the typed
    # words, the count they wrote) must still be the page's, with the new text.
    listing = EN_PLAN_USAGE.rsplit("/", 2)[0] + "/"
    with live_page(tmp_path, listing) as page:
        page.fill(".tg-filter-input", "plan")
        shown = "[...document.querySelectorAll('li[data-tg-filter-text]')].filter(li => !li.hidden)"
        names = ".map(li => li.querySelector('a').textContent)"
        assert page.evaluate(shown + names) == ["Plan & Usage"]

        edit(tmp_path / EN_PLAN, "title: Plan & Usage", "title: Plan & Usage, edited")
        wait_for(page, "document.querySelector('[data-tg-filter-list]').textContent.includes('Usage, edited')")
        assert page.evaluate("window.__sameDocument") is True
        assert page.input_value(".tg-filter-input") == "plan"
        assert page.evaluate(shown + names) == ["Plan & Usage, edited"]
        page.fill(".tg-filter-input", "edited")  # the filter reads the patched attribute
        assert page.evaluate(shown + names) == ["Plan & Usage, edited"]
        assert page.inner_text(".tg-filter-status").startswith("1 of ")


def test_an_edit_that_adds_elements_reloads_the_open_page(tmp_path):
    with live_page(tmp_path, EN_PLAN_USAGE) as page:
        edit(tmp_path / EN_PLAN, "view the billing sessions", "view the **billing sessions**")  # a <strong>
        wait_for(page, "!!document.querySelector('.tg-answer-body strong')")
        assert page.evaluate("window.__sameDocument === undefined")  # reloaded
        assert page.evaluate("document.querySelector('.tg-answer-body strong').textContent") == "billing sessions"


def test_an_edit_to_what_a_script_changed_on_the_page_reloads_it(tmp_path):
    # Three ways: the edit is patched in only where the live page still holds what was served.
    with live_page(tmp_path, EN_PLAN_USAGE) as page:
        page.evaluate("""[...document.querySelectorAll('summary')].find(
            s => s.textContent === 'What is the Usage Trend?').firstChild.nodeValue = 'Changed by a script'""")
        edit(tmp_path / EN_PLAN, "What is the Usage Trend?", "What is the usage trend, edited?")
        wait_for(page, "document.body.textContent.includes('usage trend, edited?')")
        assert page.evaluate("window.__sameDocument === undefined")
        assert "Changed by a script" not in page.inner_text("body")


def test_a_change_to_a_file_the_site_copies_reloads_the_open_page(tmp_path):
    # A theme's stylesheet or an image may change with no page's HTML changing: a patch would show nothing.
    with live_page(tmp_path, PLAN_USAGE) as page:
        version = page.evaluate("document.querySelector('[data-topicgen-preview] > script').dataset.version")
        (tmp_path / "guides" / "images" / "docIcon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
        wait_for(page, "window.__sameDocument === undefined && document.readyState === 'complete'")
        assert page.evaluate("document.querySelector('[data-topicgen-preview] > script').dataset.version") \
            != version


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
            assert page.evaluate("sessionStorage.loads") == "1"  # the overlay is patched in, inside the box
            page.click("[data-topicgen-preview] #topicgen-overlay-close")
            assert not page.is_visible("[data-topicgen-preview] > #topicgen-overlay")
            assert page.is_visible("main #topicgen-overlay")  # the guide's own element is left alone
    finally:
        proc.kill()
