"""The site around the guides: product names, plurals, language names, versions, favicon, sitemap, search files."""

from __future__ import annotations

import json

import pytest

from topicgen.cli import main
from topicgen.config import DEFAULT_THEME, load_config
from topicgen.errors import ConfigError
from topicgen.rendering.locale import language_name, plural_category
from topicgen.rendering.strings import Strings

from .test_site import FAQS, broken_links, build, write_guide

VIDEO = """<details class="introduction-video"><summary>Introduction</summary>

[![Intro](https://img.example/t.png)](https://video.example/v)

##### Watch this
A description.
</details>
"""


def read(out, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


@pytest.fixture
def versioned(tmp_path, runner):
    """A product in two versions and two languages: A in both versions, B in v9.1 only, A translated."""
    src = tmp_path / "src"
    write_guide(src, "a.md", "prod/topic-guide/en/latest/A", FAQS + VIDEO, "Alpha")
    write_guide(src, "a9.md", "prod/topic-guide/en/v9.1/A", FAQS, "Alpha")
    write_guide(src, "b9.md", "prod/topic-guide/en/v9.1/B", "", "Beta")
    write_guide(src, "fr.md", "prod/topic-guide/fr/latest/A", "", "Alpha en français")
    (tmp_path / "topicgen.yml").write_text("products:\n  prod: Product One\nfooter: © Example\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build(runner, src, out, "--config", str(tmp_path / "topicgen.yml"))
    assert result.exit_code == 0, result.output
    return out, result.stderr


def test_product_names_from_the_config_everywhere(versioned):
    out, _ = versioned
    index, listing = read(out, "index.html"), read(out, "prod/topic-guide/en/latest/index.html")
    guide = read(out, "prod/topic-guide/en/latest/A/index.html")
    assert "Product One</h2>" in index and ">prod<" not in index
    assert "<title>Product One · English · latest · Topic Guides</title>" in listing
    assert '<h1 class="tg-heading">Product One</h1>' in listing
    assert ">Product One · English · latest</a>" in guide  # the breadcrumb
    assert '<footer class="tg-footer"><div class="tg-footer-inner">© Example</div></footer>' in guide
    assert broken_links(out) == []


def test_index_cards_are_whole_links_with_counts(versioned):
    index = read(versioned[0], "index.html")
    assert index.count('class="tg-index-card"') == 3  # en latest, en v9.1, fr latest
    assert '<span class="tg-index-count">2 guides</span>' in index  # en v9.1
    assert '<span class="tg-index-count">1 guide</span>' in index  # en latest: one, not "1 guides"


def test_listing_says_what_each_guide_holds(versioned):
    listing = read(versioned[0], "prod/topic-guide/en/latest/index.html")
    assert '<span class="tg-guide-contents"><span>2 FAQs</span> · <span>1 video</span></span>' in listing
    assert "About Alpha" not in listing  # no summary repeated under every title
    assert 'class="tg-filter-input"' in listing


def test_a_language_is_named_in_itself_and_warned_without_strings(versioned):
    out, stderr = versioned
    assert language_name("fr") == "français" and language_name("ja") == "日本語" and language_name("xq") == "xq"
    assert 'lang="fr">français</span>' in read(out, "index.html")
    switcher = read(out, "prod/topic-guide/en/latest/A/index.html")
    assert 'hreflang="fr" lang="fr">français</a>' in switcher and "English" in switcher
    assert "warning: no UI strings for language `fr`" in stderr and "the `en` strings" in stderr
    fr = read(out, "prod/topic-guide/fr/latest/index.html")
    assert "1 guide</p>" in fr or "1 guide" in fr  # the English strings, by the English rule


def test_plural_rules_per_language(tmp_path):
    assert [plural_category("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [plural_category("fr", n) for n in (0, 1, 2)] == ["one", "one", "other"]
    assert plural_category("ja", 1) == "other" and plural_category("ru", 3) == "few"
    theme = tmp_path / "theme"
    (theme / "strings").mkdir(parents=True)
    (theme / "strings" / "fr.yml").write_text('guides_one: "{count} guide"\nguides_other: "{count} guides"\n',
                                              encoding="utf-8")
    strings = Strings([theme, DEFAULT_THEME])
    assert strings.plural("guides", 0, "fr") == "0 guide"  # French: 0 and 1 are `one`
    assert strings.plural("guides", 0, "en") == "0 guides" and strings.plural("guides", 1, "en") == "1 guide"
    assert strings.plural("guides", 3, "ja") == "3 件のガイド"
    assert strings.plural("guides", 0, "de") == "0 guides"  # no German strings: English's words and rule


def test_the_version_switcher_goes_to_the_same_guide_or_the_listing(versioned):
    out, _ = versioned
    a9 = read(out, "prod/topic-guide/en/v9.1/A/index.html")
    b9 = read(out, "prod/topic-guide/en/v9.1/B/index.html")
    assert '<a href="../../latest/A/">latest' in a9  # the same guide in the other version
    assert '<a href="../../latest/">latest' in b9  # B has no latest: that version's listing
    assert '<a href="../../v9.1/A/" aria-current="page">' not in a9 and 'aria-current="page">v9.1' in a9


def test_an_old_version_says_where_the_current_one_is(versioned, tmp_path, runner):
    out, _ = versioned
    a9 = read(out, "prod/topic-guide/en/v9.1/A/index.html")
    assert 'role="note" data-version-status="old"' in a9 and 'href="../../latest/A/">Go to latest</a>' in a9
    assert 'data-version-status' not in read(out, "prod/topic-guide/en/latest/A/index.html")
    assert 'href="../latest/">Go to latest</a>' in read(out, "prod/topic-guide/en/v9.1/index.html")
    (tmp_path / "topicgen.yml").write_text("current_version: {prod: v9.1}\n", encoding="utf-8")
    again = tmp_path / "again"
    assert build(runner, tmp_path / "src", again, "--config", str(tmp_path / "topicgen.yml")).exit_code == 0
    assert 'data-version-status="old"' in read(again, "prod/topic-guide/en/latest/A/index.html")
    assert 'data-version-status' not in read(again, "prod/topic-guide/en/v9.1/A/index.html")


def test_every_page_has_the_favicon_and_a_theme_may_replace_it(versioned, tmp_path, runner):
    out, _ = versioned
    for rel in ("index.html", "404.html", "prod/topic-guide/en/latest/index.html", "prod/topic-guide/en/v9.1/A/index.html"):
        assert '<link rel="icon" href="' in read(out, rel) and 'favicon.svg" type="image/svg+xml">' in read(out, rel)
    assert (out / "assets/favicon.svg").read_bytes().startswith(b"<svg")
    theme = tmp_path / "mine"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "favicon.svg").write_text("<svg>mine</svg>", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("theme: mine\n", encoding="utf-8")
    mine = tmp_path / "mine-out"
    assert build(runner, tmp_path / "src", mine, "--config", str(tmp_path / "topicgen.yml")).exit_code == 0
    assert read(mine, "assets/favicon.svg") == "<svg>mine</svg>"


def test_the_thumbnail_fallback_is_in_the_page(versioned):
    page = read(versioned[0], "prod/topic-guide/en/latest/A/index.html")
    assert '<img class="tg-thumb" src="https://img.example/t.png"' in page
    assert '<span class="tg-video-blank" hidden></span>' in page  # shown by topic.js when the image fails
    assert "onerror" not in page


WARNING = "topicgen: warning: no base_url, so no sitemap.xml was written"


def test_no_sitemap_without_base_url_and_a_warning(versioned, tmp_path, runner):
    out, stderr = versioned
    assert not (out / "sitemap.xml").exists() and "Sitemap:" not in read(out, "robots.txt")
    assert stderr.count(WARNING) == 1
    checked = runner.invoke(main, ["check", "--src", str(tmp_path / "src"), "--strict"])
    assert checked.exit_code == 1 and checked.stderr.count(WARNING) == 1  # check says what build would
    withurl = tmp_path / "with"
    result = build(runner, tmp_path / "src", withurl, "--base-url", "https://h.example/")
    assert "no base_url" not in result.stderr and "<loc>https://h.example/</loc>" in read(withurl, "sitemap.xml")
    assert "Sitemap: https://h.example/sitemap.xml" in read(withurl, "robots.txt")
    checked = runner.invoke(main, ["check", "--src", str(tmp_path / "src"), "--base-url", "https://h.example/"])
    assert checked.exit_code == 0 and "no base_url" not in checked.stderr


def test_sitemap_false_means_none_and_no_warning(tmp_path, runner):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "g.md").write_text("---\ntitle: G\npermalink: demo/topic-guide/en/latest/G\n---\nText.\n")
    (tmp_path / "topicgen.yml").write_text("sitemap: false\nlanguages: [en]\n", encoding="utf-8")
    for base in ((), ("--base-url", "https://h.example/")):
        out = tmp_path / f"out{len(base)}"
        result = runner.invoke(main, ["build", "--strict", "--src", str(tmp_path / "src"), "--out", str(out),
                                      "--config", str(tmp_path / "topicgen.yml"), *base])
        assert result.exit_code == 0 and ": warning: " not in result.stderr, result.stderr
        assert not (out / "sitemap.xml").exists() and "Sitemap:" not in read(out, "robots.txt")


def test_search_indexes_are_outputs_of_the_build(versioned):
    out, _ = versioned
    assert not (out / "search-index.json").exists()  # the root searches the products' own indexes
    for rel in ("prod/topic-guide/en/latest/search-index.json",
                "prod/topic-guide/en/v9.1/search-index.json", "prod/topic-guide/fr/latest/search-index.json"):
        data = json.loads(read(out, rel))
        assert data["serializationVersion"] == 2 and data["documentCount"] >= 1
    v9 = json.loads(read(out, "prod/topic-guide/en/v9.1/search-index.json"))
    assert {d["u"] for d in v9["storedFields"].values()} == {"/prod/topic-guide/en/v9.1/A/", "/prod/topic-guide/en/v9.1/B/"}
    page = read(out, "prod/topic-guide/en/v9.1/A/index.html")
    assert 'data-tg-search-index="../search-index.json"' in page and "data-tg-search-embed" not in page
    assert 'data-tg-search-index="prod/topic-guide/en/latest/search-index.json"' in read(out, "index.html")
    assert 'data-tg-search-index="/prod/topic-guide/en/latest/search-index.json"' in read(out, "404.html")


def test_a_guide_change_rebuilds_only_the_indexes_holding_it(versioned, tmp_path, runner):
    out, _ = versioned
    path = tmp_path / "src" / "b9.md"
    path.write_text(path.read_text(encoding="utf-8").replace("About Beta.", "About Beta, changed."), encoding="utf-8")
    before = (out / "prod/topic-guide/en/latest/search-index.json").stat().st_mtime_ns
    result = build(runner, tmp_path / "src", out, "--config", str(tmp_path / "topicgen.yml"))
    assert "(2 files written" in result.stderr  # B's page and the v9.1 index: not the latest one
    assert (out / "prod/topic-guide/en/latest/search-index.json").stat().st_mtime_ns == before


@pytest.mark.parametrize("text, message", [
    ("products: [a, b]\n", "`products`: must map each product code to its name"),
    ("products: {a: ''}\n", "`products`: must map each product code to its name"),
    ("current_version: []\n", "`current_version`: must be a version"),
    ("logo: nowhere.svg\n", "`logo`: `nowhere.svg` is not an image file"),
    ("footer: ''\n", "`footer`: must be a non-empty text"),
    ("embed:\n  search: maybe\n", "`search`: must be true or false"),
])
def test_new_keys_are_checked(tmp_path, text, message):
    path = tmp_path / "topicgen.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(path)


def test_logo_and_embed_search(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "a.md", "prod/topic-guide/en/latest/A", FAQS, "Alpha")
    logo = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
    (tmp_path / "logo.svg").write_text(logo, encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("logo: logo.svg\nembed:\n  search: true\n", encoding="utf-8")
    out = tmp_path / "site"
    assert build(runner, src, out, "--config", str(tmp_path / "topicgen.yml")).exit_code == 0
    page = read(out, "prod/topic-guide/en/latest/A/index.html")
    assert '<img class="tg-logo" src="../../../../../assets/logo.svg" alt="">' in page
    assert "data-tg-search-embed" in page and 'class="tg-shell tg-shell-embed"' in page
    assert read(out, "assets/logo.svg") == logo  # nothing to remove: its own bytes
