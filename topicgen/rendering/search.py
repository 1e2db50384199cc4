"""Search indexes as planned outputs: one per product, language and version, made from its guides."""

from __future__ import annotations

from collections.abc import Iterable

from topicgen.model import Guide
from topicgen.rendering.parts import Key, Page, Site, listing_folder
from topicgen.search.index import INDEX_NAME, build_index, documents

TEMPLATE = "search-index"  # not a template: pages.render_page builds the index from the members' guides


def index_pages(site: Site) -> dict[Key, Page]:
    """The index of each version's listing. Each lists its members, so it is rebuilt only when one of them
    changed: a guide is in one index, and a one-guide change rebuilds that one."""
    return {key: _index(listing_folder(key), (g.source for g in members))
            for key, members in sorted(site.listings.items())}


def root_search(site: Site, indexes: dict[Key, Page]) -> list[str]:
    """What the root index and the 404 page search: every product's index in the default language at its current
    version. search.js loads them side by side and merges their results: no index of its own to build (at 20x the
    corpus one would add 0.9 s to a build and be rebuilt by every change of a default-language guide)."""
    lang = site.config.default_language
    keys = [(product, lang, site.config.current(product)) for product in site.products()]
    return [indexes[key].output for key in keys if key in indexes]


def _index(folder: str, sources: Iterable[str]) -> Page:
    return Page(folder, TEMPLATE, {}, filename=INDEX_NAME, members=tuple(sorted(sources)))


def render_index(page: Page, guides: dict[str, Guide]) -> bytes:
    """The index's JSON, in MiniSearch's own serialized form (search.js loads it with MiniSearch.loadJSON)."""
    return build_index(documents(guides[source] for source in page.members)).encode("utf-8")
