"""The search box in headless Chromium under the strict CSP: real queries in English, Japanese and Korean,
keyboard and ARIA combobox, answers opened from a result, the frame rule, no console errors."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from topicgen.cli import main
from topicgen.config import Config
from topicgen.reading.collect import read_collection

from ..conftest import CORPUS, GUIDES
from .harness import chromium, offline, serve
from .search_cases import CORPUS_JAPANESE, ENGLISH, JAPANESE, KOREAN
from .search_site import (
    write_indexes,
    write_page,
)

pytestmark = pytest.mark.browser

EN = "site/platform/topic-guide/en/latest"
JA = "site/platform/topic-guide/ja/latest"
KO = "site/platform/topic-guide/ko/latest"
CORPUS_JA = "site/corpus/platform/topic-guide/ja/latest"
HOST = """<!DOCTYPE html><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<body><iframe id="plain" src="/{plain}" width="800" height="400"></iframe>
<iframe id="embed" src="/{embed}" width="800" height="400"></iframe></body>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled guides built by the CLI (every page has the box in its header, every index is an output of
    the build), a bare search page beside each index (and for the corpus's Japanese guides when present)."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("search")
    site = root / "site"
    result = CliRunner().invoke(main, ["build", "--src", str(GUIDES), "--out", str(site)])
    assert result.exit_code == 0, result.output
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("search-index.json") if p.parent != site)
    assert paths, "the build writes the indexes"
    assert (site / "assets/search/search.js").is_file(), "and copies the scripts"
    embed = write_page(site / "platform/topic-guide/en/latest/search-index.json", site, "en", embed=True)
    embed.rename(embed.with_name("embed.html"))
    for path in paths:
        write_page(site / path, site, path.split("/")[2])
    if CORPUS.is_dir():
        corpus = site / "corpus"
        for path in write_indexes(corpus, read_collection(CORPUS / "platform" / "topic-guide" / "ja", Config()).guides):
            write_page(corpus / path, site, "ja")
    (root / "host.html").write_text(HOST.format(plain=f"{EN}/search-test.html", embed=f"{EN}/embed.html"),
                                    encoding="utf-8")
    with serve(root) as port, chromium() as browser:
        yield {"port": port, "browser": browser, "site": site}


class Page:
    """One browser tab; console errors, page errors, failed and refused local requests are kept."""

    def __init__(self, site, path: str) -> None:
        self.context = site["browser"].new_context(viewport={"width": 1000, "height": 800})
        self.context.set_default_timeout(10_000)
        offline(self.context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning")
                     and not m.text.startswith("Failed to load resource") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed {r.url}") if _local(r.url) else None)
        self.page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        self.base = f"http://127.0.0.1:{site['port']}"
        self.page.goto(f"{self.base}/{path}")

    def ready(self) -> None:
        self.page.focus(".tg-search-input")
        self.page.wait_for_function("() => TopicgenSearch.boxes[0] && TopicgenSearch.boxes[0].engine")

    def query(self, text: str) -> list[tuple[str, str]]:
        """Type `text` into the box (as one input event); the results' guide and second line."""
        self.page.fill(".tg-search-input", text)
        return self.results()

    def results(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.page.eval_on_selector_all(  # type: ignore[misc]
            ".tg-search-option", "els => els.map(e => [e.querySelector('.tg-search-guide').textContent, "
            "(e.querySelector('.tg-search-question, .tg-search-heading') || {}).textContent || ''])")]

    def close(self) -> list[str]:
        self.context.close()
        return self.errors


def _local(url: str) -> bool:
    return url.split("/")[2].split(":")[0] in ("127.0.0.1", "localhost") if "://" in url else True


@pytest.fixture(scope="module")
def pages(site):
    """One search page per index, loaded once for all the query cases; no console error in any of them."""
    opened: dict[str, Page] = {}

    def get(folder: str) -> Page:
        if folder not in opened:
            if folder == CORPUS_JA and not CORPUS.is_dir():
                pytest.skip("../shared/corpus/kore is not present (a fresh clone has none)")
            opened[folder] = Page(site, f"{folder}/search-test.html")
            opened[folder].ready()
        return opened[folder]

    yield get
    errors = {folder: page.close() for folder, page in opened.items()}
    assert not any(errors.values()), errors


CASES = ([(EN, *c) for c in ENGLISH] + [(JA, *c) for c in JAPANESE] + [(CORPUS_JA, *c) for c in CORPUS_JAPANESE]
         + [(KO, *c) for c in KOREAN])


@pytest.mark.parametrize("folder,query,title,second", CASES, ids=[f"{c[0].split('/')[-2]}-{c[1]}" for c in CASES])
def test_query_finds_the_guide(pages, folder: str, query: str, title: str, second: str | None) -> None:
    results = pages(folder).query(query)[:5]
    assert any(t == title and (second is None or s == second) for t, s in results), results


@pytest.mark.parametrize("folder,query", [(EN, "xyzzy"), (JA, "ﾎﾟﾎﾟﾎﾟ"), (KO, "뷁뷁"), (EN, "session xyzzy")])
def test_no_results_state(pages, folder: str, query: str) -> None:
    page = pages(folder)
    assert page.query(query) == []
    p = page.page
    assert p.is_visible(".tg-search-empty") and p.is_hidden(".tg-search-list")
    assert p.get_attribute(".tg-search-input", "aria-expanded") == "false"
    wanted = {EN: "No results", JA: "一致する結果はありません", KO: "일치하는 결과가 없습니다"}[folder]
    assert p.text_content(".tg-search-empty") == wanted and p.text_content("[role=status]") == wanted


def test_matches_are_marked_from_the_data_as_text(pages) -> None:
    ko = pages(KO)
    ko.query("세션이란")
    marks = ko.page.eval_on_selector_all(".tg-search-option mark", "ms => ms.map(m => m.textContent)")
    assert "세션이란" in marks and all("<" not in m for m in marks)
    en = pages(EN)
    en.query("training")
    question = en.page.eval_on_selector(
        ".tg-search-question", "q => [q.textContent, Array.from(q.querySelectorAll('mark'), m => m.textContent)]")
    assert question == ["How to train intents?", ["train"]]
    ja = pages(JA)
    ja.query("ｾｯｼｮﾝ")  # half-width: the full-width words are marked
    assert "セッション" in ja.page.eval_on_selector_all("mark", "ms => ms.map(m => m.textContent)")


def test_results_appear_while_typing_key_by_key(pages) -> None:
    for folder, text, title in ((KO, "세션 시간", "세션 관리"), (EN, "dialog edi", "Dialog Editor")):
        page = pages(folder)
        page.query("")
        page.page.focus(".tg-search-input")
        for i, ch in enumerate(text):
            page.page.keyboard.type(ch)
            if text[: i + 1].strip():
                assert title in [t for t, _ in page.results()[:5]], text[: i + 1]


def test_a_syllable_being_composed_keeps_the_results(pages) -> None:
    """An IME building 션 shows ㅅ, then 셔: no term starts so yet, and the results must not blink away."""
    page = pages(KO)
    before = page.query("세션 관리")
    compose = "v => { const i = document.querySelector('.tg-search-input'); i.value = v; " \
              "i.dispatchEvent(new InputEvent('input', {isComposing: true})); }"
    for partial in ("세션 관리 ㅅ", "세션 관리 셔"):
        page.page.evaluate(compose, partial)
        assert page.results() == before and page.page.is_hidden(".tg-search-empty")
    assert page.query("세션 관리 셔") == [] and page.page.is_visible(".tg-search-empty")  # once it is text


def test_the_index_loads_on_first_focus_only(site) -> None:
    tab = Page(site, f"{KO}/search-test.html")
    tab.page.wait_for_load_state("load")
    policy = tab.page.evaluate("fetch(location.href).then(r => r.headers.get('content-security-policy'))")
    assert "default-src 'self'" in policy and "script-src 'self'" in policy  # the page ran under it
    assert not [u for u in tab.requests if "minisearch" in u or "search-index" in u or "tokenize" in u]
    tab.ready()
    assert sum("search-index.json" in u for u in tab.requests) == 1
    assert all(_local(u) for u in tab.requests)
    assert tab.close() == []


def test_keyboard_combobox_and_enter_opens_the_answer(site) -> None:
    tab = Page(site, f"{EN}/search-test.html")
    p = tab.page
    p.click("main")
    p.keyboard.press("/")  # focuses the box from anywhere but a text field
    assert p.evaluate("document.activeElement.className") == "tg-search-input"
    p.wait_for_function("() => TopicgenSearch.boxes[0].engine")
    p.keyboard.type("allowed sessions")
    box = ".tg-search-input"
    assert p.get_attribute(box, "aria-expanded") == "true" and p.is_visible("[role=listbox]")
    assert p.get_attribute(box, "aria-controls") == "tg-search-list"
    options = p.eval_on_selector_all("[role=listbox] > [role=option]", "os => os.map(o => o.id)")
    assert options and p.get_attribute(box, "aria-activedescendant") is None
    p.keyboard.press("ArrowDown")
    assert p.get_attribute(box, "aria-activedescendant") == options[0]
    assert p.get_attribute(f"#{options[0]}", "aria-selected") == "true"
    p.keyboard.press("ArrowUp")  # wraps to the last
    assert p.get_attribute(box, "aria-activedescendant") == options[-1]
    p.keyboard.press("ArrowDown")
    assert p.get_attribute(box, "aria-activedescendant") == options[0]
    assert p.evaluate("document.activeElement.className") == "tg-search-input"  # focus stays in the box
    p.keyboard.press("Escape")
    assert p.get_attribute(box, "aria-expanded") == "false" and p.is_hidden("[role=listbox]")
    assert p.get_attribute(box, "aria-activedescendant") is None and p.input_value(box) == "allowed sessions"
    p.keyboard.press("ArrowDown")  # reopens on the first
    href = p.get_attribute(f"#{options[0]}", "href")
    assert href and re.fullmatch(r"\.\./\.\./\.\./\.\./platform/topic-guide/en/latest/Plan%20%26%20Usage/#tg-line-\d+",
                                 href)
    with p.expect_navigation():
        p.keyboard.press("Enter")
    anchor = href.split("#")[1]
    assert p.url.endswith(f"/{EN}/Plan%20%26%20Usage/#{anchor}")
    p.wait_for_function("id => document.querySelector('#' + id + ' details.tg-answer').open", arg=anchor)
    assert p.evaluate("id => document.getElementById(id).closest('details.tg-faqs').open", anchor)
    assert p.evaluate("document.activeElement.textContent.trim()") == "What is Allowed Sessions?"
    assert p.is_visible(f"#{anchor} .tg-answer-body")
    assert tab.close() == []


def test_korean_result_from_a_guide_page_opens_its_answer(site) -> None:
    tab = Page(site, f"{KO}/{quote('Plan & Usage')}/")  # a built guide page with the box in it
    tab.ready()
    p = tab.page
    p.keyboard.type("세션 시간 제한")
    first = p.eval_on_selector(".tg-search-option", "o => [o.textContent, o.getAttribute('href')]")
    assert "세션 시간 제한은 어떻게 바꾸나요?" in first[0]
    assert re.fullmatch(r"(\.\./){5}platform/topic-guide/ko/latest/Manage%20Sessions/#tg-line-\d+", first[1])
    with p.expect_navigation():
        p.click(".tg-search-option")
    anchor = first[1].split("#")[1]
    p.wait_for_function("id => document.querySelector('#' + id + ' details').open", arg=anchor)
    assert tab.close() == []


def test_a_result_on_the_same_page_opens_its_answer_there(site) -> None:
    tab = Page(site, f"{KO}/{quote('Manage Sessions')}/")
    tab.ready()
    p = tab.page
    p.keyboard.type("강제로 끝낼")
    p.keyboard.press("Enter")
    p.wait_for_function("() => /^#tg-line-\\d+$/.test(location.hash)")
    anchor = p.evaluate("location.hash.slice(1)")
    p.wait_for_function("id => document.querySelector('#' + id + ' details').open", arg=anchor)
    assert p.evaluate("id => document.getElementById(id).textContent", anchor).count("강제로 끝낼") == 1
    assert tab.close() == []


def test_hidden_in_the_products_frame_unless_embed_search(site) -> None:
    tab = Page(site, "host.html")
    p = tab.page
    p.wait_for_load_state("load")
    plain, embed = p.frame_locator("#plain"), p.frame_locator("#embed")
    embed.locator(".tg-search-input").wait_for(state="visible")
    assert embed.locator(".tg-search.tg-search-ready").count() == 1
    assert plain.locator(".tg-search").is_hidden() and plain.locator(".tg-search-ready").count() == 0
    assert tab.close() == []


def test_text_from_guides_is_never_markup(site, tmp_path: Path) -> None:
    """A title and a question made of HTML show as text: results are built with DOM calls only."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "x.md").write_text(
        "---\ntitle: '<img src=x onerror=alert(1)> Evil'\npermalink: evil/topic-guide/en/latest/x\n---\n"
        "#### Topic Guide\n###### Evil\n\n<details>\n<summary>FAQs</summary>\n"
        '<a class="doc-link" href="https://example.com/">What is &lt;b&gt;bold&lt;/b&gt; evil?</a>\n</details>\n',
        encoding="utf-8")
    for path in write_indexes(site["site"], read_collection(src, Config()).guides):
        write_page(site["site"] / path, site["site"], "en")
    tab = Page(site, "site/evil/topic-guide/en/latest/search-test.html")
    tab.ready()
    assert ("<img src=x onerror=alert(1)> Evil", "What is <b>bold</b> evil?") in tab.query("evil")
    assert tab.page.eval_on_selector_all("[role=listbox] img, [role=listbox] b", "e => e.length") == 0
    assert tab.close() == []
