"""The pipeline, a page of named steps: read and parse the guides, plan the site, render it, write it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from topicgen.build import BuildOptions, BuildResult, located, report_config, shown_path
from topicgen.cache.files import CacheUnusable, open_folder
from topicgen.cache.keys import digest, environment_key, tree_key
from topicgen.cache.parsed import ParsedGuides
from topicgen.cache.record import BuildRecord, file_stat, inputs_key, load_record, save_record
from topicgen.diagnostics import Diagnostic, Reporter
from topicgen.output.commit import Staging
from topicgen.reading.collect import Collection, read_collection
from topicgen.rendering.pages import render_all
from topicgen.rendering.site import Page, SitePlan, plan_site
from topicgen.rendering.theme import TemplateError, Theme

Progress = Callable[[str, int], Callable[[int], None]]  # (step, total) -> advance(n)


def build_site(options: BuildOptions, reporter: Reporter, notes: tuple[str, ...] = ()) -> BuildResult:
    """Read, parse, plan, render and write; the output folder changes only when every step succeeded."""
    inputs = inputs_key(options.src, options.config, options.label, skip=(options.out, options.config.cache_path))
    cache, note = open_cache(options, write=True)
    collection, plan, theme = load(options, reporter, cache)
    if reporter.failed(options.strict):
        return BuildResult(0, False, notes=notes + note)
    record = load_record(cache.root, options.out) if cache is not None and options.use_cache else None
    keys = page_keys(plan.pages, collection, options, theme)
    stale = [p for p in plan.pages if record is None or record.output_key(p.output, options.out) != keys[p.output]]
    try:
        with Staging(options.out) as staging:
            render_all(stale, theme, {g.source: g for g in collection.guides}, staging)
            for rel in keys.keys() - {p.output for p in stale}:
                staging.keep(rel)
            for rel, path in plan.copies.items():
                staging.copy(rel, path)
            summary = staging.commit()
    except TemplateError as err:
        reporter.emit(shown_path(err.template), Diagnostic("error", err.line, err.message))
        return BuildResult(0, False, notes=notes + note)
    if cache is not None:
        remember(options, cache, inputs, keys, plan, collection, record)
    return BuildResult(len(plan.pages), True, summary.written, summary.unchanged, notes + note,
                       tuple((p.folder, options.shown(p.guide)) for p in plan.pages if p.guide is not None))


def check_site(options: BuildOptions, reporter: Reporter) -> Collection:
    """Everything `build` reports but template errors, nothing written: for check and export."""
    cache, _ = open_cache(options, write=False)
    return load(options, reporter, cache)[0]


def load(options: BuildOptions, reporter: Reporter, cache: ParsedGuides | None) -> tuple[Collection, SitePlan, Theme]:
    """What build, check, export and serve share: the guides read and parsed, the site planned, all reported."""
    report_config(options.config, reporter)
    collection = read_collection(options.src, options.config, cache)
    reporter.emit_all(located(options, collection.diagnostics()))
    theme = Theme(options.config)
    plan = plan_site(collection, options.config, theme.static_files())
    reporter.emit_all(located(options, plan.diagnostics))
    return collection, plan, theme


def open_cache(options: BuildOptions, write: bool) -> tuple[ParsedGuides | None, tuple[str, ...]]:
    """The parse cache (read unless the build is told to start afresh, written by builds only), or None with
    a note saying why it cannot be used."""
    if options.config.raw_html:
        return None, ()  # what the cache holds could not be checked against the sanitizer
    try:
        root = open_folder(options.config.cache_path) if write else options.config.cache_path
    except CacheUnusable as err:
        return None, (f"the build cache cannot be used ({err}); everything was built afresh",)
    return ParsedGuides(root, environment_key(), read=options.use_cache, write=write), ()


def page_keys(pages: list[Page], collection: Collection, options: BuildOptions, theme: Theme) -> dict[str, str]:
    """What each page is made from: topicgen, the config, the theme, its data, the guide it shows."""
    site = digest(environment_key(), repr(options.config), *(tree_key(f) for f in theme.folders))
    guides = {g.source: g for g in collection.guides}

    def key(page: Page) -> str:
        guide = guides[page.guide] if page.guide is not None else None
        shown = digest(guide.source, collection.hashes[guide.source], repr(guide.diagnostics)) if guide else ""
        return digest(site, page.template, page.output, str(page.absolute), repr(page.data), shown)

    return {page.output: key(page) for page in pages}


def remember(options: BuildOptions, cache: ParsedGuides, inputs: str, keys: dict[str, str], plan: SitePlan,
             collection: Collection, previous: BuildRecord | None) -> None:
    """Keep what this build read and wrote for the next one, and drop the parse results it no longer needs."""
    outputs = {rel: [keys.get(rel, ""), *file_stat(options.out / rel)] for rel in [*keys, *plan.copies]}
    diagnostics = located(options, collection.diagnostics()) + located(options, plan.diagnostics)
    save_record(cache.root, options.out, BuildRecord(inputs, outputs, diagnostics, len(plan.pages), sorted(cache.used)))
    if previous is not None:
        cache.prune(previous.parsed)
