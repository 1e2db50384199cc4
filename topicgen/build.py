"""`topicgen build`: nothing to do when nothing the last build read has changed; else the pipeline runs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from topicgen.cache.memory import Memory
from topicgen.cache.record import BuildRecord, inputs_key, load_record
from topicgen.cache.store import CacheUnusable, Store
from topicgen.config import Config
from topicgen.diagnostics import Located, Reporter
from topicgen.output.commit import check_output_folder, recover
from topicgen.translations.counts import Counts
from topicgen.workers import Progress

if TYPE_CHECKING:  # the model and the report: a build with nothing to do imports neither
    from topicgen.translations.report import Report


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build: sources, output folder, settings; `label` is how diagnostics name the source folder."""

    src: Path
    out: Path
    config: Config
    strict: bool = False
    use_cache: bool = True
    label: str = ""
    progress: Progress | None = None  # shown on long steps
    memory: Memory | None = None  # what a long-running process (the preview) keeps between its builds

    def shown(self, source: str) -> str:
        """A source path as diagnostics print it: under the source folder as the user named it."""
        label = self.label or str(self.src)
        return f"{label.rstrip('/')}/{source}" if label not in ("", ".") else source


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did: the pages of the site (0 when it failed), how many files it wrote and left as they were."""

    pages: int
    written: bool
    rebuilt: int = 0
    unchanged: int = 0
    notes: tuple[str, ...] = ()  # what was repaired or could not be used on the way (an interrupted build, the cache)
    sources: tuple[tuple[str, str], ...] = ()  # (page folder, source as shown) of every guide page built
    translations: Counts | None = None  # how many translations have each problem
    report: Report | None = None  # the translation report; None when the build did nothing (or failed)


def build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    """Build the site; on errors (or warnings under --strict) the output folder is left as it was."""
    check_output_folder(options.out, options.src)
    recovered = recover(options.out)  # a commit cut short by a kill is finished before anything reads the output
    notes = (recovered,) if recovered else ()
    if options.memory is not None:  # a long-running process was told what changed, and remembers the rest
        last, inputs = (options.memory.record if not recovered else None), ""
    else:
        inputs = inputs_key(options.src, options.config, options.label, skip=(options.out, options.config.cache_path))
        last = _last_build(options) if options.use_cache and not recovered else None
    if last is not None and last.inputs == inputs and inputs and last.output_intact(options.out):
        report_config(options.config, reporter)
        reporter.emit_all(last.diagnostics)  # the same input gives the same diagnostics
        if reporter.failed(options.strict):
            return BuildResult(0, False, notes=notes)
        return BuildResult(last.pages, True, 0, len(last.outputs), notes, translations=last.translations)
    # Jinja2, Markdown and the parser are imported here, not above: a build with nothing to do needs none of them.
    from topicgen.pipeline import build_site

    return build_site(options, reporter, inputs, last, notes)


def _last_build(options: BuildOptions) -> BuildRecord | None:
    """The record of the last build into the output folder, if the cache has one."""
    if options.config.raw_html:
        return None  # builds that trust writers' HTML use no cache
    try:
        with Store(options.config.cache_path, write=False).open() as store:
            return load_record(store, options.out)
    except CacheUnusable:
        return None  # the build says why


def report_config(config: Config, reporter: Reporter) -> None:
    """The config file's own warnings (unknown keys), first of every command's report."""
    if config.path is not None:
        reporter.emit_all([(str(config.path), diag) for diag in config.warnings])


def shown_path(path: str) -> str:
    """A path as short as the user would type it: relative to the current folder when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def located(options: BuildOptions, found: list[Located]) -> list[Located]:
    """Diagnostics about sources, named as the user named the source folder (`topicgen` for the site itself)."""
    return [(options.shown(source) if source else "topicgen", diag) for source, diag in found]

