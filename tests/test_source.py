"""Front matter: the `key: text` shortcut reads exactly what pyyaml reads, and leaves everything else to it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from topicgen.source import simple_yaml, split_front_matter

_WORD = st.text(alphabet=st.sampled_from(list("aZy09_-")), min_size=1, max_size=6)
_KEY = st.one_of(_WORD, st.sampled_from(["title", "permalink", "on", "No", "null", "TRUE", "y", "_x", "-k"]))
# Beyond ASCII: Japanese, a full-width colon, no-break and ideographic spaces, YAML's own line breaks
# (NEL, U+2028/2029), a byte-order mark, a private-use letter, non-characters, an emoji, a C1 control.
_WIDE = "éメト：\u00a0\u3000\u0085\u2028\u2029\ufeff\ue000\ufffe\U0001f600\x9f"
_TEXT = st.text(alphabet=st.sampled_from(list("aZ09 _.,/&()?-:#'\"*!|>%@`[]{}~=<\\\t") + list(_WIDE)), max_size=14)
_VALUE = st.one_of(
    _TEXT,
    st.sampled_from(["yes", "Off", "NULL", "~", "0x1f", "1e3", ".inf", "2024-01-02", "a # b", "a: b", "a:b"]),
    _TEXT.map(lambda t: f'"{t}"'),
    _TEXT.map(lambda t: f"'{t}'"),
    st.lists(st.one_of(_TEXT, st.sampled_from(["on", "a b", " x ", ""])), max_size=4).map(
        lambda items: "[" + ",".join(items) + "]"),
)
_LINE = st.one_of(
    st.tuples(_KEY, st.sampled_from([":", ": ", ":  ", " : "]), _VALUE, st.sampled_from(["", " ", "\t"]))
    .map("".join),
    st.sampled_from(["", " ", "   ", "  indented: x", "- item", "# comment", "key:", "...", "---"]),
    _TEXT.map(lambda t: f"# {t}"),  # comments, with YAML's other line breaks and unprintable characters
)


@settings(max_examples=3000, deadline=None)
@given(raw=st.lists(_LINE, min_size=1, max_size=6).map("\n".join))
def test_simple_front_matter_reads_as_pyyaml_reads_it(raw: str) -> None:
    simple = simple_yaml(raw)
    if simple is None:
        return
    loaded = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not raw.strip():
        loaded = {}
    # repr, not ==: True == 1 and 1.0 == 1, and the types must match too
    assert repr(simple) == repr(loaded)


def test_the_shortcut_takes_the_usual_front_matter() -> None:
    raw = "title: Ignore Words & Field Memory  \n\npermalink: platform/topic-guide/en/latest/Ignore Words-c00\n"
    assert simple_yaml(raw) == {"title": "Ignore Words & Field Memory",
                                 "permalink": "platform/topic-guide/en/latest/Ignore Words-c00"}


def test_the_shortcut_takes_quotes_lists_and_letters_beyond_ascii() -> None:
    raw = ("title: コンテインメント メトリクス \n\ntags: [getting_started, formatting]\nsummary: \"My summary: it's.\"\n"
           "quote: 'it''s'\nnone: []\nlast_updated: July 16, 2016\n")
    assert simple_yaml(raw) == {"title": "コンテインメント メトリクス", "tags": ["getting_started", "formatting"],
                                 "summary": "My summary: it's.", "quote": "it's", "none": [],
                                 "last_updated": "July 16, 2016"}


@pytest.mark.parametrize("raw", ["title: yes", "on: x", "title: 12", "title: a: b", "tags: [a, yes]",
                                 "title: a #c", "tags: [a, [b]]", "tags: [a,]", "title:", "title: |", "  title: x",
                                 "title: x\n  more", "title:\tx", "title: x\t", 'title: "a\\"b"',
                                 "title: 'a' # c", "title: \"\U0001f600\"", "title: a\u2028b"])
def test_anything_else_is_left_to_pyyaml(raw: str) -> None:
    assert simple_yaml(raw) is None


def test_front_matter_errors_are_pyyaml_s() -> None:
    with pytest.raises(Exception) as err:
        split_front_matter("---\ntitle: [unclosed\npermalink: x\n---\nbody\n")
    assert err.value.line == 2 and "not valid YAML" in err.value.message


def test_sources_are_the_markdown_files_outside_hidden_folders(tmp_path) -> None:
    """source_names lists what Path.rglob finds, filtered: folders reached through links are not entered."""
    import os

    from topicgen.source import find_sources, source_names

    src = tmp_path / "src"
    for rel in ["a.md", "B.MD", "c.markdown", "_partial.md", ".hidden.md", "notes.txt", "md", "sub/d.md",
                "sub/deeper/e.md", ".git/f.md", "_drafts/g.md", "sub/.cache/h.md", "x.md/inside.md"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("---\ntitle: T\n---\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "i.md").write_text("x")
    os.symlink(tmp_path / "elsewhere", src / "linked")  # a folder through a link: not entered
    os.symlink(tmp_path / "elsewhere" / "i.md", src / "j.md")  # a file through a link: a source
    os.symlink(tmp_path / "missing.md", src / "broken.md")  # a link to nothing: not a file
    expected = sorted(p.relative_to(src).as_posix() for p in src.rglob("*")
                      if p.suffix.lower() in (".md", ".markdown") and p.is_file()
                      and not any(part.startswith((".", "_")) for part in p.relative_to(src).parts[:-1])
                      and not p.name.startswith("."))
    assert source_names(src) == expected == ["B.MD", "_partial.md", "a.md", "c.markdown", "j.md", "sub/d.md",
                                             "sub/deeper/e.md", "x.md/inside.md"]
    assert find_sources(src) == [src / rel for rel in expected]
