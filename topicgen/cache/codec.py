"""Parsed guides as JSON data and back, checked on the way back: the cache is input like any other."""

from __future__ import annotations

from typing import Any

from topicgen.errors import TopicgenError
from topicgen.model import (
    Diagnostic,
    Faq,
    FaqSection,
    Guide,
    GuideInfo,
    IntroSection,
    Item,
    MarkdownSection,
    Permalink,
    Resource,
    ResourceSection,
    Section,
    Skipped,
    Video,
    VideoSection,
)
from topicgen.parsing.sanitize import safe_url, sanitize
from topicgen.reading.permalink import parse_permalink


class Invalid(Exception):
    """What was read is not what topicgen wrote: it is parsed again from the source instead."""


def encode_info(result: GuideInfo | Skipped) -> list[Any]:
    """A guide's info, or a Skipped entry, as JSON-ready lists."""
    diags = [[d.severity, d.line, d.message] for d in result.diagnostics]
    if isinstance(result, Skipped):
        return ["skipped", result.source, result.reason, diags]
    return ["info", result.source, result.title, result.permalink.path, result.heading, result.summary,
            [list(link) for link in result.links], [list(i) for i in result.images],
            [[i.kind, i.ref, i.text, i.line] for i in result.items], diags, result.permalink_line]


def decode_info(data: Any, source: str) -> GuideInfo | Skipped:
    """The info or Skipped entry `data` encodes for `source`; Invalid unless it is what topicgen writes."""
    try:
        if data[0] == "skipped":
            result: GuideInfo | Skipped = _decode(data)  # type: ignore[assignment]
        else:
            tag, src, title, path, heading, summary, links, images, items, diags, permalink_line = data
            if tag != "info":
                raise ValueError(f"unknown entry {tag!r}")
            result = GuideInfo(_text(src), _text(title), _permalink(path), _text(heading), _text(summary),
                               tuple((_int(line), _relative(ref)) for line, ref in links),
                               tuple((_int(line), _relative(ref)) for line, ref in images),
                               tuple(_item(i) for i in items), _diagnostics(diags), _int(permalink_line))
    except (TypeError, ValueError, IndexError, KeyError, TopicgenError) as err:
        raise Invalid(f"malformed entry ({err})") from None
    if result.source != source:
        raise Invalid("entry of another source")
    return result


def encode(result: Guide) -> list[Any]:
    """A whole guide as JSON-ready lists, fields in the order of the model's classes."""
    diags = [[d.severity, d.line, d.message] for d in result.diagnostics]
    p = result.permalink
    return ["guide", result.source, result.title, p.path, result.heading, result.summary, result.summary_html,
            [_section(s) for s in result.sections], [[k, v] for k, v in result.extra], diags,
            [list(i) for i in result.shown_images], result.permalink_line, [list(i) for i in result.shown_links]]


def _section(s: Section) -> list[Any]:
    if isinstance(s, IntroSection):
        return ["intro", s.line, s.open, [_video(s.video), s.label]]
    if isinstance(s, FaqSection):
        return ["faqs", s.line, s.open, [[f.line, f.kind, f.question, f.url, f.answer_html, f.topic_id, f.open,
                                          f.external, f.doc_link] for f in s.items]]
    if isinstance(s, VideoSection):
        return ["videos", s.line, s.open, [_video(v) for v in s.videos]]
    if isinstance(s, ResourceSection):
        return ["resources", s.line, s.open, [[r.line, r.kind, r.text, r.url, r.title, r.image] for r in s.items]]
    return ["markdown", s.line, s.open, s.html]


def _video(v: Video) -> list[Any]:
    return [v.line, v.title, v.thumbnail, v.url, v.heading, v.description, v.description_html]


def decode(data: Any, source: str) -> Guide:
    """The Guide or Skipped that `data` encodes for `source`; Invalid unless it is exactly what topicgen
    would have written: every HTML fragment as the sanitizer writes it, every URL one it lets through, the
    permalink as the parser reads it. So nothing in a cache can put script on a page.
    """
    try:
        result = _decode(data)
    except (TypeError, ValueError, IndexError, KeyError, TopicgenError) as err:
        raise Invalid(f"malformed entry ({err})") from None
    if not isinstance(result, Guide) or result.source != source:
        raise Invalid("entry of another source")
    return result


def _decode(data: list[Any]) -> Guide | Skipped:
    if data[0] == "skipped":
        _, source, reason, diags = data
        return Skipped(_text(source), _text(reason), _diagnostics(diags))
    tag, source, title, path, heading, summary, summary_html, sections, extra, diags, images, permalink_line, \
        links = data
    if tag != "guide":
        raise ValueError(f"unknown entry {tag!r}")
    return Guide(source=_text(source), title=_text(title), permalink=_permalink(path), heading=_text(heading),
                 summary=_text(summary), summary_html=_html(summary_html),
                 sections=tuple(_decode_section(s) for s in sections),
                 extra=tuple((_text(k), v) for k, v in extra), diagnostics=_diagnostics(diags),
                 shown_images=tuple((_int(line), _text(ref)) for line, ref in images),
                 permalink_line=_int(permalink_line),
                 shown_links=tuple((_int(line), _text(ref)) for line, ref in links))


def _decode_section(s: list[Any]) -> Section:
    kind, line, opened, body = s
    line, opened = _int(line), _bool(opened)
    if kind == "intro":
        video, label = body
        return IntroSection(line, opened, _decode_video(video), _text(label))
    if kind == "faqs":
        return FaqSection(line, opened, tuple(_faq(f) for f in body))
    if kind == "videos":
        return VideoSection(line, opened, tuple(_decode_video(v) for v in body))
    if kind == "resources":
        return ResourceSection(line, tuple(_resource(r) for r in body), opened)
    if kind == "markdown":
        return MarkdownSection(line, _html(body), opened)
    raise ValueError(f"unknown section {kind!r}")


_ITEM_KINDS = ("answer", "link", "tour", "intro", "video", "documentation", "academy", "card")


def _item(i: list[Any]) -> Item:
    kind, ref, text, line = i
    if kind not in _ITEM_KINDS:
        raise ValueError(f"unknown item kind {kind!r}")
    return Item(kind, _url(ref) if kind != "tour" else _optional_text(ref), _text(text), _int(line))


def _faq(f: list[Any]) -> Faq:
    line, kind, question, url, answer_html, topic_id, opened, external, doc_link = f
    if kind not in ("answer", "link", "tour"):
        raise ValueError(f"unknown question kind {kind!r}")
    return Faq(_int(line), kind, _text(question), _url(url), None if answer_html is None else _html(answer_html),
               _optional_text(topic_id), _bool(opened), _bool(external), _bool(doc_link))


def _resource(r: list[Any]) -> Resource:
    line, kind, text, url, title, image = r
    if kind not in ("documentation", "academy", "link"):
        raise ValueError(f"unknown card kind {kind!r}")
    return Resource(_int(line), kind, _text(text), _url(url), _text(title), _url(image))


def _decode_video(v: list[Any]) -> Video:
    line, title, thumbnail, url, heading, description, description_html = v
    return Video(_int(line), _text(title), _url(thumbnail), _url(url), _text(heading), _text(description),
                 _html(description_html))


def _diagnostics(diags: list[Any]) -> tuple[Diagnostic, ...]:
    found = []
    for severity, line, message in diags:
        if severity not in ("warning", "error"):
            raise ValueError(f"unknown severity {severity!r}")
        found.append(Diagnostic(severity, _int(line), _text(message)))
    return tuple(found)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("a text was expected")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("a number was expected")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false was expected")
    return value


def _permalink(path: Any) -> Permalink:
    permalink, _ = parse_permalink(_text(path), 1)
    if permalink.path != path:
        raise ValueError("permalink not as the parser reads it")
    return permalink


def _relative(value: Any) -> str:
    # A guide's local link or image: a relative reference (one with a scheme is never local).
    if ":" in _text(value).split("/", 1)[0] or value.startswith("//"):
        raise ValueError("a local reference with a scheme or host")
    return value


def _url(value: Any) -> str | None:
    if value is not None and safe_url(_text(value)) != value:
        raise ValueError("a URL the parser would not keep")
    return value


def _html(value: Any) -> str:
    # Sanitized HTML stays the same when sanitized again; anything else was not written by topicgen.
    if sanitize(_text(value)) != value:
        raise ValueError("HTML that is not the sanitizer's")
    return value
