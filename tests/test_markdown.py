"""Answers and descriptions are markdown: each construct renders, indented in the source or not."""

from __future__ import annotations

import textwrap

import pytest

from topicgen.mdrender import Renderer, _chunks
from topicgen.model import Guide
from topicgen.reader import read_bytes

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


# -- the plain-text fast path ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from topicgen.mdrender import plain_paragraphs  # noqa: E402

_PLAINISH = st.text(alphabet=st.sampled_from(list("ab Z09 ,.;:'\"?()/%$@=^-\n\n\t*_<&#é日\u00a0\u2028")), max_size=60)


@settings(max_examples=1500, deadline=None)
@given(text=_PLAINISH)
def test_fast_path_is_byte_identical_to_python_markdown(text):
    import markdown

    fast = plain_paragraphs(text)
    if fast is not None:
        md = markdown.Markdown(extensions=["extra", "sane_lists"],
                               extension_configs={"tables": {"use_align_attribute": True}}, output_format="html")
        assert fast == md.convert(text)


def test_fast_path_takes_plain_sentences_and_leaves_syntax():
    assert plain_paragraphs("You can view the sessions.\n\nSecond one.") == \
        "<p>You can view the sessions.</p>\n<p>Second one.</p>"
    for text in ("a *b*", "- item", "1. one", "Title\n===", "a  \nb", "    code", "x & y", "a <b>", "a --"):
        assert plain_paragraphs(text) is None, text
