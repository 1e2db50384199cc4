"""A page in a language written right to left, in headless Chromium: mirrored, and the page is not blank."""

from __future__ import annotations

import pytest

from topicgen.cli import main

from .harness import chromium, offline, serve

pytestmark = pytest.mark.browser

GUIDE = ("---\ntitle: {title}\npermalink: p/topic-guide/{lang}/latest/A\n---\n#### Topic Guide\n###### {title}\n{text}\n\n"
         "<details>\n<summary>FAQs</summary>\n<a class=\"doc-link\" href=\"https://d.example/x\">{question}</a>\n"
         "</details>\n")


def test_a_right_to_left_page_is_mirrored_and_shows_its_content(tmp_path, runner) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "ar.md").write_text(GUIDE.format(lang="ar", title="مرحبا بكم", text="هذا نص تجريبي.", question="كيف أبدأ؟"),
                               encoding="utf-8")
    (src / "en.md").write_text(GUIDE.format(lang="en", title="Welcome", text="Some text.", question="How to start?"),
                               encoding="utf-8")
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site")]).exit_code == 0
    with serve(tmp_path) as port, chromium() as browser:
        context = browser.new_context(viewport={"width": 900, "height": 600})
        offline(context)
        tab = context.new_page()
        for lang, direction in (("ar", "rtl"), ("en", "ltr")):
            tab.goto(f"http://127.0.0.1:{port}/site/p/topic-guide/{lang}/latest/A/")
            heading = tab.locator("h1").first.bounding_box()
            assert tab.evaluate("getComputedStyle(document.body).direction") == direction
            # The skip link, off the page on the side it begins on: off to the left, a right-to-left page
            # scrolled there and showed nothing (10,899 px wide).
            assert tab.evaluate("document.documentElement.scrollWidth") == 900
            assert heading is not None and (heading["x"] + heading["width"] > 800 if lang == "ar" else heading["x"] < 100)


def test_the_translation_notice_has_its_accent_on_the_side_its_text_starts(tmp_path, runner) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for lang, question in (("en", "How to start?"), ("ar", "How to start?")):  # ar left in English: a notice
        (src / f"{lang}.md").write_text(GUIDE.format(lang=lang, title="A", text="Text.", question=question),
                                        encoding="utf-8")
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site")]).exit_code == 0
    with serve(tmp_path) as port, chromium() as browser:
        context = browser.new_context(viewport={"width": 900, "height": 600})
        offline(context)
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{port}/site/p/topic-guide/ar/latest/A/")
        widths = tab.evaluate("(s => [s.borderRightWidth, s.borderLeftWidth])"
                              "(getComputedStyle(document.querySelector('.tg-translation-notice')))")
        assert widths == ["4px", "1px"]
