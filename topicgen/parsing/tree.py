"""Recovering the nesting the writer meant from the vocabulary's tags, unclosed and stray ones included."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from enum import Enum

from topicgen.diagnostics import Diagnostic
from topicgen.parsing.markup import LineMap, Tag, mask_code
from topicgen.parsing.sanitize import dangers, handlers


class Role(Enum):
    """What an element is in a guide; decided when it opens."""

    INTRO = "introduction"
    FAQS = "FAQs"
    VIDEOS = "Videos"
    QUESTION = "question"
    DETAILS = "details"
    WRAPPER = "nested-accordian-link"
    DOCLINK = "doc-link"
    VIDEO = "details-video"
    LINK = "a"
    ROOT = "root"


SECTIONS = {Role.INTRO, Role.FAQS, Role.VIDEOS}
_DETAILS = {Role.INTRO, Role.FAQS, Role.VIDEOS, Role.QUESTION, Role.DETAILS}
_ANCHORS = {Role.WRAPPER, Role.DOCLINK, Role.LINK}
# Which open elements each closing tag can close (each role is closed by one tag name).
_CLOSES = {"details": _DETAILS, "a": _ANCHORS, "details-video": {Role.VIDEO}}
_CLOSED_BY = {role: name for name, roles in _CLOSES.items() for role in roles}
# What `_pop_until` keeps open: the root always.
_KEEP_ROOT = {Role.ROOT}
_KEEP_FAQS = {Role.FAQS, Role.ROOT}
_KEEP_VIDEOS = {Role.VIDEOS, Role.ROOT}
# How many implicitly closed elements a doubled closing tag may skip; bounds the look-ahead per tag.
_STRAY_LOOKAHEAD = 8
# How far an accordion inside an answer is looked through to tell it from the next question (in tags).
_NESTED_LOOKAHEAD = 64
# Summaries compared by their letters only: "FAQs", "FAQ's", "faqs:", "FAQs (06)" all name the FAQs. A
# translator may write them in the guide's language: the usual words in Japanese, Korean and Chinese too.
_SUMMARY_ROLES = {"faq": Role.FAQS, "faqs": Role.FAQS, "frequentlyaskedquestions": Role.FAQS,
                  "videos": Role.VIDEOS, "introduction": Role.INTRO, "intro": Role.INTRO, "video": Role.INTRO,
                  "introductionvideo": Role.INTRO,
                  **dict.fromkeys(["よくある質問", "よくあるご質問", "자주묻는질문", "자주하는질문",
                                   "常见问题", "常見問題"], Role.FAQS),
                  **dict.fromkeys(["動画", "ビデオ", "동영상", "비디오", "视频", "影片"], Role.VIDEOS),
                  **dict.fromkeys(["紹介", "はじめに", "イントロダクション", "소개", "介绍", "介紹", "简介", "簡介"],
                                  Role.INTRO)}


@dataclass(eq=False, slots=True)
class Node:
    """An element while the tree is being built: offsets into the body, children in order."""

    role: Role
    tag: Tag | None
    start: int
    content_start: int
    content_end: int = -1
    end: int = -1
    summary: str | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def attrs(self) -> dict[str, str]:
        return self.tag.attrs if self.tag else {}

    @property
    def classes(self) -> set[str]:
        return self.tag.classes if self.tag else set()


# What HTML reads as a tag (`<` before a letter, `/`, `!` or `?`: `1 < 2` is text), or a code span, whose tags
# are examples (`<details>`) and are kept as written.
_TAG_OR_CODE = re.compile(r"(`+)[^`\n]+?\1|<(?:/?[A-Za-z]|[!?])[^>]*>")
# Tags inside a line of text: dropped without a space (`<a>this</a>?` is `this?`); any other is a break.
_INLINE = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|s|samp|small|span|strong|sub|sup|u|var)\b", re.I)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def marker(summary: str | None) -> Role | None:
    """The section a `<summary>` names (`FAQs`, `Videos`, `Introduction`, in any case and spacing), if any."""
    return _SUMMARY_ROLES.get(_NOT_LETTERS.sub("", plain(summary or "").lower()))
_TAG = re.compile(r"<[^>]*>")
_FIRST_LINE = re.compile(r"\s*[^\n]*")


def plain(fragment: str) -> str:
    """Text of an HTML/markdown fragment: tags dropped, entities decoded, white space collapsed."""
    if "<" in fragment:
        fragment = _TAG_OR_CODE.sub(_text_of, fragment)
    # str.split() and the regex `\s` agree on what white space is (both use str.isspace).
    return " ".join(html.unescape(fragment).split())


def _text_of(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(0)
    return "" if _INLINE.match(m.group(0)) else " "


class TreeBuilder:
    """Builds the element tree from the tags, closing what the writer left open and reporting it."""

    def __init__(self, text: str, masked: str, tags: list[Tag], lines: LineMap) -> None:
        self.text, self.masked, self.tags, self.lines = text, masked, tags, lines
        self.diagnostics: list[Diagnostic] = []
        self.ignored: list[Tag] = []  # stray tags: not structure, and not to be shown as text either
        self.root = Node(Role.ROOT, None, 0, 0)
        self.stack = [self.root]
        # The stack depths each role is open at, ascending, and the same by the tag name that closes them:
        # finding the innermost open element that a closing tag matches must not walk a stack that can be
        # thousands of elements deep.
        self.depths: dict[Role, list[int]] = {role: [] for role in Role}
        self.closable: dict[str, list[int]] = {name: [] for name in _CLOSES}

    def build(self) -> Node:
        """The root node; every element in it has its end set."""
        for tag in self.tags:  # the parser reads their attributes, and keeps only those it knows
            if tag.attrs:
                self.diagnostics += handlers(tag.attrs, self.lines.line(tag.start))
        i = 0
        while i < len(self.tags):
            i = self._step(i)
        while len(self.stack) > 1:
            self._pop(len(self.masked), "the end of the file")
        self.root.content_end = self.root.end = len(self.masked)
        return self.root

    # -- diagnostics -------------------------------------------------------------------------

    def _warn(self, offset: int, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", self.lines.line(offset), message))

    def _describe(self, node: Node) -> str:
        name = "a" if node.role in _ANCHORS else "details-video" if node.role is Role.VIDEO else "details"
        what = {Role.DETAILS: "", Role.LINK: ""}.get(node.role, f" ({node.role.value})")
        return f"`<{name}>`{what}"

    # -- the stack ---------------------------------------------------------------------------

    def _push(self, node: Node) -> None:
        self.stack[-1].children.append(node)
        self.depths[node.role].append(len(self.stack))
        self.closable[_CLOSED_BY[node.role]].append(len(self.stack))
        self.stack.append(node)

    def _remove(self) -> Node:
        node = self.stack.pop()
        self.depths[node.role].pop()
        self.closable[_CLOSED_BY[node.role]].pop()
        return node

    def _pop(self, at: int, why: str) -> None:
        """Close the innermost element implicitly at offset `at`, with a warning."""
        node = self._remove()
        node.content_end = node.end = at
        # the end of a file that ends with a line break is on its last line, not the one after it
        shown = at - 1 if at == len(self.masked) and at > node.start else at
        self._warn(node.start, f"{self._describe(node)} is not closed; closed at {why} "
                               f"(line {self.lines.line(shown)})")

    def _close(self, tag: Tag) -> None:
        node = self._remove()
        node.content_end, node.end = tag.start, tag.end

    def _innermost(self, name: str, below: int) -> int | None:
        """The depth of the innermost open element that `</name>` closes among the first `below` ones."""
        depths = self.closable[name]
        j = bisect.bisect_left(depths, below) - 1
        return depths[j] if j >= 0 else None

    def _pop_until(self, at: int, keep: set[Role], why: str) -> None:
        """Close elements implicitly until one with a role in `keep` (which holds the root) is innermost."""
        while self.stack[-1].role not in keep:
            self._pop(at, why)

    # -- one tag -----------------------------------------------------------------------------

    def _step(self, i: int) -> int:
        tag = self.tags[i]
        if tag.closing:
            self._closing(i)
            return i + 1
        if tag.name == "details":
            return self._open_details(i)
        if tag.name == "a":
            self._open_anchor(tag)
        elif tag.name == "details-video":
            self._pop_until(tag.start, _KEEP_VIDEOS, "the next `<details-video>`")
            self._push(Node(Role.VIDEO, tag, tag.start, tag.end))
        else:
            self._warn(tag.start, "`<summary>` outside a `<details>`: kept as text")
        return i + 1

    def _open_anchor(self, tag: Tag) -> None:
        classes = tag.classes
        if "nested-accordian-link" in classes or "nested-accordion-link" in classes:
            self._pop_until(tag.start, _KEEP_FAQS, "the next FAQ item")
            self._push(Node(Role.WRAPPER, tag, tag.start, tag.end))
        elif "doc-link" in classes and not self._after_text(tag):
            self._pop_until(tag.start, _KEEP_FAQS, "the next link")
            self._push(Node(Role.DOCLINK, tag, tag.start, tag.end))
        else:
            self._push(Node(Role.LINK, tag, tag.start, tag.end))

    def _after_text(self, tag: Tag) -> bool:
        """Whether words precede the tag on its line: a doc-link written inside a sentence is a link of the
        sentence, as the writer reads it, not a question or a card (those start a line of their own)."""
        line = self.masked[self.masked.rfind("\n", 0, tag.start) + 1 : tag.start]
        return bool(_TAG.sub("", line).strip())

    def _open_details(self, i: int) -> int:
        tag = self.tags[i]
        summary, content_start, after = self._summary(i)
        role = self._details_role(tag, summary)
        if role is Role.QUESTION and self.stack[-1].role is Role.QUESTION and "nested-details" not in tag.classes \
                and self._in_answer(i):
            role = Role.DETAILS
        if role in SECTIONS:
            self._pop_until(tag.start, _KEEP_ROOT, "the next section")
        elif role is Role.QUESTION:
            while not self._can_hold_question(self.stack[-1]):
                self._pop(tag.start, "the next question")
        self._push(Node(role, tag, tag.start, content_start, summary=summary))
        return after

    def _details_role(self, tag: Tag, summary: str | None) -> Role:
        if "introduction-video" in tag.classes:
            return Role.INTRO
        if "nested-details" in tag.classes:
            return Role.QUESTION
        role = marker(summary)
        if role is not None:
            return role
        in_faqs = bool(self.depths[Role.FAQS])
        return Role.QUESTION if in_faqs else Role.DETAILS

    def _in_answer(self, i: int) -> bool:
        """Whether the `<details>` at tag i, opened in an answer, is an accordion of the answer's rather than
        the next question after an answer left open: it is when its own `</details>` and then another (the
        answer's) are followed by more of the FAQs (a question, the `</a>` of the answer's wrapper, the
        section's `</details>`). After an answer left open, the second `</details>` is the section's."""
        depth, j = 0, i
        for j in range(i, min(len(self.tags), i + _NESTED_LOOKAHEAD)):
            tag = self.tags[j]
            if tag.name == "details":
                depth += -1 if tag.closing else 1
                if depth == 0:
                    break
        else:
            return False
        k = self._structure_after(j)
        if k is None or not (self.tags[k].closing and self.tags[k].name == "details"):
            return False
        k = self._structure_after(k)
        if k is None:
            return False
        then = self.tags[k]
        if then.closing:
            return then.name in ("details", "a")
        if then.name == "a":
            return bool(then.classes & {"nested-accordian-link", "nested-accordion-link", "doc-link"})
        return then.name == "details" and self._details_role(then, self._peek_summary(k)) is Role.QUESTION

    def _structure_after(self, j: int) -> int | None:
        """The index of the first tag after tag j that is not a plain link of the text (`<a href>`, `</a>`)."""
        links = 0
        for k in range(j + 1, min(len(self.tags), j + 1 + _NESTED_LOOKAHEAD)):
            tag = self.tags[k]
            if tag.name == "a" and not tag.closing and not tag.classes:
                links += 1
            elif tag.name == "a" and tag.closing and links:
                links -= 1
            elif tag.name != "summary":
                return k
        return None

    def _peek_summary(self, i: int) -> str | None:
        """The text of the `<summary>` right after the `<details>` at tag i, read without a word about it."""
        nxt, after = (self.tags[i + 1 : i + 3] + [None, None])[:2]
        if nxt is None or nxt.name != "summary" or nxt.closing or after is None or after.name != "summary":
            return None
        return self.text[nxt.end : after.start]

    def _can_hold_question(self, node: Node) -> bool:
        if node.role is Role.WRAPPER:
            return not any(c.role is Role.QUESTION for c in node.children)
        return node.role in (Role.FAQS, Role.ROOT)

    def _summary(self, i: int) -> tuple[str | None, int, int]:
        """The `<summary>` right after the `<details>` at tag i: its text, where content starts, next tag."""
        tag = self.tags[i]
        nxt = self.tags[i + 1] if i + 1 < len(self.tags) else None
        if nxt is None or nxt.name != "summary" or nxt.closing or self.masked[tag.end : nxt.start].strip():
            return None, tag.end, i + 1
        j = i + 2
        while j < len(self.tags) and self.tags[j].name == "a":  # a link written in the question
            j += 1
        after = self.tags[j] if j < len(self.tags) else None
        if after is not None and after.name == "summary" and after.closing:
            self._shown_as_text(nxt.end, self.text[nxt.end : after.start])
            if j > i + 2:
                self._warn(self.tags[i + 2].start, "a link in a `<summary>` is not kept: the question is shown "
                                                   "as text; put the link in the answer")
            return self.text[nxt.end : after.start], after.end, j + 1
        # No `</summary>`: the writer meant the first line of text.
        m = _FIRST_LINE.match(self.masked, nxt.end)
        end = m.end() if m else nxt.end
        self._warn(nxt.start, "`<summary>` is not closed; it ends at the end of its first line of text")
        self._shown_as_text(nxt.end, self.text[nxt.end : end])
        return self.text[nxt.end : end], end, i + 2

    def _shown_as_text(self, offset: int, text: str) -> None:
        """A summary is shown as text: what it held that could run is said to be removed, as in any HTML."""
        if "<" in text:
            self.diagnostics += dangers(mask_code(text), self.lines.line(offset))

    def _closing(self, i: int) -> None:
        tag = self.tags[i]
        if tag.name not in _CLOSES:
            self._warn(tag.start, "stray `</summary>`: ignored")
            self.ignored.append(tag)
            return
        depth = self._innermost(tag.name, len(self.stack))
        if depth is None:
            self._warn(tag.start, f"stray `</{tag.name}>` with nothing open to close: ignored")
            self.ignored.append(tag)
            return
        if self._stray_close(i, depth):
            self._warn(tag.start, f"stray `</{tag.name}>`: the tags after it close what is open; ignored")
            self.ignored.append(tag)
            return
        while len(self.stack) - 1 > depth:
            self._pop(tag.start, f"`</{tag.name}>`")
        self._close(tag)

    def _stray_close(self, i: int, depth: int) -> bool:
        """Whether the closing tag at i, which would also close what is open inside `depth`, is a stray.

        `</details></details></a>` after an answer: the writer doubled a closing tag. Taken at its word,
        the extra `</details>` would close the wrapper and the FAQs section early, and the `</a>` after it
        would have nothing to close. So both readings are played over the closing tags that follow (up to
        the next opening tag), each counting the elements it leaves to close implicitly and the closing
        tags it finds stray; the extra tag is ignored only when that reading costs strictly less.
        """
        if len(self.stack) - 1 - depth > _STRAY_LOOKAHEAD:
            return False
        as_written = len(self.stack) - 1 - depth + self._replay(i + 1, depth)
        as_stray = 1 + self._replay(i + 1, len(self.stack))
        return as_stray < as_written

    def _replay(self, i: int, height: int) -> int:
        """The implicit closes and strays that the closing tags from i cause on the stack's first `height`."""
        cost = 0
        for tag in self.tags[i : i + _STRAY_LOOKAHEAD]:
            if not tag.closing or tag.name not in _CLOSES:
                break
            depth = self._innermost(tag.name, height)
            if depth is None:
                cost += 1
            else:
                cost += height - 1 - depth
                height = depth
        return cost
