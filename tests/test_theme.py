"""The default theme and overrides: markup the host and CSP rely on, UI strings, a project theme over the default."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser

from topicgen.cli import main
from topicgen.rendering.theme import relative_url

from .conftest import GUIDES
from .test_site import FAQS, build, write_guide


class _Messages(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[dict] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-tg-message" in a:
            self.messages.append(json.loads(a["data-tg-message"]))
        if "style" in a:
            self.problems.append(f"style attribute on <{tag}>")
        if tag == "script" and not a.get("src") and a.get("type") != "application/ld+json":
            self.problems.append("inline script")
        if tag == "style":
            self.problems.append("<style>")


def messages_of(text: str) -> _Messages:
    parser = _Messages()
    parser.feed(text)
    return parser


def test_messages_come_from_the_model_and_survive_quotes(tmp_path, runner):
    src = tmp_path / "src"
    tricky = """Say "hi" & 'bye'"""
    body = FAQS.replace("Where is the doc?", tricky).replace(
        '<a class="nested-accordian-link" href="https://example.com/a">',
        '<a class="nested-accordian-link no-doc-ext-link" href="https://example.com/a">')
    write_guide(src, "g.md", "p/topic-guide/en/latest/G", body)
    out = tmp_path / "site"
    assert build(runner, src, out).exit_code == 0
    page = messages_of((out / "p/topic-guide/en/latest/G/index.html").read_text(encoding="utf-8"))
    assert page.problems == []
    assert {"action": "faq", "selector": "topicGuide",
            "payload": {"topicName": "", "path": "", "faqName": tricky}} in page.messages
    answer = next(m for m in page.messages if "faqDescription" in m["payload"])
    assert answer["payload"]["faqName"] == "What is it?"
    assert answer["payload"]["faqDescription"] == "It is bold & fine."  # plain text of the answer


def test_bundled_pages_need_no_inline_code_and_badge_counts(tmp_path, runner):
    out = tmp_path / "site"
    assert build(runner, GUIDES, out).exit_code == 0
    for page in out.rglob("*.html"):
        assert messages_of(page.read_text(encoding="utf-8")).problems == [], page
    text = (out / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert re.search(r'<details class="tg-section tg-faqs" open>\s*<summary><span class="tg-summary-text">FAQs'
                     r'</span> <span class="count">\(06\)</span>', text)
    ja = (out / "platform/topic-guide/ja/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert "よくある質問" in ja and '<html lang="ja"' in ja
    dialog = (out / "platform/topic-guide/en/latest/Dialog Editor/index.html").read_text(encoding="utf-8")
    assert 'class="tg-tour"' in dialog and "tg-icon-academy" in dialog and "tg-play" in dialog
    assert (out / "assets/topic.js").is_file() and (out / "assets/icons/academy.svg").is_file()


def test_project_theme_overrides_templates_assets_and_strings(tmp_path, runner):
    theme = tmp_path / "mytheme"
    (theme / "static").mkdir(parents=True)
    (theme / "strings").mkdir()
    (theme / "static/topic.css").write_text("/* mine */\n", encoding="utf-8")
    (theme / "strings/en.yml").write_text("faqs: Questions\n", encoding="utf-8")
    (theme / "404.html").write_text('{% extends "base.html" %}{% block content %}Lost: {{ t.videos }}'
                                    "{% endblock %}", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("theme: mytheme\n", encoding="utf-8")
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(out),
                                  "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 0, result.output
    assert (out / "assets/topic.css").read_text(encoding="utf-8") == "/* mine */\n"
    assert (out / "assets/topic.js").is_file()  # what the project does not override comes from the default
    assert "Lost: Videos" in (out / "404.html").read_text(encoding="utf-8")
    en = (out / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert ">Questions</span>" in en
    ja = (out / "platform/topic-guide/ja/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert "よくある質問" in ja  # the override is English only


def test_broken_strings_file_is_a_clear_error(tmp_path, runner):
    theme = tmp_path / "t"
    (theme / "strings").mkdir(parents=True)
    (theme / "strings/ja.yml").write_text("faqs: [unclosed\n", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("theme: t\n", encoding="utf-8")
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(out),
                                  "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 1
    assert "strings/ja.yml:" in result.output and "not readable YAML" in result.output
    assert "did not find expected ',' or ']'" in result.output  # the YAML parser's own words
    assert "Traceback" not in result.output and not out.exists()


def test_a_strings_file_error_names_the_file_as_the_user_would_type_it(tmp_path, runner, monkeypatch):
    (tmp_path / "t" / "strings").mkdir(parents=True)
    (tmp_path / "t" / "strings/ja.yml").write_text("faqs: [unclosed\n", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("theme: t\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the project's folder, as a writer runs topicgen
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", "site"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{os.path.join('t', 'strings', 'ja.yml')}:1: error: UI strings file is not "
                                    "readable YAML"), result.stderr


def test_relative_url_encodes_every_special_character():
    assert relative_url("a/b", "a/c#1?x&y/") == "../c%231%3Fx%26y/"
    assert relative_url("a/b", "") == "../../"
    assert relative_url("", "") == "./"


def test_project_macros_are_used_by_the_default_guide_page(tmp_path, runner):
    """guide.html calls the macros of macros.html, so a project overriding one of them changes every guide."""
    from topicgen.config import DEFAULT_THEME

    theme = tmp_path / "mytheme"
    theme.mkdir()
    macros = (DEFAULT_THEME / "macros.html").read_text(encoding="utf-8")
    (theme / "macros.html").write_text(macros.replace('<span class="tg-leaves">', '<span class="tg-leaves mine">')
                                       .replace('<figure class="tg-video"', '<figure class="tg-video mine"'),
                                       encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("theme: mytheme\n", encoding="utf-8")
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(out),
                                  "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 0, result.output
    text = (out / "platform/topic-guide/en/latest/Dialog Editor/index.html").read_text(encoding="utf-8")
    assert '<span class="tg-leaves mine">' in text and '<figure class="tg-video mine"' in text
    assert '<span class="tg-leaves">' not in text


def test_ui_strings_are_a_new_table_for_every_page():
    """The merged tables are kept between pages, but a template changing its `t` changes no other page."""
    from topicgen.config import Config
    from topicgen.rendering.theme import Theme

    strings = Theme(Config()).strings
    first = strings.table("ja", "en")
    first["faqs"] = "changed"
    assert strings.table("ja", "en")["faqs"] == "よくある質問"
    assert strings.table(None, "ja")["faqs"] == "よくある質問" and strings.table("xx", "en")["faqs"] == "FAQs"


def test_the_default_templates_compiled_in_advance_are_current():
    """After editing a default template, run `python -m topicgen.rendering.theme`: a stale stamp means the
    compiled templates are not used (correct, but every build compiles them again)."""
    from topicgen.rendering import theme

    assert theme._read_stamp() == theme._stamp(), "run `python -m topicgen.rendering.theme`"
    names = {theme.jinja2.ModuleLoader.get_module_filename(n) for n in theme._template_names()}
    assert names == {p.name for p in theme.COMPILED.glob("tmpl_*.py")}


def test_a_project_template_wins_over_the_compiled_default(tmp_path):
    from topicgen.config import Config
    from topicgen.rendering.theme import Theme

    (tmp_path / "404.html").write_text('{% extends "base.html" %}{% block content %}mine{% endblock %}')
    html = Theme(Config(theme=str(tmp_path))).render("404.html", "", {"lang": "en", "noindex": True}, absolute=True)
    assert "mine" in html and "<!DOCTYPE html>" in html
