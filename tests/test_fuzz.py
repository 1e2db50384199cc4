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


# --- hostile files, names, YAML and SVG (issue 12) -------------------------------------------------------

HOSTILE_PERMALINKS = [
    "demo/topic-guide/en/v/" + "n" * 256, "demo/topic-guide/en/v/" + "界" * 90, "/".join(["p" * 250] * 5),
    ".topicgen-output", ".topicgen-cache/state.pickle", "a/.topicgen-staging", ".Topicgen-backup/x",
    ".topicgen-journal", "demo/topic-guide/en/v/Caf\u00e9", "demo/topic-guide/en/v/Cafe\u0301",
    "demo/topic-guide/en/v/CAFE\u0301", "demo/topic-guide/en/v/\\0", "demo/topic-guide/en/v/ok",
]
HOSTILE_IMAGES = [
    "images/a%00.png", "images/" + "i" * 300 + ".png", "images/pipe.png", "images/zero.png", "images/big.gif",
    "images/evil.svg", "images/doctype.svg", "images/ok.png", "images/../../x.png", ".topicgen-backup/0.png",
    "images/dir.png", "images/%2e%2e/x.png", "images/missing.svg",
]
SPECIAL = ["fifo.md", "zero.md", "huge.md", "loop.md", "dir.md"]


def _special(src, name: str) -> None:
    path = src / name
    if name.startswith("fifo"):
        os.mkfifo(path)
    elif name.startswith("zero"):
        os.symlink("/dev/zero", path)
    elif name.startswith("huge"):
        with open(path, "wb") as f:
            f.truncate(64 << 20)  # sparse: above the limit for a guide, no disk used
    elif name.startswith("loop"):
        os.symlink(name, path)
    else:
        path.mkdir()


def _images(src) -> None:
    images = src / "images"
    images.mkdir()
    os.mkfifo(images / "pipe.png")
    os.symlink("/dev/zero", images / "zero.png")
    with open(images / "big.gif", "wb") as f:
        f.truncate(40 << 20)
    (images / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)'
                                     '</script><rect width="1"/></svg>')
    (images / "doctype.svg").write_text('<!DOCTYPE svg [<!ENTITY a "a">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    (images / "ok.png").write_bytes(b"\x89PNG")
    (images / "dir.png").mkdir()
    (src / ".topicgen-backup").mkdir()
    (src / ".topicgen-backup" / "0.png").write_bytes(b"png")


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(permalinks=st.lists(st.sampled_from(HOSTILE_PERMALINKS), min_size=1, max_size=4),
       images=st.lists(st.sampled_from(HOSTILE_IMAGES), max_size=5),
       special=st.lists(st.sampled_from(SPECIAL), max_size=3, unique=True))
def test_hostile_files_and_names_are_reported_by_check_as_by_build(tmp_path_factory, permalinks, images, special):
    from click.testing import CliRunner

    from topicgen.cli import main

    root = tmp_path_factory.mktemp("h")
    src = root / "src"
    src.mkdir()
    _images(src)
    for name in special:
        _special(src, name)
    body = "".join(f"![i]({ref})\n\n" for ref in images)
    for i, link in enumerate(permalinks):
        (src / f"p{i}.md").write_text(f'---\ntitle: P{i}\npermalink: "{link}"\n---\n{body}', encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "--src", str(src)])
    built = runner.invoke(main, ["build", "--src", str(src), "--out", str(root / "out")])
    for result in (checked, built):
        assert isinstance(result.exception, SystemExit | None), result.output  # no traceback
    lines = [[line for line in r.stderr.splitlines() if ": warning: " in line or ": error: " in line]
             for r in (checked, built)]
    assert lines[0] == lines[1] and checked.exit_code == built.exit_code
    if built.exit_code == 0:
        for written in (root / "out").rglob("*"):
            assert not written.name.startswith(".topicgen") or written.name == ".topicgen-output"
            if written.suffix == ".svg":
                assert b"script" not in written.read_bytes() and b"onload" not in written.read_bytes()
    else:
        assert not (root / "out").exists()


@st.composite
def alias_yaml(draw) -> str:
    """Front matter with anchors and aliases nested as a billion laughs is, in block or flow style."""
    levels = draw(st.integers(1, 9))
    width = draw(st.integers(1, 12))
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for n in range(1, levels + 1):
        refs = [f"*a{draw(st.integers(0, n - 1))}" for _ in range(width)]
        if draw(st.booleans()):
            lines.append(f"a{n}: &a{n} [{', '.join(refs)}]")
        else:
            lines.append(f"a{n}: &a{n}\n" + "".join(f"  - {r}\n" for r in refs).rstrip("\n"))
    if draw(st.booleans()):
        lines.append(f"m: {{<<: {{k: *a{levels}}}}}")  # a merge key holding an alias
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None)
@given(front=alias_yaml())
def test_alias_bombs_are_refused_at_their_first_alias_at_once(front):
    import time

    from topicgen.errors import SourceError
    from topicgen.reading.frontmatter import split_front_matter

    started = time.monotonic()
    try:
        split_front_matter(f"---\ntitle: T\n{front}---\n")
    except SourceError as err:
        assert "alias" in err.message
        first = next(i for i, line in enumerate(front.splitlines()) if "*a" in line)
        assert err.line == 3 + first
    else:
        raise AssertionError("an alias was accepted")
    assert time.monotonic() - started < 2


SVG_PARTS = [
    "<script>alert(1)</script>", '<script href="https://e.example/x.js"/>', '<rect onload="alert(1)"/>',
    '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml" onclick="alert(1)">x</p></foreignObject>',
    '<a href="javascript:alert(1)"><text>t</text></a>', '<a xlink:href="javascript:alert(1)">x</a>',
    '<use href="https://e.example/s.svg#a"/>', '<use href="#a"/>', '<image href="https://e.example/t.png"/>',
    '<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>', '<animate attributeName="href" to="javascript:x"/>',
    '<set attributeName="onmouseover" to="alert(1)"/>', "<style>@import url(https://e.example/x.css);</style>",
    "<style>rect{fill:u\\72l(https://e.example/)}</style>", "<style>.a{fill:url(#g)}</style>",
    '<g style="background:url(https://e.example/)"/>', '<rect fill="url(https://e.example/#p)"/>',
    '<rect fill="url(#g)"/>', '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
    '<g xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></g>', "<!-- comment -->",
    "<?xml-stylesheet href='https://e.example/x.xsl' type='text/xsl'?>", "<![CDATA[<script>alert(1)</script>]]>",
    '<text x="1">a &amp; b</text>', '<g id="g"><circle r="1"/></g>', "<g>", "</g>", "&amp;", "<", "&xxe;",
]


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(parts=st.lists(st.sampled_from(SVG_PARTS), max_size=12),
       root=st.sampled_from(['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
                             '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(0)">', "<svg>", "<html>"]))
def test_svg_payloads_never_survive_cleaning(parts, root):
    from topicgen.parsing.svg import Refused, clean_svg

    from .test_svg import assert_harmless

    end = "</html>" if root == "<html>" else "</svg>"
    try:
        clean = clean_svg((root + "".join(parts) + end).encode())
    except Refused:
        return  # not copied, with a warning
    assert_harmless(clean.data)
    assert clean_svg(clean.data).data == clean.data  # published bytes are clean as they are
