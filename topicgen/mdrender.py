"""Markdown fragments (answers, descriptions, free text) to sanitized HTML, with warnings for what was cut."""

from __future__ import annotations

import re
import textwrap
from html import escape

import markdown
import nh3

from topicgen.model import Diagnostic

_LIST_ITEM = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+\S")
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.M)
_CHUNK = 64_000
# A blank line, then a line that starts a paragraph at column 0 (no list item, no HTML, no table row).
_CUT = re.compile(r"\n[ \t]*\n(?=[A-Za-z0-9\u0080-\uffff])")
# What the real guides use, and nothing that runs: the output lives in a product's iframe (issue 6).
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
_ATTRS = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "target"},
    "img": {"src", "alt", "width", "height"},
    "details": {"open"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}
_DANGER = re.compile(
    r"<\s*(script|iframe|style|object|embed|form|input|button|textarea|svg|math|link|meta|base|frame)\b"
    r"|\son[a-z]+\s*=|(?:javascript|vbscript|data)\s*:",
    re.I,
)


def normalize(text: str) -> str:
    """Undo the source's indentation and let a list start right under a paragraph, as writers expect."""
    lines = textwrap.dedent(text).split("\n")
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


def dangers(text: str, first_line: int) -> list[Diagnostic]:
    """A warning per script-capable construct in a fragment; the sanitizer removes each of them."""
    return [
        Diagnostic("warning", first_line + text.count("\n", 0, m.start()),
                   f"removed unsafe HTML `{m.group(0).strip()}` (scripts, frames, styles, event handlers "
                   "and javascript:/data: URLs cannot run inside the product's frame)")
        for m in _DANGER.finditer(text)
    ]


def sanitize(fragment: str) -> str:
    """The allowlisted part of an HTML fragment."""
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRS, url_schemes=_SCHEMES,
                     clean_content_tags={"script", "style"}, link_rel="noopener noreferrer")


def safe_url(url: str | None) -> str | None:
    """`url` when it can only navigate (http, https, mailto, tel or relative), else None."""
    if url is None:
        return None
    url = url.strip()
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", url))
    if scheme and scheme.group(1).lower() not in _SCHEMES:
        return None
    return url


# Most fragments in real guides are a sentence or two of plain text. For those, Python-Markdown's output
# is known (one <p> per paragraph) and costs ~0.3 ms a call; tests/test_markdown.py checks with Hypothesis
# that this path gives byte-identical HTML.
_PLAIN = re.compile(r"[A-Za-z0-9 ,.;:'\"?()/%$@=^\u00a0-\uffff\n-]*")
_RISKY_LINE = re.compile(r"^(?:[ \t]|\d+[.)]|[-+=:]|.*[ \t]$)", re.M)


def plain_paragraphs(text: str) -> str | None:
    """Python-Markdown's HTML for text with no markdown syntax at all, or None when it may have some."""
    if not _PLAIN.fullmatch(text) or _RISKY_LINE.search(text) or "--" in text:
        return None
    if any(c.isspace() for c in set(text) - {" ", "\n"}):
        return None  # Python-Markdown strips Unicode spaces (no-break, line separator) at paragraph ends
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p.strip()]
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


class Renderer:
    """Renders markdown fragments; one instance is reused, as Python-Markdown is costly to set up."""

    def __init__(self, raw_html: bool = False) -> None:
        self.raw_html = raw_html
        self._md = markdown.Markdown(
            extensions=["extra", "sane_lists"],
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )

    def _convert(self, text: str) -> str:
        fast = plain_paragraphs(text)
        if fast is not None:
            return fast
        self._md.reset()
        return self._md.convert(text)

    def render(self, text: str, first_line: int) -> tuple[str, list[Diagnostic]]:
        """HTML for a markdown fragment starting at `first_line`, and warnings for what was removed."""
        normalized = normalize(text)
        fast = plain_paragraphs(normalized)
        if fast is not None:
            return fast, []  # no tag, no `&`, no `<`: nothing a sanitizer could remove
        try:
            html = "".join(self._convert(chunk) for chunk in _chunks(normalized))
        except RecursionError:
            # Python-Markdown recurses once per level of nested lists; hundreds of levels exhaust the stack.
            message = "markdown nested too deeply to render (lists or quotes hundreds of levels deep): " \
                      "shown as plain text"
            return f"<pre>{escape(text)}</pre>", [Diagnostic("warning", first_line, message)]
        if self.raw_html:
            return html, []
        return sanitize(html), dangers(text, first_line)
