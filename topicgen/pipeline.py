"""The pipeline, a page of named steps: read and parse the guides, plan the site, render it, write it."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from topicgen import workers
from topicgen.cache.keys import digest, environment_key, tree_key
from topicgen.cache.memory import Memory
from topicgen.cache.parsed import ParsedGuides
from topicgen.cache.record import BuildRecord, file_stat, record_json, record_key
from topicgen.cache.store import CacheUnusable, Store
from topicgen.config import names_no_guide_has
from topicgen.diagnostics import Diagnostic, Located, Reporter, shown_path
from topicgen.errors import TopicgenError
from topicgen.memo import NO_MEMO, Memo
from topicgen.model import GuideInfo
from topicgen.options import BuildOptions, BuildResult, located, report_config
from topicgen.output.commit import CommitSummary, Staging, marked
from topicgen.reading.collect import Collection, read_collection, reading_context
from topicgen.reading.images import image_bytes
from topicgen.reading.sources import Unreadable
from topicgen.rendering.pages import render_all, rendering_context
from topicgen.rendering.search import TEMPLATE as SEARCH_INDEX
from topicgen.rendering.search import Postponed, render_indexes
from topicgen.rendering.site import Page, SitePlan, plan_site
from topicgen.rendering.theme import TemplateError, Theme
from topicgen.translations.report import Report, counts, site_report, status_of


def build_site(options: BuildOptions, reporter: Reporter, inputs: str, last: BuildRecord | None,
               notes: tuple[str, ...] = ()) -> BuildResult:
    """Read, parse, plan, render and write; the output folder changes only when every step succeeded.

    `inputs` is the key of everything the build reads, `last` the record of the last build into the output.
    """
    cache, note = open_cache(options, write=True, last=last)
    theme, site = make_theme(options)
    # A process that remembers its builds (the preview) builds in one process: what it parses, hashes and
    # loads stays in its memory, and a rebuild has little to do.
    size = 1 if options.memory is not None else None
    with cache.store, workers.Crew({**reading_context(cache), **rendering_context(theme)}, size) as crew, \
            _frozen(options):
        collection, plan, report = load(options, reporter, cache, crew, theme, translations=True)
        if reporter.failed(options.strict):
            return BuildResult(0, False, notes=notes + note)
        keys = page_keys(plan.pages, collection, site, _memo(options))
        known = last if cache.read else None
        held = _held(options, known)
        stale = stale_pages(plan.pages, keys, known, options.out if held is None else None)
        later = postponed(stale, keys, known, options)
        if later.pages:  # recorded as made from what they were made from: the next build finds them stale
            stale, keys = [p for p in stale if p.output not in later.made_from], {**keys, **later.made_from}
        try:
            summary, copies_changed = write_site(options, plan, stale, keys, theme, collection, crew, held)
        except TemplateError as err:
            reporter.emit(shown_path(err.template), Diagnostic("error", err.line, err.message))
            return BuildResult(0, False, notes=notes + note)
        found = counts(report) if report is not None else None
        # With indexes left for later, the next build has work to do even if no input changes.
        remember(options, cache, collection, BuildRecord(
            "" if later.pages else inputs, _outputs(options, keys, plan, known, stale),
            _reported(options, collection, plan),
            len(plan.pages), {rel: (mark, collection.hashes[rel]) for rel, mark in collection.marks.items()}, found),
            later)
    return BuildResult(len(plan.pages), True, summary.written, summary.unchanged, notes + note,
                       tuple((p.folder, options.shown(p.guide)) for p in plan.pages if p.guide is not None),
                       found, report, len(later.pages), copies_changed or summary.removed > 0)


def check_site(options: BuildOptions, reporter: Reporter) -> tuple[Collection, SitePlan]:
    """Everything `build` reports but template errors, nothing written: for check and export (which gets the
    whole guides from the workers, and the plan's diagnostics of them)."""
    cache, _ = open_cache(options, write=False)
    with cache.store, workers.Crew(reading_context(cache)) as crew, _frozen(options):
        collection, plan, _ = load(options, reporter, cache, crew, make_theme(options)[0], whole=True)
        return collection, plan


def load(options: BuildOptions, reporter: Reporter, cache: ParsedGuides, crew: workers.Crew, theme: Theme,
         whole: bool = False, translations: bool = False) -> tuple[Collection, SitePlan, Report | None]:
    """What build, check, export and serve share: the guides read and parsed, the site planned, all reported.

    With `translations` (a build) the translation report too, from the guides' infos and the git history,
    and the plan gives each page its notice; check and export need neither, nor the git processes.
    """
    report_config(options.config, reporter)
    reporter.emit_all([(shown_path(path), diag) for path, diag in theme.strings.problems()])
    memo = _memo(options)
    collection = read_collection(options.src, options.config, cache, crew, options.progress, whole, memo,
                                 options.shown)
    gc.freeze()  # the collection lives until the build ends (see _frozen)
    if options.config.path is not None:  # the config's products and versions no guide has
        reporter.emit_all([(str(options.config.path), d) for d in names_no_guide_has(options.config, collection.infos)])
    reporter.emit_all(located(options, collection.diagnostics()))
    report = site_report(collection.infos, options.config, options.src, memo) if translations else None
    plan = plan_site(collection, options.config, theme.static_files(), status_of(report) if report else {},
                     theme.strings.has_file, memo)
    reporter.emit_all(located(options, plan.diagnostics))
    return collection, plan, report


def _memo(options: BuildOptions) -> Memo:
    """What the last build of this process made that this one may take (the preview: most of its report, its
    plan and its pages' keys, when a save changed one guide), or nothing for a build that runs once."""
    return options.memory.memo if options.memory is not None else NO_MEMO


@contextmanager
def _frozen(options: BuildOptions) -> Iterator[None]:
    """The objects a build has made once it has read its guides (the collection: tens of thousands at 6,000
    guides) live until it ends, so load() takes them out of the cycle collector's passes (gc.freeze) instead
    of having them walked again at every pass, which made planning a large site slow. So do those alive
    when it starts (in the preview, what it remembers). A build that runs once puts them back at the end. The
    preview leaves them out until it is idle (collect_garbage): put back at once, they were walked by a full
    pass in every other rebuild (docs/performance.md)."""
    gc.freeze()
    try:
        yield
    finally:
        if options.memory is None:
            gc.unfreeze()
        else:
            options.memory.frozen = True


def collect_garbage(memory: Memory) -> None:
    """What the builds of a long-running process left out of the cycle collector's passes, put back and
    collected: for the preview to call when no save is waiting, once after each build."""
    if memory.frozen:
        memory.frozen = False
        gc.unfreeze()
        gc.collect()


def make_theme(options: BuildOptions) -> tuple[Theme, str]:
    """The theme, and a key of everything the pages' look depends on (topicgen, the config, the theme's files).

    A process that remembers its builds keeps the theme while that key stays the same.
    """
    site = digest(environment_key(), repr(options.config), *(tree_key(f) for f in options.config.theme_folders))
    memory = options.memory
    if memory is not None and memory.theme is not None and memory.theme[0] == site:
        return memory.theme[1], site
    theme = Theme(options.config)
    if memory is not None:
        memory.theme = (site, theme)
    return theme, site


def open_cache(options: BuildOptions, write: bool, last: BuildRecord | None = None
               ) -> tuple[ParsedGuides, tuple[str, ...]]:
    """The parse cache (read unless the build is told to start afresh; written by builds only), and a note
    when it cannot be used (the build then goes on without)."""
    folder = None if options.config.raw_html else options.config.cache_path  # raw HTML: nothing to check it by
    try:
        store = Store(folder, write).open()
    except CacheUnusable as err:
        return ParsedGuides(Store(None, write), ""), (f"the build cache cannot be used ({err}); "
                                                      "everything was built afresh",)
    hashed = last.sources if last is not None else None
    note = (f"the build cache was damaged ({store.replaced}); a new one was started",) if store.replaced else ()
    return ParsedGuides(store, environment_key(), read=options.use_cache, memory=options.memory, hashed=hashed), note


def page_keys(pages: list[Page], collection: Collection, site: str, memo: Memo = NO_MEMO) -> dict[str, str]:
    """What each page is made from: topicgen, the config and the theme (`site`), its data, the guides it shows.

    A guide (its info in a page's data, the guide a guide's page shows, a search index's members) counts as
    its source, its bytes and its diagnostics: all of it is made from those. A page the plan took from `memo`
    is the same object as in the last build, and its key is taken from there when its guides are the same.
    """
    guides = {i.source: digest(i.source, collection.hashes[i.source], repr(i.diagnostics)) for i in collection.infos}

    def stand_in(value: Any) -> str:  # what json cannot write: a guide's info stands as its key, all else its repr
        return f"<{guides[value.source]}>" if isinstance(value, GuideInfo) else repr(value)

    # json's encoder writes the plain data (dicts, lists, strings, numbers) as a text that differs whenever
    # the data does, in C: a site's pages hold tens of thousands of values between them.
    text = json.JSONEncoder(default=stand_in, check_circular=False, ensure_ascii=False).encode

    def key(page: Page) -> str:
        shown = [guides[source] for source in page.sources]
        return digest(site, page.template, page.output, str(page.absolute), text(page.data), *shown)

    return {page.output: memo.get((site, page, *(guides[s] for s in page.sources)), partial(key, page))
            for page in pages}


def stale_pages(pages: list[Page], keys: dict[str, str], last: BuildRecord | None, out: Path | None) -> list[Page]:
    """The pages to render: all of them, but for those the last build made from the same data, still intact
    in `out` (None: as its record says, the folder being the build's own)."""
    if last is None:
        return pages
    return [p for p in pages if last.output_key(p.output, out) != keys[p.output]]


def _held(options: BuildOptions, record: BuildRecord | None) -> set[str] | None:
    """The files the output folder holds, by the record of the last build into it, when the folder is the
    build's own and still has topicgen's marker; else None (it is checked and walked)."""
    return set(record.outputs) if record is not None and options.own_output and marked(options.out) else None


def postponed(stale: list[Page], keys: dict[str, str], last: BuildRecord | None, options: BuildOptions) -> Postponed:
    """The stale search indexes that can wait, when the build is asked to leave them for later: those the last
    build wrote and that are still intact."""
    if last is None or not options.indexes_later:
        return Postponed()
    made = {p.output: last.output_key(p.output, options.out) for p in stale if p.template == SEARCH_INDEX}
    made_from = {rel: key for rel, key in made.items() if key is not None}
    return Postponed([p for p in stale if p.output in made_from], {rel: keys[rel] for rel in made_from}, made_from)


def write_later(options: BuildOptions, pending: Callable[[], bool] = lambda: False) -> int:
    """The search indexes the last build of this process left for later, written into the output with all
    else kept as it is: nothing is read or planned again. How many were written: none when there were none,
    or when `pending()` (asked between steps) says that a new build is wanted (it will make them then)."""
    memory = options.memory
    last, record = (memory.later, memory.record) if memory is not None else (None, None)
    if memory is None or last is None or record is None:
        return 0
    memory.later = None
    collection, later = last
    with _frozen(options), Staging(options.out, _held(options, record)) as staging:
        for page in later.pages:
            if pending():
                return 0
            render_indexes([page], collection, staging, workers.Crew({}, size=1))
        for rel in record.outputs.keys() - later.keys.keys():
            staging.keep(rel)
        if pending():
            return 0
        staging.commit()
    out = str(options.out)
    made = {rel: [key, *file_stat(f"{out}/{rel}")] for rel, key in later.keys.items()}
    memory.record = replace(record, outputs={**record.outputs, **made})
    return len(later.pages)


def write_site(options: BuildOptions, plan: SitePlan, stale: list[Page], keys: dict[str, str], theme: Theme,
               collection: Collection, crew: workers.Crew, held: set[str] | None = None) -> tuple[CommitSummary, bool]:
    """Stale pages rendered, the others kept, the files copied, and all of it committed to the output at once;
    and whether any copied file is new or changed. `held`: the files the output holds, when the build knows."""
    with Staging(options.out, held) as staging:
        render_all(stale, theme, collection, staging, crew, options.progress)
        for rel in keys.keys() - {p.output for p in stale}:
            staging.keep(rel)
        images = collection.images.copies
        copied = False
        for rel, path in plan.copies.items():
            if images.get(rel) == path or str(path) == options.config.logo:  # what is safe to publish of it
                copied |= staging.write(rel, _image(options, path))
            else:
                copied |= staging.copy(rel, path)
        return staging.commit(), copied


def _image(options: BuildOptions, path: Path) -> bytes:
    try:
        return image_bytes(path)
    except Unreadable as err:  # it was fine when the guides (or the config, for the logo) were read
        inside = path.is_relative_to(options.src.resolve())
        shown = options.shown(str(path.relative_to(options.src.resolve()))) if inside else str(path)
        raise TopicgenError(f"{shown} changed while the site was being built ({err}); build again") from None


def _outputs(options: BuildOptions, keys: dict[str, str], plan: SitePlan, last: BuildRecord | None,
             stale: list[Page]) -> dict[str, list[Any]]:
    """Each file of the new site with the key it was made from and its size and mtime. A page not rendered
    was found as the last build left it (stale_pages): its entry stays, so that if it was changed since,
    the next build finds it changed."""
    out, rendered = str(options.out), {p.output for p in stale}
    made = last.outputs if last is not None else {}
    return {rel: made[rel] if rel in made and rel in keys and rel not in rendered
            else [keys.get(rel, ""), *file_stat(f"{out}/{rel}")] for rel in [*keys, *plan.copies]}


def _reported(options: BuildOptions, collection: Collection, plan: SitePlan) -> list[Located]:
    return located(options, collection.diagnostics()) + located(options, plan.diagnostics)


def remember(options: BuildOptions, cache: ParsedGuides, collection: Collection, record: BuildRecord,
             later: Postponed) -> None:
    """Keep what this build read and wrote for the next one: in the cache, or in the memory of this process
    (with the indexes it left for later, for write_later)."""
    used = cache.used(collection.hashes)
    if options.memory is not None:
        options.memory.retain(used)
        options.memory.memo.turn()
        options.memory.record = record
        options.memory.later = (collection, later) if later.pages else None
    else:
        cache.store.save(used, record_key(options.out), record_json(record))
