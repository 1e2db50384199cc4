"""A guide's body to its sections: intro video, FAQs, videos, cards and free markdown, with diagnostics."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from topicgen.diagnostics import Diagnostic
from topicgen.model import (
    Faq,
    FaqKind,
    FaqSection,
    IntroSection,
    MarkdownSection,
    Resource,
    ResourceKind,
    ResourceSection,
    Section,
    Video,
    VideoSection,
)
from topicgen.parsing import shapes
from topicgen.parsing.markdown import Renderer
from topicgen.parsing.markup import (
    LineMap,
    find_tags,
    image_lines,
    link_lines,
    mask_code,
    strip_comments,
    unclosed_fence,
)
from topicgen.parsing.sanitize import dangers
from topicgen.parsing.tree import Node, Role, TreeBuilder, marker, plain


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """What the body yields, before front matter is joined to it."""

    heading: str | None
    summary: str
    summary_html: str
    sections: tuple[Section, ...]
    diagnostics: tuple[Diagnostic, ...]
    images: tuple[tuple[int, str], ...]  # the `<img>` addresses of the HTML it shows, each with its line
    links: tuple[tuple[int, str], ...] = ()  # the `<a href>` addresses of the HTML it shows, each with its line



@dataclass(slots=True)
class _Pending:
    """Free markdown waiting to become a section: (offset, text) pieces."""

    pieces: list[tuple[int, str]] = field(default_factory=list)

    def add(self, offset: int, text: str) -> None:
        if text:
            self.pieces.append((offset, text))


def parse_body(body: str, first_line: int, renderer: Renderer) -> ParsedBody:
    """Parse a guide body whose first line is `first_line` of its file."""
    return _BodyParser(body, first_line, renderer).parse()


class _BodyParser:
    def __init__(self, body: str, first_line: int, renderer: Renderer) -> None:
        self.lines = LineMap(body, first_line)
        self.text, self.diagnostics = strip_comments(body, self.lines)
        self.masked = mask_code(self.text)
        if (fence := unclosed_fence(self.text)) is not None:
            self._warn(fence, "this code fence is never closed: the rest of the file is shown as code, "
                              "and no accordion or card after it is read; close it with the same fence")
        self.renderer = renderer
        self.sections: list[Section] = []
        self.extra_items: dict[int, list[object]] = {}  # items that join self.sections[index]
        self.pending = _Pending()
        self.heading: str | None = None
        self.summary = ""
        self.summary_html = ""
        self.images: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []

    def parse(self) -> ParsedBody:
        builder = TreeBuilder(self.text, self.masked, find_tags(self.masked), self.lines)
        root = builder.build()
        self.diagnostics += builder.diagnostics
        self.text = shapes.blank_tags(self.text, builder.ignored)  # stray tags are neither structure nor text
        pos = 0
        for child in root.children:
            self.pending.add(pos, self.text[pos : child.start])
            self._root_child(child)
            pos = child.end
        self.pending.add(pos, self.text[pos:])
        self._flush()
        for index, items in self.extra_items.items():
            section = self.sections[index]
            name = "videos" if isinstance(section, VideoSection) else "items"
            self.sections[index] = replace(section, **{name: getattr(section, name) + tuple(items)})
        diags = sorted(self.diagnostics, key=lambda d: d.line)
        images = sorted(self.images, key=lambda image: image[0])  # in the order they are written
        links = sorted(self.links, key=lambda link: link[0])
        return ParsedBody(self.heading, self.summary, self.summary_html, tuple(self.sections), tuple(diags),
                          tuple(images), tuple(links))

    # -- helpers -----------------------------------------------------------------------------

    def _warn(self, offset: int, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", self.lines.line(offset), message))

    def _render(self, offset: int, text: str, shown: bool = True) -> str:
        """The HTML of the markdown `text` at `offset`; with `shown` (its HTML is on the page, not only its
        words) its images and links are the guide's, each at the line its address is written on."""
        html_, diags = self.renderer.render(text, self.lines.line(offset))
        self.diagnostics.extend(diags)
        if shown:
            self.images += image_lines(html_, text, self.lines.line(offset))
            links = link_lines(html_, text, self.lines.line(offset))
            for line, ref in links:  # `tes.com`: as a question's or a card's URL would be, said where it is
                if shapes.BARE_DOMAIN.match(ref):
                    self.diagnostics.append(Diagnostic("warning", line, shapes.judged_url(ref)[1]))
            self.links += links
        return html_

    def _words(self, offset: int, heading: str) -> str:
        """A heading's text as words: its markdown (`*emphasis*`, `` `code` ``, a link) rendered and read as
        text, as a summary's is; a heading is plain text in the model."""
        if not shapes.MARKDOWN_MARK.search(heading):
            return plain(heading)  # the usual heading: words alone
        escaped = shapes.BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", heading)
        return plain(self._render(offset, escaped, shown=False))

    def _url(self, offset: int, url: str | None) -> str | None:
        safe, problem = shapes.judged_url(url)
        if problem:
            self._warn(offset, problem)
        return safe

    def _href(self, node: Node, missing: str) -> str | None:
        """The element's `href` as the page may link it; the warning `missing` (if any) when it has none."""
        if missing and not (node.attrs.get("href") or "").strip():
            self._warn(node.start, missing)
        return self._url(node.start, node.attrs.get("href"))

    def _content(self, node: Node) -> tuple[int, str]:
        return node.content_start, self.text[node.content_start : node.content_end]

    # -- root level --------------------------------------------------------------------------

    def _root_child(self, node: Node) -> None:
        role = node.role
        if role is Role.LINK:
            self.pending.add(node.start, self.text[node.start : node.end])
            return
        self._flush()
        if role is Role.INTRO and any(isinstance(s, IntroSection) for s in self.sections):
            # A guide has one introduction (the export's `intro`); a second one is a video like the others.
            self._warn(node.start, "a second introduction video: a guide has one; kept with the videos")
            video = self._video(node)
            self._extend_last(VideoSection, video, lambda: VideoSection(video.line, False, (video,)))
        elif role is Role.INTRO:
            label = plain(node.summary or "") if marker(node.summary) is not Role.INTRO else ""
            self._add(IntroSection(self.lines.line(node.start), "open" in node.attrs, self._video(node), label))
        elif role is Role.FAQS:
            self._faqs(node)
        elif role is Role.VIDEOS:
            self._videos(node)
        elif role is Role.DOCLINK and "tour-guide" not in node.classes and (
                shapes.card_shaped(self._content(node)[1])
                or not any(isinstance(s, FaqSection) for s in self.sections)):
            # A text-only doc-link is a question a stray `</details>` pushed out of the FAQs before it;
            # with no FAQs before it, it is what it looks like: a card of kind "link".
            self._add_card(self._card(node))
        elif role in (Role.DOCLINK, Role.WRAPPER, Role.QUESTION):
            self._warn(node.start, "FAQ item outside the FAQs section: kept with the FAQs")
            self._add_orphan_faq(node)
        elif role is Role.VIDEO:
            self._warn(node.start, "`<details-video>` outside the Videos section: kept with the videos")
            video = self._video(node)
            self._extend_last(VideoSection, video, lambda: VideoSection(video.line, False, (video,)))
        else:
            self._details_block(node)

    def _add(self, section: Section) -> None:
        self.sections.append(section)

    def _extend_last(self, kind: type, item: object, new: Callable[[], Section]) -> None:
        """Add `item` to the last section if it is of `kind`, else start a new section."""
        if self.sections and isinstance(self.sections[-1], kind):
            # Collected here and joined once in parse(): growing a tuple per item is quadratic.
            self.extra_items.setdefault(len(self.sections) - 1, []).append(item)
        else:
            self._add(new())

    def _add_card(self, card: Resource) -> None:
        self._extend_last(ResourceSection, card, lambda: ResourceSection(card.line, (card,)))

    def _add_orphan_faq(self, node: Node) -> None:
        item = self._faq_item(node)
        if item is not None:
            self._extend_last(FaqSection, item, lambda: FaqSection(item.line, False, (item,)))

    def _details_block(self, node: Node) -> None:
        """A `<details>` of the writer's own: kept as an accordion with its markdown rendered."""
        self._add(MarkdownSection(self.lines.line(node.start), self._accordion(node)))

    def _accordion(self, node: Node) -> str:
        """The HTML of a `<details>` of the writer's own, its markdown rendered (and any accordion in it)."""
        # Written as the sanitizer writes HTML (`open=""`, quotes as they are), so that what the cache
        # holds can be checked against the sanitizer's own output.
        summary = html.escape(plain(node.summary or ""), quote=False)
        opened = ' open=""' if "open" in node.attrs else ""
        return f"<details{opened}><summary>{summary}</summary>{self._render_holding(node)}</details>"

    def _render_holding(self, node: Node) -> str:
        """The HTML of an element's content: its markdown, and the accordions of the writer's own in it."""
        inner = [c for c in node.children if c.role is Role.DETAILS]
        if not inner:
            return self._render(*self._content(node))
        pieces, pos = [], node.content_start
        for child in inner:
            pieces += [self._render(pos, self.text[pos : child.start]), self._accordion(child)]
            pos = child.end
        return "".join(pieces + [self._render(pos, self.text[pos : node.content_end])])

    def _flush(self) -> None:
        if not self.pending.pieces:
            return
        offset = self.pending.pieces[0][0]
        text = "".join(t for _, t in self.pending.pieces)
        self.pending = _Pending()
        if not self.sections and self.heading is None and not self.summary:
            offset, text = self._preamble(offset, text)
        if not shapes.WRAPPING_MARKUP.fullmatch(text):  # tags around a section's items are no section
            start = offset + len(text) - len(text.lstrip())
            # Rendered from `offset`: the text still has its leading blank lines, which count.
            self._add(MarkdownSection(self.lines.line(start), self._render(offset, text)))

    def _preamble(self, offset: int, text: str) -> tuple[int, str]:
        """Take `#### Topic Guide`, the `######` heading and the intro paragraph off the start (each may be
        written in HTML too: `<h4>Topic Guide</h4>`, `<h6>…</h6>`, `<p>…</p>`, on lines of their own)."""
        lines = text.split("\n")
        i = shapes.skip_blank(lines, 0)
        label = 0  # the lines the label takes
        if i < len(lines) and shapes.LABEL.match(lines[i]):
            label = 1
        elif (element := shapes.html_heading(lines, i)) and shapes.LABEL_TEXT.fullmatch(element[1]):
            label = element[2]
        if label:
            i = shapes.skip_blank(lines, i + label)
        at = offset + sum(len(line) + 1 for line in lines[:i])
        heading = shapes.HEADING.match(lines[i]) if i < len(lines) else None
        in_html = shapes.html_heading(lines, i) if not heading else None
        if heading and (label or lines[i].lstrip().startswith("#####")):
            self.heading = self._words(at, heading.group(1))
            i = shapes.skip_blank(lines, i + 1)
        elif in_html and (label or in_html[0] >= 5):  # its text as the browser shows it, sanitized
            count = in_html[2]
            self.heading = plain(self._render(at, "\n".join(lines[i : i + count]), shown=False))
            i = shapes.skip_blank(lines, i + count)
        elif not label:
            return offset, text
        para = shapes.paragraph(lines, i)
        if para:
            start = offset + sum(len(line) + 1 for line in lines[:i])
            self.summary_html = self._render(start, "\n".join(para))
            self.summary = plain(self.summary_html)
        consumed = sum(len(line) + 1 for line in lines[: i + len(para)])
        return offset + consumed, "\n".join(lines[i + len(para):])

    # -- FAQs --------------------------------------------------------------------------------

    def _faqs(self, node: Node) -> None:
        items: list[Faq] = []
        cards: list[Resource] = []
        stray = _Pending()
        pos = node.content_start
        for child in node.children:
            self._faq_gap(pos, child.start, stray)
            pos = child.end
            if child.role is Role.DOCLINK and shapes.card_shaped(self._content(child)[1], in_faqs=True):
                self._warn(child.start, "a documentation card inside the FAQs section: shown after it")
                cards.append(self._card(child))
            elif (item := self._faq_item(child)) is not None:
                items.append(item)
        self._faq_gap(pos, node.content_end, stray)
        if not items and not cards:
            self._warn(node.start, "the FAQs section has no questions")
        self._add(FaqSection(self.lines.line(node.start), "open" in node.attrs, tuple(items)))
        for card in cards:
            self._add_card(card)
        self.pending = stray
        self._flush()

    def _faq_gap(self, start: int, end: int, stray: _Pending) -> None:
        text = self.text[start:end]
        if not shapes.WRAPPING_MARKUP.fullmatch(text):
            at = start + len(text) - len(text.lstrip())
            self._warn(at, "text in the FAQs section outside any question: shown after the section")
            stray.add(start, text)

    def _faq_item(self, node: Node) -> Faq | None:
        if node.role is Role.WRAPPER:
            question = next((c for c in node.children if c.role is Role.QUESTION), None)
            if question is None:
                self._warn(node.start, "`nested-accordian-link` without a `<details>` question: read as a link")
                return self._link_item(node, "link")
            return self._answer(question, node)
        if node.role is Role.QUESTION:
            return self._answer(node, None)
        if node.role is Role.DOCLINK:
            return self._link_item(node, "tour" if "tour-guide" in node.classes else "link")
        if node.role is Role.LINK:
            self._warn(node.start, "a link in the FAQs section without `class=\"doc-link\"`: read as a link question")
            return self._link_item(node, "link")
        self._warn(node.start, f"unexpected {node.role.value} in the FAQs section: shown as a question")
        return self._answer(node, None) if node.role in (Role.DETAILS,) else None

    def _link_item(self, node: Node, kind: FaqKind) -> Faq | None:
        offset, content = self._content(node)
        question = plain(content)
        if "<" in content:  # shown as text, like a summary (tree.TreeBuilder._shown_as_text)
            self.diagnostics += dangers(mask_code(content), self.lines.line(offset))
        if not question:
            self._warn(node.start, "a FAQ link with no text: left out")
            return None
        topic = node.attrs.get("topic-id") if kind == "tour" else None
        if kind == "tour" and not topic:
            self._warn(node.start, "a tour link without `topic-id`")
        url = self._href(node, "a FAQ link without `href`: shown as text, without a link" if kind == "link" else "")
        return Faq(self.lines.line(node.start), kind, question, url, None, topic, "open" in node.classes)

    def _answer(self, details: Node, wrapper: Node | None) -> Faq:
        offset, content = self._content(details)
        question = plain(details.summary or "")
        if details.summary is None:
            self._warn(details.start, "a question without `<summary>`: its first line is the question")
            first, _, rest = content.strip().partition("\n")
            question, content = plain(first), rest
        if not question:
            self._warn(details.start, "a question with an empty `<summary>`")
        if wrapper is not None:
            extra = [self.text[wrapper.content_start : details.start], self.text[details.end : wrapper.content_end]]
            if any(t.strip() for t in extra):
                self._warn(wrapper.start, "text inside `nested-accordian-link` outside its `<details>`: "
                                          "added to the answer")
                content = extra[0] + content + extra[1]
        classes = wrapper.classes if wrapper else set()
        url = self._url(wrapper.start, wrapper.attrs.get("href")) if wrapper else None
        # An accordion in the answer (tree.TreeBuilder._in_answer) is rendered as one of the writer's own.
        nested = details.summary is not None and any(c.role is Role.DETAILS for c in details.children)
        answer = self._render_holding(details) if nested and content == self._content(details)[1] \
            else self._render(offset, content)
        return Faq(
            line=self.lines.line(details.start), kind="answer", question=question, url=url,
            answer_html=answer, topic_id=None,
            open="open" in classes or "open" in details.attrs,
            external="no-doc-ext-link" not in classes, doc_link="no-doc-link" not in classes,
        )

    # -- videos and cards --------------------------------------------------------------------

    def _videos(self, node: Node) -> None:
        videos: list[Video] = []
        pos = node.content_start
        gaps = []
        for child in node.children:
            if child.role is Role.LINK and shapes.HTML_VIDEO_LINK.match(self.text, child.start):
                continue  # a video's link written in HTML: the video runs on from it, as from `[![…](…)](…)`
            gaps.append((pos, child.start))
            pos = child.end
            if child.role is Role.VIDEO:
                videos.append(self._video(child))
            else:
                self._warn(child.start, f"{child.role.value} inside the Videos section: kept as text")
                gaps.append((child.start, child.end))
        gaps.append((pos, node.content_end))
        stray = _Pending()
        for start, end in gaps:
            # Each video written without `<details-video>` runs from its link to the next one; text before
            # the first is no part of it.
            links = [at for at, _ in shapes.video_links(self.text, start, end)]
            bounds = sorted({start, *links})  # a gap may begin at a link: no empty piece before it
            for at, until in zip(bounds, [*bounds[1:], end]):
                text = self.text[at:until]
                if at in links:
                    self._warn(at, "a video outside `<details-video>`: read as a video")
                    videos.append(self._video_from(at, text))
                elif not shapes.WRAPPING_MARKUP.fullmatch(text):
                    self._warn(at + len(text) - len(text.lstrip()),
                               "text in the Videos section outside any video: shown after the section")
                    stray.add(at, text)
        if not videos:
            self._warn(node.start, "the Videos section has no videos")
        videos.sort(key=lambda v: v.line)
        self._add(VideoSection(self.lines.line(node.start), "open" in node.attrs, tuple(videos)))
        self.pending = stray
        self._flush()

    def _video(self, node: Node) -> Video:
        return self._video_from(*self._content(node))

    def _video_from(self, offset: int, content: str) -> Video:
        """`[![title](thumbnail)](url)`, then a heading, then a description."""
        link = shapes.video_link(content)
        start = end = 0
        if link is None:
            self._warn(offset, "no video link `[![title](thumbnail)](url)` here")
            title, thumb, url = "", None, None
        else:
            title, thumb, url, start, end = link
        # What is left keeps its lines where they were (the link's line breaks, the heading's line as a blank
        # one), so that a warning about the description names the line it is on.
        rest = content[:start] + "\n" * content.count("\n", start, end) + content[end:]
        shift = end - start - content.count("\n", start, end)  # what `rest` lacks of the link, after it
        if link is not None and (again := shapes.video_links(rest)):
            second = self.lines.line(offset) + rest.count("\n", 0, again[0][0])  # `rest` keeps the lines
            self.diagnostics.append(Diagnostic("warning", second, "a second video link in one video: each video has "
                                               "its own `<details-video>`; this one is shown in the description"))
        raw, description, where = shapes.video_heading(rest)
        heading = self._words(offset + where + (shift if where >= start else 0), raw)
        html_ = self._render(offset, description)
        return Video(self.lines.line(offset + len(content) - len(content.lstrip())), title,
                     self._url(offset + start, thumb), self._url(offset + start, url), heading, plain(html_), html_)

    def _card(self, node: Node) -> Resource:
        offset, content = self._content(node)
        url = self._href(node, "a card without `href`: shown without a link")
        image = shapes.card_image(content)
        line = self.lines.line(node.start)
        if labelled := shapes.labelled_card(content):
            label, text, rest = labelled
            kind: ResourceKind = ("documentation" if "documentation" in label.lower()
                                  else "academy" if "academy" in label.lower() else "link")
            if rest.strip():  # a note in the card beside its label: shown with it
                text = " ".join(filter(None, [text, plain(self._render(offset, rest, shown=False))]))
            return Resource(line, kind, text, url, plain(label), self._url(node.start, image))
        raw, rest, where = shapes.card_heading(content)
        title = self._words(offset + where, raw)
        text = plain(self._render(offset, rest, shown=False))  # a card shows its text only
        if not title and not text:
            self._warn(node.start, "an empty documentation card")
        return Resource(line, "link", text, url, title, self._url(node.start, image))
