"""Reading a whole source folder into a collection: every guide, what is not one, and the checks across them."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeVar

from topicgen import workers
from topicgen.config import Config
from topicgen.diagnostics import Located
from topicgen.errors import TopicgenError
from topicgen.memo import NO_MEMO, Memo
from topicgen.model import Diagnostic, Guide, GuideInfo, Skipped
from topicgen.reading.images import Images, resolve_images
from topicgen.reading.info import info_of
from topicgen.reading.reader import parse_source
from topicgen.reading.sources import SourceTree, Unreadable, read_source, signature, source_tree

T = TypeVar("T")


class ParseCache(Protocol):
    """What parsing a source gave before, by its path and the sha256 of its bytes (see topicgen.cache).

    `infos` and `keep` are called in worker processes, a chunk of sources at a time.
    """

    def infos(self, hashes: dict[str, str]) -> dict[str, GuideInfo | Skipped]:
        """What is known of the sources of `hashes` (source to the sha256 of its bytes), by source."""
        ...

    def guide(self, source: str, sha: str) -> Guide | None:
        """The whole guide `source` with these bytes parsed to, or None."""
        ...

    def keep(self, parsed: list[tuple[str, str, Guide | Skipped, GuideInfo | None]]) -> None:
        """Keep these parse results: (source, sha256 of its bytes, result, info of a guide)."""
        ...

    def known_hash(self, source: str, signature: tuple[int, ...]) -> str | None:
        """The sha256 of `source` when it was last read with this signature, if the cache remembers it."""
        ...

    def hashed(self, source: str, signature: tuple[int, ...], sha: str) -> None:
        """Remember that `source`, with this signature, had bytes of this sha256."""
        ...


@dataclass(slots=True)
class GuideStore:
    """The whole guides of a collection: those parsed by this build, and those the cache holds, loaded when
    first asked for (a build renders few pages when few guides changed, and needs only their guides)."""

    src: Path
    raw_html: bool
    infos: dict[str, GuideInfo]
    hashes: dict[str, str]
    parsed: dict[str, Guide]
    cache: ParseCache | None = None

    def get(self, source: str) -> Guide:
        """The whole guide of `source`, with the diagnostics its info has (the checks across guides add some)."""
        found = self.parsed.get(source)
        if found is None and self.cache is not None:
            found = self.cache.guide(source, self.hashes[source])
        if found is None:  # its cache entry went bad after its info was read: parsed again
            found = self._parse_again(source)
        self.parsed[source] = found
        diagnostics = self.infos[source].diagnostics
        return found if found.diagnostics == diagnostics else replace(found, diagnostics=diagnostics)

    def _parse_again(self, source: str) -> Guide:
        data = read_source(self.src, source)
        result = parse_source((source, data, self.raw_html))
        if hashlib.sha256(data).hexdigest() != self.hashes[source] or not isinstance(result, Guide):
            raise TopicgenError(f"{source} changed while the site was being built; build again")
        return result


@dataclass(frozen=True, slots=True)
class Collection:
    """Every guide of a source folder and the files that are not guides, in source-path order.

    `infos` is what planning the site reads of each guide; `guide(source)` gives the whole guide. `hashes`
    holds the sha256 of the bytes each source was read from, `images` the local images the guides point at.
    """

    infos: tuple[GuideInfo, ...]
    skipped: tuple[Skipped, ...]
    hashes: dict[str, str] = field(default_factory=dict)
    images: Images = field(default_factory=Images)
    store: GuideStore | None = None
    holders: dict[str, int] = field(default_factory=dict)  # source -> the worker of the crew that keeps its guide
    marks: dict[str, tuple[int, ...]] = field(default_factory=dict)  # source -> its signature when hashed
    notes: tuple[Located, ...] = ()  # of the source folder: its links to folders, or that it has no guide

    def guide(self, source: str) -> Guide:
        """The whole guide of `source`."""
        assert self.store is not None, "a collection made by read_collection"
        return self.store.get(source)

    @property
    def guides(self) -> tuple[Guide, ...]:
        """Every whole guide, in source order (what the JSON export holds)."""
        return tuple(self.guide(i.source) for i in self.infos)

    def shares(self, items: Iterable[T], size: int, source: Callable[[T], str | None]) -> list[list[T]]:
        """`items` shared among `size` workers: each to the worker that keeps its guide (`source(item)`), so that
        no guide travels; the others, after those, each to whichever worker has the fewest."""
        shares: list[list[T]] = [[] for _ in range(size)]
        for item in sorted(items, key=lambda i: source(i) not in self.holders):
            worker = self.holders.get(source(item) or "")
            if worker is None:
                worker = min(range(size), key=lambda w: len(shares[w]))
            shares[worker].append(item)
        return shares

    def diagnostics(self) -> list[Located]:
        """Every diagnostic with the source it belongs to, ordered by source and line."""
        found = [(i.source, d) for i in self.infos for d in i.diagnostics]
        found += [(s.source, d) for s in self.skipped for d in s.diagnostics]
        found += self.images.diagnostics
        return sorted(found + list(self.notes), key=lambda sd: (sd[0], sd[1].line))


@dataclass(frozen=True, slots=True)
class _Read:
    """What reading a source gave."""

    source: str
    sha: str  # of its bytes ("" when unreadable)
    mark: tuple[int, ...] | None  # its signature (reading.sources.signature) when it was hashed
    result: GuideInfo | Skipped
    guide: Guide | None = None  # the whole guide, when asked for
    held: bool = False  # whether the worker that read it keeps the guide (it parsed it)


def read_collection(src: Path, config: Config, cache: ParseCache | None = None, crew: workers.Crew | None = None,
                    progress: workers.Progress | None = None, whole: bool = True, memo: Memo = NO_MEMO,
                    shown: Callable[[str], str] = str) -> Collection:
    """Read and parse every source below `src`, then check the guides against each other.

    What `cache` holds for a source's exact bytes is taken from it instead of being parsed again. With a
    `crew` (made with `reading_context(cache)`), workers read and parse; the guides they parse stay with them
    (for rendering their pages) unless `whole` asks for them here too. A guide the checks add a warning to
    is the same object as in the last build when `memo` has it with the same warnings. `shown` names a source
    in a message about another (as the message's own is named where it is printed: under --src as given).
    """
    tree = source_tree(src)
    sources = tree.sources
    crew = crew or workers.Crew(reading_context(cache), size=1)
    crew.start(len(sources))
    with (progress or workers.no_progress)("reading", len(sources)) as tick:
        signed = [(rel, signature(src, rel)) for rel in sources]  # taken before any read
        unchanged = _unchanged(signed, cache)
        tick(len(unchanged))
        chunks = workers.chunked([(rel, mark) for rel, mark in signed if rel not in unchanged], crew.size)
        done = crew.spread(_read_chunk, [(src, config.raw_html, whole, chunk) for chunk in chunks], tick)
    by_source = {r.source: (worker, r) for worker, results in done for r in results}
    read = [by_source[s] if s in by_source else (0, unchanged[s]) for s in sources]
    hashes = {r.source: r.sha for _, r in read if r.sha}
    marks = {r.source: r.mark for _, r in read if r.sha and r.mark is not None}
    parsed = {r.source: r.guide for _, r in read if r.guide is not None}
    holders = {r.source: worker for worker, r in read if r.held}
    infos, skipped = check_collisions([r.result for _, r in read], memo, shown)
    store = GuideStore(src, config.raw_html, {i.source: i for i in infos}, hashes, parsed, cache)
    return Collection(infos, skipped, hashes, resolve_images(infos, src), store, holders, marks, _notes(src, tree))


def _notes(src: Path, tree: SourceTree) -> tuple[Located, ...]:
    """What the source folder's walk passed by: links to folders (their guides are not read), or every file,
    when none was a guide: a wrong --src, or guides named otherwise, would else build an empty site."""
    found: list[Located] = [(rel, Diagnostic("warning", 0, "is a link to a folder, which topicgen does not follow "
                                                          "(a link could lead out of the source folder, or round "
                                                          "in a loop): the guides in it are not read"))
                            for rel in tree.linked]
    if not tree.sources:
        shown = ", ".join(tree.others[:3]) + (f" and {len(tree.others) - 3:,} more" if len(tree.others) > 3 else "")
        found.append(("", Diagnostic("error", 0, f"no guide in {src}: no file there ends in .md or .markdown"
                                                 + (f" (it has {shown})" if shown else " (it is empty)"
                                                    if src.is_dir() else " (the folder is gone)")
                                                 + "; nothing is built")))
    return tuple(found)


def reading_context(cache: ParseCache | None) -> workers.State:
    """What every reading worker starts with: the cache (its workers connect to it anew)."""
    return {"cache": cache}


def _unchanged(signed: list[tuple[str, tuple[int, ...] | None]], cache: ParseCache | None) -> dict[str, _Read]:
    """What the cache holds for the sources the last build read with the signature they have now, by source
    (`signed`: each source with its signature).

    Read in this process, not by the workers: sending an info back from a worker (pickled there, unpickled
    here) costs more than decoding it from the cache.
    """
    if cache is None:
        return {}
    hashes: dict[str, str] = {}
    marks: dict[str, tuple[int, ...]] = {}
    for rel, mark in signed:
        if mark is not None and (sha := cache.known_hash(rel, mark)) is not None:
            hashes[rel], marks[rel] = sha, mark
    return {rel: _Read(rel, hashes[rel], marks[rel], result) for rel, result in cache.infos(hashes).items()}


def _read_chunk(state: workers.State, arg: tuple[Path, bool, bool, list[tuple[str, tuple[int, ...] | None]]],
                tick: workers.Tick) -> list[_Read]:
    """Sources read and hashed, and parsed unless the cache knows their bytes; what this worker parsed it keeps."""
    src, raw_html, whole, sources = arg
    cache: ParseCache | None = state.get("cache")
    found: dict[str, _Read] = {}
    data: dict[str, bytes] = {}
    hashes: dict[str, str] = {}
    marks: dict[str, tuple[int, ...] | None] = {}
    for rel, mark in sources:  # each with its signature, taken before this read
        marks[rel] = mark
        try:
            data[rel] = read_source(src, rel)
        except Unreadable as err:
            found[rel] = _Read(rel, "", None, Skipped(rel, str(err), (Diagnostic("error", 0, str(err)),)))
            continue
        hashes[rel] = hashlib.sha256(data[rel]).hexdigest()
        if cache is not None and mark is not None:
            cache.hashed(rel, mark, hashes[rel])
    known = cache.infos(hashes) if cache is not None else {}
    new: list[tuple[str, str, Guide | Skipped, GuideInfo | None]] = []
    kept = state.setdefault("guides", {})
    for rel, sha in hashes.items():
        if rel in known:
            found[rel] = _Read(rel, sha, marks[rel], known[rel])
            continue
        result = parse_source((rel, data[rel], raw_html))
        info = info_of(result) if isinstance(result, Guide) else None
        new.append((rel, sha, result, info))
        if isinstance(result, Guide) and info is not None:
            kept[rel] = result
            found[rel] = _Read(rel, sha, marks[rel], info, result if whole else None, True)
        elif isinstance(result, Skipped):
            found[rel] = _Read(rel, sha, marks[rel], result)
    if cache is not None and new:
        cache.keep(new)
    tick(len(sources))
    return [found[rel] for rel, _ in sources]


def check_collisions(results: list[GuideInfo | Skipped], memo: Memo = NO_MEMO, shown: Callable[[str], str] = str
                     ) -> tuple[tuple[GuideInfo, ...], tuple[Skipped, ...]]:
    """Two guides at one permalink are an error (both named); permalinks equal but for case, a warning.

    A guide with a warning is a new object; `memo` gives the one made for the same guide and warnings before,
    so that what later steps take from it by the guide (its page, its listing's entry) is taken again.
    """
    infos = [r for r in results if isinstance(r, GuideInfo)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    by_path: dict[str, list[GuideInfo]] = defaultdict(list)
    by_fold: dict[str, list[GuideInfo]] = defaultdict(list)
    for info in infos:
        by_path[info.permalink.path].append(info)
        by_fold[_fold(info.permalink.path)].append(info)
    for path, same in by_path.items():
        for info in same[1:]:
            msg = f"permalink `{path}` is already used by {shown(same[0].source)}; a page can only have one guide"
            error = Diagnostic("error", info.permalink_line, msg)
            skipped.append(Skipped(info.source, msg, info.diagnostics + (error,)))
    dropped = {i.source for same in by_path.values() for i in same[1:]}
    extra = _case_warnings(by_fold, dropped, shown)
    final = tuple(_warned(i, extra[i.source], memo) if extra.get(i.source) else i
                  for i in infos if i.source not in dropped)
    return final, tuple(sorted(skipped, key=lambda s: s.source))


def _warned(info: GuideInfo, warnings: list[Diagnostic], memo: Memo) -> GuideInfo:
    said = tuple((d.severity, d.line, d.message) for d in warnings)
    return memo.get((info, said), lambda: replace(
        info, diagnostics=tuple(sorted(info.diagnostics + tuple(warnings), key=lambda d: d.line))))


def _fold(path: str) -> str:
    """What a case-insensitive, normalizing file system (macOS's) makes one name of."""
    return unicodedata.normalize("NFC", path).casefold()


def _case_warnings(by_fold: dict[str, list[GuideInfo]], dropped: set[str],
                   shown: Callable[[str], str]) -> dict[str, list[Diagnostic]]:
    extra: dict[str, list[Diagnostic]] = defaultdict(list)
    for same in by_fold.values():
        kept = [i for i in same if i.source not in dropped]
        if len({i.permalink.path for i in kept}) > 1:
            for info in kept:
                others = [o for o in kept if o is not info]
                named = ", ".join(f"{shown(o.source)} (`{o.permalink.path}`)" for o in others)
                how, where = _twins(info.permalink.path, [o.permalink.path for o in others])
                said = f"permalink `{info.permalink.path}` differs {how} from {named}: they collide on {where}"
                extra[info.source].append(Diagnostic("warning", info.permalink_line, said))
    return extra


def _twins(path: str, others: list[str]) -> tuple[str, str]:
    """How permalinks that are one name to some file systems differ, and where that makes them collide."""
    if all(o.casefold() == path.casefold() for o in others):
        return "only in case", "case-insensitive file systems and hosts"
    nfc = unicodedata.normalize("NFC", path)
    if all(unicodedata.normalize("NFC", o) == nfc for o in others):
        return ("only in Unicode normalization (`é` as one character or as `e` and an accent)",
                "file systems that normalize names (macOS's) and the hosts that use them")
    return "only in case and Unicode normalization", "case-insensitive file systems that normalize names (macOS's)"
