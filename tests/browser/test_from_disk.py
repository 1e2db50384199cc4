"""The built site opened from disk (file://), in headless Chromium: a link to another page opens that page."""

from __future__ import annotations

import pytest

from topicgen.cli import main

from .harness import LOCAL_ONLY, chromium

pytestmark = pytest.mark.browser

GUIDE = ("---\ntitle: {title}\npermalink: p/topic-guide/en/latest/{title}\n---\n#### Topic Guide\n###### {title}\n"
         "Text.\n\n<details open>\n<summary>FAQs</summary>\n"
         "<a class=\"doc-link\" href=\"p/topic-guide/en/latest/{other}\">Where is {other}?</a>\n</details>\n")


def test_links_between_pages_open_the_pages_from_disk(tmp_path, runner) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for title, other in (("One", "Two"), ("Two", "One")):
        (src / f"{title}.md").write_text(GUIDE.format(title=title, other=other), encoding="utf-8")
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site")]).exit_code == 0
    with chromium(LOCAL_ONLY) as browser:
        tab = browser.new_page()
        tab.goto((tmp_path / "site" / "p/topic-guide/en/latest/One/index.html").as_uri())
        with tab.expect_popup() as opened:  # a question's link opens in a new tab
            tab.click("text=Where is Two?")
        other = opened.value
        other.wait_for_load_state()
        assert other.url.endswith("/p/topic-guide/en/latest/Two/index.html")
        assert other.locator("h1").first.inner_text() == "Two"
        tab.click(".tg-crumbs a >> nth=1")  # the version's listing, a folder too
        tab.wait_for_load_state()
        assert tab.url.endswith("/p/topic-guide/en/latest/index.html") and "Index of" not in tab.content()
        tab.click("main a >> text=Two")  # and from there a guide, in the same tab
        tab.wait_for_load_state()
        assert tab.url.endswith("/p/topic-guide/en/latest/Two/index.html")
        external = tab.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                                ".filter(h => /^https?:/.test(h))")
        assert all(not h.endswith("index.html") for h in external)
