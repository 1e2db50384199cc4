"""Markdown fragments (answers, descriptions, free text) to sanitized HTML, with warnings for what was cut."""

from __future__ import annotations

import re
import textwrap
from html import escape
from typing import TYPE_CHECKING

from topicgen.diagnostics import Diagnostic
from topicgen.parsing.markup import mask_code
from topicgen.parsing.sanitize import dangers, dropped, sanitize

if TYPE_CHECKING:
    import markdown

_LIST_ITEM = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+\S")
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.M)
_CHUNK = 64_000
_LIST_ITEMS = re.compile(_LIST_ITEM.pattern, re.M)
# A blank line, then a line that starts a paragraph at column 0 (no list item, no HTML, no table row).
_CUT = re.compile(r"\n[ \t]*\n(?=[A-Za-z0-9]|[^\x00-\x7f\U00010000-\U0010ffff])")  # \u0080-\uffff, compiled fast
# A heading with up to three spaces before its `#`s: CommonMark's (and so the Kore site's) heading, which
# Python-Markdown reads as text unless the `#` starts the line.
_INDENTED_HEADING = re.compile(r"^ {1,3}#{1,6}(?:[ \t]|$)", re.M)


def normalize(text: str) -> str:
    """Undo the source's indentation and let a list start right under a paragraph, as writers expect; a
    heading indented by up to three spaces more than the text around it is a heading, as in CommonMark."""
    text = textwrap.dedent(text)
    if _INDENTED_HEADING.search(text):
        text = _unindent_headings(text)
    if not _LIST_ITEMS.search(text):
        return text.strip("\n")  # most fragments: no list item, nothing to insert
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _LIST_ITEM.match(line) and out and out[-1].strip():
            if not _LIST_ITEM.match(out[-1]) and not out[-1].startswith((" ", "\t", "|")):
                out.append("")  # Python-Markdown needs a blank line before a list; CommonMark does not
        out.append(line)
    return "\n".join(out).strip("\n")


def _unindent_headings(text: str) -> str:
    lines = text.split("\n")
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _INDENTED_HEADING.match(line):
            lines[i] = line.lstrip(" ")
    return "\n".join(lines)


def _chunks(text: str) -> list[str]:
    """`text` cut into pieces of about `_CHUNK` characters at blank lines before an unindented paragraph.

    Python-Markdown slows down more than linearly with the number of blocks in one conversion (a 10 MB
    page took about a minute in one piece), so big texts are converted a piece at a time. A cut is made
    only where a new top-level block starts outside fenced code and HTML blocks; the price is that a
    reference-style link cannot use a definition from another piece (it stays as written, not dropped).
    Texts of real guides are far below the size and go through in one piece.
    """
    if len(text) <= _CHUNK:
        return [text]
    pieces, start, seen, fences, depth = [], 0, 0, 0, 0
    for m in _CUT.finditer(text, _CHUNK):
        part = text[seen : m.start()]  # counted once, so a text that never allows a cut stays linear
        fences += len(_FENCE.findall(part))
        depth += part.count("<") - part.count(">")
        seen = m.start()
        if m.start() - start >= _CHUNK and fences % 2 == 0 and depth == 0:
            pieces.append(text[start : m.start()])
            start = m.start()
    pieces.append(text[start:])
    return pieces


# Most fragments in real guides are a few sentences of plain text, a `- item` list, a `## heading`, some
# `**strong**` words. For those, Python-Markdown's output is known, and neither its parser nor its set-up in
# each process is needed (docs/performance.md: the Markdown fast path); tests/test_markdown.py checks with
# Hypothesis that this path gives byte-identical HTML, sanitized or not.
# Letters, digits, spaces, line breaks, `,.;:'"?()/%$@=^&!-#*+>` and \u00a0-\uffff are plain: this is the
# rest. (Written as the rest, with ranges up to \U0010ffff, because a class holding \u00a0-\uffff is slow
# to compile at import.) `#`, `*`, `+` and `>` are then only taken where they are read below.
_NOT_PLAIN = re.compile(r"[\x00-\x09\x0b-\x1f<\[-\]_`{-\x9f\U00010000-\U0010ffff]")
# Python-Markdown keeps `&#38;`, `&#x26;` and `&amp;` as written; any other `&` becomes `&amp;`.
_ENTITY = re.compile(r"&(?:#|[A-Za-z0-9]+;)")
_OTHER_SPACE = re.compile(r"[^\S \n]")  # what str.isspace() calls space, but for " " and "\n"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_QUOTE_LINE = re.compile(r"(?:^|\n) *(?:[-*+] +)?>")  # a block quote (in an item too); other `>` are `&gt;`
# Lines that could start a block or a list inside a paragraph (its first line's indent stripped).
_RISKY_LINE = re.compile(r"^(?: |\d+[.)]|[-+=:#]|\*(?:[ \t]|$))", re.M)
_LIST_LINE = re.compile(r" {0,3}[-*+] +(\S.*)")
# `**text**`, the text neither starting nor ending with a space (then it is not strong, but two stars).
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*?[^*\s])?)\*\*")
_HEADING = re.compile(r"(#{1,6})([^\n]*)\n?")  # at the start of a block: Python-Markdown's hash header


def plain_paragraphs(text: str) -> str | None:
    """Python-Markdown's HTML for plain paragraphs, `- item` lists and `#` headings, with `**strong**`
    text in them, or None when the text may hold more.

    A list is a block of `- text` lines (or `*`, `+`), each item on one line; a list right after another
    (a blank line between) would make both one loose list, so that is left to Python-Markdown. A heading is
    the first line of a block, unindented, with no `#` after its text.
    """
    if _NOT_PLAIN.search(text) or "--" in text or _ENTITY.search(text):
        return None
    if _OTHER_SPACE.search(text):
        return None  # Python-Markdown strips Unicode spaces (no-break, line separator) at paragraph ends
    text = text.replace("&", "&amp;")
    if ">" in text:
        if _QUOTE_LINE.search(text):
            return None
        text = text.replace(">", "&gt;")
    blocks: list[str] = []
    after_list = False
    pieces = _PARAGRAPH_BREAK.split(text.strip("\n"))
    pieces.reverse()  # a stack: a heading puts the rest of its block back on it
    while pieces:
        piece = pieces.pop()
        body = piece.lstrip(" ")
        # Python-Markdown strips up to 3 spaces off a paragraph's start (4 make code, even of nothing);
        # a line of spaces before it is only blank once a line break precedes it.
        if len(piece) - len(body) > 3:
            return None
        if not body:
            continue
        block = _block(piece, body, pieces, after_list)
        if block is None:
            return None
        blocks.append(block)
        after_list = block.startswith("<ul>")
    return "\n".join(blocks)


def _block(piece: str, body: str, pieces: list[str], after_list: bool) -> str | None:
    """The HTML of one block of plain_paragraphs (a heading puts the lines under it back on `pieces`)."""
    if body[0] == "#":
        heading = _HEADING.match(piece)
        if heading is None or "#" in heading.group(2) or not heading.group(2).strip(" "):
            return None  # indented, 7 `#`, closing `#`s, or empty: left to Python-Markdown
        html = _inline(heading.group(2).strip(" "))
        if html is None:
            return None
        if heading.end() < len(piece):
            pieces.append(piece[heading.end():])  # the lines under it: a block of their own
        level = len(heading.group(1))
        return f"<h{level}>{html}</h{level}>"
    if body[0] in "-*+" and _LIST_LINE.match(piece):
        items = _list_items(piece)
        if items is None or after_list:
            return None
        return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"
    if body[0] == "\n" or _RISKY_LINE.search(body) or "  \n" in body:
        return None  # two spaces before a line break are `<br>`
    html = _inline(body)
    return f"<p>{html}</p>" if html is not None else None


def _inline(text: str) -> str | None:
    """The HTML of plain text with `**strong**` parts; None if any other `*` or a `#` is left."""
    if "*" in text:
        text = _STRONG.sub(r"<strong>\1</strong>", text)
    return None if "*" in text or "#" in text else text


def _list_items(block: str) -> list[str] | None:
    """The items of a block of `- text` lines (or `*`, `+`; up to 3 spaces before each), else None."""
    items = []
    for line in block.split("\n"):
        m = _LIST_LINE.fullmatch(line)
        if m is None or _RISKY_LINE.match(m.group(1)):
            return None  # not an item, or an item that starts another block (a nested list, say)
        item = _inline(m.group(1))
        if item is None:
            return None
        items.append(item)
    return items


def _markdown() -> markdown.Markdown:
    """Python-Markdown as `extensions=["extra", "sane_lists"]` configures it, built from the classes.

    By name, each extension is looked up among the installed packages' entry points (importlib.metadata
    scans them all); the classes are the ones those names point to, in the order `extra` adds them.
    Tables get `use_align_attribute`: a column's alignment (`:---:`) as an `align` attribute, which the
    sanitizer keeps, not as a `style`, which it removes.

    Imported here, on first use: the fragments of most guides take the fast path (plain_paragraphs), and a
    build whose guides all do never loads Python-Markdown.
    """
    import markdown
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.md_in_html import MarkdownInHtmlExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    extensions = [FencedCodeExtension(), FootnoteExtension(), AttrListExtension(), DefListExtension(),
                  TableExtension(use_align_attribute=True), AbbrExtension(), MarkdownInHtmlExtension(),
                  SaneListExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


class Renderer:
    """Renders markdown fragments; one instance is reused, as Python-Markdown is costly to set up."""

    def __init__(self, raw_html: bool = False) -> None:
        self.raw_html = raw_html
        self._md: markdown.Markdown | None = None  # built on first use: most guides never need it

    def _convert(self, text: str) -> str:
        fast = plain_paragraphs(text)
        if fast is not None:
            return fast
        if self._md is None:
            self._md = _markdown()
        self._md.reset()
        return self._md.convert(text)

    def render(self, text: str, first_line: int) -> tuple[str, list[Diagnostic]]:
        """HTML for a markdown fragment starting at `first_line`, and warnings for what was removed."""
        normalized = normalize(text)
        fast = plain_paragraphs(normalized)
        if fast is not None:
            return fast, []  # no tag, no link, no `<`: nothing a sanitizer could remove
        try:
            html = "".join(self._convert(chunk) for chunk in _chunks(normalized))
        except RecursionError:
            # Python-Markdown recurses once per level of nested lists; hundreds of levels exhaust the stack.
            # Its parser is left mid-way (a state stack that reset() does not clear, which made later raw
            # HTML come out as escaped text): the next fragment gets a new one.
            self._md = None
            message = "markdown nested too deeply to render (lists or quotes hundreds of levels deep): " \
                      "shown as plain text"
            shown = f"<pre>{escape(text, quote=False)}</pre>"
            return (shown if self.raw_html else sanitize(shown)), [Diagnostic("warning", first_line, message)]
        if self.raw_html:
            return html, []
        masked = mask_code(text)  # code shows tags as text: nothing removed
        return sanitize(html), sorted(dangers(masked, first_line) + dropped(masked, first_line, html), key=_line)


def _line(diagnostic: Diagnostic) -> int:
    return diagnostic.line
