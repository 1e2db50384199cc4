"""Built guides framed by a host page in headless Chromium: the exact postMessage events, keyboard, strict CSP."""

from __future__ import annotations

import json

import pytest
from markupsafe import Markup

from topicgen.cli import main

from ..conftest import GUIDES
from .harness import chromium, offline, serve

pytestmark = pytest.mark.browser

HOST = """<!DOCTYPE html><meta charset="utf-8"><title>host</title>
<script>
window.__messages = [];
window.addEventListener("message", function (e) { window.__messages.push({origin: e.origin, data: e.data}); });
function frame(id, src) {
  var f = document.createElement("iframe");
  f.id = id; f.src = src; f.width = 900; f.height = 800;
  document.body.appendChild(f);
}
</script>
<body></body>
"""
DIALOG = "platform/topic-guide/en/latest/Dialog Editor"
CONTAINMENT = "platform/topic-guide/en/latest/Containment Metrics"
STORYBOARD = "platform/topic-guide/en/latest/storyboard"
LOADED = {"frameStatus": "loaded", "action": "guidedTour"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled guides built twice (default origin, and a cross-origin host) and served; the model too."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("served")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    runner = CliRunner()
    with serve(root) as port:
        config = root / "cross.yml"
        config.write_text(f"embed:\n  parent_origin: http://localhost:{port}\n", encoding="utf-8")
        for out, extra in (("site", []), ("site-cross", ["--config", str(config)])):
            result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(root / out), *extra])
            assert result.exit_code == 0, result.output
        local = root / "local-src"  # a guide whose video is a file of the site's own
        (local / "images").mkdir(parents=True)
        (local / "images" / "cover.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
        (local / "v.md").write_text(LOCAL_VIDEO, encoding="utf-8")
        assert runner.invoke(main, ["build", "--src", str(local), "--out", str(root / "site-local")]).exit_code == 0
        runner.invoke(main, ["export", "--src", str(GUIDES), "--out", str(root / "model.json")])
        model = {g["permalink"]: g for g in json.loads((root / "model.json").read_text(encoding="utf-8"))["guides"]}
        with chromium() as browser:
            yield {"port": port, "browser": browser, "model": model}


class Host:
    """The host page in a fresh browser context, with console errors (CSP reports) and page errors kept."""

    def __init__(self, site, host: str = "127.0.0.1") -> None:
        self.context = site["browser"].new_context(viewport={"width": 1000, "height": 900})
        self.context.set_default_timeout(10_000)  # a wait that fails, fails in seconds (no assertion on time)
        offline(self.context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        # Loads refused by `offline` (external thumbnails, popups) are reported as console errors too; local
        # failures are caught from the requests themselves, so those console lines can be left out.
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     and not m.text.startswith("Failed to load resource") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.on("requestfailed", lambda r: self.errors.append(f"failed {r.url}") if _local(r.url) else None)
        self.context.on("response", lambda r: self.errors.append(f"{r.status} {r.url}")
                        if r.status >= 400 and _local(r.url) else None)
        self.base = f"http://{host}:{site['port']}"
        self.page.goto(f"{self.base}/host.html")

    def frame(self, permalink: str, folder: str = "site", origin: str | None = None, frame_id: str = "guide"):
        src = f"{origin or self.base}/{folder}/{_encoded(permalink)}/"
        with self.page.expect_event("framenavigated"):
            self.page.evaluate("([id, src]) => frame(id, src)", [frame_id, src])
        self.wait_messages(1)
        return self.page.frame_locator(f"#{frame_id}")

    def messages(self) -> list[dict]:
        return [m["data"] for m in self.page.evaluate("window.__messages")]

    def wait_messages(self, count: int) -> list[dict]:
        self.page.wait_for_function(f"window.__messages.length >= {count}")
        return self.messages()

    def close(self) -> None:
        self.context.close()


def open_sections(frame) -> None:
    """Open every closed top-level accordion, as a reader would, by clicking its summary."""
    closed = frame.locator("details.tg-section:not([open]) > summary")
    while closed.count():
        closed.first.click()


def _local(url: str) -> bool:
    return url.split("/")[2].split(":")[0] in ("127.0.0.1", "localhost") if "://" in url else True


def _encoded(permalink: str) -> str:
    from urllib.parse import quote
    return quote(permalink, safe="/")


@pytest.fixture
def host(site):
    h = Host(site)
    yield h
    h.close()
    assert h.errors == []  # no CSP violation, no script error


def test_each_kind_of_item_posts_its_exact_message(site, host):
    guide = site["model"][DIALOG]
    path = f"/site/{_encoded(DIALOG)}/"
    frame = host.frame(DIALOG)
    assert host.messages() == [LOADED]

    intro = guide["intro"]
    frame.locator(".tg-intro .tg-video-link").click()
    assert host.wait_messages(2)[-1] == {"action": "videoModal", "selector": "topicGuide",
                                         "payload": {"url": intro["url"], "title": intro["title"],
                                                     "description": intro["description"]}}
    assert len(host.context.pages) == 1  # the product shows the video: no new tab

    tour = next(f for f in guide["faqs"] if f["kind"] == "tour")
    open_sections(frame)
    frame.locator(".tg-tour").click()
    assert host.wait_messages(3)[-1] == {"action": "guidedTour", "selector": "topicGuide",
                                         "payload": {"topicId": tour["topic_id"]}}
    assert host.page.frames[1].url == f"{host.base}{path}"  # a tour navigates nowhere

    link = next(f for f in guide["faqs"] if f["kind"] == "link")
    with host.context.expect_page() as popup:
        frame.locator(".tg-faq-link a").first.click()
    popup.value.close()  # the question's page opens in a new tab (its host is refused offline)
    assert host.wait_messages(4)[-1] == {"action": "faq", "selector": "topicGuide",
                                         "payload": {"topicName": "", "path": path, "faqName": link["question"]}}

    academy = next(r for r in guide["resources"] if r["kind"] == "academy")
    doc = next(r for r in guide["resources"] if r["kind"] == "documentation")
    for selector, expected in (
        (".tg-card-academy a", {"action": "Academy", "selector": "topicGuide",
                                "payload": {"topicName": "", "path": path, "courseName": academy["text"]}}),
        (".tg-card-documentation a", {"action": "Documentation", "selector": "topicGuide",
                                      "payload": {"topicName": "", "path": path, "docUrl": doc["url"]}}),
    ):
        count = len(host.messages())
        with host.context.expect_page() as popup:
            frame.locator(selector).first.click()
        popup.value.close()
        assert host.wait_messages(count + 1)[-1] == expected
    # the original drops the first "Academy" of the cell (the label): the model's text is what is left
    assert academy["text"] and not academy["text"].startswith("Academy")


LOCAL_VIDEO = ("---\ntitle: V\npermalink: p/topic-guide/en/latest/V\n---\n<details open>\n<summary>Videos</summary>\n"
               "<details-video>\n\n[![Cover](images/cover.svg)](images/cover.svg)\n\n##### A local video\n"
               "</details-video>\n</details>\n")


def test_a_video_of_the_site_s_own_posts_its_full_address(site, host):
    frame = host.frame("p/topic-guide/en/latest/V", folder="site-local")
    frame.locator(".tg-videos .tg-video-link").first.click()
    message = host.wait_messages(2)[-1]
    assert message["action"] == "videoModal"
    assert message["payload"]["url"] == f"{host.base}/site-local/images/cover.svg"


def test_inside_the_frame_the_page_is_as_lean_as_before(site, host):
    frame = host.frame(DIALOG)
    frame.locator("h1").wait_for()
    for chrome in (".tg-shell", ".tg-crumbs", ".tg-footer", ".tg-search"):
        assert frame.locator(chrome).count() == 0 or not frame.locator(chrome).first.is_visible(), chrome


def test_videos_section_posts_video_modal(site, host):
    video = site["model"][STORYBOARD]["videos"][0]
    frame = host.frame(STORYBOARD)
    open_sections(frame)
    frame.locator(".tg-videos .tg-video-link").first.click()
    assert host.wait_messages(2)[-1] == {"action": "videoModal", "selector": "topicGuide",
                                         "payload": {"url": video["url"], "title": video["title"],
                                                     "description": video["description"]}}


def test_answers_open_by_keyboard_and_only_linkless_ones_post(site, host):
    guide = site["model"][CONTAINMENT]
    path = f"/site/{_encoded(CONTAINMENT)}/"
    frame = host.frame(CONTAINMENT)
    open_sections(frame)
    answers = frame.locator("details.tg-answer")
    first_linkless = next(i for i, f in enumerate(guide["faqs"]) if f["kind"] == "answer" and not f["external"])
    faq = guide["faqs"][first_linkless]

    answers.nth(first_linkless - 1).locator("summary").focus()
    host.page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    summary = answers.nth(first_linkless).locator("summary")
    assert summary.evaluate("s => s === document.activeElement")
    assert summary.evaluate("s => getComputedStyle(s).outlineStyle") != "none"  # visible focus
    assert answers.nth(first_linkless).get_attribute("open") is None
    host.page.keyboard.press("Enter")
    assert answers.nth(first_linkless).get_attribute("open") == ""
    assert host.wait_messages(2)[-1] == {
        "action": "faq", "selector": "topicGuide",
        "payload": {"topicName": "", "path": path, "faqName": faq["question"],
                    "faqDescription": Markup(faq["answer_html"]).striptags()}}
    host.page.keyboard.press("Enter")  # closing posts nothing
    assert answers.nth(first_linkless).get_attribute("open") is None

    answers.nth(0).locator("summary").focus()  # an answer with a page to read: opens, posts nothing
    host.page.keyboard.press("Space")
    assert answers.nth(0).get_attribute("open") == ""
    assert guide["faqs"][0]["external"] and guide["faqs"][0]["kind"] == "answer"
    frame.locator(".tg-faq-link a").first.focus()  # a later event, so a stray message would be in the list
    host.page.keyboard.press("Enter")
    assert [m["action"] for m in host.wait_messages(3)[1:]] == ["faq", "faq"]
    assert "faqDescription" not in host.messages()[2]["payload"]


def test_nothing_is_posted_when_the_page_is_not_framed(site):
    h = Host(site)
    try:
        h.page.add_init_script("window.__self = []; addEventListener('message', e => window.__self.push(e.data));")
        h.page.goto(f"{h.base}/site/{_encoded(DIALOG)}/")
        open_sections(h.page)
        h.page.locator(".tg-tour").click()
        h.page.locator(".tg-intro summary").focus()
        # the tour button has no page to go to, and nothing reached the window itself
        assert h.page.evaluate("window.__self") == []
        assert not h.page.evaluate("document.documentElement.classList.contains('tg-framed')")
        assert h.page.locator(".tg-shell").is_visible()
        assert h.errors == []
    finally:
        h.close()


def test_target_origin_comes_from_config(site):
    """A host on another origin hears nothing from the default build, and everything from a configured one."""
    h = Host(site, host="localhost")
    try:
        page_origin = f"http://127.0.0.1:{site['port']}"
        src = f"{page_origin}/site/{_encoded(DIALOG)}/"
        with h.page.expect_event("framenavigated"):
            h.page.evaluate("([id, src]) => frame(id, src)", ["default", src])
        open_sections(h.page.frame_locator("#default"))
        h.page.frame_locator("#default").locator(".tg-tour").click()
        # the configured build posts after the default one did: had those been delivered, they would be first
        h.frame(DIALOG, "site-cross", origin=page_origin, frame_id="cross")
        open_sections(h.page.frame_locator("#cross"))
        h.page.frame_locator("#cross").locator(".tg-tour").click()
        messages = h.wait_messages(2)
        assert messages == [LOADED, {"action": "guidedTour", "selector": "topicGuide",
                                     "payload": {"topicId": site["model"][DIALOG]["faqs"][-1]["topic_id"]}}]
        assert {m["origin"] for m in h.page.evaluate("window.__messages")} == {page_origin}
    finally:
        h.close()


@pytest.mark.parametrize("permalink", [DIALOG, CONTAINMENT, STORYBOARD, "platform/topic-guide/ja/latest/Plan & Usage"])
def test_pages_fit_a_320px_phone(site, permalink):
    """Everything open, nothing wider than the screen: no sideways scrolling on the smallest phones."""
    context = site["browser"].new_context(viewport={"width": 320, "height": 640})
    try:
        offline(context)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{site['port']}/site/{_encoded(permalink)}/")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
