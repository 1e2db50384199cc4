"""The translation notice in headless Chromium: where it is, what it says, where it leads, legible light and dark."""

from __future__ import annotations

import shutil

import pytest

from topicgen.cli import main

from ..test_translation_history import git
from ..test_translation_status import SOURCES, project, text
from .harness import chromium, offline, serve

pytestmark = pytest.mark.browser

# WCAG relative luminance and contrast of two computed `rgb(…)` colours (the notice's text and link on its box).
CONTRAST = """el => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = getComputedStyle(el).backgroundColor, link = el.querySelector("a");
  return [ratio(getComputedStyle(el).color, bg), ratio(getComputedStyle(link).color, bg)];
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """SOURCES (untranslated, drifted, partly, orphan) and an outdated translation, in a git work tree, built."""
    from click.testing import CliRunner

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("notice")
    repo = root / "repo"
    src = project(repo, {**SOURCES, "en/old.md": text("en", "Old", ("How to A?", "How to B?")),
                         "ja/old.md": text("ja", "Old", ("Aの方法", "Bの方法"))})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "all")
    (src / "en/old.md").write_text(text("en", "Old", ("How to A, now?", "How to B?")), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "the source moves on", when="2024-02-01T00:00:00")
    result = CliRunner().invoke(main, ["build", "--src", str(src), "--out", str(root / "site")])
    assert result.exit_code == 0 and "1 outdated" in result.stderr, result.stderr
    with serve(root) as port, chromium() as browser:
        yield {"base": f"http://127.0.0.1:{port}/site/bots/topic-guide", "browser": browser}


@pytest.fixture(params=["light", "dark"])
def page(site, request):
    """A 390 px tab in light or dark (as the test's parameter `page` says; light by default)."""
    scheme = getattr(request, "param", "light")
    context = site["browser"].new_context(viewport={"width": 390, "height": 800}, color_scheme=scheme)
    context.set_default_timeout(10_000)
    offline(context)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # a CSP refusal, say
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []


NOTICES = [  # page, its notice, what it says, its link's text
    ("ko", "Current", "untranslated", "이 페이지는 아직 번역되지 않았습니다.", "원문(English) 보기"),
    ("ja", "Drift", "drifted", "この翻訳は原文のページと一致していません", "原文（English）を読む"),
    ("ja", "Old", "outdated", "この翻訳の更新後に、原文のページが変更されています。", "原文（English）を読む"),
]


def test_the_notice_is_first_on_the_page_and_leads_to_the_source(site, page):
    for lang, name, status, says, link in NOTICES:
        page.goto(f"{site['base']}/{lang}/latest/{name}/")
        note = page.get_by_role("note")
        assert note.count() == 1 and note.get_attribute("data-translation-status") == status
        assert says in note.inner_text() and note.get_by_role("link").inner_text() == link
        box, heading = note.bounding_box(), page.locator("h1").bounding_box()
        assert box and heading and box["y"] + box["height"] <= heading["y"], status  # above the guide's heading
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # nothing wider than 390 px
        text_ratio, link_ratio = note.evaluate(CONTRAST)
        assert text_ratio >= 4.5 and link_ratio >= 4.5, (status, text_ratio, link_ratio)
        note.get_by_role("link").click()
        page.wait_for_url(f"{site['base']}/en/latest/{name}/")
        assert page.locator("html").get_attribute("lang") == "en" and page.get_by_role("note").count() == 0


@pytest.mark.parametrize("page", ["light"], indirect=True)
def test_no_notice_on_current_partly_translated_orphan_or_source_pages(site, page):
    for lang, name in [("ja", "Current"), ("ja", "Partly"), ("ja", "Orphan"), ("en", "Drift")]:
        page.goto(f"{site['base']}/{lang}/latest/{name}/")
        assert page.locator("h1").count() == 1 and page.get_by_role("note").count() == 0, (lang, name)
