"""Search indexes as planned outputs: one per product, language and version, made from its guides."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from topicgen import workers
from topicgen.model import Guide, GuideInfo
from topicgen.output.commit import Staging, write_staged
from topicgen.reading.collect import Collection
from topicgen.reading.permalink import url_path
from topicgen.rendering.parts import Key, Page, Site, listing_folder
from topicgen.search.index import INDEX_NAME, Indexed, checked_entry, guide_entry, merge_index

TEMPLATE = "search-index"  # not a template: render_indexes merges the index from its members' search entries


@dataclass(frozen=True, slots=True)
class Postponed:
    """Search indexes a build leaves for later (BuildOptions.indexes_later): their pages, the keys they are to
    be made from, and those they were made from (the build records these, so the next build finds them stale)."""

    pages: list[Page] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    made_from: dict[str, str] = field(default_factory=dict)


def index_pages(site: Site) -> dict[Key, Page]:
    """The index of each version's listing. Each lists its members, so it is rebuilt only when one of them
    changed: a guide is in one index, and a one-guide change rebuilds that one."""
    return {key: _index(listing_folder(key), (g.source for g in members))
            for key, members in sorted(site.listings.items())}


def root_search(site: Site, indexes: dict[Key, Page]) -> list[str]:
    """What the root index and the 404 page search: every product's index in the default language at its current
    version. search.js loads them side by side and merges their results: no index of its own to build (it
    would hold what those hold again, and be rebuilt by every change of a default-language guide)."""
    lang = site.config.default_language
    keys = [(product, lang, site.config.current(product)) for product in site.products()]
    return [indexes[key].output for key in keys if key in indexes]


def _index(folder: str, sources: Iterable[str]) -> Page:
    return Page(folder, TEMPLATE, {}, filename=INDEX_NAME, members=tuple(sorted(sources)))


def render_index(page: Page, guides: dict[str, Guide]) -> bytes:
    """The index's JSON, in MiniSearch's own serialized form (search.js loads it with MiniSearch.loadJSON)."""
    ordered = sorted((guides[source] for source in page.members), key=lambda g: g.permalink.path)
    return merge_index(guide_entry(g) for g in ordered).encode("utf-8")


def render_indexes(indexes: Sequence[Page], collection: Collection, staging: Staging, crew: workers.Crew) -> None:
    """Stale indexes written into `staging`, merged from their guides' search entries: those the cache holds,
    and those the worker that keeps the guide (a guide the cache had, any worker) makes and the cache keeps.
    No guide travels, and a build that changed one guide makes one entry. The indexes are merged here, one
    at a time, from the entries' JSON (as compact as the cache holds them), so that only one index's entries
    are held at once as Python lists: all of them at once raised a large build's peak memory."""
    infos = {info.source: info for info in collection.infos}
    for page in indexes:
        entries: dict[str, str] = {}
        shares = collection.shares(page.members, crew.size, lambda source: source)
        for found in crew.each(_entries, [[(s, collection.hashes[s]) for s in share] for share in shares]):
            entries.update(found)
        ordered = sorted(page.members, key=lambda source: infos[source].permalink.path)
        text = merge_index(_entry(source, entries.get(source), infos[source], collection) for source in ordered)
        staging.mark(page.output, write_staged(staging.out, staging.folder, page.output, text.encode("utf-8")))


def _entry(source: str, text: str | None, info: GuideInfo, collection: Collection) -> list[Indexed]:
    """A guide's entry as a worker gave it, checked; a guide no worker has (no cache to load it from), or
    whose cached entry is damaged, made here from the guide the collection reads."""
    if text is not None:
        try:
            return checked_entry(json.loads(text), url_path(info.permalink))
        except ValueError:  # json's errors are ValueErrors too
            pass
    return guide_entry(collection.guide(source))


def _entries(state: workers.State, share: list[tuple[str, str]], tick: workers.Tick) -> dict[str, str]:
    """In a worker: the search entries (JSON) of the guides of its share that the cache holds, or that it
    makes from a guide it keeps or the cache has (and has the cache keep); none for any other."""
    kept: dict[str, Guide] = state.get("guides", {})
    cache = state.get("cache")
    found = cache.search_entries(dict(share)) if cache is not None else {}
    made: dict[str, tuple[str, str]] = {}
    for source, sha in share:
        if source in found:
            continue
        guide = kept.get(source) or (cache.guide(source, sha) if cache is not None else None)
        if guide is not None:
            made[source] = (sha, json.dumps(guide_entry(guide), ensure_ascii=False, separators=(",", ":")))
    if cache is not None:
        cache.keep_entries(made)
    return {**found, **{source: text for source, (_, text) in made.items()}}
