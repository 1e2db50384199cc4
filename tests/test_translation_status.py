"""Translation status in use: the page notices, the build's line of counts, `topicgen translations`, the git
`outdated` case in a build, no git for a build with nothing to do, and the preview's status page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from topicgen.cli import main
from topicgen.serve.status import status_page
from topicgen.translations import history as history_module
from topicgen.translations.counts import PROBLEMS
from topicgen.translations.report import translation_report

from .conftest import GUIDES
from .serve_process import PLAN_USAGE, ServeProcess
from .test_translation_history import git
from .test_translations import answer, guide, link

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
QUESTIONS = {"en": ("How to A?", "How to B?"), "ja": ("Aの方法", "Bの方法"), "ko": ("A 방법", "B 방법")}


def text(lang: str, name: str, questions: tuple[str, ...], urls: tuple[str, ...] = ("a", "b")) -> str:
    faqs = "".join(link(q, f"https://d.example/{lang}/{u}/") for q, u in zip(questions, urls))
    return (f"---\ntitle: {name}\npermalink: bots/topic-guide/{lang}/latest/{name}\n---\n#### Topic Guide\n"
            f"###### {name}\n\n  Intro.\n\n<details open>\n  <summary>FAQs\n  </summary>\n{faqs}</details>\n")


SOURCES = {  # one topic and language per problem; `current` and the source beside them
    "en/current.md": text("en", "Current", QUESTIONS["en"]),
    "ja/current.md": text("ja", "Current", QUESTIONS["ja"]),
    "ko/current.md": text("ko", "Current", QUESTIONS["en"]),  # untranslated
    "en/drift.md": text("en", "Drift", QUESTIONS["en"]),
    "ja/drift.md": text("ja", "Drift", QUESTIONS["ja"], ("a", "c")),  # drifted; ko missing
    "en/partly.md": text("en", "Partly", QUESTIONS["en"]),
    "ja/partly.md": text("ja", "Partly", ("Aの方法", "How to B?")),  # partly-untranslated
    "ko/partly.md": text("ko", "Partly", QUESTIONS["ko"]),
    "ja/orphan.md": text("ja", "Orphan", QUESTIONS["ja"]),  # orphan
}


def project(root: Path, sources: dict[str, str] = SOURCES) -> Path:
    src = root / "guides"
    for rel, body in sources.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(body, encoding="utf-8")
    return src


def page(out: Path, lang: str, name: str) -> str:
    return (out / f"bots/topic-guide/{lang}/latest/{name}/index.html").read_text(encoding="utf-8")


NOTICE = re.compile(r'<p class="tg-translation-notice" role="note" data-translation-status="(\w+)">(.*?) '
                    r'<a href="([^"]+)" hreflang="en">(.*?)</a></p>')


def test_pages_carry_the_notice_in_their_language_and_the_build_says_the_counts(runner, tmp_path):
    src = project(tmp_path)
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[-2].startswith("built 18 pages in ")  # with 3 search indexes, without a sitemap (no base_url)
    assert lines[-1] == ("translations: 1 missing, 1 orphan, 1 untranslated, 1 partly-untranslated, 1 drifted "
                         "(outdated not checked: no git history)")
    out = tmp_path / "out"
    ko = NOTICE.search(page(out, "ko", "Current"))
    assert ko and ko.groups() == ("untranslated", "이 페이지는 아직 번역되지 않았습니다.", "../../../en/latest/Current/",
                                  "원문(English) 보기")
    ja = NOTICE.search(page(out, "ja", "Drift"))
    assert ja and ja.group(1, 3, 4) == ("drifted", "../../../en/latest/Drift/", "原文（English）を読む")
    for lang, name in [("en", "Current"), ("ja", "Current"), ("ja", "Partly"), ("ko", "Partly"), ("ja", "Orphan")]:
        assert "tg-translation-notice" not in page(out, lang, name), (lang, name)
    # the missing translation is not in the switcher: its language leads to that language's listing instead
    assert "ko/latest/Drift" not in page(out, "en", "Drift") and 'href="../../../ko/latest/"' in page(out, "en", "Drift")
    strict = runner.invoke(main, ["build", "--strict", "--no-cache", "--src", str(src), "--out", str(out),
                                  "--base-url", "https://docs.example/"])  # (without it: the sitemap's warning)
    assert strict.exit_code == 0  # translations are not warnings of the build: `translations --strict` holds them


@pytest.mark.parametrize("sources, strict, code", [
    (SOURCES, False, 0),
    (SOURCES, True, 1),
    ({k: v for k, v in SOURCES.items() if "current" in k and not k.startswith("ko")}, True, 0),
])
def test_the_translations_command_and_its_exit_codes(runner, tmp_path, sources, strict, code):
    src = project(tmp_path, sources)
    result = runner.invoke(main, ["translations", "--src", str(src), "--format", "text"] + (["--strict"] * strict))
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.output and not result.stdout
    if len(sources) == len(SOURCES):
        assert f"{src}/ko/current.md:" in result.stderr and ": warning: untranslated: every question" in result.stderr
        assert f"{src}/en/drift.md:1: warning: missing: no ko translation" in result.stderr
        assert f"drifted: the items differ from {src}/en/drift.md: 1 missing here" in result.stderr
    else:
        assert result.stderr.splitlines() == ["translations: all current (outdated not checked: no git history)"]


def test_the_translations_command_as_json_and_github(runner, tmp_path):
    src = project(tmp_path)
    result = runner.invoke(main, ["translations", "--src", str(src), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["schema"], data["source_language"], data["outdated_checked"]) == (1, "en", False)
    by = {(e["name"], e["lang"]): e for e in data["entries"]}
    assert by[("Drift", "ja")] == {
        "product": "bots", "version": "latest", "name": "Drift", "lang": "ja", "path": "ja/drift.md",
        "source_path": "en/drift.md", "problems": ["drifted"], "missing": ["https://d.example/b"],
        "extra": ["https://d.example/c"], "untranslated": []}
    assert by[("Drift", "ko")]["path"] is None and by[("Orphan", "ja")]["source_path"] is None
    assert result.stderr.splitlines()[-1].startswith("translations: 1 missing, 1 orphan")
    github = runner.invoke(main, ["translations", "--src", str(src), "--format", "github"])
    assert f"::warning file={src}/ja/drift.md,line=" in github.stderr


def test_a_guide_that_cannot_be_read_is_an_error_and_other_warnings_are_checks(runner, tmp_path):
    src = project(tmp_path, {**SOURCES, "ja/bad.md": "---\ntitle: [x\npermalink: y\n---\n",
                             "notes.md": "no front matter"})
    result = runner.invoke(main, ["translations", "--src", str(src)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{src}/ja/bad.md:2: error: front matter is not valid YAML" in result.stderr
    assert "notes.md" not in result.stderr  # a warning of reading: `topicgen check` says it


def test_a_build_with_nothing_to_do_runs_no_git_and_says_the_counts_again(runner, tmp_path, monkeypatch):
    src = project(tmp_path)
    args = ["build", "--src", str(src), "--out", str(tmp_path / "out")]
    first = runner.invoke(main, args)
    calls: list[object] = []
    monkeypatch.setattr(history_module.subprocess, "run", lambda *a, **k: calls.append(a))
    again = runner.invoke(main, args)
    assert again.exit_code == 0 and "(0 files written, " in again.stderr and calls == []
    assert again.stderr.splitlines()[-1] == first.stderr.splitlines()[-1]


@needs_git
def test_outdated_in_a_built_work_tree(runner, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    src = project(repo, {k: v for k, v in SOURCES.items() if "current" in k and not k.startswith("ko")})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "both")
    args = ["build", "--src", str(src), "--out", str(tmp_path / "out")]
    assert runner.invoke(main, args).stderr.splitlines()[-1] == "translations: all current"
    (src / "en/current.md").write_text(text("en", "Current", ("How to A, now?", "How to B?")), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "source", when="2024-02-01T00:00:00")
    result = runner.invoke(main, args)
    assert result.stderr.splitlines()[-1] == "translations: 1 outdated"
    notice = NOTICE.search(page(tmp_path / "out", "ja", "Current"))
    assert notice and notice.group(1, 2) == ("outdated", "この翻訳の更新後に、原文のページが変更されています。")
    (src / "ja/current.md").write_text(text("ja", "Current", ("Aの方法、今", "Bの方法")), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "translation", when="2024-03-01T00:00:00")
    assert runner.invoke(main, args).stderr.splitlines()[-1] == "translations: all current"
    assert "tg-translation-notice" not in page(tmp_path / "out", "ja", "Current")
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing", when="2024-04-01T00:00:00")
    calls: list[object] = []
    real = history_module.subprocess.run
    monkeypatch.setattr(history_module.subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    runner.invoke(main, args)
    assert len(calls) == 3  # a commit alone is a change to what the build reads: one log, not one per file


def test_the_status_page_escapes_and_links_every_page():
    en = guide("en", link("Q?", "https://d.example/a"), name="<b>&x")
    ja = guide("ja", link("Q?", "https://d.example/a"), name="<b>&x")
    other = guide("en", answer("R?"), name="Other")
    body = status_page(translation_report([en, ja, other], "en"), ["en", "ja", "ko"], "/sub/")
    assert "<b>" not in body and "&lt;b&gt;&amp;x" in body
    assert '<a href="/sub/bots/topic-guide/ja/latest/%3Cb%3E%26x/" title="1 untranslated">untranslated</a>' in body
    assert '<a href="/sub/bots/topic-guide/en/latest/%3Cb%3E%26x/">en</a>' in body
    assert '<td class="tg-status-missing">missing</td>' in body  # Other in ja: nothing to link to
    assert "No build has succeeded yet." in status_page(None, ["en"], "/")


def test_the_preview_serves_the_status_page_and_keeps_it_current(tmp_path):
    shutil.copytree(GUIDES, tmp_path / "guides")
    server = ServeProcess(tmp_path, "--src", "guides")
    try:
        server.wait_output("translation status at http://127.0.0.1:")
        status, headers, body = server.get("/__topicgen/translations")
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert "<th scope=\"row\">Plan &amp; Usage</th>" in body and 'id="topicgen-livereload"' in body
        assert f'<a href="{PLAN_USAGE}" title="6 untranslated">untranslated</a>' in body
        hrefs = re.findall(r'href="(/platform/[^"]+)"', body)
        # 16: the bundled guides include 4 Korean ones written for search (issue 13)
        assert len(hrefs) == 16 and all(server.get(h)[0] == 200 for h in hrefs)
        assert "translations: 7 missing, 2 orphan, 3 untranslated, 4 drifted (outdated not checked" in server.stderr
        ko = tmp_path / "guides/platform/topic-guide/ko/latest/planusage.md"
        ko.write_text(ko.read_text(encoding="utf-8").replace("What is Allowed Sessions?", "허용 세션이란?"),
                      encoding="utf-8")
        server.poll("/__topicgen/translations", lambda b: "partly-untranslated</a>" in b)
        assert "tg-translation-notice" not in server.get(PLAN_USAGE)[2]  # partly: no notice
        server.wait_output("translations: 7 missing, 2 orphan, 2 untranslated, 1 partly-untranslated, 4 drifted")
    finally:
        server.kill()


@pytest.mark.corpus
def test_the_corpus_figures_from_the_command_and_a_build(runner, corpus, tmp_path):
    result = runner.invoke(main, ["translations", "--src", str(corpus), "--format", "json"])
    data = json.loads(result.stdout)
    found = {p: sum(p in e["problems"] for e in data["entries"]) for p in PROBLEMS}
    assert len(data["entries"]) == 172 and found == {"missing": 30, "orphan": 2, "untranslated": 86,
                                                     "partly-untranslated": 3, "drifted": 31, "outdated": 0}
    built = runner.invoke(main, ["build", "--src", str(corpus), "--out", str(tmp_path / "out")])
    assert built.stderr.splitlines()[-1] == result.stderr.splitlines()[-1] == (
        "translations: 30 missing, 2 orphan, 86 untranslated, 3 partly-untranslated, 31 drifted "
        "(outdated not checked: no git history)")
    notices = [p for p in (tmp_path / "out").rglob("index.html") if "tg-translation-notice" in p.read_text("utf-8")]
    shown = {e["path"] for e in data["entries"] if e["source_path"] and {"untranslated", "drifted"} & set(e["problems"])}
    assert len(notices) == len(shown) == 99  # 86 untranslated and 31 drifted, 18 both


def test_a_build_compares_every_page_from_infos_and_loads_only_the_guides_it_renders(runner, tmp_path, monkeypatch):
    from topicgen.cache.parsed import ParsedGuides
    from topicgen.reading import collect

    src = project(tmp_path)
    args = ["build", "--src", str(src), "--out", str(tmp_path / "out")]
    runner.invoke(main, args)
    (src / "ko/current.md").write_text(text("ko", "Current", QUESTIONS["ko"]), encoding="utf-8")  # translated now
    parsed: list[str] = []
    loaded: list[str] = []
    parse, load = collect.parse_source, ParsedGuides.guide
    monkeypatch.setattr(collect, "parse_source", lambda item: parsed.append(item[0]) or parse(item))
    monkeypatch.setattr(ParsedGuides, "guide", lambda self, source, sha: loaded.append(source) or load(self, source, sha))
    result = runner.invoke(main, args)
    # its page and the Korean search index, which holds the other Korean guides too: merged from their search
    # entries in the cache, none of them loaded whole
    assert "(2 files written, " in result.stderr and parsed == ["ko/current.md"]
    assert loaded == []
    assert result.stderr.splitlines()[-1].startswith("translations: 1 missing, 1 orphan, 1 partly-untranslated")
    assert "tg-translation-notice" not in page(tmp_path / "out", "ko", "Current")


def test_the_translations_command_says_the_config_s_warnings(runner, tmp_path, monkeypatch):
    src = project(tmp_path)
    monkeypatch.chdir(tmp_path)
    Path("topicgen.yml").write_text("default_langauge: ja\n", encoding="utf-8")
    result = runner.invoke(main, ["translations", "--src", str(src)])
    assert result.stderr.splitlines()[0] == "topicgen.yml:1: warning: unknown config key `default_langauge`"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_json_report_that_cannot_be_written_is_a_plain_error(tmp_path):
    import subprocess
    import sys

    src = project(tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from topicgen.cli import run; run()", "translations",
                               "--src", str(src), "--format", "json"], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "topicgen: error: cannot write the report: No space left on device" in done.stderr
