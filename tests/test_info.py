"""A guide's info: what planning the site and the rest of the site read of it, taken from the whole guide."""

from __future__ import annotations

from tests.conftest import GUIDES, collect
from topicgen.reading.info import info_of


def test_the_info_lists_every_item_with_its_kind_ref_text_and_line():
    collection = collect(GUIDES)
    for info in collection.infos:
        guide = collection.guide(info.source)
        assert info_of(guide) == info or info.diagnostics != guide.diagnostics
        assert [i.line for i in info.items if i.kind in ("answer", "link", "tour")] == [f.line for f in guide.faqs]
        assert info.count("answer", "link", "tour") == len(guide.faqs)
        assert info.count("intro", "video") == len(guide.videos) + (1 if guide.intro else 0)
        assert info.count("documentation", "academy", "card") == len(guide.resources)
    kinds = {i.kind for info in collection.infos for i in info.items}
    assert kinds == {"answer", "link", "tour", "intro", "video", "documentation", "academy", "card"}
    tours = [i for info in collection.infos for i in info.items if i.kind == "tour"]
    assert tours and all(i.ref for i in tours), "a tour's ref is its topic id"
