"""Property tests: random and mutated guides never crash the parser or the build, never escape the output.

The default run is small so the suite stays fast; `TOPICGEN_FUZZ_EXAMPLES=3000 pytest tests/test_fuzz.py`
runs the long version.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import read_guide
from topicgen.build import build
from topicgen.config import Config
from topicgen.diagnostics import Reporter
from topicgen.model import Guide, Skipped
from topicgen.options import BuildOptions
from topicgen.parsing.markdown import Renderer

from .conftest import GUIDES

EXAMPLES = int(os.environ.get("TOPICGEN_FUZZ_EXAMPLES", "60"))
REAL = [p.read_bytes() for p in sorted(GUIDES.rglob("*.md"))]
FRAGMENTS = [
    "<details>", "<details open>", '<details class="introduction-video">', '<details class="nested-details">',
    "</details>", "<summary>", "</summary>", "<summary>FAQs</summary>", "<summary>Videos</summary>",
    "<summary>Introduction</summary>", '<a class="doc-link" href="https://x.example/">',
    '<a class="nested-accordian-link open no-doc-ext-link" href="/p">', '<a class="doc-link tour-guide" topic-id="7">',
    "<a href='javascript:alert(1)'>", "</a>", "<details-video>", "</details-video>", "<!--", "-->", "```", "~~~",
    "[![t](images/x.png)](https://v.example/)", "##### Heading", "#### Topic Guide", "###### Name",
    "| a | b |", "|---|---|", "| ![i](images/docIcon.svg) | **Documentation** <br /> text |", "**Academy**",
    "\n", "\n\n", "\r\n", "\r", "   ", "\t", "\ufeff", "---", "text", "é日本語", "<script>x</script>", "`code`",
    "- item", "1. item", "    indented", "&amp;", "<", ">", "\x00", "\x1b",
]
FRONT = "---\ntitle: Fuzz\npermalink: demo/topic-guide/en/latest/Fuzz\n---\n"
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])

bodies = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=80).map("".join)


@st.composite
def mutated_real(draw) -> bytes:
    """A real guide with slices deleted, duplicated, or replaced by vocabulary fragments and junk bytes."""
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        j = draw(st.integers(i, min(len(data), i + 200)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "bytes"]))
        if op == "delete":
            del data[i:j]
        elif op == "duplicate":
            data[i:i] = data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.sampled_from(FRAGMENTS)).encode("utf-8")
        else:
            data[i:i] = draw(st.binary(max_size=4))
    return bytes(data)


guides = st.one_of(bodies.map(lambda b: (FRONT + b).encode("utf-8")), bodies.map(str.encode), mutated_real())


def check_lines(result: Guide | Skipped, data: bytes) -> None:
    lines = data.count(b"\n") + data.count(b"\r") + 1
    for diag in result.diagnostics:
        assert 0 <= diag.line <= lines, (diag, lines)
        assert diag.severity in ("warning", "error") and diag.message


@SLOW
@given(data=guides)
def test_parser_never_crashes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "g.md"
    path.write_bytes(data)
    result = read_guide(path, "g.md", Renderer())
    assert isinstance(result, (Guide, Skipped))
    check_lines(result, data)
    if isinstance(result, Guide):
        for faq in result.faqs:
            assert faq.kind in ("answer", "link", "tour")
            assert 1 <= faq.line <= data.count(b"\n") + data.count(b"\r") + 1


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=st.lists(guides, min_size=1, max_size=4), permalinks=st.lists(
    st.sampled_from(["../x", "a/../../b", "/abs/p", "//demo//topic-guide//en//v//X", "C:/w", "demo/topic-guide/en/v/é & ü",
                     "demo/topic-guide/en/v/%2e%2e", "./a", "a\\b", "demo/topic-guide/en/v/Same",
                     "demo/topic-guide/en/v/same"]), max_size=4))
def test_build_stays_inside_output(tmp_path_factory, files, permalinks):
    root = tmp_path_factory.mktemp("b")
    src = root / "src"
    src.mkdir()
    for i, data in enumerate(files):
        (src / f"g{i}.md").write_bytes(data)
    for i, link in enumerate(permalinks):
        (src / f"p{i}.md").write_text(f"---\ntitle: P{i}\npermalink: \"{link}\"\n---\nbody\n", encoding="utf-8")
    out = root / "out"
    reporter = Reporter(stream=open(os.devnull, "w"))
    result = build(BuildOptions(src, out, Config(cache_dir=str(root / ".cache"))), reporter)
    assert sorted(p.name for p in root.iterdir() if p.name != ".cache") == (["out", "src"] if result.written else ["src"])
    if result.written:
        resolved = out.resolve()
        for written in out.rglob("*"):
            assert resolved in written.resolve().parents
    else:
        assert reporter.errors > 0
