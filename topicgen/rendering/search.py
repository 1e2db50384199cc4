"""Search indexes as planned outputs: one per product, language and version, made from its guides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from topicgen import workers
from topicgen.model import Guide
from topicgen.output.commit import Staging, write_staged
from topicgen.reading.collect import Collection
from topicgen.rendering.parts import Key, Page, Site, listing_folder
from topicgen.search.index import INDEX_NAME, Document, build_index, guide_documents, numbered

TEMPLATE = "search-index"  # not a template: render_indexes builds the index from the members' guides


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
    ordered = sorted((guides[source] for source in page.members), key=lambda g: g.permalink.path)
    return build_index(numbered(guide_documents(g) for g in ordered)).encode("utf-8")


def render_indexes(indexes: Sequence[Page], collection: Collection, staging: Staging, crew: workers.Crew) -> None:
    """Stale indexes written into `staging`. Each guide's documents are made by the worker that keeps the guide
    (a guide the cache had, by any worker, from the cache), so no guide travels; the indexes are built here,
    one at a time, so that only one index's documents are held at once (at 20x, 40 MB for all of them)."""
    paths = {info.source: info.permalink.path for info in collection.infos}
    for page in indexes:
        docs: dict[str, list[Document] | None] = {}
        shares = collection.shares(page.members, crew.size, lambda source: source)
        for found in crew.each(_documents, [[(s, collection.hashes[s]) for s in share] for share in shares]):
            docs.update(found)
        ordered = sorted(page.members, key=paths.__getitem__)
        # a guide no worker has (no cache to load it from): the collection reads it here
        text = build_index(numbered(docs[s] or guide_documents(collection.guide(s)) for s in ordered))
        staging.mark(page.output, write_staged(staging.out, staging.folder, page.output, text.encode("utf-8")))


def _documents(state: workers.State, share: list[tuple[str, str]],
               tick: workers.Tick) -> dict[str, list[Document] | None]:
    """In a worker: the documents of the guides it keeps or its cache holds; None for any other."""
    kept: dict[str, Guide] = state.get("guides", {})
    cache = state.get("cache")
    found: dict[str, list[Document] | None] = {}
    for source, sha in share:
        guide = kept.get(source) or (cache.guide(source, sha) if cache is not None else None)
        found[source] = guide_documents(guide) if guide is not None else None
    return found
