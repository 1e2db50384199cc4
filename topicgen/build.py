"""The orchestrator: read → parse → model → pages → render → write, every step named, in order."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicgen.cache import CACHE_DIR, State, load_state, output_intact, save_state
from topicgen.config import Config
from topicgen.incremental import Progress, plan_work, read_guides, render_all, scan
from topicgen.diagnostic import Diagnostic
from topicgen.report import Reporter
from topicgen.writer import Staging, check_output_folder, recover

# The parser, Markdown, the site plan and Jinja2 are imported where they are used: a build with nothing
# changed needs none of them, and importing them would take most of its time.
if TYPE_CHECKING:
    from topicgen.collection import Collection
    from topicgen.site import Page
    from topicgen.theme import Theme


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did: the pages it wrote (none when it failed), whether it failed, and what it could reuse."""

    pages: int
    written: bool
    # None when no guide was added, removed or moved since the last build (nor anything else the plan of the
    # site reads): only changed guides were read, and each page is still made from the guide it was
    collection: Collection | None
    rebuilt: int = 0  # pages rendered by this build
    unchanged: int = 0  # pages kept from the previous output, untouched
    cache_note: str | None = None  # why the cache could not be used, when it was there but unusable
    recovery_note: str | None = None  # what was undone of a build interrupted in the middle of its commit


def load(src: Path, config: Config, reporter: Reporter, src_label: str,
         collect_with: Callable[[], Collection] | None = None) -> Collection:
    """Read and parse every guide (with `collect_with` if given), reporting config and source diagnostics."""
    _emit_config(config, reporter)
    if collect_with is None:
        from topicgen.collection import collect
        from topicgen.mdrender import Renderer

        collection = collect(src, Renderer(raw_html=config.raw_html))
    else:
        collection = collect_with()
    reporter.emit_all([(_join(src_label, s), d) for s, d in collection.diagnostics()])
    return collection


def _emit_config(config: Config, reporter: Reporter) -> None:
    if config.path is not None:
        for diag in config.warnings:
            reporter.emit(str(config.path), diag)


def render_page(page: Page, theme: Theme, config: Config) -> bytes:
    """One page rendered to bytes."""
    from topicgen.theme import relative_url

    context = {"config": config, "page": page, "url": lambda target, p=page: relative_url(p.folder, target)}
    return theme.render(page.template, {**context, **page.context}).encode("utf-8")


def build(src: Path, out: Path, config: Config, reporter: Reporter, strict: bool = False,
          src_label: str | None = None, use_cache: bool = True, progress: Progress | None = None) -> BuildResult:
    """Build the site; on errors (or warnings under strict) nothing is written and the old output stays.

    With `use_cache`, what the cache in `out` shows unchanged is neither parsed, rendered nor rewritten
    (see topicgen/cache.py); without, everything is built again and a fresh cache is written.
    """
    check_output_folder(out, src)
    recovered = recover(out)  # a commit cut short by a crash is rolled back before anything reads `out`
    with _fewer_collections():
        result = _build(src, out, config, reporter, strict, src_label, use_cache, progress)
    return replace(result, recovery_note=recovered) if recovered else result


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cycle collector, run less often while a build runs.

    A build makes hundreds of thousands of objects that live until it ends (guides, pages and their data)
    and few reference cycles: at the default thresholds the collector walks them again and again and frees
    next to nothing (0.6 s of a full build at 20x, three full passes and a tenth of a one-change build).
    Young cycles are still collected, every 10000 allocations instead of 700.
    """
    before = gc.get_threshold()
    gc.set_threshold(10_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build(src: Path, out: Path, config: Config, reporter: Reporter, strict: bool, src_label: str | None,
           use_cache: bool, progress: Progress | None) -> BuildResult:
    label = src_label or str(src)
    inputs = scan(src, out, config, label)
    state, note = load_state(out) if use_cache else (None, None)
    if state is not None and state.env != inputs.env:
        state = None  # another topicgen or other packages: no parse or page key can match, start afresh
    if state is not None and state.site == inputs.site and output_intact(out, state):
        reporter.emit_all(state.emitted)  # the same input gives the same diagnostics: say them again
        if reporter.failed(strict):
            return BuildResult(0, False, None, cache_note=note)
        return BuildResult(state.pages, True, None, 0, state.pages, note)
    new_state = State(env=inputs.env, site=inputs.site)
    recorder = _Recorder(reporter)
    _emit_config(config, recorder)  # type: ignore[arg-type]
    themes: list[Theme] = []  # the theme, made while workers parse (see _load_theme)
    guides = read_guides(src, out, config, inputs, state, progress,
                         lead=lambda: themes.append(_load_theme(config, preload=state is None)))
    recorder.emit_all([(_join(label, s), d) for s, d in guides.diagnostics()])
    if guides.raced:  # the output will not be what the scanned files make: the next build must not skip
        new_state.site = ""

    from topicgen.site import plan_site
    from topicgen.theme import TemplateError

    theme = themes[0]  # read_guides runs its lead work exactly once, with or without workers
    plan = plan_site(guides.outlines, guides.guide, config, src, theme.static_files(), guides.view)
    recorder.emit_all([(_join(label, s) if s else "topicgen", d) for s, d in plan.diagnostics])
    pages = plan.pages
    new_state.plan = inputs.frame
    same_plan = guides.same_plan(state, inputs)
    # With the same plan, nothing that other pages show of a guide changed: they need no guide read.
    collection = None if same_plan else guides.collection()
    new_state.pages, new_state.emitted = len(pages), recorder.log
    if reporter.failed(strict):  # the guides already failed the build: rendering could not save it
        return BuildResult(0, False, collection, cache_note=note)
    # Pages are written into the staging folder as they are rendered (by the workers too: no page travels
    # back through a pipe); the output itself changes only at commit, so a failure here leaves it as it was.
    # With a usable cache the previous output is topicgen's and known file by file: only new and changed
    # files are staged and moved in (see Staging); otherwise a whole new folder is swapped in.
    with Staging(out, incremental=state is not None) as staging:
        work = plan_work(pages, plan.copies, inputs, guides.known, state, staging.old,
                         guides.changed if same_plan else None)
        staging.expect([p.output for p in pages] + list(plan.copies))
        def make(page: Page) -> str | None:
            staging.write(page.output, render_page(page, theme, config))
            return work.key_later(page) if work.key_later is not None else None

        # The parse results go into the next build's state (pickling every parsed guide into a pack) while
        # the workers render.
        remembered: list[tuple[list[str], tuple[str, bytes] | None]] = []

        def remember() -> None:
            remembered.append(guides.remember(new_state, inputs))

        try:
            made = render_all(work.stale, make, progress, lead=remember)
        except TemplateError as err:
            reporter.emit(_display_path(err.template), Diagnostic("error", err.line, err.message))
            return BuildResult(0, False, collection, cache_note=note)
        if reporter.failed(strict):
            return BuildResult(0, False, collection, cache_note=note)
        if work.key_later is not None:
            work.keys.update((page.output, key) for page, key in zip(work.stale, made) if key is not None)
        rendered = {p.output for p in work.stale}
        for rel in [p.output for p in pages if p.output not in rendered] + work.kept_copies:
            staging.keep(rel)
        kept = set(work.kept_copies)
        for rel, path in plan.copies.items():
            if rel not in kept:
                staging.copy(rel, path)
        kept_packs, new_pack = remembered[0] if remembered else guides.remember(new_state, inputs)
        for name in kept_packs:
            staging.keep(f"{CACHE_DIR}/{name}")

        def finish(folder: Path) -> None:
            outputs = {rel: (work.keys.get(rel, ""), *st) for rel, st in staging.files().items()
                       if not rel.startswith(CACHE_DIR + "/")}
            save_state(folder, replace(new_state, outputs=outputs), new_pack)

        staging.commit(finish)
    return BuildResult(len(pages), True, collection, len(work.stale), len(pages) - len(work.stale), note)


def _load_theme(config: Config, preload: bool) -> Theme:
    """The theme, and what planning imports (~25 ms): run while workers parse.

    With `preload` (a build without a cache, which renders every page), every template is loaded now, so
    that the workers that will render inherit them; otherwise a template is loaded when a page needs it.
    """
    import topicgen.site  # noqa: F401
    from topicgen.theme import Theme

    theme = Theme(Path(config.theme) if config.theme else None)
    if preload:
        theme.preload()
    return theme


class _Recorder:
    """A reporter that also remembers what it printed, so a build with nothing changed can print it again."""

    def __init__(self, reporter: Reporter) -> None:
        self.reporter = reporter
        self.log: list[tuple[str, Diagnostic]] = []

    def emit(self, path: str, diag: Diagnostic) -> None:
        self.log.append((path, diag))
        self.reporter.emit(path, diag)

    def emit_all(self, found: list[tuple[str, Diagnostic]]) -> None:
        for path, diag in found:
            self.emit(path, diag)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reporter, name)


def _display_path(path: str) -> str:
    """A path as short as the user would type it: relative to the current folder when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def _join(label: str, source: str) -> str:
    return f"{label.rstrip('/')}/{source}" if label not in ("", ".") else source
