"""Reading a whole source folder into a collection: every guide, what is not one, and the checks across them."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from topicgen import workers
from topicgen.config import Config
from topicgen.diagnostics import Located
from topicgen.model import Diagnostic, Guide, Skipped
from topicgen.reading.images import Images, resolve_images
from topicgen.reading.reader import parse_source
from topicgen.reading.sources import Unreadable, find_sources, read_source


@dataclass(frozen=True, slots=True)
class Collection:
    """Every guide of a source folder and the files that are not guides, in source-path order.

    `hashes` holds the sha256 of the bytes each readable source was read from (what its guide is made
    of), and `images` the local images the guides point at.
    """

    guides: tuple[Guide, ...]
    skipped: tuple[Skipped, ...]
    hashes: dict[str, str] = field(default_factory=dict)
    images: Images = field(default_factory=Images)

    def diagnostics(self) -> list[Located]:
        """Every diagnostic with the source it belongs to, ordered by source and line."""
        found = [(g.source, d) for g in self.guides for d in g.diagnostics]
        found += [(s.source, d) for s in self.skipped for d in s.diagnostics]
        found += self.images.diagnostics
        return sorted(found, key=lambda sd: (sd[0], sd[1].line))


class ParseCache(Protocol):
    """What parsing a source gave before, by its path and the sha256 of its bytes (see topicgen.cache)."""

    def get(self, source: str, sha: str) -> Guide | Skipped | None: ...

    def put(self, source: str, sha: str, result: Guide | Skipped) -> None: ...


def read_collection(src: Path, config: Config, cache: ParseCache | None = None) -> Collection:
    """Read and parse every source below `src`, then check the guides against each other.

    What `cache` holds for a source's exact bytes is taken from it instead of being parsed again.
    """
    results: dict[str, Guide | Skipped] = {}
    hashes: dict[str, str] = {}
    todo: list[tuple[str, bytes, bool]] = []
    for rel in find_sources(src):
        try:
            data = read_source(src, rel)
        except Unreadable as err:
            results[rel] = Skipped(rel, str(err), (Diagnostic("error", 0, str(err)),))
            continue
        hashes[rel] = hashlib.sha256(data).hexdigest()
        cached = cache.get(rel, hashes[rel]) if cache is not None else None
        if cached is not None:
            results[rel] = cached
        else:
            todo.append((rel, data, config.raw_html))
    for (rel, _, _), result in zip(todo, workers.map_items(parse_source, todo)):
        results[rel] = result
        if cache is not None:
            cache.put(rel, hashes[rel], result)
    collection = check_collisions([results[rel] for rel in sorted(results)])
    return replace(collection, hashes=hashes, images=resolve_images(collection.guides, src))


def check_collisions(results: list[Guide | Skipped]) -> Collection:
    """Two guides at one permalink are an error (both named); permalinks equal but for case, a warning."""
    guides = [r for r in results if isinstance(r, Guide)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    by_path: dict[str, list[Guide]] = defaultdict(list)
    by_fold: dict[str, list[Guide]] = defaultdict(list)
    for guide in guides:
        by_path[guide.permalink.path].append(guide)
        by_fold[guide.permalink.path.casefold()].append(guide)
    for path, same in by_path.items():
        for guide in same[1:]:
            msg = f"permalink `{path}` is already used by {same[0].source}; a page can only have one guide"
            skipped.append(Skipped(guide.source, msg, guide.diagnostics + (Diagnostic("error", 1, msg),)))
    dropped = {g.source for same in by_path.values() for g in same[1:]}
    extra = _case_warnings(by_fold, dropped)
    final = tuple(
        replace(g, diagnostics=tuple(sorted(g.diagnostics + tuple(extra[g.source]), key=lambda d: d.line)))
        if extra.get(g.source) else g
        for g in guides if g.source not in dropped
    )
    return Collection(final, tuple(sorted(skipped, key=lambda s: s.source)))


def _case_warnings(by_fold: dict[str, list[Guide]], dropped: set[str]) -> dict[str, list[Diagnostic]]:
    extra: dict[str, list[Diagnostic]] = defaultdict(list)
    for same in by_fold.values():
        kept = [g for g in same if g.source not in dropped]
        if len({g.permalink.path for g in kept}) > 1:
            for guide in kept:
                others = ", ".join(f"{o.source} (`{o.permalink.path}`)" for o in kept if o is not guide)
                extra[guide.source].append(Diagnostic(
                    "warning", 1, f"permalink `{guide.permalink.path}` differs only in case from {others}: "
                                  "they collide on case-insensitive file systems and hosts"))
    return extra
