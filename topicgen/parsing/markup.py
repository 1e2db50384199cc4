"""Where things are in a markdown body: the vocabulary's tags (outside code and comments), its HTML's images."""

from __future__ import annotations

import bisect
import html
import re
from html.entities import html5
from itertools import accumulate

from topicgen.diagnostics import Diagnostic

# Any indentation: answers are indented in the source and dedented before rendering, so a fence indented by
# four or more spaces is still a fence once rendered (and its tags are examples, not structure).
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n", re.M)
_CODE_SPAN = re.compile(r"(`+)[^`\n]+?\1")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
# A quoted attribute value may hold `>` (`title="a>b"`, `href="?x=a>b"`), as in HTML; one that runs past a line
# or into another tag is a quote the writer left open, and the tag ends at its first `>` as if unquoted. The
# repetition is possessive: a tag that never closes is given up at once, not retried every other way.
_TAG = re.compile(r"""<(/?)(details-video|details|summary|a)(?=[\s>/])((?:=\s*"[^"<\n]*"|=\s*'[^'<\n]*'|[^<>])*+)>""",
                  re.I)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CLOSING_FENCES: dict[str, re.Pattern[str]] = {}
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


class Tag:
    """One tag of the vocabulary: `<details>`, `<summary>`, `<a>`, `<details-video>` or a closing one.

    A plain slotted class, not a frozen dataclass: a guide has hundreds of tags, and nothing changes
    them after find_tags made them.
    """

    __slots__ = ("name", "closing", "attrs", "start", "end", "_classes")

    def __init__(self, name: str, closing: bool, attrs: dict[str, str], start: int, end: int) -> None:
        self.name = name  # lower case
        self.closing = closing
        self.attrs = attrs
        self.start = start
        self.end = end
        self._classes: set[str] | None = None

    def __repr__(self) -> str:
        return f"Tag({self.name!r}, closing={self.closing}, attrs={self.attrs!r}, {self.start}-{self.end})"

    @property
    def classes(self) -> set[str]:
        """The words of the class attribute."""
        if self._classes is None:
            self._classes = set(self.attrs.get("class", "").lower().split())
        return self._classes


class LineMap:
    """Turns offsets into the body into line numbers of the source file."""

    def __init__(self, text: str, first_line: int) -> None:
        # Each line starts one past the end of the line before it.
        self._starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))
        self._first = first_line

    def line(self, offset: int) -> int:
        """The 1-based file line that holds `offset`."""
        return self._first + bisect.bisect_right(self._starts, offset) - 1


def _blank(text: str, start: int, end: int) -> str:
    """`text[start:end]` with everything but line breaks made spaces, so offsets and lines stay put."""
    return "\n".join([" " * len(line) for line in text[start:end].split("\n")])


def _closing_fence(marker: str) -> re.Pattern[str]:
    if (pattern := _CLOSING_FENCES.get(marker)) is None:
        pattern = re.compile(rf"^[ \t]*{marker[0]}{{{len(marker)},}}[ \t]*$", re.M)
        _CLOSING_FENCES[marker] = pattern
    return pattern


def _fences(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks (an unclosed fence runs to the end, as in CommonMark)."""
    if "```" not in text and "~~~" not in text:
        return []  # most guides: no need to look at every line
    spans, pos = [], 0
    while m := _FENCE.search(text, pos):
        marker = m.group(1)
        close = _closing_fence(marker).search(text, m.end())
        end = close.end() if close else len(text)
        spans.append((m.start(), end))
        pos = end
    return spans


def strip_comments(text: str, lines: LineMap) -> tuple[str, list[Diagnostic]]:
    """Blank out `<!-- -->` comments outside fenced code: commented-out markup is not content."""
    out, diags, pos = [], [], 0
    fences = _fences(text)
    while (start := text.find(_COMMENT_OPEN, pos)) != -1:
        inside = _containing(fences, start)
        if inside:
            out.append(text[pos : inside[1]])
            pos = inside[1]
            continue
        close = text.find(_COMMENT_CLOSE, start + 4)
        if close == -1:
            diags.append(Diagnostic("warning", lines.line(start), "`<!--` is never closed with `-->`: "
                                    "the rest of the file is a comment and is not shown"))
            end = len(text)
        else:
            end = close + 3
        out.append(text[pos:start])
        out.append(_blank(text, start, end))
        pos = end
    out.append(text[pos:])
    return "".join(out), diags


def _containing(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of sorted, disjoint `spans` that holds `offset`, if any."""
    i = bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return spans[i] if i >= 0 and spans[i][0] <= offset < spans[i][1] else None


def unclosed_fence(text: str) -> int | None:
    """Where a fenced code block opens that no fence closes, if one does (CommonMark runs it to the end)."""
    spans = _fences(text)
    if not spans or spans[-1][1] != len(text):
        return None
    opening = _FENCE.match(text, spans[-1][0])
    assert opening is not None, "a span starts at its opening fence"
    return None if _closing_fence(opening.group(1)).search(text, opening.end()) else spans[-1][0]


def mask_code(text: str) -> str:
    """`text` with fenced code and inline code blanked, so tags written as examples are not structure."""
    pieces, pos = [], 0
    for start, end in _fences(text):
        pieces += [text[pos:start], _blank(text, start, end)]
        pos = end
    pieces.append(text[pos:])
    text = "".join(pieces)
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)  # a span has no line break


def parse_attrs(raw: str) -> dict[str, str]:
    """Attributes of a tag, their character references decoded; a bare attribute (`open`) has the value ""."""
    attrs: dict[str, str] = {}
    # findall gives "" for the value forms that did not match; at most one did, and "" is the default.
    for name, double, single, bare in _ATTR.findall(raw):
        value = double or single or bare
        attrs.setdefault(name.lower(), _CHARREF.sub(_decode_ref, value) if "&" in value else value)
    return attrs


def _decode_ref(m: re.Match[str]) -> str:
    """A character reference as a browser reads it in an attribute value: the values are text from here on
    (the templates escape them again), so `&amp;` must not reach a page as `&amp;amp;`."""
    ref = m.group(0)
    # Without its `;`, a named reference is decoded only when it is a legacy one (`&amp`) that is not
    # followed by `=` (HTML's rule for attributes, which keeps `?a=1&copy=2` a query).
    if ref[1] != "#" and not ref.endswith(";") and (ref[1:] not in html5 or m.string.startswith("=", m.end())):
        return ref
    return html.unescape(ref)


def find_tags(masked: str) -> list[Tag]:
    """Every vocabulary tag, in order."""
    tags = []
    for m in _TAG.finditer(masked):
        slash, name, raw = m.groups()
        start, end = m.span()
        tags.append(Tag(name.lower(), slash == "/", parse_attrs(raw) if raw else {}, start, end))
    return tags


# An image or a link of rendered HTML, as the sanitizer writes it: the address in double quotes, `&` as `&amp;`.
_IMG_SRC = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"", re.I)
_A_HREF = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"", re.I)


def image_lines(html_: str, text: str, first_line: int) -> list[tuple[int, str]]:
    """The images of `html_` rendered from `text` (whose first line is `first_line`), each with the line its
    address is written on: found as written (`&` or `&amp;`), one after the other. One written otherwise
    (with another entity) is said at the fragment's first line."""
    return _address_lines(_IMG_SRC, html_, text, first_line)


def link_lines(html_: str, text: str, first_line: int) -> list[tuple[int, str]]:
    """The links (`<a href>`) of `html_` rendered from `text`, each with its line, as image_lines finds them."""
    return _address_lines(_A_HREF, html_, text, first_line)


def _address_lines(pattern: re.Pattern[str], html_: str, text: str, first_line: int) -> list[tuple[int, str]]:
    found, pos = [], 0
    for m in pattern.finditer(html_):
        ref = m.group(1).replace("&amp;", "&")
        at = text.find(ref, pos) if ref else -1
        if at < 0 and "&" in ref:
            at = text.find(html.escape(ref, quote=False), pos)
        if at < 0:
            found.append((first_line, ref))
            continue
        found.append((first_line + text.count("\n", 0, at), ref))
        pos = at + len(ref)
    return found
