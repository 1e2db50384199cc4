"""The parser, table-driven: each construct of the guide markup, then each defect real writers make.

Every case states the model it expects (only the parts it is about) and the exact diagnostics: each one as
(severity, a text whose line in the file is the diagnostic's line, a fragment of the message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import collect
from topicgen.model import Guide, Skipped
from topicgen.parsing.markdown import Renderer
from topicgen.reading.reader import read_bytes

FRONT = "---\ntitle: Topic\npermalink: bots/topic-guide/en/latest/Topic\n---\n"
RENDERER = Renderer()


def parse(text: str) -> Guide | Skipped:
    return read_bytes(text.encode("utf-8"), "g.md", RENDERER)


def line_of(text: str, needle: str | tuple[str, int]) -> int:
    """The 1-based line of `needle` in `text` (normalized to `\\n` first): a text, or (text, -1) for its last."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    needle, last = needle if isinstance(needle, tuple) else (needle, 0)
    assert needle in text, needle
    return text[: text.rindex(needle) if last else text.index(needle)].count("\n") + 1


def summary(guide: Guide) -> dict[str, object]:
    """The parts of a guide the cases compare."""
    return {
        "sections": [s.kind for s in guide.sections],
        "open": [s.open for s in guide.sections],
        "faqs": [(f.kind, f.question, f.url) for f in guide.faqs],
        "faq_flags": [(f.open, f.external, f.doc_link, f.topic_id) for f in guide.faqs],
        "intro": (guide.intro.title, guide.intro.thumbnail, guide.intro.url, guide.intro.heading,
                  guide.intro.description) if guide.intro else None,
        "videos": [(v.title, v.url, v.heading, v.description) for v in guide.videos],
        "resources": [(r.kind, r.text, r.url) for r in guide.resources],
        "heading": guide.heading,
        "summary": guide.summary,
    }


@dataclass
class Case:
    id: str
    body: str  # after FRONT, unless `front` is False
    expect: dict[str, object]
    diags: list[tuple[str, str, str]] = field(default_factory=list)
    front: bool = True

    @property
    def text(self) -> str:
        return (FRONT if self.front else "") + self.body


def answer(question: str, body: str = "The answer.", href: str = "https://d.example/a", cls: str = "") -> str:
    return (f'<a class="nested-accordian-link {cls}" target="_blank" href="{href}">\n'
            f'  <details class="nested-details">\n  <summary>{question}\n  </summary>\n\n   {body}\n\n'
            f"  </details>\n </a>\n")


def link(question: str, href: str = "https://d.example/l") -> str:
    return f'<a class="doc-link" target="_blank" href="{href}">\n\n  {question}\n\n</a>\n'


def faqs(*items: str, attrs: str = "") -> str:
    return f"<details{attrs}>\n  <summary>FAQs\n  </summary>\n" + "".join(items) + "</details>\n"


def video(n: int) -> str:
    return (f"   <details-video>\n\n   [![Video {n}](https://img.example/{n}.png)](https://v.example/{n})\n\n"
            f"  ##### Heading {n}\n  Description {n}.\n\n   </details-video>\n")


def videos(*items: str) -> str:
    return "<details>\n  <summary>Videos\n  </summary>\n" + "".join(items) + "</details>\n"


INTRO = ('<details class="introduction-video">\n<summary>Introduction\n</summary>\n\n'
         "  [![Intro title](https://img.example/t.png)](https://v.example/intro)\n\n"
         "  #####  Intro heading\n Intro description.\n\n</details>\n")
INTRO_MODEL = ("Intro title", "https://img.example/t.png", "https://v.example/intro", "Intro heading",
               "Intro description.")
DOC_CARD = ('<a class="doc-link" target="_blank" href="https://d.example/doc">\n\n| Frontmatter | Required? |\n'
            "|-------------|-------------|\n"
            '| ![alt text](images/docIcon.svg "Title") | **Documentation**  <br /> Read the docs | \n\n</a>\n')
ACADEMY_CARD = DOC_CARD.replace("Documentation", "Academy").replace("Read the docs", "Take the course") \
    .replace("d.example/doc", "academy.example/c")
IMAGE_CARD = ('<a class="doc-link" href="https://d.example/img">\n\n![thumb](images/x.png)\n\n'
              "#### Card title\nCard text.\n\n</a>\n")
PREAMBLE = "#### Topic Guide\n###### Nice Heading\n\n  Check out our videos and FAQs on this topic.\n\n"
FAQ_AB = faqs(answer("Question A?"), answer("Question B?", href="https://d.example/b"))
AB = [("answer", "Question A?", "https://d.example/a"), ("answer", "Question B?", "https://d.example/b")]

CONSTRUCTS = [
    Case("intro-introduction", INTRO, {"sections": ["intro"], "intro": INTRO_MODEL, "open": [False]}),
    Case("intro-video-summary-open", INTRO.replace('class="introduction-video"', "open")
         .replace("Introduction", "Video"), {"sections": ["intro"], "intro": INTRO_MODEL, "open": [True]}),
    Case("faq-answer", FAQ_AB, {"sections": ["faqs"], "faqs": AB,
                                "faq_flags": [(False, True, True, None)] * 2}),
    Case("faq-open-section", faqs(answer("Q?"), attrs=" open"), {"open": [True]}),
    Case("faq-link", faqs(link("How to link?")), {"faqs": [("link", "How to link?", "https://d.example/l")]}),
    Case("faq-tour", faqs('<a class="doc-link tour-guide" topic-id="42" href="#">\n Take the tour\n</a>\n'),
         {"faqs": [("tour", "Take the tour", "#")], "faq_flags": [(False, True, True, "42")]}),
    Case("faq-mixed-kinds", faqs(link("L?"), answer("A?"), '<a class="doc-link tour-guide" topic-id="7">T</a>\n'),
         {"faqs": [("link", "L?", "https://d.example/l"), ("answer", "A?", "https://d.example/a"),
                   ("tour", "T", None)]}),
    Case("wrapper-missing", faqs('<details class="nested-details">\n<summary>Bare?</summary>\n\nText.\n</details>\n'),
         {"faqs": [("answer", "Bare?", None)]}),
    Case("wrapper-without-href", faqs(answer("No href?").replace(' href="https://d.example/a"', "")),
         {"faqs": [("answer", "No href?", None)]}),
    Case("wrapper-open", faqs(answer("Open?", cls="open")), {"faq_flags": [(True, True, True, None)]}),
    Case("details-open", faqs(answer("Open?").replace('"nested-details"', '"nested-details" open')),
         {"faq_flags": [(True, True, True, None)]}),
    Case("no-doc-link", faqs(answer("Q?", cls="no-doc-link")), {"faq_flags": [(False, True, False, None)]}),
    Case("no-doc-ext-link", faqs(answer("Q?", cls="no-doc-ext-link")), {"faq_flags": [(False, False, True, None)]}),
    Case("videos", videos(video(1), video(2)),
         {"sections": ["videos"], "videos": [("Video 1", "https://v.example/1", "Heading 1", "Description 1."),
                                             ("Video 2", "https://v.example/2", "Heading 2", "Description 2.")]}),
    Case("cards", DOC_CARD + "\n" + ACADEMY_CARD + IMAGE_CARD,
         {"sections": ["resources"], "resources": [("documentation", "Read the docs", "https://d.example/doc"),
                                                   ("academy", "Take the course", "https://academy.example/c"),
                                                   ("link", "Card text.", "https://d.example/img")]}),
    Case("all-in-order", PREAMBLE + INTRO + FAQ_AB + videos(video(1)) + DOC_CARD,
         {"sections": ["intro", "faqs", "videos", "resources"], "heading": "Nice Heading",
          "summary": "Check out our videos and FAQs on this topic."}),
    Case("any-order", DOC_CARD + videos(video(1)) + FAQ_AB + INTRO,
         {"sections": ["resources", "videos", "faqs", "intro"], "faqs": AB, "intro": INTRO_MODEL}),
    Case("only-cards", PREAMBLE + DOC_CARD, {"sections": ["resources"], "faqs": [], "intro": None, "videos": []}),
    Case("plain-markdown", "# Just a page\n\nSome *text* and a [link](https://x.example).\n",
         {"sections": ["markdown"], "faqs": [], "heading": "Topic", "summary": ""}),
    Case("summary-spellings", faqs(answer("Q?")).replace("FAQs", "FAQ's (01)") + videos(video(1))
         .replace("Videos", "videos:") + INTRO.replace('class="introduction-video"', "").replace(
             "Introduction", "Introduction Video"),
         {"sections": ["faqs", "videos", "intro"], "intro": INTRO_MODEL}),
    Case("video-link-angle-and-parens", videos(
        "<details-video>\n[![A (1)](<images/a b.png> \"t\")](https://v.example/w_(x) 'title')\n##### H\nD.\n"
        "</details-video>\n"),
        {"videos": [("A (1)", "https://v.example/w_(x)", "H", "D.")]}),
    Case("faq-link-with-icon", faqs('<a class="doc-link" href="https://d.example/l">\n ![i](images/q.svg) How?\n</a>\n'),
         {"sections": ["faqs"], "faqs": [("link", "![i](images/q.svg) How?", "https://d.example/l")],
          "resources": []}),  # the question is the source text with tags dropped, as the export contract says
    Case("text-only-card-without-faqs", PREAMBLE + '<a class="doc-link" href="https://d.example/more">\n  Read more\n</a>\n',
         {"sections": ["resources"], "faqs": [], "resources": [("link", "Read more", "https://d.example/more")]}),
    Case("heading-summary", PREAMBLE + "More text.\n",
         {"heading": "Nice Heading", "summary": "Check out our videos and FAQs on this topic.",
          "sections": ["markdown"]}),
]


@pytest.mark.parametrize("case", CONSTRUCTS, ids=lambda c: c.id)
def test_construct(case: Case) -> None:
    check(case)


def check(case: Case) -> Guide | Skipped:
    result = parse(case.text)
    got_diags = [(d.severity, d.line, d.message) for d in result.diagnostics]
    want = [(sev, line_of(case.text, needle), fragment) for sev, needle, fragment in case.diags]
    assert len(got_diags) == len(want), got_diags
    for (sev, line, msg), (w_sev, w_line, fragment) in zip(got_diags, sorted(want, key=lambda w: w[1])):
        assert (sev, line) == (w_sev, w_line) and fragment in msg, (got_diags, want)
    if isinstance(result, Guide):
        got = summary(result)
        assert {k: got[k] for k in case.expect} == case.expect
    else:
        assert case.expect == {"skipped": True}, result
    return result


W = "warning"
FAQ_ABC = faqs(answer("Question A?"), answer("Question B?", href="https://d.example/b"), link("Link C?"))
ABC = AB + [("link", "Link C?", "https://d.example/l")]
CLEAN = PREAMBLE + INTRO + FAQ_ABC + videos(video(1), video(2)) + DOC_CARD
CLEAN_MODEL = {"sections": ["intro", "faqs", "videos", "resources"], "faqs": ABC, "intro": INTRO_MODEL,
               "resources": [("documentation", "Read the docs", "https://d.example/doc")],
               "heading": "Nice Heading"}


def drop(text: str, needle: str, nth: int = 1) -> str:
    """`text` without the nth occurrence of `needle`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[:at] + text[at + len(needle):]


def after(text: str, needle: str, insert: str, nth: int = 1) -> str:
    """`text` with `insert` right after the nth occurrence of `needle`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[: at + len(needle)] + insert + text[at + len(needle):]


ITEM_B = answer("Question B?", href="https://d.example/b")
DEFECTS = [
    Case("crlf", CLEAN.replace("\n", "\r\n"), CLEAN_MODEL),
    Case("lone-cr", CLEAN.replace("\n", "\r"), CLEAN_MODEL),
    Case("bom", "\ufeff" + FRONT + CLEAN, CLEAN_MODEL, front=False),
    Case("crlf-with-defect-lines", drop(CLEAN, "</a>", 2).replace("\n", "\r\n"), CLEAN_MODEL,
         [(W, '<a class="nested-accordian-link " target="_blank" href="https://d.example/b', "not closed")]),
    Case("comment-around-item", CLEAN.replace(ITEM_B, "<!--\n" + ITEM_B + "-->\n"),
         dict(CLEAN_MODEL, faqs=[ABC[0], ABC[2]])),
    Case("comment-around-section", CLEAN.replace(INTRO, "<!-- " + INTRO + " -->"),
         dict(CLEAN_MODEL, sections=["faqs", "videos", "resources"], intro=None)),
    Case("comment-in-answer-not-content", faqs(answer("Q?", body="Shown. <!-- hidden --> Also shown.")),
         {"faqs": [("answer", "Q?", "https://d.example/a")]}),
    Case("comment-unclosed", FAQ_AB + "<!-- the rest\n" + DOC_CARD, {"faqs": AB, "resources": []},
         [(W, "<!-- the rest", "never closed")]),
    Case("unclosed-answer-details", CLEAN.replace(answer("Question A?"),
                                                  answer("Question A?").replace("  </details>\n", "")), CLEAN_MODEL,
         [(W, '<details class="nested-details">', "not closed")]),
    Case("unclosed-faqs-details", CLEAN.replace(FAQ_ABC, FAQ_ABC.removesuffix("</details>\n")), CLEAN_MODEL,
         [(W, "<details>\n  <summary>FAQs", "(FAQs) is not closed")]),
    Case("unclosed-videos-details", CLEAN.replace("   </details-video>\n</details>\n", "   </details-video>\n"),
         CLEAN_MODEL, [(W, "<details>\n  <summary>Videos", "(Videos) is not closed")]),
    Case("unclosed-details-video", drop(CLEAN, "</details-video>", 1),
         dict(CLEAN_MODEL, videos=[("Video 1", "https://v.example/1", "Heading 1", "Description 1."),
                                   ("Video 2", "https://v.example/2", "Heading 2", "Description 2.")]),
         [(W, "<details-video>", "not closed")]),
    Case("unclosed-wrapper-a", drop(CLEAN, " </a>\n", 1), CLEAN_MODEL,
         [(W, '<a class="nested-accordian-link', "not closed")]),
    Case("unclosed-last-wrapper-a", drop(CLEAN, " </a>\n", 2), CLEAN_MODEL,
         [(W, '<a class="nested-accordian-link " target="_blank" href="https://d.example/b', "not closed")]),
    Case("unclosed-doc-link-a", CLEAN.replace(link("Link C?"), link("Link C?").replace("</a>\n", "")),
         CLEAN_MODEL, [(W, '<a class="doc-link" target="_blank" href="https://d.example/l"', "not closed")]),
    Case("unclosed-answer-and-wrapper", CLEAN.replace(answer("Question A?"), answer("Question A?")
         .replace("  </details>\n </a>\n", "")), CLEAN_MODEL,
         [(W, '<a class="nested-accordian-link', "not closed"), (W, '<details class="nested-details">', "not closed")]),
    Case("stray-a-between-items", after(CLEAN, " </a>\n", "</a> \n"), CLEAN_MODEL,
         [(W, "</a> \n", "stray `</a>` with nothing open")]),
    Case("doubled-details-after-answer", after(CLEAN, "  </details>\n", "  </details> \n"), CLEAN_MODEL,
         [(W, "  </details>\n  </details> \n", "stray `</details>`: the tags after it close")]),
    Case("stray-a-inside-answer", after(CLEAN, "   The answer.", " </a>"), CLEAN_MODEL,
         [(W, "The answer. </a>", "stray `</a>`")]),
    # Taken at its word, the extra `</details>` ends the FAQs early: the question after it is kept with them,
    # and the real end of the section is the stray one.
    Case("stray-details-between-items", after(CLEAN, " </a>\n", "</details> \n", 2), CLEAN_MODEL,
         [(W, '<a class="doc-link" target="_blank" href="https://d.example/l"', "outside the FAQs section"),
          (W, "</details>\n<details>\n  <summary>Videos", "stray `</details>` with nothing open")]),
    Case("stray-details-at-end", CLEAN + "</details>\n", CLEAN_MODEL, [(W, ("</details>", -1), "stray `</details>`")]),
    Case("stray-summary", after(CLEAN, "Question A?\n  </summary>\n", "</summary> \n"), CLEAN_MODEL,
         [(W, "</summary> \n", "stray `</summary>`")]),
    Case("unclosed-summary", CLEAN.replace("<summary>Question A?\n  </summary>", "<summary>Question A?"),
         CLEAN_MODEL, [(W, "<summary>Question A?", "`<summary>` is not closed")]),
    Case("tags-in-fenced-code", faqs(answer("Code?", body="\n```html\n<details>\n<summary>FAQs</summary>\n"
                                                          "<a class=\"doc-link\">x</a>\n```\n"), link("After?")),
         {"faqs": [("answer", "Code?", "https://d.example/a"), ("link", "After?", "https://d.example/l")]}),
    Case("tags-in-inline-code", faqs(link("What does `</a>` do?"), link("Next?")),
         {"faqs": [("link", "What does `</a>` do?", "https://d.example/l"), ("link", "Next?", "https://d.example/l")]}),
    # a code span's tags are examples, kept in the question as written
    Case("tags-in-inline-code-of-a-summary", faqs(answer("What does `<details>` do?")),
         {"faqs": [("answer", "What does `<details>` do?", "https://d.example/a")]}),
    Case("lt-and-gt-in-a-question", faqs(link("Is 1 < 2 and 3 > 2?"), answer("Is x < y?")),
         {"faqs": [("link", "Is 1 < 2 and 3 > 2?", "https://d.example/l"), ("answer", "Is x < y?", "https://d.example/a")]}),
    Case("gt-in-quoted-attributes", faqs('<a class="doc-link" title="a>b" href="https://d.example/t">Title?</a>\n',
                                         link("Query?", href="https://d.example/q?x=a>b"),
                                         answer("Wrapped?", href="https://d.example/w?a>b")),
         {"faqs": [("link", "Title?", "https://d.example/t"), ("link", "Query?", "https://d.example/q?x=a>b"),
                   ("answer", "Wrapped?", "https://d.example/w?a>b")]}),
    Case("a-quote-left-open-ends-the-tag-at-its-line", faqs('<a class="doc-link" title="a href="https://d.example/t">'
                                                            "Open quote?</a>\n", link("Next?")),
         {"faqs": [("link", "Open quote?", None), ("link", "Next?", "https://d.example/l")]},
         [("warning", "Open quote?", "a FAQ link without `href`")]),
    Case("script-in-code-is-shown-not-removed",
         faqs(answer("Code?", body='Write `<script>` nowhere.\n\n   ```\n   <button onclick="go()">\n   ```')),
         {"faqs": [("answer", "Code?", "https://d.example/a")]}),
    Case("a-link-in-a-summary", faqs(answer('What is <a href="https://d.example/y">this</a>?')),
         {"faqs": [("answer", "What is this?", "https://d.example/a")]},
         [(W, '<a href="https://d.example/y">', "a link in a `<summary>` is not kept")]),
    Case("a-second-introduction", INTRO + INTRO.replace("v.example/intro", "v.example/intro2") + videos(video(1)),
         {"sections": ["intro", "videos", "videos"], "intro": INTRO_MODEL,
          "videos": [("Intro title", "https://v.example/intro2", "Intro heading", "Intro description."),
                     ("Video 1", "https://v.example/1", "Heading 1", "Description 1.")]},
         [(W, ('<details class="introduction-video">', -1), "a second introduction video")]),
    Case("two-video-links-in-one-video", videos(video(1).replace("  ##### Heading 1", "   [![Video 2]"
                                                                  "(https://img.example/2.png)](https://v.example/2)\n\n  ##### Heading 1")),
         {"videos": [("Video 1", "https://v.example/1", "", "Heading 1 Description 1.")]},
         [(W, "[![Video 2]", "a second video link in one video")]),
    Case("handlers-on-the-vocabulary-and-in-questions",
         faqs(link("Q?", href='https://d.example/l" onclick="alert(1)'), link("R <img src=y onerror=alert(3)>?"),
              answer("Why <img src=z onmouseover=alert(4)>?"), attrs=' ontoggle="alert(5)"'),
         {"faqs": [("link", "Q?", "https://d.example/l"), ("link", "R ?", "https://d.example/l"),
                   ("answer", "Why ?", "https://d.example/a")]},
         [(W, "<details ontoggle", "`ontoggle=`"), (W, "onclick", "`onclick=`"), (W, "onerror", "`onerror=`"),
          (W, "onmouseover", "`onmouseover=`")]),
    Case("an-unclosed-fence", PREAMBLE + "```\nnever closed\n\n" + faqs(link("Lost?")),
         {"sections": ["markdown"], "faqs": []}, [(W, "```\nnever", "this code fence is never closed")]),
    Case("uppercase-tags", FAQ_AB.replace("details", "DETAILS").replace("summary", "SUMMARY"), {"faqs": AB}),
    Case("no-front-matter", CLEAN, {"skipped": True}, [(W, "#### Topic Guide", "no front matter")], front=False),
    Case("bad-yaml", "---\ntitle: Topic\npermalink: [unclosed\nkeywords: x\n---\n" + CLEAN, {"skipped": True},
         [("error", "permalink: [unclosed", "not valid YAML")], front=False),
    Case("bad-yaml-indent", "---\ntitle: Topic\n  permalink: a\nother: [x]\n---\n" + CLEAN, {"skipped": True},
         [("error", "  permalink: a", "mapping values are not allowed")], front=False),
    Case("missing-title", "---\npermalink: a/topic-guide/en/latest/A\n---\n" + CLEAN, {"skipped": True},
         [("error", "---", "no `title`")], front=False),
    Case("missing-permalink", "---\ntitle: A\n---\n" + CLEAN, {"skipped": True},
         [("error", "---", "no `permalink`")], front=False),
    Case("empty-permalink", "---\ntitle: A\npermalink: \n---\n" + CLEAN, {"skipped": True},
         [("error", "permalink:", "front matter `permalink` is empty")], front=False),
    Case("misspelt-title", "---\ntitel: A\npermalink: p/topic-guide/en/latest/A\n---\n" + CLEAN, {"skipped": True},
         [("error", "---", "front matter has no `title` (`titel` on line 2: misspelt?)")], front=False),
    Case("permalink-a-number", "---\ntitle: A\npermalink: 1.10\n---\n" + CLEAN, {"skipped": True},
         [("error", "permalink:", "`permalink` is what YAML reads as the number `1.1`")], front=False),
    Case("yaml-tab", "---\ntitle: A\n\tpermalink: p/topic-guide/en/latest/A\n---\n" + CLEAN, {"skipped": True},
         [("error", "\tpermalink", "found a tab character")], front=False),
    Case("front-matter-unclosed", "---\ntitle: A\n" + CLEAN, {"skipped": True},
         [("error", "---", "not closed")], front=False),
    Case("link-without-scheme", videos("<details-video>\n[![V](test.com)](www.example.com/v)\n</details-video>\n"),
         {"videos": [("V", "www.example.com/v", "", "")]},
         [(W, "[![V]", "`test.com` has no scheme"), (W, "[![V]", "`www.example.com/v` has no scheme")]),
    Case("repeated-slashes", "---\ntitle: A\npermalink: /bots//topic-guide/en/latest//A/\n---\n" + FAQ_AB,
         {"faqs": AB}, [(W, "permalink:", "repeated slashes")], front=False),
]


@pytest.mark.parametrize("case", DEFECTS, ids=lambda c: c.id)
def test_defect(case: Case) -> None:
    check(case)


@pytest.mark.parametrize(("lang", "code"), [("JA", "ja"), ("Ko", "ko"), ("PT-BR", "pt-BR"), ("EN-us", "en-us")])
def test_a_language_in_capitals_is_kept_and_warned_of(lang: str, code: str) -> None:
    guide = parse(f"---\ntitle: A\npermalink: bots/topic-guide/{lang}/latest/A\n---\n")
    assert guide.permalink.lang == lang  # the address is the writer's: kept as written
    [warning] = [d for d in guide.diagnostics if "language code" in d.message]
    assert warning.line == 3 and warning.severity == "warning"
    assert f"language `{lang}` is not written as language codes are (`{code}`)" in warning.message


@pytest.mark.parametrize("lang", ["ja", "pt-BR", "zh-Hans", "Latest", "x"])
def test_a_language_as_codes_are_written_or_no_code_at_all_is_not_warned_of(lang: str) -> None:
    guide = parse(f"---\ntitle: A\npermalink: bots/topic-guide/{lang}/latest/A\n---\n")
    assert not [d for d in guide.diagnostics if "language code" in d.message]


def test_repeated_slashes_are_collapsed() -> None:
    guide = parse("---\ntitle: A\npermalink: /bots//topic-guide/en/latest//A/\n---\n")
    assert guide.permalink.path == "bots/topic-guide/en/latest/A"
    assert (guide.permalink.product, guide.permalink.lang, guide.permalink.name) == ("bots", "en", "A")


def test_items_keep_their_source_lines() -> None:
    text = FRONT + CLEAN
    guide = parse(text)
    assert [f.line for f in guide.faqs] == [line_of(text, '<details class="nested-details">'),
                                            line_of(text, "Question B?") - 1,
                                            line_of(text, '<a class="doc-link" target="_blank" href="https://d.example/l"')]
    assert guide.intro.line == line_of(text, "[![Intro title]")
    assert [s.line for s in guide.sections] == [line_of(text, INTRO[:30]), line_of(text, "<summary>FAQs") - 1,
                                                line_of(text, "<summary>Videos") - 1, line_of(text, "https://d.example/doc")]


def write(folder: Path, name: str, permalink: str) -> None:
    (folder / name).write_text(f"---\ntitle: {name}\npermalink: {permalink}\n---\n" + FAQ_AB, encoding="utf-8")


def test_case_only_collision_warns_naming_both(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "bots/topic-guide/en/latest/Name")
    write(tmp_path, "b.md", "bots/topic-guide/en/latest/NAME")
    found = collect(tmp_path, RENDERER)
    assert [g.source for g in found.guides] == ["a.md", "b.md"] and not found.skipped
    for guide, other in zip(found.guides, ("b.md", "a.md")):
        [diag] = [d for d in guide.diagnostics if "differs only in case" in d.message]
        assert diag.severity == "warning" and other in diag.message and guide.permalink.path in diag.message


def test_duplicate_permalink_is_an_error_naming_both(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "bots/topic-guide/en/latest/Name")
    write(tmp_path, "b.md", "bots//topic-guide/en/latest/Name/")
    found = collect(tmp_path, RENDERER)
    assert [g.source for g in found.guides] == ["a.md"]
    [skipped] = found.skipped
    assert skipped.source == "b.md" and "a.md" in skipped.reason
    assert any(d.severity == "error" and "a.md" in d.message for d in skipped.diagnostics)


# -- limits: size and depth must cost no exception and no quadratic time (timings are in the report) --------

def test_20000_faq_items() -> None:
    items = [answer(f"Question {i}?") if i % 2 else link(f"Link {i}?") for i in range(20_000)]
    guide = parse(FRONT + faqs(*items))
    assert len(guide.faqs) == 20_000 and not guide.diagnostics
    assert [f.kind for f in guide.faqs[:2]] == ["link", "answer"] and guide.faqs[-1].question == "Question 19999?"
    # front matter, 3 lines of section head, 10,000 links of 5 lines and 9,999 answers of 9, then the line
    # of the last answer's `<details>`
    assert guide.faqs[-1].line == FRONT.count("\n") + 3 + 10_000 * 5 + 9_999 * 9 + 2


def test_10_mb_guide() -> None:
    big = "word " * 1_000_000  # 5 MB paragraph, then 5 MB commented out
    text = FRONT + faqs(*[link(f"Q{i}?") for i in range(1000)]) + big + "\n\n<!--" + big + "-->\n" + DOC_CARD
    assert len(text) > 10_000_000
    guide = parse(text)
    assert len(guide.faqs) == 1000 and len(guide.resources) == 1 and not guide.diagnostics
    assert [s.kind for s in guide.sections] == ["faqs", "markdown", "resources"]


DEEP = 5_000


@pytest.mark.parametrize(("body", "faq_count"), [
    (faqs("<details>\n" * DEEP), DEEP),  # nested questions, none closed
    (faqs("<a href='/x'>\n" * DEEP + "text\n"), 1),  # plain links inside links, none closed
    (faqs(*[answer(f"Q{i}?").replace("</details>\n </a>\n", "") for i in range(DEEP)]), DEEP),
    (faqs("<details><summary>s</summary>\n<a href='/x'>\n" * DEEP + "</a>\n</details>\n" * DEEP), DEEP),
    (faqs(answer("Q?")) + "</details>\n</a>\n</summary>\n" * DEEP, 1),  # thousands of stray closing tags
    (faqs("<a class='nested-accordian-link'>\n" * DEEP + "</details>\n" * DEEP), 0),
    (videos("<details-video>\n" * DEEP), 0),
], ids=["details", "anchors", "unclosed-items", "balanced", "strays", "wrappers", "videos"])
def test_deep_nesting(body: str, faq_count: int) -> None:
    guide = parse(FRONT + body)
    assert isinstance(guide, Guide) and len(guide.faqs) == faq_count
    lines = (FRONT + body).count("\n") + 1
    assert guide.diagnostics and all(1 <= d.line <= lines for d in guide.diagnostics)


@pytest.mark.parametrize("video", [
    "<details-video>\n  [![t](https://x.example/t.png)](https://v.example/)\n  ##### Head\n  desc <script>x</script>\n"
    "</details-video>\n",
    "<details-video>\n  [![t](https://x.example/t.png)](https://v.example/)\n  desc <script>x</script>\n</details-video>\n",
    "<details-video>\n  Before.\n  [![t](https://x.example/t.png)](https://v.example/)\n\n  desc <script>x</script>\n"
    "</details-video>\n",
], ids=["heading", "no-heading", "text-before-the-link"])
def test_a_warning_in_a_video_description_is_at_its_own_line(video: str) -> None:
    text = FRONT + videos(video)
    guide = parse(text)
    assert isinstance(guide, Guide) and guide.videos[0].url == "https://v.example/"
    assert [d.line for d in guide.diagnostics if "unsafe HTML" in d.message] == [line_of(text, "desc <script>")]


def test_each_image_of_the_html_is_at_the_line_its_address_is_written_on() -> None:
    text = FRONT + (
        "###### Topic\nThe summary ![s](img/summary.png).\n\n"
        "A paragraph.\n\n![a](img/twice.png)\n\nAnother.\n\n![b](img/twice.png)\n\n"
        "A card's text is not shown as HTML, so its picture is not one of the page's:\n"
        '<a class="doc-link" href="/d">\n\n###### Card\nText ![c](img/in-card-text.png)\n</a>\n\n'
        "<details>\n<summary>Question?</summary>\nAnswer.\n\nMore: ![d](img/answer.png)\n</details>\n\n"
        "An address written with an entity is found too:\n\nText\n![e](img/a&amp;b.png)\n"
    )
    guide = parse(text)
    assert isinstance(guide, Guide)
    assert guide.shown_images == (
        (line_of(text, "summary.png"), "img/summary.png"),
        (line_of(text, "twice.png"), "img/twice.png"), (line_of(text, ("twice.png", -1)), "img/twice.png"),
        (line_of(text, "img/answer.png"), "img/answer.png"),
        (line_of(text, "![e]"), "img/a&b.png"),
    )
    assert line_of(text, ("twice.png", -1)) == line_of(text, "twice.png") + 4


def test_markup_the_pages_leave_out_is_warned_at_its_line_and_what_only_looks_like_a_tag_is_not() -> None:
    text = FRONT + (
        "###### Topic\nThe summary.\n\n"
        'Text <center>centred</center> and <span style="x" data-n="1" class="k">styled</span>.\n\n'
        "Not tags: <https://docs.example/a>, <me@example.com>, `<font>` in code, an alt ![<b>](https://i.example/x.png),\n"
        "[a link](<docs/a b>) and a reference [r].\n\n[r]: <docs/c d>\n\n"
        '<div align="center">\n\nkept: <a href="/x" target="_blank" class="c">link</a> <img src="https://i.example/y.png" alt="y" width="3"> <br/>\n\n</div>\n'
    )
    guide = parse(text)
    assert isinstance(guide, Guide)
    got = [(d.line, d.message.split(":")[0]) for d in guide.diagnostics]
    assert got == [
        (line_of(text, "<center>"), "removed the tag `<center>` (its text is kept)"),
        (line_of(text, "<center>"), "removed `style=` from `<span>`"),
        (line_of(text, "<center>"), "removed `data-n=` from `<span>`"),
        (line_of(text, '<div align'), "removed `align=` from `<div>`"),
    ]


NESTED = """<details>
  <summary>FAQs</summary>
{open}
  <details class="nested-details">
  <summary>What is it?</summary>

  It is this, see <a href="https://example.com/x">x</a>.

  <details>
  <summary>More detail</summary>

  The **inner** text.
  </details>

  After the inner one.
  </details>
{close}
  <details>
  <summary>Second question?</summary>

  Second answer.
  </details>
</details>
"""


@pytest.mark.parametrize("wrapped", [False, True], ids=["bare", "in-wrapper"])
def test_an_accordion_in_an_answer_stays_in_it(wrapped: bool) -> None:
    wrapper = ('<a class="nested-accordian-link" href="https://example.com/a">', "</a>") if wrapped else ("", "")
    guide = parse(FRONT + NESTED.format(open=wrapper[0], close=wrapper[1]))
    assert isinstance(guide, Guide)
    assert [(f.kind, f.question) for f in guide.faqs] == [("answer", "What is it?"), ("answer", "Second question?")]
    assert guide.faqs[0].answer_html == (
        '<p>It is this, see <a href="https://example.com/x" rel="noopener noreferrer">x</a>.</p>'
        "<details><summary>More detail</summary><p>The <strong>inner</strong> text.</p></details>"
        "<p>After the inner one.</p>")
    assert guide.diagnostics == () and [s.kind for s in guide.sections] == ["faqs"]


def test_a_question_after_an_answer_left_open_is_not_taken_for_an_accordion_in_it() -> None:
    text = FRONT + """<details>
  <summary>FAQs</summary>

  <details>
  <summary>Who?</summary>
  Everyone.

  <details>
  <summary>Can I stop?</summary>
  Yes.
  </details>
</details>
"""
    guide = parse(text)
    assert isinstance(guide, Guide)
    assert [f.question for f in guide.faqs] == ["Who?", "Can I stop?"]
    assert [(d.line, d.message[:40]) for d in guide.diagnostics] == [
        (line_of(text, "  <details>\n  <summary>Who?"), "`<details>` (question) is not closed; cl")]


def test_a_doc_link_inside_a_sentence_is_a_link_of_the_sentence() -> None:
    """Writers copy `class="doc-link"` onto links in their text: after words on its line it is no question
    or card (those start a line of their own), and the sentence stays whole."""
    text = FRONT + """Sharing needs a role. See <a class="doc-link" href="https://example.com/roles">roles</a> for more.

<details>
  <summary>FAQs</summary>

  <details class="nested-details">
    <summary>Who sees a note?</summary>
    Everyone. See <a class="doc-link" href="https://example.com/roles">roles</a> for more.
  </details>

  <a class="doc-link" href="https://example.com/q">
  What is a role?
  </a>
</details>
"""
    guide = parse(text)
    assert isinstance(guide, Guide)
    assert [s.kind for s in guide.sections] == ["markdown", "faqs"] and guide.diagnostics == ()
    assert [(f.kind, f.question) for f in guide.faqs] == [("answer", "Who sees a note?"), ("link", "What is a role?")]
    link = '<a class="doc-link" href="https://example.com/roles" rel="noopener noreferrer">roles</a>'
    assert guide.faqs[0].answer_html == f"<p>Everyone. See {link} for more.</p>"
    assert f"<p>Sharing needs a role. See {link} for more.</p>" in guide.sections[0].html  # type: ignore[union-attr]
