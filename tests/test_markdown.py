"""Answers and descriptions are markdown: each construct renders, indented in the source or not."""

from __future__ import annotations

import re
import textwrap

import pytest

from topicgen.model import Guide
from topicgen.parsing.markdown import Renderer, _chunks
from topicgen.reading.reader import read_bytes

FRONT = "---\ntitle: T\npermalink: bots/topic-guide/en/latest/T\n---\n"
RENDERER = Renderer()

ANSWER = """\
Intro line of the answer:
- first *item*
- second **item**

#### A heading

| Col A | Col B |
|-------|-------|
| one   | two   |

See [the docs](https://docs.example/x) and `inline code`.

```
<details>not a tag</details>
```
"""
EXPECTED = [
    "<p>Intro line of the answer:</p>", "<ul>", "<li>first <em>item</em></li>", "<li>second <strong>item</strong></li>",
    "<h4>A heading</h4>", "<table>", "<th>Col A</th>", "<td>two</td>",
    '<a href="https://docs.example/x" rel="noopener noreferrer">the docs</a>', "<code>inline code</code>",
    "<pre><code>&lt;details&gt;not a tag&lt;/details&gt;", "<ol>\n<li><b>bold</b> html</li>\n</ol>",
]


def answer_html(body: str) -> str:
    text = (FRONT + "<details>\n<summary>FAQs</summary>\n<a class=\"nested-accordian-link\" href=\"/x\">\n"
            "<details class=\"nested-details\">\n<summary>Q?</summary>\n" + body + "\n</details>\n</a>\n</details>\n")
    guide = read_bytes(text.encode(), "g.md", RENDERER)
    assert isinstance(guide, Guide)
    [faq] = guide.faqs
    return faq.answer_html


@pytest.mark.parametrize("indent", [0, 2, 4, 8], ids=lambda n: f"indent{n}")
def test_answer_constructs_render(indent: int) -> None:
    html = answer_html(textwrap.indent(ANSWER + "1. <b>bold</b> html\n", " " * indent))
    for fragment in EXPECTED:
        assert fragment in html, (fragment, html)


def test_ordered_list_right_under_a_paragraph() -> None:
    html = answer_html("  Steps:\n  1. one\n  2. two\n")
    assert "<p>Steps:</p>" in html and "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html


def test_a_heading_indented_up_to_three_spaces_more_than_its_answer_is_a_heading() -> None:
    # The shared corpus' Feedback Survey answers: lines indented one space, their headings three (CommonMark,
    # which the Kore site renders with, allows up to three spaces before `#`).
    html = answer_html(" There are 2 ways\n   \n   ###### Create a survey\n   A new dialog task.\n"
                       "   \n   ###### Without a dialog\n   A survey.\n")
    assert html == ("<p>There are 2 ways</p>\n<h6>Create a survey</h6>\n<p>A new dialog task.</p>\n"
                    "<h6>Without a dialog</h6>\n<p>A survey.</p>")
    assert "<h2>Two</h2>" in answer_html("One.\n\n   ## Two\n")
    assert "#" in answer_html("One.\n\n    ## code, four spaces in\n")  # an indented code block stays one
    assert "<pre><code>   # a comment" in answer_html("```\n   # a comment\n```\n")
    assert "<p>#hashtag</p>" in answer_html("One.\n\n  #hashtag\n")  # no space after `#`: no heading


def test_unsafe_html_is_removed_with_a_warning_at_its_line() -> None:
    text = FRONT + "Before.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
    guide = read_bytes(text.encode(), "g.md", RENDERER)
    assert "script" not in guide.sections[0].html and "javascript" not in guide.sections[0].html
    assert [(d.severity, d.line) for d in guide.diagnostics] == [("warning", 7), ("warning", 9)]


def test_big_texts_are_cut_only_between_top_level_blocks() -> None:
    para = "A paragraph with *emphasis*.\n\n"
    fence = "```\n" + "code line\n\n" * 20_000 + "```\n\n"
    text = para * 5_000 + fence + para * 5_000
    pieces = _chunks(text)
    assert len(pieces) > 2 and "".join(pieces) == text
    assert all(piece.count("```") % 2 == 0 for piece in pieces)  # never inside the fence
    html, diags = RENDERER.render(text, 1)
    assert html.count("<em>emphasis</em>") == 10_000 and html.count("<pre>") == 1 and not diags


def test_lists_nested_too_deep_for_python_markdown_are_a_warning() -> None:
    text = "".join("  " * i + "- x\n" for i in range(700))
    html, diags = RENDERER.render(text, 12)
    assert html.startswith("<pre>") and html.count("- x") == 700
    assert [(d.severity, d.line) for d in diags] == [("warning", 12)] and "nested too deeply" in diags[0].message
    assert "<li>y</li>" in RENDERER.render("- y\n", 1)[0]  # the renderer still works afterwards
    html = '<img src="x.png"> *and* <a href="https://x.example/">a link</a>'
    assert RENDERER.render(html, 1) == Renderer().render(html, 1)  # raw HTML too, as a fresh renderer does


# -- the plain-text fast path ----------------------------------------------------------------------

import os  # noqa: E402

from hypothesis import given, settings  # noqa: E402

# Some hundred examples in every run; an opt-in run with TOPICGEN_THOROUGH=1 takes twenty times as many.
_EXAMPLES = 20 if os.environ.get("TOPICGEN_THOROUGH") == "1" else 1
from hypothesis import strategies as st  # noqa: E402

from topicgen.parsing.markdown import plain_paragraphs  # noqa: E402

_PLAINISH = st.text(alphabet=st.sampled_from(list("ab Z09 ,.;:'\"?()/%$@=^-\n\n\t*_<&#!é日\u00a0\u2028[];>+")),
                    max_size=60)
# Lines with the indents and trailing spaces the fast path takes or refuses, and the characters it is
# most likely to get wrong (`&` and entities, `!` before `[`, list and heading markers).
_LINE = st.tuples(st.sampled_from(["", " ", "  ", "   ", "    ", "     ", "- ", "-   ", " - ", "   - ", "    - ", "-",
                                   "- - ", "-\t", "* "]),
                  st.text(alphabet=st.sampled_from(list("ab Z0.:&!#;-=+x1)日\u00a0")), max_size=12),
                  st.sampled_from(["", " ", "  ", "   "])).map("".join)
_LINES = st.lists(_LINE, max_size=8).map("\n".join)
# Paragraphs and `- item` lists, with the line breaks and blank lines between them that decide how they join.
_BLOCKS = st.lists(st.tuples(_LINE, st.sampled_from(["\n", "\n", "\n\n", "\n \n", "\n\n\n"])), max_size=8) \
    .map(lambda lines: "".join(line + end for line, end in lines))
# Headings, `*`/`+` lists, `**strong**` words and `>` as text, mostly well formed (so that many examples
# take the fast path), with the near misses it must refuse: stray stars and hashes, closing `#`s, seven
# `#`, indents, stars next to spaces, a `>` starting a line or an item.
_TEXT = st.text(alphabet=st.sampled_from(list("ab Z0.:&>日-")), min_size=1, max_size=8)
_ODD = st.sampled_from(["*", "**", "#", " **", "** ", "***", "* ", " #"])
_INLINE = st.lists(st.one_of(_TEXT, _TEXT, _TEXT.map(lambda w: f"**{w}**"), _TEXT.map(lambda w: f" **{w}** "),
                             _ODD), min_size=1, max_size=5).map("".join)
_START = st.sampled_from(["", "", "", " ", "   ", "# ", "## ", "###### ", "####### ", "#", " # ", "#  ", "- ", "* ",
                          "+ ", "*   ", " * ", "*", "> ", " >", "**", "1. ", "    ", "## **", "- **", "* >"])
_RICH_LINE = st.tuples(_START, _INLINE, st.sampled_from(["", "", " ", "  ", " #", " ##", "**"])).map("".join)
_RICH = st.lists(st.tuples(_RICH_LINE, st.sampled_from(["\n", "\n", "\n\n", "\n\n", "\n \n", "\n\n\n"])),
                 min_size=1, max_size=6).map(lambda lines: "".join(line + end for line, end in lines))
# The same, well formed: what real guides write, which the fast path must take and get right.
_CLEAN = st.lists(st.one_of(_TEXT, _TEXT.map(lambda w: f"**{w.strip() or 'x'}**")), min_size=1, max_size=4) \
    .map(" ".join)
_CLEAN_BLOCK = st.one_of(
    _CLEAN,
    st.tuples(st.sampled_from(["#", "##", "###", "######"]), st.sampled_from([" ", "", "  "]), _CLEAN).map("".join),
    st.tuples(st.sampled_from(["#", "##", "######"]), _CLEAN, _CLEAN).map(lambda t: f"{t[0]} {t[1]}\n{t[2]}"),
    st.lists(st.tuples(st.sampled_from(["- ", "* ", "+ ", " - ", "-   "]), _CLEAN).map("".join), min_size=1,
             max_size=4).map("\n".join),
)
_WELL_FORMED = st.lists(_CLEAN_BLOCK, min_size=1, max_size=5).map("\n\n".join)


def _reference():
    """Python-Markdown configured by extension names, as the renderer was first written."""
    import markdown

    return markdown.Markdown(extensions=["extra", "sane_lists"],
                             extension_configs={"extra": {"tables": {"use_align_attribute": True}}},
                             output_format="html")


_REFERENCE = _reference()


def _check_fast_path(text: str) -> None:
    from topicgen.parsing.sanitize import sanitize

    fast = plain_paragraphs(text)
    if fast is not None:
        expected = _REFERENCE.reset().convert(text)
        assert fast == expected
        assert sanitize(expected) == expected  # render() skips the sanitizer on this path


@settings(max_examples=150 * _EXAMPLES, deadline=None)
@given(text=_PLAINISH)
def test_fast_path_is_byte_identical_to_python_markdown(text):
    _check_fast_path(text)


@settings(max_examples=150 * _EXAMPLES, deadline=None)
@given(text=_LINES)
def test_fast_path_is_byte_identical_for_indents_and_trailing_spaces(text):
    _check_fast_path(text)


@settings(max_examples=150 * _EXAMPLES, deadline=None)
@given(text=_BLOCKS)
def test_fast_path_is_byte_identical_for_paragraphs_and_lists(text):
    _check_fast_path(text)


@settings(max_examples=200 * _EXAMPLES, deadline=None)
@given(text=_RICH)
def test_fast_path_is_byte_identical_for_headings_strong_and_other_list_markers(text):
    _check_fast_path(text)


@settings(max_examples=150 * _EXAMPLES, deadline=None)
@given(text=_WELL_FORMED)
def test_fast_path_is_byte_identical_for_well_formed_headings_lists_and_strong_words(text):
    _check_fast_path(text)


def test_fast_path_takes_headings_strong_words_and_star_lists():
    assert plain_paragraphs("###### Fields:\n\n* userId\n+ channel > x\n\n**New Users:** first time.") == \
        "<h6>Fields:</h6>\n<ul>\n<li>userId</li>\n<li>channel &gt; x</li>\n</ul>\n" \
        "<p><strong>New Users:</strong> first time.</p>"
    assert plain_paragraphs("Two ways\n\n## One way\nIts text & more.") == \
        "<p>Two ways</p>\n<h2>One way</h2>\n<p>Its text &amp; more.</p>"
    for text in ("# a #", "####### seven", " # indented", "a\n# inside", "> quote", "a\n> quote", "* > quote",
                 "**a*", "a ** b", "C# code", "* a\n\n* loose", "#"):
        assert plain_paragraphs(text) is None, text


def test_fast_path_takes_plain_sentences_and_leaves_syntax():
    assert plain_paragraphs("You can view the sessions.\n\nSecond one.") == \
        "<p>You can view the sessions.</p>\n<p>Second one.</p>"
    assert plain_paragraphs(" Health & Monitoring!  \n\n  Next one. ") == \
        "<p>Health &amp; Monitoring!  </p>\n<p>Next one. </p>"
    assert plain_paragraphs("Options:\n\n- Date: 24 hours\n -   Type & kind \n\nAfter.") == \
        "<p>Options:</p>\n<ul>\n<li>Date: 24 hours</li>\n<li>Type &amp; kind </li>\n</ul>\n<p>After.</p>"
    for text in ("a *b*", "- item\n\n- loose", "a\n- item", "- 1. nested", "- item\n    - nested", "1. one", "Title\n===", "a  \nb", "    code", "a <b>", "a --", "x &amp; y",
                 "x &#38; y", "![i](x)", "a\n b", "  \nb", "a\t"):
        assert plain_paragraphs(text) is None, text


def test_renderer_configures_python_markdown_as_the_extension_names_do():
    from topicgen.parsing.markdown import _markdown

    text = textwrap.dedent("""\
        | Left | Right |
        |:-----|------:|
        | a    | b     |

        Term
        :   Definition[^1] with HTML{: .cls }

        *[HTML]: Hyper Text

        <div markdown="1">*inside*</div>

        ~~~python
        code
        ~~~

        3. three
        4. four

        * star
        - dash

        [^1]: The note.
        """)
    assert _markdown().convert(text) == _REFERENCE.reset().convert(text)


def test_scripting_words_in_sentences_are_not_warned_about():
    # `data:` or `online=` in a sentence is no URL and no HTML: nothing is removed, on either path.
    for text in ("Export the data: all rows & columns.", "Export the data: rows\n\n* one\n* *two*\n",
                 "Set online = true and javascript: off, see [docs](https://x.example/data:1)."):
        html, diags = RENDERER.render(text, 5)
        assert diags == [] and ("data:" in html or "javascript:" in html), text


@pytest.mark.parametrize("text, shown, line", [
    ("Intro.\n\n[click](javascript:alert(1))", "javascript:", 7),
    ("[click]( <JaVaScRiPt:alert(1)>)", "JaVaScRiPt:", 5),
    ('<a href="data:text/html,x">x</a>', "data:", 5),
    ("<a href = ' vbscript:msgbox'>x</a>", "vbscript:", 5),
    ("<img src=x.png onerror=alert(1)>", "onerror=", 5),
    ("[ref]: javascript:alert(1)\n\nSee [ref].", "javascript:", 5),
    ("<javascript:alert(1)>", "javascript:", 5),
    ("One\n<script>alert(1)</script>", "<script", 6),
])
def test_scripting_constructs_are_warned_about_at_their_line(text, shown, line):
    html, diags = RENDERER.render(text, 5)
    assert [(d.severity, d.line) for d in diags] == [("warning", line)]
    assert f"`{shown}`" in diags[0].message
    assert "<script" not in html and not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"""<[^>]*\s(href|src)=["']?\s*(javascript|vbscript|data):""", html, re.I), html


def test_a_fragment_rendered_again_gets_its_warnings_at_its_own_lines():
    renderer = Renderer()
    text = "Before *this*.\n\n<script>alert(1)</script>\n"
    first, again = renderer.render(text, 10), renderer.render(text, 20)
    assert first[0] == again[0] and "script" not in first[0] and "<em>this</em>" in first[0]
    assert [d.line for d in first[1]] == [12] and [d.line for d in again[1]] == [22]
    assert first[1][0].message == again[1][0].message
    assert Renderer(raw_html=True).render(text, 1)[0] != first[0]


def test_fast_path_character_classes_are_the_ones_written_out():
    import re

    from topicgen.parsing.markdown import _CUT, _NOT_PLAIN

    plain = re.compile(r"[A-Za-z0-9 ,.;:'\"?()/%$@=^&!#*+>\u00a0-\uffff\n-]")
    cut_start = re.compile(r"[A-Za-z0-9\u0080-\uffff]")
    for code in [*range(0x11000), *range(0x11000, 0x110000, 97), 0x10FFFF]:
        char = chr(code)
        assert bool(_NOT_PLAIN.search(char)) != bool(plain.fullmatch(char)), hex(code)
        assert bool(_CUT.match("\n\n" + char)) == bool(cut_start.fullmatch(char)), hex(code)


def test_table_column_alignment_survives_sanitizing():
    html, diags = RENDERER.render("| Left | Centre | Right |\n|:---|:---:|---:|\n| a | b | c |\n", 1)
    assert '<th align="left">Left</th>' in html and '<td align="center">b</td>' in html
    assert '<td align="right">c</td>' in html and "style" not in html and diags == []
