"""A page in a language written right to left, in headless Chromium: mirrored, and the page is not blank."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from topicgen.cli import main

from .harness import chromium, offline, serve

pytestmark = pytest.mark.browser

GUIDE = ("---\ntitle: {title}\npermalink: p/topic-guide/{lang}/latest/A\n---\n#### Topic Guide\n###### {title}\n{text}\n\n"
         "<details>\n<summary>FAQs</summary>\n<a class=\"doc-link\" href=\"https://d.example/x\">{question}</a>\n"
         "</details>\n")


@contextmanager
def built(tmp_path, runner, **guides: dict[str, str]) -> Iterator[tuple[object, str]]:
    """The guides (by language: GUIDE's fields) built and served; a 900 px tab, and the URL of the pages."""
    src = tmp_path / "src"
    src.mkdir()
    for lang, fields in guides.items():
        (src / f"{lang}.md").write_text(GUIDE.format(lang=lang, **fields), encoding="utf-8")
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site")]).exit_code == 0
    with serve(tmp_path) as port, chromium() as browser:
        context = browser.new_context(viewport={"width": 900, "height": 600})
        offline(context)
        yield context.new_page(), f"http://127.0.0.1:{port}/site/p/topic-guide"


def test_a_right_to_left_page_is_mirrored_and_shows_its_content(tmp_path, runner) -> None:
    with built(tmp_path, runner, ar={"title": "مرحبا بكم", "text": "هذا نص تجريبي.", "question": "كيف أبدأ؟"},
               en={"title": "Welcome", "text": "Some text.", "question": "How to start?"}) as (tab, base):
        for lang, direction in (("ar", "rtl"), ("en", "ltr")):
            tab.goto(f"{base}/{lang}/latest/A/")
            heading = tab.locator("h1").first.bounding_box()
            assert tab.evaluate("getComputedStyle(document.body).direction") == direction
            # The skip link, off the page on the side it begins on: off to the left, a right-to-left page
            # scrolled there and showed nothing (10,899 px wide).
            assert tab.evaluate("document.documentElement.scrollWidth") == 900
            assert heading is not None and (heading["x"] + heading["width"] > 800 if lang == "ar" else heading["x"] < 100)


def test_the_translation_notice_has_its_accent_on_the_side_its_text_starts(tmp_path, runner) -> None:
    same = {"title": "A", "text": "Text.", "question": "How to start?"}  # ar left in English: a notice
    with built(tmp_path, runner, en=same, ar=same) as (tab, base):
        tab.goto(f"{base}/ar/latest/A/")
        widths = tab.evaluate("(s => [s.borderRightWidth, s.borderLeftWidth])"
                              "(getComputedStyle(document.querySelector('.tg-translation-notice')))")
        assert widths == ["4px", "1px"]
