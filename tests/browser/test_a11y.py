"""axe-core (npm, WCAG 2.2 A and AA rules) on every kind of page, light and dark, 390 and 1280 px, accordions
closed and open, the search list open: 0 violations. Also the shell's behaviour: thumbnails that fail, the
listing's filter, the menus, the same vertical rhythm with or without switchers."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest

from topicgen.cli import main

from ..conftest import GUIDES, ROOT
from .harness import chromium, offline, serve

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # from package.json by npm ci; never in the built site
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
EN = "platform/topic-guide/en/latest"
PAGES = {  # name: (path under the site, has accordions)
    "index": ("", False),
    "listing": (f"{EN}/", False),
    "guide-every-section": (f"{EN}/storyboard/", True),
    "translation-notice-ja": ("platform/topic-guide/ja/latest/Dialog Editor/", True),  # drifted: a notice
    "guide-ko": ("platform/topic-guide/ko/latest/dataForm/", True),
    "old-version": ("platform/topic-guide/en/v9.1/Dialog Editor/", True),
    "404": ("404.html", False),
}
CONFIG = "products:\n  platform: XO Platform\n  itassist: IT Assist\nfooter: Guides from the Kore.ai documentation.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled guides with a v9.1 copy of one (for the version notice), built and served; axe beside it."""
    from click.testing import CliRunner

    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (.ci/run does)")
    root = tmp_path_factory.mktemp("a11y")
    src = root / "src"
    shutil.copytree(GUIDES, src)
    old = src / "platform/topic-guide/en/v9.1/dialogeditor.md"
    old.write_text((GUIDES / "platform/topic-guide/en/latest/dialogeditor.md").read_text(encoding="utf-8")
                   .replace("/en/latest/", "/en/v9.1/", 1), encoding="utf-8")
    (root / "topicgen.yml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--src", str(src), "--out", str(root / "site"),
                                       "--config", str(root / "topicgen.yml"),
                                       # 404.html links from the base path: the test server has the site at /site/
                                       "--base-url", "https://docs.example/site/"])
    assert result.exit_code == 0, result.output
    (root / "axe").mkdir()
    shutil.copy(AXE, root / "axe" / "axe.min.js")  # same origin, so the strict CSP lets the test load it
    with serve(root) as port, chromium() as browser:
        yield {"port": port, "browser": browser}


def open_page(site, path: str, width: int, scheme: str):
    context = site["browser"].new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                          reduced_motion="reduce")
    context.set_default_timeout(10_000)
    offline(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"http://127.0.0.1:{site['port']}/site/{quote(path)}")
    page.evaluate("document.fonts.ready")
    return context, page, errors


def violations(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url="/axe/axe.min.js")
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                          ".then(r => r.violations.map(v => v.id + ' (' + v.impact + '): '"
                          " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))", TAGS)
    return list(found)


def open_all(page) -> None:
    page.evaluate("document.querySelectorAll('details:not(.tg-menu)').forEach(d => { d.open = true; })")


CASES = [(name, width) for name in PAGES for width in (390, 1280)]


@pytest.mark.parametrize("name, width", CASES, ids=[f"{name}-{width}" for name, width in CASES])
def test_no_axe_violations(site, name, width):
    """Each page at each width, light and dark, with its accordions closed and then open: every state is
    checked on the one loaded page (axe loaded once), and every state's violations are reported together."""
    context, page, errors = open_page(site, PAGES[name][0], width, "light")
    if name.startswith("translation-notice"):
        assert page.locator("[role=note][data-translation-status]").is_visible()
    if name == "old-version":
        assert page.locator("[role=note][data-version-status=old]").is_visible()
    found = {}
    for state in ("closed", "open") if PAGES[name][1] else ("as built",):
        if state == "open":
            open_all(page)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            found[f"{scheme}, {state}"] = violations(page)
    assert {state: found for state, found in found.items() if found} == {}
    assert len(found) == (4 if PAGES[name][1] else 2)
    assert errors == []
    context.close()


@pytest.mark.parametrize("width, scheme", [(390, "light"), (1280, "dark")])
@pytest.mark.parametrize("path", ["", f"{EN}/", f"{EN}/Dialog Editor/"])
def test_no_axe_violations_with_search_and_menus_open(site, path, width, scheme):
    context, page, _ = open_page(site, path, width, scheme)
    page.locator(".tg-search-input").fill("dialog")
    page.locator(".tg-search-list [role=option]").first.wait_for()
    assert violations(page) == []
    page.keyboard.press("Escape")
    if page.locator("details.tg-menu").count():
        page.locator("details.tg-menu > summary").first.click()
        assert violations(page) == []
    context.close()


def test_a_thumbnail_that_fails_gives_way_to_the_placeholder(site):
    context, page, _ = open_page(site, f"{EN}/storyboard/", 1280, "light")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    external = page.locator("img.tg-thumb[src^='https://']")
    assert external.count() > 0
    page.wait_for_function("() => [...document.querySelectorAll(\"img.tg-thumb[src^='https://']\")]"
                           ".every(img => img.hidden && !img.nextElementSibling.hidden)")
    local = page.locator("img.tg-thumb:not([src^='https://'])").first
    assert local.is_visible()  # a thumbnail that loads stays
    context.close()


def test_the_listing_filter_narrows_as_you_type(site):
    context, page, _ = open_page(site, f"{EN}/", 1280, "light")
    items = page.locator("[data-tg-filter-list] > li")
    total = items.count()
    page.locator(".tg-filter-input").fill("dialog")
    assert 0 < page.locator("[data-tg-filter-list] > li:not([hidden])").count() < total
    assert "of" in page.locator(".tg-filter-status").inner_text()
    page.locator(".tg-filter-input").fill("zzzz")
    assert page.locator(".tg-filter-none").is_visible()
    context.close()


def test_the_same_vertical_rhythm_with_or_without_switchers(site):
    tops = {}
    for path in ("", f"{EN}/Dialog Editor/", "itassist/topic-guide/en/latest/Training/", "404.html"):
        context, page, _ = open_page(site, path, 1280, "light")
        tops[path] = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        context.close()
    assert len(set(tops.values())) == 1, tops


def test_the_language_menu_leads_to_the_translation(site):
    context, page, _ = open_page(site, f"{EN}/Dialog Editor/", 390, "light")
    page.locator("details.tg-switch-lang > summary").click()
    page.locator("details.tg-switch-lang a[hreflang=ja]").click()
    page.wait_for_url("**/ja/latest/Dialog%20Editor/")
    page.keyboard.press("Escape")
    context.close()


def test_an_old_version_links_to_the_current_one(site):
    context, page, _ = open_page(site, "platform/topic-guide/en/v9.1/Dialog Editor/", 1280, "light")
    note = page.locator("[role=note][data-version-status=old]")
    assert note.is_visible()
    note.locator("a").click()
    page.wait_for_url("**/en/latest/Dialog%20Editor/")
    context.close()


def test_print_keeps_card_text_wide_and_urls_out(site):
    context, page, _ = open_page(site, f"{EN}/Dialog Editor/", 1280, "light")
    page.emulate_media(media="print")
    widths = page.evaluate("[...document.querySelectorAll('.tg-card')].map(c => "
                           "c.querySelector('.tg-card-body').getBoundingClientRect().width"
                           " / c.getBoundingClientRect().width)")
    assert widths and min(widths) > 0.6, widths  # the text has the card, less its icon
    after = page.evaluate("getComputedStyle(document.querySelector('a.tg-card-inner'), '::after').content")
    assert after in ("none", "normal", "")  # no URL spelled out beside the text
    assert not page.locator(".tg-shell").is_visible()
    context.close()


def test_a_guides_own_card_icon_is_drawn_at_its_natural_size(site):
    context, page, _ = open_page(site, f"{EN}/storyboard/", 1280, "light")
    icons = page.locator(".tg-card-icon-image img")
    assert icons.count() > 0
    sizes = page.evaluate("[...document.querySelectorAll('.tg-card-icon-image img')].map(i => "
                          "[i.naturalWidth, i.getBoundingClientRect().width])")
    assert all(natural == shown or shown == 80 for natural, shown in sizes), sizes  # never squeezed below it
    context.close()


def test_the_root_index_searches_every_product(site):
    context, page, _ = open_page(site, "", 1280, "light")
    assert len(page.locator(".tg-search").get_attribute("data-tg-search-index").split()) == 2  # IT Assist, XO
    box = page.locator(".tg-search-input")
    for query, product in (("nl training", "itassist"), ("dialog editor", "platform")):
        box.fill(query)
        page.locator(".tg-search-list [role=option]").first.wait_for()
        hrefs = page.locator(".tg-search-list [role=option]").evaluate_all("els => els.map(e => e.href)")
        assert any(f"/{product}/topic-guide/en/latest/" in h for h in hrefs), hrefs
    context.close()
