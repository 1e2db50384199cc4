"""The orchestrator: read → parse → model → pages → render → write, every step named, in order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from topicgen.collection import Collection, collect
from topicgen.config import Config
from topicgen.mdrender import Renderer
from topicgen.model import Diagnostic
from topicgen.report import Reporter
from topicgen.site import Page, plan_site
from topicgen.theme import TemplateError, Theme, relative_url
from topicgen.writer import check_output_folder, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did: the pages it wrote (none when it failed) and whether it failed."""

    pages: int
    written: bool
    collection: Collection


def load(src: Path, config: Config, reporter: Reporter, src_label: str) -> Collection:
    """Read and parse every guide, reporting config and source diagnostics."""
    if config.path is not None:
        for diag in config.warnings:
            reporter.emit(str(config.path), diag)
    collection = collect(src, Renderer(raw_html=config.raw_html))
    reporter.emit_all([(_join(src_label, s), d) for s, d in collection.diagnostics()])
    return collection


def render_pages(pages: list[Page], theme: Theme, config: Config) -> dict[str, bytes]:
    """Every page rendered to bytes, keyed by output path; nothing is written yet."""
    files = {}
    for page in pages:
        context = {"config": config, "page": page, "url": lambda target, p=page: relative_url(p.folder, target)}
        files[page.output] = theme.render(page.template, {**context, **page.context}).encode("utf-8")
    return files


def build(src: Path, out: Path, config: Config, reporter: Reporter, strict: bool = False,
          src_label: str | None = None) -> BuildResult:
    """Build the site; on errors (or warnings under strict) nothing is written and the old output stays."""
    check_output_folder(out, src)
    collection = load(src, config, reporter, src_label or str(src))
    theme = Theme(Path(config.theme) if config.theme else None)
    plan = plan_site(collection, config, src, theme.static_files())
    reporter.emit_all([(_join(src_label or str(src), s) if s else "topicgen", d) for s, d in plan.diagnostics])
    pages = plan.pages
    try:
        files = render_pages(pages, theme, config)
    except TemplateError as err:
        reporter.emit(_display_path(err.template), Diagnostic("error", err.line, err.message))
        return BuildResult(0, False, collection)
    if reporter.failed(strict):
        return BuildResult(0, False, collection)
    write_site(out, files, plan.copies)
    return BuildResult(len(pages), True, collection)


def _display_path(path: str) -> str:
    """A path as short as the user would type it: relative to the current folder when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel


def _join(label: str, source: str) -> str:
    return f"{label.rstrip('/')}/{source}" if label not in ("", ".") else source
