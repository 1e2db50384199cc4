"""What a build can skip: the inputs hashed once, guides parsed only when new, read only when a page needs
them, and pages rendered only when changed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import starmap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicgen.cache import (CACHE_DIR, ContextKeys, Index, Packs, Record, State, Unkeyable, combined, digest,
                            dump_result, environment_key, load_index, load_result, pack, relative, tree_hashes,
                            unchanged_output)
from topicgen.parallel import HandBack, jobs_for, ordered_map

if TYPE_CHECKING:  # only for annotations: importing them costs a no-change build a third of its time
    from topicgen.collection import Collection
    from topicgen.config import Config
    from topicgen.model import Diagnostic, Guide, Skipped
    from topicgen.site import GuideView, Outline, Page

Progress = Callable[[str, int], Any]  # (label, total) -> context manager yielding advance(n)

_MARKDOWN = (".md", ".markdown")  # the suffixes of sources (topicgen.source.find_sources)


@dataclass(slots=True)
class Inputs:
    """Hashes of everything a build reads; `site` is one key for all of it.

    `frame` is a key for all of it but the contents of markdown files (their names are in it), and `names`
    a key for the names of the source folder's files: what finding the sources depends on.
    """

    env: str
    config: str
    theme: str
    site: str
    files: dict[str, str] = field(default_factory=dict)  # absolute path of a source or theme file -> sha256
    frame: str = ""
    names: str = ""

    def file_key(self, path: Path) -> str:
        """The content hash of a file the build copies, from the scan when it was seen there."""
        found = self.files.get(str(path)) or self.files.get(os.path.realpath(path))
        if found is None:
            try:
                found = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                found = "unreadable"
        return found


def theme_folders(config: Config) -> list[Path]:
    """The folders a theme is read from, override first (as Theme searches them)."""
    from topicgen.paths import DEFAULT_THEME

    return [p for p in (Path(config.theme) if config.theme else None, DEFAULT_THEME) if p is not None]


def scan(src: Path, out: Path, config: Config, src_label: str) -> Inputs:
    """Hash topicgen, the config, the theme and every file of the source folder (not the output, if inside)."""
    root = os.path.realpath(src)
    out_real = Path(os.path.realpath(out))
    skip = (out_real, *out_real.parent.glob(f".{out_real.name}.*")) if out_real.parent.is_dir() else (out_real,)
    files = tree_hashes(Path(root), skip=skip)
    source_files = relative(files, Path(root))
    themes = [(folder, tree_hashes(folder)) for folder in theme_folders(config)]
    env = environment_key()
    config_key = digest(repr(config), os.environ.get("SOURCE_DATE_EPOCH", ""))
    theme_key = digest(*(str(folder) + combined(hashes, folder) for folder, hashes in themes))
    for _, hashes in themes:
        files.update(hashes)
    site = digest(env, config_key, theme_key, digest(*(part for pair in source_files for part in pair)), src_label)
    names = digest(*(rel for rel, _ in source_files), "unreadable:",
                   *(rel for rel, sha in source_files if sha == "unreadable"))
    frame = digest(env, config_key, theme_key, src_label, names,
                   *(part for rel, sha in source_files if not rel.lower().endswith(_MARKDOWN) for part in (rel, sha)))
    return Inputs(env, config_key, theme_key, site, files, frame, names)


class Guides:
    """Every source of a build: the outline and diagnostics of each, whole guides read only when asked for.

    A guide parsed by this build is at hand; one unchanged since the last build is unpickled from the
    cache the first time a page needs it. `known` maps the id of every guide read to a key of what it is
    made from (which the page keys use instead of hashing its content), and is shared with ContextKeys.
    """

    def __init__(self, sources: list[str], keys: dict[str, str], results: dict[str, Guide | Skipped],
                 stored: dict[str, tuple[str, int, int]], packs: Packs | None, records: dict[str, Record],
                 index: Index | None, changed: set[str],
                 parse: Callable[[str], Guide | Skipped], raced: set[str] | None = None) -> None:
        self.sources = sources
        self.raced = raced or set()  # sources that changed between the scan and their parse
        # source -> sha256 of its bytes, "" when its result is not to be remembered; with the source, topicgen,
        # the packages and the config (which every page key holds), what its Guide is made from
        self.keys = keys
        self.changed = changed  # sources parsed by this build: new, or changed since the cache
        self.known: dict[int, tuple[str, Any]] = {}
        self._results: dict[str, Guide | Skipped] = {}
        self._stored = stored  # source -> (pack, offset, length) of an unchanged guide in the last build's packs
        self._packs = packs
        self._records = records
        self._index = index  # the last build's, when it can be used
        self._previous = index.records if index is not None else None
        self._parse = parse
        self._warned: dict[str, tuple[Diagnostic, ...]] = {}  # source -> diagnostics the collision check gave
        self._final: dict[str, Guide] = {}  # those guides, with them
        self._dropped: dict[str, Skipped] = {}  # guides it dropped (their permalink was taken)
        for source, result in results.items():
            self._keep(source, result)
        self.outlines = _outlines([s for s in sources if records[s][1] is not None], records)
        self._outlines = {o.source: o for o in self.outlines}
        self._views: dict[str, GuideView] = {}
        self._check_collisions()

    def _keep(self, source: str, result: Guide | Skipped) -> None:
        self._results[source] = result
        if self.keys.get(source):
            self.known[id(result)] = (f"parsed:{self.keys[source]}:{source}", result)

    def result(self, source: str) -> Guide | Skipped:
        """The Guide or Skipped of `source` as read (before the collision check)."""
        found = self._results.get(source)
        if found is None:
            found = self._load(source)
            if found is None:  # a pack missing or damaged since the last build: never trusted
                found = self._parse(source)
                self._stored.pop(source, None)
            self._keep(source, found)
        return found

    def view(self, source: str) -> GuideView:
        """What an index page holds of the guide of `source`: a GuideView, keyed as the guide itself."""
        from topicgen.site import GuideView

        found = self._views.get(source)
        if found is None:
            found = self._views[source] = GuideView(self._outlines[source], lambda: self.guide(source))
            key = self._key_of(source)
            self.known[id(found)] = (key if key else digest("whole", self.keys[source], source,
                                                            dump_result(self.guide(source))), found)
        return found

    def _key_of(self, source: str) -> str:
        """What the page keys know the guide of `source` as ("" when it is not to be remembered)."""
        if not self.keys.get(source):
            return ""
        warned = self._warned.get(source)
        if warned is not None:  # its bytes and the warnings it was given are all that is new about it
            return digest("checked", self.keys[source], source, repr(warned))
        return f"parsed:{self.keys[source]}:{source}"

    def guide(self, source: str) -> Guide:
        """The whole guide of `source`, as pages show it (with any warning of the collision check)."""
        found = self._final.get(source)
        if found is not None:
            return found
        result: Guide = self.result(source)  # type: ignore[assignment]
        warned = self._warned.get(source)
        if warned is None:
            return result
        found = self._final[source] = replace(result, diagnostics=warned)
        if self.keys.get(source):
            self.known[id(found)] = (self._key_of(source), found)
        return found

    def _check_collisions(self) -> None:
        """collection.check_collisions, on the guides whose permalinks are equal but for case.

        Which those are, the outlines tell, and the check reads nothing else of a guide than its source,
        permalink and diagnostics: it runs on stand-ins made of those, and no guide is read for it.
        """
        from topicgen.collection import check_collisions
        from topicgen.model import Diagnostic, Guide

        folds: dict[str, list[Outline]] = {}
        for o in self.outlines:
            folds.setdefault(o.permalink.path.casefold(), []).append(o)
        involved = [o for group in folds.values() if len(group) > 1 for o in group]
        if not involved:
            return
        stand_ins = [Guide(source=o.source, title=o.title, permalink=o.permalink, heading="", summary="",
                           summary_html="", sections=(),
                           diagnostics=tuple(Diagnostic(*d) for d in self._records[o.source][2]))
                     for o in involved]
        checked = check_collisions(stand_ins)
        unchanged = {id(g) for g in stand_ins}
        self._warned = {g.source: g.diagnostics for g in checked.guides if id(g) not in unchanged}
        self._dropped = {skipped.source: skipped for skipped in checked.skipped}
        self.outlines = [o for o in self.outlines if o.source not in self._dropped]

    def collection(self) -> Collection:
        """Every guide and skipped file (reading any not read yet), as collection.collect gives them."""
        from topicgen.collection import Collection

        guides = tuple(self.guide(o.source) for o in self.outlines)
        skipped = [self.result(s) for s in self.sources if self._records[s][1] is None]
        return Collection(guides, tuple(sorted([*skipped, *self._dropped.values()],  # type: ignore[list-item]
                                               key=lambda s: s.source)))

    def diagnostics(self) -> list[tuple[str, Diagnostic]]:
        """Every diagnostic with its source, as Collection.diagnostics orders them."""
        from topicgen.model import Diagnostic

        found: list[tuple[str, Diagnostic]] = []
        for source in self.sources:
            checked = self._warned.get(source) or (self._dropped[source].diagnostics if source in self._dropped
                                                  else None)
            if checked is not None:
                found += [(source, d) for d in checked]
            else:
                found += [(source, Diagnostic(*d)) for d in self._records[source][2]]
        return sorted(found, key=lambda sd: (sd[0], sd[1].line))

    def same_plan(self, state: State | None, inputs: Inputs) -> bool:
        """True when the plan of the site is the last build's: only the contents of guides changed since, and
        no changed guide's outline shape did. Then only the pages holding a changed guide can be different."""
        if state is None or not state.plan or state.plan != inputs.frame or self._previous is None:
            return False
        for source in self.changed:
            old = self._previous.get(source)
            if old is None or _shape(source, old) != _shape(source, self._records[source]):
                return False
        return True

    def _load(self, source: str) -> Guide | Skipped | None:
        where = self._stored.get(source)
        blob = self._packs.blob(*where) if where is not None and self._packs is not None else None
        return load_result(blob) if blob is not None else None

    def remember(self, state: State, inputs: Inputs) -> tuple[list[str], tuple[str, bytes] | None]:
        """Put the parse results and the index into the next build's state.

        Returns the packs of the last build to keep and the new pack to write, if any. Guides stay where
        they are in the pack holding most of them, unless most of that pack is of guides gone or changed;
        every other guide goes into the new pack, so there are never more than two.
        """
        live: dict[str, int] = {}
        for source, (name, _, length) in self._stored.items():
            if self.keys[source]:
                live[name] = live.get(name, 0) + length
        usable = [n for n in live if self._packs is not None and self._packs.present(n) and not self._packs.bad(n)]
        base = max(usable, key=lambda n: (live[n], n), default=None)
        if base is not None and live[base] * 2 < self._packs.size(base):  # type: ignore[union-attr]
            base = None  # mostly garbage: everything is written again, into one pack
        state.guides = {}
        records: dict[str, Record] = {}
        blobs: list[bytes] = []
        moved: list[tuple[str, int, int]] = []  # source, offset in the new pack, length
        offset = 0
        for source in self.sources:
            key = self.keys[source]
            if not key:
                continue
            records[source] = self._records[source]
            where = self._stored.get(source)
            if where is not None and where[0] == base:
                state.guides[source] = (key, *where)
                continue
            blob = self._packs.blob(*where) if where is not None and self._packs is not None else None
            if blob is None:
                blob = dump_result(self.result(source))
            blobs.append(blob)
            moved.append((source, offset, len(blob)))
            offset += len(blob)
        state.packs = {base: self._packs.sums[base]} if base is not None else {}  # type: ignore[union-attr]
        (self._index or Index()).store(state, records, inputs.names, self.sources)
        state.parse = _parser_key(inputs)
        if not blobs:
            return [base] if base is not None else [], None
        name, data, sha = pack(blobs)
        state.packs[name] = sha
        for source, at, length in moved:
            state.guides[source] = (self.keys[source], name, at, length)
        return [base] if base is not None else [], (name, data)


def _outline(source: str, found: Any) -> Outline:
    from topicgen.model import Permalink
    from topicgen.site import Outline

    title, permalink, summary, links, images = found
    return Outline(source, title, Permalink(*permalink), summary, links, images)


def _outlines(sources: list[str], records: dict[str, Record]) -> list[Outline]:
    """The outlines of `sources` (guides, not skipped files), as _outline makes them, 6000 at a time."""
    from topicgen.model import Permalink
    from topicgen.site import Outline

    if not sources:
        return []
    titles, permalinks, summaries, links, images = zip(*(records[s][1] for s in sources))
    return list(map(Outline, sources, titles, starmap(Permalink, permalinks), summaries, links, images))


def _shape(source: str, record: Record) -> tuple | None:
    return _outline(source, record[1]).shape if record[1] is not None else None


def _record(key: str, result: Guide | Skipped) -> Record:
    from topicgen.model import Guide
    from topicgen.site import outline

    diags = tuple((d.severity, d.line, d.message) for d in result.diagnostics)
    if not isinstance(result, Guide):
        return (key, None, diags)
    o = outline(result)
    p = o.permalink
    return (key, (o.title, (p.path, p.product, p.lang, p.version, p.name), o.summary, o.links, o.images), diags)


def read_guides(src: Path, out: Path, config: Config, inputs: Inputs, state: State | None,
                progress: Progress | None = None, lead: Callable[[], None] | None = None) -> Guides:
    """The sources of `src`, parsing only those whose parse key is not in `state` (of the output `out`).

    Parsing is shared among processes when enough guides changed. The other guides are not even read
    from the cache here: their outlines and diagnostics are in the state's index. `lead()` is run here
    once, while forked workers (if any) already parse: work only this process needs afterwards.
    """
    root = os.path.realpath(src)
    index = load_index(state.index, state.index_delta) if state is not None and state.index else None
    if index is not None and index.names == inputs.names:
        sources = list(index.sources)  # the same file names as when they were listed: the same sources
    else:
        from topicgen.source import source_names

        sources = source_names(src)
    prefix, files = os.path.join(root, ""), inputs.files  # the scan's paths: no Path objects for 6000 sources
    keys = {rel: files.get(prefix + rel) or inputs.file_key(Path(root, rel)) for rel in sources}
    same_parser = state is not None and state.parse == _parser_key(inputs)
    cached = state.guides if same_parser else {}  # type: ignore[union-attr]
    indexed = index.records if index is not None and same_parser else None
    packs = Packs(out / CACHE_DIR, state.packs) if state is not None else None
    present = {name: packs.present(name) for name in state.packs} if packs is not None else {}  # type: ignore
    results: dict[str, Guide | Skipped] = {}
    stored: dict[str, tuple[str, int, int]] = {}
    records: dict[str, Record] = {}
    todo: list[str] = []
    for rel in sources:
        entry = cached.get(rel)
        if entry is None or entry[0] != keys[rel] or not present[entry[1]]:
            todo.append(rel)
            continue
        stored[rel] = entry[1:]
        record = indexed.get(rel) if indexed is not None else None
        if record is not None and record[0] == keys[rel]:
            records[rel] = record
            continue
        result = packs.blob(*entry[1:])  # type: ignore[union-attr]
        result = load_result(result) if result is not None else None
        if result is None:
            todo.append(rel)
            del stored[rel]
        else:
            results[rel], records[rel] = result, _record(keys[rel], result)
    renderers: list[Any] = []  # made when a guide is to be parsed: Markdown takes 25 ms to set up

    def renderer() -> Any:
        if not renderers:
            from topicgen.mdrender import Renderer

            renderers.append(Renderer(raw_html=config.raw_html))
        return renderers[0]

    def parse(rel: str) -> Guide | Skipped:
        from topicgen.reader import read_guide

        return read_guide(Path(src, rel), rel, renderer())

    def parse_hashed(rel: str) -> tuple[str, Guide | Skipped]:
        """The sha256 of the bytes parsed, with what they parse to."""
        from topicgen.mdrender import NeedsMarkdown
        from topicgen.reader import read_bytes

        path = Path(src, rel)
        try:
            data = path.read_bytes()
        except OSError:
            return "unreadable", parse(rel)  # read_guide words the error
        try:
            return hashlib.sha256(data).hexdigest(), read_bytes(data, rel, renderer())
        except NeedsMarkdown:  # in a worker: see leave_markdown
            raise HandBack from None

    def leave_markdown() -> None:
        """In a worker: guides that need Python-Markdown are handed back to the main process, the only one
        to set it up (~25 ms a process, for the few fragments the fast path does not take)."""
        renderer().markdown = False

    raced: set[str] = set()
    if todo:
        renderer()  # here, so that forked workers inherit it
        with _progress(progress, "parsing", len(todo)) as advance:
            parsed = ordered_map(parse_hashed, todo, jobs_for(len(todo)), advance, lead, in_worker=leave_markdown)
        for rel, (sha, result) in zip(todo, parsed):
            if keys[rel] != sha:  # keys: the scan's hashes
                keys[rel] = ""  # the file changed after the scan hashed it: do not remember this result
                raced.add(rel)
            results[rel], records[rel] = result, _record(keys[rel], result)
    elif lead is not None:
        lead()
    return Guides(sources, keys, results, stored, packs, records, index if indexed is not None else None,
                  set(todo), parse, raced)


def _parser_key(inputs: Inputs) -> str:
    """What parsing depends on besides a guide's bytes and path."""
    return digest(inputs.env, inputs.config)


@dataclass(slots=True)
class Work:
    """What a build has to do: the key of every output file, the pages to render, the copies to keep."""

    keys: dict[str, str]
    stale: list[Page]
    kept_copies: list[str]
    # For a build with nothing to compare with, the keys of pages are left to the processes that render
    # them (where hashing their data is shared among the cores): this gives a page's key.
    key_later: Callable[[Page], str | None] | None = None


def plan_work(pages: list[Page], copies: dict[str, Path], inputs: Inputs, known: dict[int, tuple[str, Any]],
              state: State | None, found: dict[str, tuple[int, int]], changed: set[str] | None) -> Work:
    """Which pages and copies are unchanged in the output (`found`: size and mtime of its files now).

    With `changed` (the plan is the last build's), a page holding none of those guides and found as the
    last build left it keeps its recorded key, and its data is not even built; otherwise (None) every
    page is keyed again. Pages whose data cannot be hashed get no key, and are always rendered.
    """
    hasher = ContextKeys(known)
    keys: dict[str, str] = {}
    stale: list[Page] = []
    kept: list[str] = []
    for target, path in copies.items():
        keys[target] = digest("copy", inputs.file_key(path))
        if unchanged_output(state, target, keys[target], found):
            kept.append(target)
    if state is None:  # nothing to compare with: every page is rendered, and keyed where it is rendered
        return Work(keys, list(pages), kept, lambda page: page_key(hasher, inputs, page))
    outputs = state.outputs
    for page in pages:
        rel = page.output
        recorded = outputs.get(rel)
        if (changed is not None and recorded is not None and recorded[0] and found.get(rel) == recorded[1:]
                and changed.isdisjoint(page.sources)):
            keys[rel] = recorded[0]
            continue
        key = page_key(hasher, inputs, page)
        if key is None:  # e.g. a function in the context: always rendered, which is only slower
            stale.append(page)
            continue
        keys[rel] = key
        if not unchanged_output(state, rel, key, found):
            stale.append(page)
    return Work(keys, stale, kept)


def page_key(hasher: ContextKeys, inputs: Inputs, page: Page) -> str | None:
    """What a page is made from (template, theme, config, its data), or None when its data cannot be hashed."""
    try:
        context = hasher.key(page.context)
    except Unkeyable:
        return None
    return digest("page", inputs.env, inputs.theme, inputs.config, page.template, page.folder, page.filename,
                  context)


def render_all(pages: list[Page], render: Callable[[Page], Any], progress: Progress | None = None,
               lead: Callable[[], None] | None = None) -> list[Any]:
    """`render(page)` for every page, results in order; shared among processes when there are many.

    `lead()` is run here once, while forked workers (if any) already render (unless there is no page).
    """
    if not pages:
        return []
    with _progress(progress, "rendering", len(pages)) as advance:
        return ordered_map(render, pages, jobs_for(len(pages)), advance, lead)


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(progress: Progress | None, label: str, total: int) -> Any:
    return progress(label, total) if progress is not None else _NoProgress()
