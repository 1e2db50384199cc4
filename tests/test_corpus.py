"""The real corpus: check-corpus's figure, then every guide with defects injected keeps its exported items.

The comparison is check-corpus's own: intro, number of videos, FAQ kinds with their plain-text questions,
resource kinds. A defect must not change them (or, for a commented-out item, must remove exactly that item),
and each one must be reported as a warning at a line inside the file.
"""

from __future__ import annotations

import collections
import html
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from topicgen.model import Guide
from topicgen.output.export import guide_dict
from topicgen.parsing.markdown import Renderer
from topicgen.parsing.markup import LineMap, find_tags, mask_code, strip_comments
from topicgen.parsing.tree import Role, TreeBuilder
from topicgen.reading.frontmatter import decode, split_front_matter
from topicgen.reading.reader import read_bytes

from .conftest import CORPUS, SHARED

pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/kore is not present")]
CHECK = SHARED / "tools" / "check-corpus"
RENDERER = Renderer()
Items = collections.Counter


def plain(text: str | None) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text or ""))).strip()


def items(exported: dict) -> Items:
    """check-corpus's multiset of (kind, text) for one exported guide."""
    got: Items = collections.Counter()
    got[("intro", "")] += 1 if exported["intro"] else 0
    got[("video", "")] += len(exported["videos"])
    for faq in exported["faqs"]:
        got[(faq["kind"], plain(faq["question"]))] += 1
    for res in exported["resources"]:
        got[("resource", res["kind"])] += 1
    return +got


def read(text: str) -> Guide:
    guide = read_bytes(text.encode("utf-8"), "g.md", RENDERER)
    assert isinstance(guide, Guide), guide
    return guide


GUIDES = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []
BASE = {path: read(path.read_text(encoding="utf-8")) for path in GUIDES
        if path.read_bytes().startswith(b"---")}


def test_check_corpus_matches_everything() -> None:
    if not CHECK.is_file():
        pytest.skip("../shared/tools/check-corpus is not present")
    proc = subprocess.run([sys.executable, str(CHECK)], capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip().splitlines()[-1] == "corpus: 2300/2300 items matched; 302/302 guides exact", \
        proc.stdout[-3000:]
    assert proc.returncode == 0


def _mutants(text: str) -> Iterator[tuple[str, str, int]]:
    """(what, mutated text, offset of the change) for each closing tag dropped or doubled in turn."""
    for tag in ("</a>", "</details>", "</details-video>"):
        for m in re.finditer(re.escape(tag), text):
            yield f"drop {tag}", text[: m.start()] + text[m.end():], m.start()
    for tag in ("</details>", "</a>"):
        for m in re.finditer(re.escape(tag), text):
            yield f"double {tag}", text[: m.end()] + "\n" + tag + text[m.end():], m.end() + 1
    for m in re.finditer(r"</details>(\s*)</a>", text):
        yield "drop </details></a>", text[: m.start()] + m.group(1) + text[m.end():], m.start()


def _reported(base: Guide, mutant: Guide, text: str, line: int) -> bool:
    """A new warning at a line of the file, or the dropped tag was the one the base already warned of."""
    old = {(d.line, d.message) for d in base.diagnostics}
    lines = text.count("\n") + 1
    new = [d for d in mutant.diagnostics if (d.line, d.message) not in old]
    return any(d.severity == "warning" and 1 <= d.line <= lines for d in new) or \
        any(d.line == line for d in base.diagnostics)


def test_line_endings_and_bom_change_nothing() -> None:
    for path, base in BASE.items():
        text = path.read_text(encoding="utf-8")
        want = (guide_dict(base), base.diagnostics)
        for variant in (text.replace("\n", "\r\n"), text.replace("\n", "\r"), "\ufeff" + text,
                        "\ufeff" + text.replace("\n", "\r\n")):
            guide = read(variant)
            assert (guide_dict(guide), guide.diagnostics) == want, path


def test_dropped_and_doubled_closing_tags_keep_every_item() -> None:
    failures, count = [], 0
    for path, base in BASE.items():
        text = path.read_text(encoding="utf-8")
        want = items(guide_dict(base))
        for what, mutated, at in _mutants(text):
            count += 1
            line = text.count("\n", 0, at) + 1
            guide = read(mutated)
            if items(guide_dict(guide)) != want:
                failures.append(f"{path.relative_to(CORPUS)}:{line}: {what}: items changed")
            elif not _reported(base, guide, mutated, line):
                failures.append(f"{path.relative_to(CORPUS)}:{line}: {what}: not reported")
    assert count > 5000
    assert not failures, f"{len(failures)} of {count} mutants:\n" + "\n".join(failures[:30])


def _faq_item_spans(text: str) -> list[tuple[int, int]]:
    """File offsets of each FAQ item (wrapper, question or link) of the FAQ sections."""
    split = split_front_matter(decode(text.encode("utf-8")))
    offset = len(text) - len(split.body)
    lines = LineMap(split.body, split.body_line)
    body, _ = strip_comments(split.body, lines)
    masked = mask_code(body)
    root = TreeBuilder(body, masked, find_tags(masked), lines).build()
    return [(offset + item.start, offset + item.end) for section in root.children if section.role is Role.FAQS
            for item in section.children]


def test_commented_out_item_disappears_alone() -> None:
    failures, count = [], 0
    for path, base in BASE.items():
        text = path.read_text(encoding="utf-8")
        exported = guide_dict(base)
        for start, end in _faq_item_spans(text):
            first, last = text.count("\n", 0, start) + 1, text.count("\n", 0, end - 1) + 1
            want = exported | {"faqs": [f for f in exported["faqs"] if not first <= f["line"] <= last]}
            if len(want["faqs"]) == len(exported["faqs"]):
                continue  # a documentation card the writer left inside the FAQs: not a question
            assert len(want["faqs"]) == len(exported["faqs"]) - 1, (path, first)
            count += 1
            guide = read(text[:start] + "<!--" + text[start:end] + "-->" + text[end:])
            if items(guide_dict(guide)) != items(want):
                failures.append(f"{path.relative_to(CORPUS)}:{first}: commented item: items changed")
            # Commented-out markup is the writer's choice, not a defect: nothing new to report, but that a
            # section lost its only question (a line already warned of may now name another closing place).
            new = {(d.line, d.message) for d in guide.diagnostics if d.line not in {b.line for b in base.diagnostics}
                   and "has no questions" not in d.message}
            if new:
                failures.append(f"{path.relative_to(CORPUS)}:{first}: commented item: new warnings {new}")
    assert count > 1500
    assert not failures, f"{len(failures)} of {count}:\n" + "\n".join(failures[:30])


class _ShownText(HTMLParser):
    """The text a reader sees on a page (code blocks aside), in pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.code += tag in ("code", "pre", "script", "style")

    def handle_endtag(self, tag):
        self.code -= tag in ("code", "pre", "script", "style") and self.code > 0

    def handle_data(self, data):
        if not self.code:
            self.texts.append(data)


MARKUP = {  # what a writer wrote for a heading, link, image, tag or strong text, if it is shown as text
    "heading": re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+\S"),
    "link": re.compile(r"\[[^\]\n]*\]\([^)\s]*\)"),
    "image": re.compile(r"!\[[^\]\n]*\]"),
    "tag": re.compile(r"</?(?:details|summary|details-video|a|img|br|table|div|p|span|b|strong|em|ul|li|h[1-6])\b"
                      r"[^<>]*>", re.I),
    "strong": re.compile(r"\*\*\S[^*\n]*\S\*\*"),
}


def test_no_page_of_the_corpus_shows_a_writer_s_markup_as_text(tmp_path) -> None:
    from click.testing import CliRunner

    from topicgen.cli import main

    result = CliRunner().invoke(main, ["build", "--src", str(CORPUS), "--out", str(tmp_path / "site"), "--no-cache"])
    assert result.exit_code == 0, result.output
    shown = []
    pages = sorted((tmp_path / "site").rglob("*.html"))
    for page in pages:
        parser = _ShownText()
        parser.feed(page.read_text(encoding="utf-8"))
        shown += [f"{page.relative_to(tmp_path / 'site')}: {kind}: {m.group(0)!r}" for text in parser.texts
                  for kind, pattern in MARKUP.items() for m in pattern.finditer(text)]
    assert len(pages) > 300 and shown == []
    survey = (tmp_path / "site" / "platform/topic-guide/en/latest/Feedback Survey/index.html").read_text()
    assert "<h6>Create a survey with a New Dialog</h6>" in survey and "<h6>I will decide how to launch</h6>" in survey
    dashboards = (tmp_path / "site" / "platform/topic-guide/ja/latest/Custom Dashboards/index.html").read_text()
    assert "<h6>セッションデータセットフィールド：</h6>" in dashboards
