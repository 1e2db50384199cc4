"""A guide's info: what the rest of the site shows of it and what planning the site needs, from the guide."""

from __future__ import annotations

from topicgen.model import Guide, GuideInfo
from topicgen.reading.images import is_external, references


def info_of(guide: Guide) -> GuideInfo:
    """The info of a whole guide."""
    refs = [v.url for v in ((guide.intro,) if guide.intro else ()) + guide.videos]
    refs += [f.url for f in guide.faqs] + [r.url for r in guide.resources]
    links = tuple(dict.fromkeys(r for r in refs if r and not is_external(r) and not r.startswith("#")))
    images = tuple((line, ref) for line, ref in references(guide) if not is_external(ref))
    return GuideInfo(guide.source, guide.title, guide.permalink, guide.heading, guide.summary, links, images,
                     guide.diagnostics)
