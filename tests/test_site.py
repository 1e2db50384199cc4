"""The site around the guide pages: indexes, switchers, hreflang, sitemap, JSON-LD, images, links, sub-paths."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from topicgen.cli import main

from .conftest import GUIDES


class _Refs(HTMLParser):
    """Collects href/src of a page, the scripts and stylesheets, hreflang links and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.alternates: dict[str, str] = {}
        self.canonical: str | None = None
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key]))
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False


def parse_page(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def broken_links(out: Path, base_path: str = "/") -> list[str]:
    """Every internal href/src of every page that does not resolve to a written file (folders: index.html).

    Root-relative links (404.html's, which is served at any depth; canonical without base_url) are read
    against the site's base path.
    """
    broken = []
    for page in sorted(out.rglob("*.html")):
        for tag, ref in parse_page(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or not parts.path:
                continue  # external, or a fragment of this page
            if page.name == "404.html" or parts.path.startswith("/"):
                inside = parts.path.startswith(base_path)
                target = out / unquote(parts.path[len(base_path):]) if inside else out / "\0outside"
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(out)}: <{tag}> {ref}")
    return broken


def third_party_assets(out: Path) -> list[str]:
    """Scripts and stylesheets loaded from anywhere but the site itself."""
    found = []
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|link)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"[^>]*>", text):
            if m.group(1) == "link" and "stylesheet" not in m.group(0) and "preload" not in m.group(0):
                continue
            if re.match(r"^([a-z]+:)?//", m.group(2), re.I):
                found.append(f"{page.relative_to(out)}: {m.group(2)}")
    return found


def write_guide(root: Path, rel: str, permalink: str, body: str = "", title: str = "A guide") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\npermalink: {permalink}\n---\n#### Topic Guide\n###### {title}\n\n"
                    f"About {title}.\n\n{body}", encoding="utf-8")
    return path


FAQS = """<details>
  <summary>FAQs</summary>
<a class="nested-accordian-link" href="https://example.com/a">
  <details class="nested-details">
  <summary>What is it?</summary>
   It is </script><b>bold</b> & fine.
  </details>
</a>
<a class="doc-link" href="https://example.com/b">Where is the doc?</a>
</details>
"""


def build(runner, src: Path, out: Path, *extra: str):
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(out), *extra])
    return result


@pytest.fixture
def small_site(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "en/a.md", "prod/topic-guide/en/latest/Alpha & Co", FAQS, "Alpha")
    write_guide(src, "ja/a.md", "prod/topic-guide/ja/latest/Alpha & Co", FAQS, "アルファ")
    write_guide(src, "en/a9.md", "prod/topic-guide/en/v9.1/Alpha & Co", "", "Alpha old")
    write_guide(src, "en/b.md", "prod/topic-guide/en/latest/Beta", "", "Beta")
    write_guide(src, "odd.md", "somewhere/else", "", "Odd")
    out = tmp_path / "site"
    result = build(runner, src, out, "--base-url", "https://host.example/sub/path/")
    assert result.exit_code == 0, result.output
    return out


def test_indexes_404_sitemap_and_robots_exist(small_site):
    for rel in ("index.html", "404.html", "sitemap.xml", "robots.txt", "prod/topic-guide/en/latest/index.html",
                "prod/topic-guide/ja/latest/index.html", "prod/topic-guide/en/v9.1/index.html"):
        assert (small_site / rel).is_file(), rel
    root = (small_site / "index.html").read_text(encoding="utf-8")
    assert 'href="prod/topic-guide/ja/latest/"' in root
    assert 'href="somewhere/else/"' in root  # a guide outside the pattern is still reachable
    listing = (small_site / "prod/topic-guide/en/latest/index.html").read_text(encoding="utf-8")
    assert 'href="Alpha%20%26%20Co/"' in listing and 'href="Beta/"' in listing
    assert "Alpha old" not in listing


def test_switchers_link_only_existing_pages(small_site):
    alpha = (small_site / "prod/topic-guide/en/latest/Alpha & Co/index.html").read_text(encoding="utf-8")
    assert 'href="../../../ja/latest/Alpha%20%26%20Co/" hreflang="ja"' in alpha
    assert 'href="../../v9.1/Alpha%20%26%20Co/"' in alpha  # version switcher
    assert "/ko/" not in alpha  # no Korean translation exists: none is linked
    beta = (small_site / "prod/topic-guide/en/latest/Beta/index.html").read_text(encoding="utf-8")
    # no translation nor other version of Beta: the switchers lead to that language's and version's listings
    assert 'href="../../../ja/latest/" hreflang="ja"' in beta and 'href="../../v9.1/"' in beta
    assert 'rel="alternate"' not in beta  # hreflang alternates name real translations only
    assert broken_links(small_site, "/sub/path/") == []


def test_hreflang_and_canonical_are_absolute_under_the_sub_path(small_site):
    page = parse_page(small_site / "prod/topic-guide/ja/latest/Alpha & Co/index.html")
    base = "https://host.example/sub/path/prod/topic-guide"
    assert page.alternates == {"en": f"{base}/en/latest/Alpha%20%26%20Co/",
                               "ja": f"{base}/ja/latest/Alpha%20%26%20Co/",
                               "x-default": f"{base}/en/latest/Alpha%20%26%20Co/"}
    assert page.canonical == f"{base}/ja/latest/Alpha%20%26%20Co/"
    text = (small_site / "prod/topic-guide/ja/latest/Alpha & Co/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="アルファ · Topic Guides">' in text
    assert '<meta property="og:description" content="About アルファ.">' in text


def test_sitemap_lists_every_page_with_absolute_encoded_urls(small_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(small_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert "https://host.example/sub/path/prod/topic-guide/en/latest/Alpha%20%26%20Co/" in locs
    assert "https://host.example/sub/path/somewhere/else/" in locs
    assert "https://host.example/sub/path/" in locs
    assert all(loc.startswith("https://host.example/sub/path/") and " " not in loc for loc in locs)
    assert len(locs) == 5 + 3 + 1  # guides, version indexes, the root
    robots = (small_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://host.example/sub/path/sitemap.xml" in robots


def test_404_links_start_at_the_base_path(small_site):
    text = (small_site / "404.html").read_text(encoding="utf-8")
    assert 'href="/sub/path/assets/topic.css"' in text and 'href="/sub/path/"' in text
    assert 'name="robots" content="noindex"' in text


def test_faq_jsonld_holds_answers_only_and_cannot_close_its_script(small_site):
    text = (small_site / "prod/topic-guide/en/latest/Alpha & Co/index.html").read_text(encoding="utf-8")
    page = parse_page(small_site / "prod/topic-guide/en/latest/Alpha & Co/index.html")
    assert len(page.jsonld) == 1
    block = text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "</" not in block and "<" not in block
    data = json.loads(page.jsonld[0])
    assert data["@type"] == "FAQPage" and data["inLanguage"] == "en"
    assert [q["name"] for q in data["mainEntity"]] == ["What is it?"]  # the link question is no answer
    assert "<b>bold</b>" in data["mainEntity"][0]["acceptedAnswer"]["text"]
    beta = parse_page(small_site / "prod/topic-guide/en/latest/Beta/index.html")
    assert beta.jsonld == []


def test_without_base_url_links_are_root_relative(tmp_path, runner):
    out = tmp_path / "site"
    assert build(runner, GUIDES, out).exit_code == 0
    page = parse_page(out / "platform/topic-guide/ko/latest/Plan & Usage/index.html")
    assert page.canonical == "/platform/topic-guide/ko/latest/Plan%20%26%20Usage/"
    assert "Sitemap:" not in (out / "robots.txt").read_text(encoding="utf-8")


def test_bad_base_url_is_a_clear_error(tmp_path, runner):
    """On the command line, a usage error (exit 2), as `check` says too; in topicgen.yml, a config error (1)."""
    for command in (["build", "--out", str(tmp_path / "site")], ["check"]):
        result = runner.invoke(main, [*command, "--src", str(GUIDES), "--base-url", "host.example/x"])
        assert result.exit_code == 2, result.output
        assert "Invalid value for '--base-url': `host.example/x` must be an absolute http(s) URL" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
    (tmp_path / "topicgen.yml").write_text("base_url: host.example/x\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(tmp_path / "site"),
                                  "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 1, result.output
    assert "base_url" in result.output and "must be an absolute http(s) URL" in result.output
    assert not (tmp_path / "site").exists()


IMAGES = """<details class="introduction-video">
  <summary>Introduction</summary>
   [![Intro](images/cover.png)](https://videos.example/1)
  ##### Watch
   A video.
</details>

<a class="doc-link" href="https://example.com/doc">
  ![alt](images/missing.svg "t")
 #### A link card
  Some text
</a>
"""


def test_images_resolve_against_the_source_root_and_missing_ones_warn(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "deep/er/g.md", "p/topic-guide/en/latest/G", IMAGES)
    (src / "images").mkdir()
    (src / "images/cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "site"
    result = build(runner, src, out)
    assert result.exit_code == 0, result.output
    assert (out / "images/cover.png").read_bytes().startswith(b"\x89PNG")
    assert re.search(r"deep/er/g\.md:\d+: warning: image `images/missing\.svg` not found", result.output)
    page = (out / "p/topic-guide/en/latest/G/index.html").read_text(encoding="utf-8")
    assert 'src="../../../../../images/cover.png"' in page
    assert "missing.svg" not in page  # the theme's own icon stands in
    assert broken_links(out) == []
    strict = build(runner, src, tmp_path / "strict", "--strict")
    assert strict.exit_code == 1  # a missing image is a warning: --strict fails on it


def test_image_outside_the_source_or_not_an_image_is_not_copied(tmp_path, runner):
    src = tmp_path / "src"
    body = IMAGES.replace("images/cover.png", "../secret.png").replace("images/missing.svg", "g.md")
    write_guide(src, "g.md", "p/topic-guide/en/latest/G", body)
    (tmp_path / "secret.png").write_bytes(b"x")
    out = tmp_path / "site"
    result = build(runner, src, out)
    assert result.exit_code == 0, result.output
    assert "image `../secret.png` is outside the source folder" in result.output
    assert "image `g.md` is not an image file" in result.output
    assert not (out / "secret.png").exists() and not (out / "g.md").exists()


def test_relative_link_that_points_nowhere_is_text(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "g.md", "p/topic-guide/en/latest/G", FAQS.replace("https://example.com/b", "tes.com")
                .replace("https://example.com/a", "/p/topic-guide/en/latest/H"))
    write_guide(src, "h.md", "p/topic-guide/en/latest/H")
    out = tmp_path / "site"
    result = build(runner, src, out)
    assert result.exit_code == 0, result.output
    page = (out / "p/topic-guide/en/latest/G/index.html").read_text(encoding="utf-8")
    assert 'href="tes.com"' not in page and "Where is the doc?" in page
    assert 'href="../H/"' in page  # a root-relative link to another guide is made relative
    assert broken_links(out) == []


TEXT_LINKS = """See [H](p/topic-guide/en/latest/H#tg-line-9), [rooted](/p/topic-guide/en/latest/H),
[gone](p/topic-guide/en/latest/Gone), [bare](tes.com), [web](https://example.com/w) and [here](#top).

<details>
  <summary>FAQs</summary>
  <details>
  <summary>Where?</summary>

  In <a href="p/topic-guide/en/latest/H?x=1&amp;y=2">H</a> and [nowhere](p/topic-guide/en/latest/Nowhere).
  </details>
</details>
"""


def test_links_in_the_text_are_pointed_at_the_site_or_shown_as_text(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "g.md", "p/topic-guide/en/latest/G", TEXT_LINKS)
    write_guide(src, "h.md", "p/topic-guide/en/latest/H")
    out = tmp_path / "site"
    result = build(runner, src, out)
    assert result.exit_code == 0, result.output
    prefix = f"{src / 'g.md'}:"
    warned = [line[len(prefix):] for line in result.output.splitlines() if line.startswith(prefix)]
    assert [w.split(" is ")[0].split(" has ")[0] for w in warned] == [
        "11: warning: link `tes.com`", "11: warning: link `p/topic-guide/en/latest/Gone`",
        "18: warning: link `p/topic-guide/en/latest/Nowhere`"], result.output
    page = (out / "p/topic-guide/en/latest/G/index.html").read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(page)
    shown = [ref for tag, ref in refs.refs if tag == "a"]
    assert "../H/#tg-line-9" in shown and shown.count("../H/") == 1 and "../H/?x=1&y=2" in shown
    assert "https://example.com/w" in shown and "#top" in shown
    assert not any("Gone" in ref or "Nowhere" in ref or "tes.com" in ref for ref in shown)
    assert ">gone</a>" in page and ">nowhere</a>" in page and ">bare</a>" in page  # their text is kept
    # The answer in the FAQPage JSON-LD links as the page does: relative to the page, the dead link as text.
    answer = json.loads(refs.jsonld[0])["mainEntity"][0]["acceptedAnswer"]["text"]
    assert 'href="../H/?x=1&amp;y=2"' in answer and ">nowhere</a>" in answer and "Nowhere" not in answer, answer
    assert broken_links(out) == []


def test_guide_at_an_index_folder_wins_with_a_warning(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "g.md", "p/topic-guide/en/latest/G")
    write_guide(src, "idx.md", "p/topic-guide/en/latest", title="Index guide")
    out = tmp_path / "site"
    result = build(runner, src, out)
    assert result.exit_code == 0, result.output
    assert "idx.md:3: warning: permalink `p/topic-guide/en/latest` takes the place of the generated" in result.output
    assert "Index guide" in (out / "p/topic-guide/en/latest/index.html").read_text(encoding="utf-8")


@pytest.mark.corpus
def test_corpus_site_is_complete_and_has_no_broken_links(corpus, tmp_path, runner):
    out = tmp_path / "site"
    result = build(runner, corpus, out, "--base-url", "https://docs.example.com/guides/")
    assert result.exit_code == 0, result.output
    runner.invoke(main, ["export", "--src", str(corpus), "--out", str(tmp_path / "e.json")])
    guides = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))["guides"]
    assert len(guides) == 302
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    translated = {}
    for g in guides:
        translated.setdefault((g["product"], g["version"], g["name"]), set()).add(g["lang"])
    for g in guides:
        page = out / g["permalink"] / "index.html"
        assert page.is_file(), g["permalink"]
        assert "https://docs.example.com/guides" + g["url"] in locs
        refs = parse_page(page)
        if any(f["kind"] == "answer" and f["answer_html"] for f in g["faqs"]):
            assert json.loads(refs.jsonld[0])["@type"] == "FAQPage", g["source"]
        langs = translated[(g["product"], g["version"], g["name"])]
        if len(langs) > 1:
            assert set(refs.alternates) == langs | {"x-default"}, g["source"]
    for key in {(g["product"], g["lang"], g["version"]) for g in guides}:
        assert (out / "/".join((key[0], "topic-guide", key[1], key[2], "index.html"))).is_file()
    assert (out / "index.html").is_file() and (out / "404.html").is_file()
    assert broken_links(out, "/guides/") == []
    assert third_party_assets(out) == []


def test_listing_tells_apart_guides_with_the_same_title(tmp_path, runner):
    src = tmp_path / "src"
    write_guide(src, "a.md", "p/topic-guide/en/latest/Action Task", "", "Action Task")
    write_guide(src, "b.md", "p/topic-guide/en/latest/ACTIONS_TASK_BASIC", "", "Action Task")
    write_guide(src, "c.md", "p/topic-guide/en/latest/Other", "", "Other")
    out = tmp_path / "site"
    assert build(runner, src, out).exit_code == 0
    listing = (out / "p/topic-guide/en/latest/index.html").read_text(encoding="utf-8")
    assert 'Action Task <span class="tg-guide-note">(Actions task basic)</span>' in listing
    assert '>Action Task</a>' in listing  # the one whose page name is its title needs no note
    assert "Other <span" not in listing  # a unique title stays as it is
