"""Front matter: the `key: text` shortcut reads exactly what pyyaml reads, and leaves everything else to it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from topicgen.source import _simple_yaml, split_front_matter

_WORD = st.text(alphabet=st.sampled_from(list("aZy09_-")), min_size=1, max_size=6)
_KEY = st.one_of(_WORD, st.sampled_from(["title", "permalink", "on", "No", "null", "TRUE", "y", "_x", "-k"]))
_VALUE = st.one_of(
    st.text(alphabet=st.sampled_from(list("aZ09 _.,/&()?-:#'\"*!|>%@`[]{}~=<é\t")), max_size=14),
    st.sampled_from(["yes", "Off", "NULL", "~", "0x1f", "1e3", ".inf", "2024-01-02", "a # b", "a: b", "a:b"]),
)
_LINE = st.one_of(
    st.tuples(_KEY, st.sampled_from([":", ": ", ":  ", " : "]), _VALUE, st.sampled_from(["", " ", "\t"]))
    .map("".join),
    st.sampled_from(["", " ", "   ", "  indented: x", "- item", "# comment", "key:", "...", "---"]),
)


@settings(max_examples=3000, deadline=None)
@given(raw=st.lists(_LINE, min_size=1, max_size=6).map("\n".join))
def test_simple_front_matter_reads_as_pyyaml_reads_it(raw: str) -> None:
    simple = _simple_yaml(raw)
    if simple is None:
        return
    loaded = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not raw.strip():
        loaded = {}
    # repr, not ==: True == 1 and 1.0 == 1, and the types must match too
    assert repr(simple) == repr(loaded)


def test_the_shortcut_takes_the_usual_front_matter() -> None:
    raw = "title: Ignore Words & Field Memory  \n\npermalink: platform/topic-guide/en/latest/Ignore Words-c00\n"
    assert _simple_yaml(raw) == {"title": "Ignore Words & Field Memory",
                                 "permalink": "platform/topic-guide/en/latest/Ignore Words-c00"}


@pytest.mark.parametrize("raw", ["title: yes", "on: x", "title: 12", "title: 'Quoted'", "title: a: b",
                                 "title: a #c", "tags: [a, b]", "title:", "title: |", "  title: x",
                                 "title: x\n  more", "title: Ünïcode", "title:\tx", "title: x\t"])
def test_anything_else_is_left_to_pyyaml(raw: str) -> None:
    assert _simple_yaml(raw) is None


def test_front_matter_errors_are_pyyaml_s() -> None:
    with pytest.raises(Exception) as err:
        split_front_matter("---\ntitle: [unclosed\npermalink: x\n---\nbody\n")
    assert err.value.line == 2 and "not valid YAML" in err.value.message
