"""The shapes of the vocabulary's items, in markdown or HTML: video links, headings, paragraphs, card labels, tables."""

from __future__ import annotations

import re

from topicgen.parsing.markup import Tag
from topicgen.parsing.sanitize import safe_url
from topicgen.parsing.tree import plain

# Markup that only holds a section's items (`<ul><li>…</li></ul>` around its questions): no text of its own.
WRAPPING_MARKUP = re.compile(r"(?:\s|</?(?:ul|ol|li|div|p)\b[^<>]*>)*", re.I)
# A CommonMark link destination: `<anything but angle brackets>` or text with balanced parentheses,
# then an optional title ("t", 't' or (t)).
DEST = r"(?:<(?P<{0}_a>[^<>\n]*)>|(?P<{0}_b>(?:[^()\s<>]|\([^()\s]*\))*))"
TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
VIDEO_LINK = re.compile(
    r"\[!\[(?P<title>[^\]]*)\]\(\s*" + DEST.format("thumb") + TITLE + r"\s*\)\]"
    r"\(\s*" + DEST.format("url") + TITLE + r"\s*\)"
)
# The same written in HTML: `<a href="url"><img src="thumbnail" alt="title"></a>`.
HTML_VIDEO_LINK = re.compile(r"<a\b[^<>]*?\shref\s*=\s*(?:\"(?P<url>[^\"<>]*)\"|'(?P<url2>[^'<>]*)')[^<>]*>"
                             r"\s*(?P<img><img\b[^<>]*>)\s*</a\s*>", re.I)
_HTML_ALT = re.compile(r"\salt\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')", re.I)
TEXT_LINK = re.compile(r"(?<!!)\[(?P<title>[^\]]+)\]\(\s*" + DEST.format("url") + TITLE + r"\s*\)")
# `test.com`, `www.kore.ai/docs`: meant as web addresses, but without a scheme they are page-relative paths.
BARE_DOMAIN = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ai|dev|co|edu|gov|info|biz|jp|kr|uk|de|us)(?:[/?#]|$)",
    re.I)
HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)  # a line that HEADING matches, in a text
LABEL = re.compile(r"^[ \t]*#{1,6}[ \t]*topic[ \t]*guide[ \t]*#*[ \t]*$", re.I)
# The label's words, as an HTML heading (html_heading) holds them: `<h4>Topic Guide</h4>`.
LABEL_TEXT = re.compile(r"\s*topic\s*guide\s*", re.I)
# An `<h1>`-`<h6>` as the whole of the lines it is on (see html_heading); its text holds no other heading.
_HTML_HEADING_ELEMENT = re.compile(r"\s*<h([1-6])\b[^<>]*>((?:(?!</?h[1-6]\b).)*)</h\1\s*>\s*", re.I | re.S)
# Bold, as markdown writes it either way: `**Documentation**` or `__Documentation__`.
CARD_LABEL = re.compile(r"\*\*\s*([^*|]+?)\s*\*\*|__\s*([^_|]+?)\s*__")
# The label outside a table, bold as markdown or HTML writes it: `**Documentation**`, `<strong>Academy</strong>`.
LABEL_WORD = re.compile(r"\*\*\s*(Documentation|Academy)\s*\*\*|__\s*(Documentation|Academy)\s*__"
                        r"|<(?:strong|b)\b[^<>]*>\s*(Documentation|Academy)\s*</(?:strong|b)\s*>", re.I)
LABEL_SPLIT = re.compile(r"\*\*\s*(?:Documentation|Academy)\s*\*\*|__\s*(?:Documentation|Academy)\s*__"
                         r"|<(?:strong|b)\b[^<>]*>\s*(?:Documentation|Academy)\s*</(?:strong|b)\s*>", re.I)
HTML_IMAGE = re.compile(r"<img\b[^<>]*?\ssrc\s*=\s*(?:\"(?P<src>[^\"<>]*)\"|'(?P<src2>[^'<>]*)')", re.I)
HTML_HEADING = re.compile(r"<h([1-6])\b[^<>]*>(.*?)</h\1\s*>", re.I | re.S)
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
WHOLE_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
SEPARATOR = re.compile(r"^[\s|:-]+$")
PARAGRAPH_STOP = re.compile(r"^[ \t]*(?:<|#|\||!\[|\[!\[|>|[*+-][ \t]|\d+[.)][ \t]|```|~~~)")



def blank_tags(text: str, tags: list[Tag]) -> str:
    """`text` with each of `tags` (in order) made spaces, in one pass: there may be thousands of them."""
    if not tags:
        return text
    pieces, pos = [], 0
    for tag in tags:
        pieces += [text[pos : tag.start], " " * (tag.end - tag.start)]
        pos = tag.end
    pieces.append(text[pos:])
    return "".join(pieces)


def dest(m: re.Match[str], name: str) -> str | None:
    """The destination captured as `name` (angle-bracket or bare form), None when absent or empty."""
    if name + "_a" not in m.re.groupindex:
        return None
    value = m.group(name + "_a") if m.group(name + "_a") is not None else m.group(name + "_b")
    return value.strip() or None


def video_links(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where each video link of `text[start:end]` is, `[![title](thumbnail)](url)` or its HTML, in order."""
    end = len(text) if end is None else end
    found = [m.span() for m in VIDEO_LINK.finditer(text, start, end)]
    found += [m.span() for m in HTML_VIDEO_LINK.finditer(text, start, end)]
    return sorted(found)


def video_link(content: str) -> tuple[str, str | None, str | None, int, int] | None:
    """A video's link: its title, thumbnail and URL, and where it is; the first video link, else a text link
    `[title](url)` (a video without a thumbnail); None when there is neither."""
    if spans := video_links(content):
        at = spans[0][0]
        if m := VIDEO_LINK.match(content, at):
            return plain(m.group("title")), dest(m, "thumb"), dest(m, "url"), *m.span()
        h = HTML_VIDEO_LINK.match(content, at)
        assert h is not None  # video_links found it there
        img, alt = HTML_IMAGE.search(h.group("img")), _HTML_ALT.search(h.group("img"))
        thumb = _quoted(img.group("src"), img.group("src2")) if img else None
        title = plain(_quoted(alt.group(1), alt.group(2)) or "") if alt else ""
        return title, thumb, _quoted(h.group("url"), h.group("url2")), *h.span()
    if t := TEXT_LINK.search(content):
        return plain(t.group("title")), None, dest(t, "url"), *t.span()
    return None


def _quoted(double: str | None, single: str | None) -> str | None:
    """An attribute's value as written in double or single quotes, None when it is empty."""
    return (double if double is not None else single or "").strip() or None


def video_heading(text: str) -> tuple[str, str, int]:
    """A video's heading, its first line that is not blank when that is a `#` heading or an `<h1>`-`<h6>` of
    its own (see take_heading)."""
    raw, rest, where = take_heading(text, first=True)
    lines = text.split("\n")
    i = skip_blank(lines, 0)
    if raw or not (h := html_heading(lines, i)):
        return raw, rest, where
    _, words, count = h
    return words, "\n".join(lines[:i] + [""] * count + lines[i + count:]), sum(len(line) + 1 for line in lines[:i])


def html_heading(lines: list[str], i: int) -> tuple[int, str, int] | None:
    """The `<h1>`-`<h6>` on lines of their own from line `i` (see html_element): its level, its text as
    written and how many lines it takes; None when there is none."""
    element = html_element(lines, i, "h[1-6]")
    h = _HTML_HEADING_ELEMENT.fullmatch("\n".join(element)) if element else None
    return (int(h.group(1)), h.group(2), len(element)) if h else None


def html_element(lines: list[str], i: int, name: str) -> list[str]:
    """The lines of the HTML element `name` (a pattern: `h[1-6]`, `p`) that opens at the start of line `i` and
    closes at the end of a line, with no blank line in it; none when no such element is there."""
    if i >= len(lines) or not (m := re.match(rf"[ \t]*<({name})\b", lines[i], re.I)):
        return []
    for end in range(i, len(lines)):
        if not lines[end].strip():
            return []
        if re.search(rf"</{m.group(1)}[ \t]*>[ \t]*$", lines[end], re.I):
            return lines[i : end + 1]
    return []


def skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def card_shaped(content: str, in_faqs: bool = False) -> bool:
    """A doc-link that holds a table, an image, a heading or a `**Documentation**` label is a card.

    Anything else is a question: a FAQ link that a stray `</details>` left outside its section. Inside
    the FAQs a question may carry an icon or be written as a heading, so there only a table, a label or
    an image with a heading (the card's own shape) make a card.
    """
    if TABLE_ROW.search(content) or HTML_TABLE.search(content) or card_label(content):
        return True
    image = bool(IMAGE.search(content))
    if in_faqs and not image:
        return False  # most FAQ links: a line of text
    heading = "#" in content and bool(HEADING_LINE.search(content))
    return image and heading if in_faqs else image or heading


def card_image(content: str) -> str | None:
    """A card's image: its first `![](…)`, or in a card written in HTML its first `<img src>`."""
    if image := next(iter(IMAGE.findall(content)), None):
        return image
    img = HTML_IMAGE.search(content)
    return (img.group("src") or img.group("src2")) if img else None


def labelled_card(content: str) -> tuple[str, str, str] | None:
    """A labelled card's label (`**Documentation**`, in a markdown table or an HTML one), its text and the
    rest of what the writer wrote in it, as markdown; None when it has no label."""
    if in_html := _html_table_card(content):
        return in_html
    label = card_label(content)
    return None if label is None else (label, *_table_card(content))


def card_heading(content: str) -> tuple[str, str, int]:
    """An unlabelled card's heading as written (`#### Community` or `<h4>Community</h4>`), the rest of its
    text with its images left out and the heading's lines left blank, and where the heading is."""
    body = WHOLE_IMAGE.sub("", content)  # `IMAGE` stops at the address: it would leave `)` behind
    raw, rest, where = take_heading(body, first=False)
    if not raw and (h := HTML_HEADING.search(body)):
        raw, where = h.group(2), h.start()
        rest = body[: h.start()] + "\n" * h.group(0).count("\n") + body[h.end():]
    return raw, rest, where


def card_label(content: str) -> str | None:
    """The bold label of a card (`**Documentation**`, `__Academy__`), in its table's first data row; or
    `Documentation` or `Academy` in bold anywhere in it (`<strong>Documentation</strong>` too)."""
    if "**" not in content and "__" not in content and "<" not in content:
        return None  # every label is bold
    rows = [r for r in TABLE_ROW.findall(content) if not SEPARATOR.match(r)]
    for row in rows[1:] or rows:
        if m := CARD_LABEL.search(row):
            return m.group(1) or m.group(2)
    if m := LABEL_WORD.search(content):
        return m.group(1) or m.group(2) or m.group(3)
    return None


HTML_TABLE = re.compile(r"<table\b[^<>]*>.*?</table\s*>", re.I | re.S)
_HTML_ROW = re.compile(r"<tr\b[^<>]*>(.*?)(?=<tr\b|</table\s*>)", re.I | re.S)
_HTML_CELL = re.compile(r"<(td|th)\b[^<>]*>(.*?)(?:</t[dh]\s*>|(?=<t[dh]\b|</tr\s*>|$))", re.I | re.S)
# A card's label in HTML: `<strong>Documentation</strong>` or `<b>Academy</b>`, as `**Documentation**`.
HTML_CARD_LABEL = re.compile(r"<(strong|b)\b[^<>]*>\s*([^<>|]+?)\s*</\1\s*>", re.I)


def _html_table_card(content: str) -> tuple[str, str, str] | None:
    """A card written as an HTML table, as the Kore cards' markdown one: its label (bold in a cell), its text
    (the rest of that cell) and what else the writer wrote in it (the other cells, but those of a head row of
    `<th>`, each row's on the row's line, and what is outside the table, its images left out); None when no
    cell has a label."""
    table = HTML_TABLE.search(content)
    if table is None:
        return None
    html = table.group(0)
    lines = [""] * (html.count("\n") + 1)  # the table's lines, each row's cells on its own
    labelled: tuple[str, str] | None = None
    for row in _HTML_ROW.finditer(html):
        cells = [(m.group(1).lower(), m.group(2)) for m in _HTML_CELL.finditer(row.group(1))]
        if all(kind == "th" for kind, _ in cells):
            continue  # the table's head: a card's table is only its frame
        others = []
        for _, cell in cells:
            if labelled is None and (label := HTML_CARD_LABEL.search(cell)):
                labelled = (label.group(2), plain(cell[: label.start()] + " " + cell[label.end():]))
            else:
                others.append(cell)  # HTML: sanitized where it is read
        lines[html.count("\n", 0, row.start())] += " ".join(others) + " "
    if labelled is None:
        return None
    rest = content[: table.start()] + "\n".join(lines) + content[table.end():]
    return labelled[0], labelled[1], WHOLE_IMAGE.sub("", rest)


def _cells(row: str) -> list[str]:
    return row.strip().strip("|").split("|")


def _labelled(rows: list[str]) -> tuple[int, int] | None:
    """Where the card's labelled cell is: its row among `rows` and its place in the row."""
    for r in range(1 if len(rows) > 1 else 0, len(rows)):
        for c, cell in enumerate(_cells(rows[r])):
            if CARD_LABEL.search(cell):
                return r, c
    return None


def _table_card(content: str) -> tuple[str, str]:
    """A labelled card's text (its labelled cell without the label and line break) and the rest of what the
    writer wrote in it, as markdown: the table's other cells and what is under it, without its head and its
    images ("" when there is nothing). Each row's other cells stay on the row's line, so that a warning about
    them names it."""
    rows = [r for r in TABLE_ROW.findall(content) if not SEPARATOR.match(r)]
    at = _labelled(rows)
    if at is not None:
        text = plain(CARD_LABEL.sub("", _cells(rows[at[0]])[at[1]], count=1))
    else:  # a label outside a table: all that follows it is the text
        text = plain(WHOLE_IMAGE.sub("", LABEL_SPLIT.split(content, maxsplit=1)[-1]))
    if not TABLE_ROW.search(content):
        return text, ""  # no table: the text has all there is
    seen = -1

    def others(m: re.Match[str]) -> str:
        nonlocal seen
        if SEPARATOR.match(m.group(0)):
            return ""
        seen += 1
        if seen == 0 and len(rows) > 1:
            return ""  # the table's head: a card's table is only its frame (the Kore cards' say "Frontmatter")
        cells = [cell for c, cell in enumerate(_cells(m.group(0))) if at is None or (seen, c) != at]
        return " ".join(cell.strip() for cell in cells if cell.strip())

    return text, WHOLE_IMAGE.sub("", TABLE_ROW.sub(others, content))


def judged_url(url: str | None) -> tuple[str | None, str]:
    """A link's URL as the page may use it (None: none, or unsafe), and what a writer is warned of, if anything:
    an unsafe scheme (removed), or a web address without its scheme (a path relative to the page)."""
    safe = safe_url(url)
    if url is not None and safe is None:
        return None, (f"removed unsafe link `{url.strip()[:60]}`: only http, https, mailto, tel and relative "
                      "links are kept")
    if safe and BARE_DOMAIN.match(safe):
        return safe, (f"link `{safe[:60]}` has no scheme, so it is a path relative to the page; write "
                      f"`https://{safe[:40]}` if a web address is meant")
    return safe or None, ""


def take_heading(text: str, first: bool) -> tuple[str, str, int]:
    """The text of the first `#` heading line of `text` as written (with `first`, only if it is the first
    line that is not blank), `text` with that line left blank, so that the lines after it keep their numbers,
    and where the heading is in `text`."""
    lines = text.split("\n")
    at = 0
    for i, line in enumerate(lines):
        if first and not line.strip():
            at += len(line) + 1
            continue
        if h := HEADING.match(line):
            lines[i] = ""
            return h.group(1), "\n".join(lines), at
        if first:
            break
        at += len(line) + 1
    return "", text, 0


# What makes a heading's text markdown to render (emphasis, code, a link, an escape, inline HTML, which is
# sanitized so) rather than words.
MARKDOWN_MARK = re.compile(r"[*_`\[\\<]")
# What would start a block if a heading's text were a paragraph of its own: escaped to stay words.
BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+*>#])(?=\s)")


def paragraph(lines: list[str], i: int) -> list[str]:
    """The lines of the paragraph that starts at line `i`: markdown up to a blank line or a line that starts
    something else, or `<p>` up to its `</p>` (no blank line between); none if no paragraph starts there."""
    if i < len(lines) and re.match(r"[ \t]*<p\b", lines[i], re.I):
        return html_element(lines, i, "p")
    end = i
    while end < len(lines) and lines[end].strip() and not PARAGRAPH_STOP.match(lines[end]):
        end += 1
    return lines[i:end]
