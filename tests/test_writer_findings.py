"""Inputs a writer's session turned up that topicgen handled badly: each case what the writer now gets."""

from __future__ import annotations

import json

from topicgen.model import Guide, MarkdownSection
from topicgen.parsing.markdown import Renderer
from topicgen.reading.reader import read_bytes

FRONT = "---\ntitle: T\npermalink: p/topic-guide/en/latest/T\n---\n"
RENDERER = Renderer()


def parse(text: str) -> Guide:
    guide = read_bytes(text.encode("utf-8"), "g.md", RENDERER)
    assert isinstance(guide, Guide), guide
    return guide


def warnings(guide: Guide) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in guide.diagnostics]


CARD = ('<a class="doc-link" href="https://docs.example.com/a">\n\n| Card |\n|------|\n'
        "| **Documentation** <br /> Read it |\n\n{after}")


def test_a_note_under_a_documentation_card_s_table_is_shown_with_the_card_s_text() -> None:
    guide = parse(FRONT + CARD.format(after="Extra note that must *not* vanish.\n\n</a>\n"))
    (card,) = guide.resources
    assert (card.kind, card.text) == ("documentation", "Read it Extra note that must not vanish.")
    assert not guide.diagnostics


def test_a_card_table_s_other_rows_and_cells_are_the_card_s_text_too() -> None:
    rows = CARD.format(after="| Also covers PERMISSIONS |\n\n</a>\n")
    cells = ('<a class="doc-link" href="https://docs.example.com/b">\n\n| | Card |\n|--|--|\n'
             "| ![](images/i.svg) | **Academy** <br /> Take it | SECOND *cell* |\n\n</a>\n")
    guide = parse(FRONT + rows + "\n" + cells)
    assert [(c.kind, c.text) for c in guide.resources] == [
        ("documentation", "Read it Also covers PERMISSIONS"), ("academy", "Take it SECOND cell")]
    assert guide.resources[1].image == "images/i.svg"  # an image cell is the card's image, not its text


def test_a_card_left_open_keeps_the_rest_of_the_file_and_says_so_at_the_file_s_last_line() -> None:
    text = FRONT + CARD.format(after="Trailing paragraph that must not vanish.\n")
    guide = parse(text)
    assert "Trailing paragraph that must not vanish." in guide.resources[0].text
    last = text.count("\n")  # the file ends with a line break: its last line is this one
    assert warnings(guide) == [(5, f"`<a>` (doc-link) is not closed; closed at the end of the file (line {last})")]


def test_a_faq_link_or_a_card_without_href_is_warned_where_it_is_written() -> None:
    text = FRONT + ('<details>\n<summary>FAQs</summary>\n<a class="doc-link">No href?</a>\n'
                    '<a class="doc-link" href=" ">Blank href?</a>\n'
                    '<a class="doc-link tour-guide" topic-id="t1">A tour needs none?</a>\n</details>\n'
                    '<a class="doc-link">\n\n#### A card\nIts text.\n</a>\n')
    guide = parse(text)
    assert [f.url for f in guide.faqs] == [None, None, None]
    assert warnings(guide) == [(7, "a FAQ link without `href`: shown as text, without a link"),
                               (8, "a FAQ link without `href`: shown as text, without a link"),
                               (11, "a card without `href`: shown without a link")]


def test_a_link_to_no_page_of_the_site_is_warned_once_at_each_line_it_is_on(runner, tmp_path) -> None:
    from tests.conftest import sources
    from topicgen.cli import main

    other = FRONT.replace("/T\n", "/Other\n").replace("title: T", "title: Other")
    src = sources(tmp_path, other=other, c=FRONT + (
        '<details>\n<summary>FAQs</summary>\n<a class="doc-link" href="p/topic-guide/en/latest/Othr">Typo?</a>\n'
        '<a class="doc-link" href="p/topic-guide/en/latest/Other">Right?</a>\n'
        '<a class="doc-link" href="p/topic-guide/en/latest/Othr">Again?</a>\n</details>\n'))
    message = ("warning: link `p/topic-guide/en/latest/Othr` is no page or file of the site (no guide has that "
               "permalink): shown as text, without a link")
    result = runner.invoke(main, ["check", "--src", str(src)])
    dead = [line for line in result.stderr.splitlines() if "no page or file" in line]
    assert dead == [f"{src}/c.md:7: {message}", f"{src}/c.md:9: {message}"]
    # The export's diagnostics of a guide are all that a build reports of it, these too.
    exported = runner.invoke(main, ["export", "--src", str(src)])
    (guide,) = [g for g in json.loads(exported.stdout)["guides"] if g["source"] == "c.md"]
    assert [(d["line"], d["severity"] + ": " + d["message"]) for d in guide["diagnostics"]] == [
        (7, message), (9, message)]


def test_an_image_written_relative_to_its_guide_is_warned_with_the_path_that_works(runner, tmp_path) -> None:
    from topicgen.cli import main

    folder = tmp_path / "src" / "p" / "topic-guide" / "en" / "latest"
    folder.mkdir(parents=True)
    (tmp_path / "src" / "images").mkdir()
    (tmp_path / "src" / "images" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "local.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "g.md").write_text(FRONT + "Text.\n\n![a](../../../../images/c.png)\n\n![b](local.png)\n\n"
                                 "![c](nowhere.png)\n", encoding="utf-8")
    said = runner.invoke(main, ["check", "--src", str(tmp_path / "src")]).stderr
    hint = "image paths are read from the sources folder, not the guide's own: write"
    assert f"g.md:7: warning: image `../../../../images/c.png` is outside the source folder; it is not copied; " \
           f"{hint} `images/c.png`" in said
    assert f"g.md:9: warning: image `local.png` not found (looked for local.png in the source folder); {hint} " \
           "`p/topic-guide/en/latest/local.png`" in said
    assert "g.md:11: warning: image `nowhere.png` not found (looked for nowhere.png in the source folder)\n" in said


def test_an_image_path_with_dots_that_stays_in_the_sources_is_not_said_to_leave_them(runner, tmp_path) -> None:
    from topicgen.cli import main

    (tmp_path / "src" / "images").mkdir(parents=True)
    (tmp_path / "src" / "images" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "src" / "g.md").write_text(FRONT + "![a](images/sub/../c.png)\n\n![b](images/../../c.png)\n",
                                           encoding="utf-8")
    said = runner.invoke(main, ["check", "--src", str(tmp_path / "src")]).stderr
    assert ("g.md:5: warning: image `images/sub/../c.png` has `..` in its path, which the pages do not follow; "
            "it is not copied; write `images/c.png`\n") in said
    assert "g.md:7: warning: image `images/../../c.png` is outside the source folder; it is not copied\n" in said


def test_a_video_without_details_video_starts_at_its_link_and_keeps_its_heading() -> None:
    text = FRONT + ("<details>\n<summary>Videos</summary>\n<details-video>\n\n[![One](https://i.example/1.jpg)]"
                    "(https://v.example/1)\n\n##### First\n</details-video>\n\nSome text.\n\n"
                    "[![Two](https://i.example/2.jpg)](https://v.example/2)\n\n##### Second video\nIts words.\n"
                    "</details>\n")
    guide = parse(text)
    two = guide.videos[1]
    assert (two.line, two.heading, two.description) == (16, "Second video", "Its words.")
    assert warnings(guide) == [(14, "text in the Videos section outside any video: shown after the section"),
                               (16, "a video outside `<details-video>`: read as a video")]


def test_a_sources_folder_that_is_gone_is_not_said_to_be_empty(tmp_path) -> None:
    from topicgen.reading.collect import _notes
    from topicgen.reading.sources import source_tree

    (tmp_path / "empty").mkdir()
    said = {name: _notes(tmp_path / name, source_tree(tmp_path / name))[0][1].message for name in ("empty", "gone")}
    assert said["empty"].endswith("(it is empty); nothing is built")
    assert said["gone"].endswith("(the folder is gone); nothing is built")


def test_a_video_right_after_another_s_closing_tag_is_one_video() -> None:
    guide = parse(FRONT + "<details>\n<summary>Videos</summary>\n<details-video>\n[![One](https://i.example/1.jpg)]"
                  "(https://v.example/1)\n</details-video>[![Two](https://i.example/2.jpg)](https://v.example/2)\n"
                  "</details>\n")
    assert [v.title for v in guide.videos] == ["One", "Two"]
    assert warnings(guide) == [(9, "a video outside `<details-video>`: read as a video")]


def test_what_is_removed_with_all_it_holds_is_not_said_to_keep_its_text() -> None:
    guide = parse(FRONT + "Before.\n\n<template>Free on every plan.</template>\n\n"
                          "<svg><text>NOVEMBER</text></svg>\n\n<font>Kept</font>\n")
    html = guide.summary_html + "".join(s.html for s in guide.sections if isinstance(s, MarkdownSection))
    assert "Free on every plan" not in html and "NOVEMBER" not in html and "Kept" in html
    messages = warnings(guide)
    assert [line for line, _ in messages] == [7, 9, 11]
    assert messages[0][1].startswith("removed `<template>` and what it holds: a browser does not show")
    assert "`<svg` and what it holds" in messages[1][1]
    assert messages[2][1].startswith("removed the tag `<font>` (its text is kept)")
    assert not any("`<text>`" in message for _, message in messages)


def test_an_introduction_s_own_summary_is_its_label_and_a_marker_is_none() -> None:
    video = ("[![Two minutes](https://img.example.com/c.jpg)](https://videos.example.com/s)\n\n"
             "##### Sharing in two minutes\nWatch it.\n\n</details>\n")
    own = parse(FRONT + '<details class="introduction-video" open>\n<summary>Watch <b>sharing</b> now</summary>\n\n'
                + video)
    marked = parse(FRONT + '<details class="introduction-video">\n<summary> INTRODUCTION </summary>\n\n' + video)
    assert [(s.kind, getattr(s, "label", None)) for s in own.sections] == [("intro", "Watch sharing now")]
    assert [(s.kind, getattr(s, "label", None)) for s in marked.sections] == [("intro", "")]
    assert own.intro is not None and own.intro.heading == "Sharing in two minutes"


def test_a_heading_s_markdown_is_read_as_its_words_and_a_number_stays_one() -> None:
    guide = parse(FRONT + "#### Topic Guide\n###### Heading *nine* with `code` and [a link](https://x.example.com)\n"
                  "Summary.\n\n<details>\n<summary>Videos</summary>\n<details-video>\n"
                  "[![T](https://img.example.com/a.jpg)](https://v.example.com/a)\n\n##### 1. Use *the* `x_y` tool\n"
                  "Desc.\n</details-video>\n</details>\n\n"
                  '<a class="doc-link" href="https://d.example.com/">\n\n#### - Card **bold** <font>f</font>\nText.\n</a>\n')
    assert guide.heading == "Heading nine with code and a link"
    assert [v.heading for v in guide.videos] == ["1. Use the x_y tool"]
    assert [(r.title, r.text) for r in guide.resources] == [("- Card bold f", "Text.")]
    assert [line for line, _ in warnings(guide)] == [21]  # the `<font>`, at the card heading's line


def test_a_card_written_in_html_has_its_image_and_heading_as_the_markdown_one_does() -> None:
    guide = parse(FRONT + '<a class="doc-link" href="https://community.example.com/sharing">\n'
                  "  <img alt='' src='images/community.svg'>\n  <h4 class=\"x\">Com<b>munity</b>\n</h4>\n"
                  "  <p>Ask other users.</p>\n</a>\n")
    (card,) = guide.resources
    assert (card.kind, card.title, card.text, card.image) == ("link", "Community", "Ask other users.",
                                                             "images/community.svg")
    assert not guide.diagnostics


def test_a_card_label_in_underscores_is_bold_as_one_in_asterisks() -> None:
    guide = parse(FRONT + CARD.replace("**Documentation**", "__Academy__").format(after="</a>\n"))
    assert [(c.kind, c.title, c.text) for c in guide.resources] == [("academy", "Academy", "Read it")]


def test_the_label_heading_and_summary_written_in_html_are_taken_as_the_markdown_ones_are() -> None:
    markdown = parse(FRONT + "#### Topic Guide\n###### Sharing *notes*\n\nCheck out our FAQs\non sharing.\n\nMore.\n")
    html = parse(FRONT + "<h4>Topic Guide</h4>\n<h6 class=\"x\">Sharing <em>notes</em></h6>\n\n"
                 "<p>Check out our FAQs\non sharing.</p>\n\nMore.\n")
    for guide in (markdown, html):
        assert (guide.heading, guide.summary) == ("Sharing notes", "Check out our FAQs on sharing.")
        (section,) = guide.sections  # the label is the theme's: not shown a second time as the writer's text
        assert isinstance(section, MarkdownSection) and "Topic Guide" not in section.html
        assert "More." in section.html
    laid_out = parse(FRONT + "<h4>\n  Topic Guide\n</h4>\n<h6 class=\"x\">\n  Sharing notes\n</h6>\n\n"
                     "<p>\n  Check out our FAQs\n  on sharing.\n</p>\n")  # each element over lines of its own
    assert (laid_out.heading, laid_out.summary, laid_out.sections) == (
        "Sharing notes", "Check out our FAQs on sharing.", ())
    unlabelled = parse(FRONT + "<h6>Sharing</h6>\n<p>Its summary.</p>\n")
    assert (unlabelled.heading, unlabelled.summary, unlabelled.sections) == ("Sharing", "Its summary.", ())
    # An `<h4>` without the label is a heading of the text, as `#### Sharing` is; the `<p>` after it too.
    h4 = parse(FRONT + "<h4>Sharing</h4>\n<p>Its text.</p>\n")
    assert (h4.heading, h4.summary) == ("T", "")
    assert "Its text." in h4.sections[0].html  # type: ignore[union-attr]
    # What a browser would not show as text is not the heading's, and is warned of where it is written.
    unsafe = parse(FRONT + "<h4>Topic Guide</h4>\n<h6><script>alert(1)</script>Sharing</h6>\n")
    assert unsafe.heading == "Sharing"
    assert [line for line, message in warnings(unsafe) if "script" in message] == [6]


def test_a_card_written_as_an_html_table_is_read_as_the_markdown_table_is() -> None:
    cards = ('<a class="doc-link" href="https://docs.example.com/a">\n<table>\n'
             "<thead><tr><th>Frontmatter</th><th>Required?</th></tr></thead>\n"
             '<tr><td><img src="images/i.svg" alt=""></td><td><strong>Documentation</strong><br>Read it</td>'
             "<td>Also <em>PERMISSIONS</em></td></tr>\n"
             "<tr><td>SECOND <script>alert(1)</script>row</td></tr>\n</table>\nUnder it.\n</a>\n\n"
             '<a class="doc-link" href="https://academy.example.com/b">\n'
             "<table><tr><td><b>Academy</b> <br/> Take it</td></tr></table>\n</a>\n")
    guide = parse(FRONT + cards)
    assert [(c.kind, c.text, c.image) for c in guide.resources] == [
        ("documentation", "Read it Also PERMISSIONS SECOND row Under it.", "images/i.svg"),
        ("academy", "Take it", None)]
    # what is removed from a row is warned of at the row's line
    assert [line for line, message in warnings(guide) if "script" in message] == [9]
    # a table without a bold label in a cell is a card with a title and text, as before
    (plain_card,) = parse(FRONT + '<a class="doc-link" href="https://x.example.com/">\n'
                          "<table><tr><td><h4>Community</h4>Ask others.</td></tr></table>\n</a>\n").resources
    assert (plain_card.kind, plain_card.title, plain_card.text) == ("link", "Community", "Ask others.")


def test_a_video_written_in_html_is_read_as_the_markdown_one_is() -> None:
    markdown = ('<details class="introduction-video">\n<summary>Introduction</summary>\n'
                "[![Intro to sharing](images/v.png)](https://videos.example.com/1)\n\n"
                "##### Introduction to sharing\nWatch it.\n</details>\n")
    html = ('<details class="introduction-video">\n<summary>Introduction</summary>\n'
            "<a href='https://videos.example.com/1'><img alt=\"Intro to sharing\" src=\"images/v.png\"></a>\n\n"
            "<h5>Introduction to sharing</h5>\nWatch it.\n</details>\n")
    for guide in (parse(FRONT + markdown), parse(FRONT + html)):
        video = guide.intro
        assert video is not None
        assert (video.title, video.thumbnail, video.url, video.heading, video.description) == (
            "Intro to sharing", "images/v.png", "https://videos.example.com/1", "Introduction to sharing", "Watch it.")
        assert not guide.diagnostics
    # in the Videos section, one written without `<details-video>` too; a script in a heading is no word of it
    videos = parse(FRONT + "<details>\n<summary>Videos</summary>\n\n"
                   '<a href="https://videos.example.com/2"><img src="images/v.png" alt="Second"></a>\n'
                   "##### <script>alert(1)</script>More\n</details>\n")
    (second,) = videos.videos
    assert (second.title, second.url, second.heading) == ("Second", "https://videos.example.com/2", "More")
    assert [line for line, message in warnings(videos)] == [8, 9]  # read as a video; the script removed
    in_markdown = parse(FRONT + "<details>\n<summary>Videos</summary>\n\n[![Second](images/v.png)](https://v.example.com/2)\n"
                        "##### <script>alert(1)</script>More\n</details>\n")
    assert in_markdown.videos[0].heading == "More"
    assert [line for line, message in warnings(in_markdown) if "script" in message] == [9]


def test_questions_in_a_list_and_a_card_labelled_in_html_are_read_as_their_markdown_forms() -> None:
    guide = parse(FRONT + "<details>\n<summary>FAQs</summary>\n<ul>\n"
                  '<li><a class="doc-link" href="https://example.com/q1">How do I share?</a></li>\n'
                  '<li><a class="doc-link" href="https://example.com/q2">How do I stop?</a></li>\n</ul>\n'
                  "</details>\n\n"
                  '<a class="doc-link" href="https://docs.example.com/a">\n'
                  '<img src="https://img.example.com/i.svg"> <strong>Documentation</strong><br>Read it all\n</a>\n')
    assert [f.question for f in guide.faqs] == ["How do I share?", "How do I stop?"]
    assert [(c.kind, c.text, c.image) for c in guide.resources] == [
        ("documentation", "Read it all", "https://img.example.com/i.svg")]
    assert [type(s).__name__ for s in guide.sections] == ["FaqSection", "ResourceSection"]
    assert not guide.diagnostics  # the list's tags are no text outside a question
    # text in the list beside the questions is still the writer's, and said to be
    (faqs, *rest) = parse(FRONT + "<details>\n<summary>FAQs</summary>\n<ul>\n<li>Note</li>\n"
                          '<li><a class="doc-link" href="https://example.com/q1">How?</a></li>\n</ul>\n</details>\n'
                          ).sections
    assert rest and "Note" in rest[0].html  # type: ignore[attr-defined]


def test_videos_and_cards_put_in_a_list_are_read_without_empty_sections_or_warnings() -> None:
    guide = parse(FRONT + "<details>\n<summary>Videos</summary>\n<ul>\n<li>\n<details-video>\n\n"
                  "[![One](https://img.example.com/1.png)](https://v.example.com/1)\n\n##### One\n</details-video>\n"
                  "</li>\n</ul>\n</details>\n\n<ul>\n"
                  '<li><a class="doc-link" href="https://docs.example.com/a">\n\n**Documentation** Read it\n\n</a></li>\n'
                  "</ul>\n<br>\n")
    assert [v.heading for v in guide.videos] == ["One"]
    assert [(c.kind, c.text) for c in guide.resources] == [("documentation", "Read it")]
    # no section of the list's tags alone; a line break the writer put after the cards stays theirs
    assert [type(s).__name__ for s in guide.sections] == ["VideoSection", "ResourceSection", "MarkdownSection"]
    assert "<br>" in guide.sections[-1].html and "li>" not in guide.sections[-1].html  # type: ignore[union-attr]
    assert not guide.diagnostics


def test_a_section_s_summary_translated_into_the_guide_s_language_still_names_the_section() -> None:
    for faqs, videos, intro in (("よくある質問", "動画", "紹介"), ("자주 묻는 질문", "동영상", "소개"), ("常见问题", "视频", "介绍")):
        guide = parse(FRONT + f"<details>\n<summary>{intro}</summary>\n\n[![V](https://i.example.com/v.png)]"
                      f"(https://v.example.com/1)\n</details>\n\n<details>\n<summary>{faqs}</summary>\n"
                      f'<a class="doc-link" href="https://example.com/q">質問?</a>\n</details>\n\n'
                      f"<details>\n<summary>{videos}</summary>\n<details-video>\n\n"
                      "[![W](https://i.example.com/w.png)](https://v.example.com/2)\n</details-video>\n</details>\n")
        assert [type(s).__name__ for s in guide.sections] == ["IntroSection", "FaqSection", "VideoSection"], faqs
        assert [f.question for f in guide.faqs] == ["質問?"] and not guide.diagnostics
