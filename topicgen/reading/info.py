"""A guide's info: what the rest of the site shows of it and what planning the site needs, from the guide."""

from __future__ import annotations

from topicgen.model import Guide, GuideInfo, Item
from topicgen.reading.images import is_external, references


def info_of(guide: Guide) -> GuideInfo:
    """The info of a whole guide."""
    videos = ((guide.intro,) if guide.intro else ()) + guide.videos
    refs = [(v.line, v.url) for v in videos] + [(f.line, f.url) for f in guide.faqs]
    refs += [(r.line, r.url) for r in guide.resources] + list(guide.shown_links)
    # Every place a link is written: one to no page is warned of at each, so a writer who mends one learns
    # of the others in the same build.
    links = tuple(sorted({(line, ref) for line, ref in refs if ref and not is_external(ref) and ref[0] != "#"}))
    images = tuple((line, ref) for line, ref in references(guide) if not is_external(ref))
    return GuideInfo(guide.source, guide.title, guide.permalink, guide.heading, guide.summary, links, images,
                     items_of(guide), guide.diagnostics, guide.permalink_line)


def items_of(guide: Guide) -> tuple[Item, ...]:
    """The guide's questions, then its introduction and videos, then its cards (what translations compare)."""
    items = [Item(f.kind, f.topic_id if f.kind == "tour" else f.url, f.question, f.line) for f in guide.faqs]
    if guide.intro:
        items.append(Item("intro", guide.intro.url, guide.intro.heading or guide.intro.title, guide.intro.line))
    items += [Item("video", v.url, v.heading or v.title, v.line) for v in guide.videos]
    items += [Item(r.kind if r.kind != "link" else "card", r.url, r.text or r.title, r.line) for r in guide.resources]
    return tuple(items)
