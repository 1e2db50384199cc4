"""Search indexes as planned outputs: one per product, language and version, one at the root; made from guides."""

from __future__ import annotations

from collections.abc import Iterable

from topicgen.model import Guide
from topicgen.rendering.parts import Key, Page, Site, listing_folder
from topicgen.search.index import INDEX_NAME, build_index, documents

TEMPLATE = "search-index"  # not a template: pages.render_page builds the index from the members' guides


def index_pages(site: Site) -> dict[Key | None, Page]:
    """The index of each version's listing, and (key None) the root's: every product's guides in the default
    language at its current version. Each lists its members, so it is rebuilt only when one of them changed."""
    pages: dict[Key | None, Page] = {}
    for key, members in sorted(site.listings.items()):
        pages[key] = _index(listing_folder(key), (g.source for g in members))
    lang = site.config.default_language
    root = [g.source for product in site.products()
            for g in site.listings.get((product, lang, site.config.current(product)), [])]
    if root:
        pages[None] = _index("", root)
    return pages


def _index(folder: str, sources: Iterable[str]) -> Page:
    return Page(folder, TEMPLATE, {}, filename=INDEX_NAME, members=tuple(sorted(sources)))


def render_index(page: Page, guides: dict[str, Guide]) -> bytes:
    """The index's JSON, in MiniSearch's own serialized form (search.js loads it with MiniSearch.loadJSON)."""
    return build_index(documents(guides[source] for source in page.members)).encode("utf-8")
