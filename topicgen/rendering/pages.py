"""Rendering planned pages to bytes, and writing them into the staging folder, in worker processes if many."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from topicgen import workers
from topicgen.model import Guide
from topicgen.output.commit import Staging, write_staged
from topicgen.rendering.seo import faq_jsonld, script_json
from topicgen.rendering.site import Page
from topicgen.rendering.theme import Theme


def render_page(page: Page, theme: Theme, guides: dict[str, Guide]) -> bytes:
    """One page as the bytes of its file; TemplateError when the theme fails on it."""
    data = page.data
    if page.guide is not None:
        guide = guides[page.guide]
        jsonld = faq_jsonld(guide)
        data = {**data, "guide": guide, "jsonld": Markup(script_json(jsonld)) if jsonld else None}
    return theme.render(page.template, page.folder, data, page.absolute).encode("utf-8")


class _Job:
    """What rendering every page needs; forked workers inherit it (see workers.map_items)."""

    def __init__(self, pages: Sequence[Page], theme: Theme, guides: dict[str, Guide], out: Path, folder: Path):
        self.pages, self.theme, self.guides, self.out, self.folder = pages, theme, guides, out, folder


def _render_into(job: _Job, indexes: list[int]) -> list[bool]:
    """Some of the pages rendered into the staging folder: for each, whether its bytes are new."""
    return [write_staged(job.out, job.folder, job.pages[i].output, render_page(job.pages[i], job.theme, job.guides))
            for i in indexes]


def render_all(pages: Sequence[Page], theme: Theme, guides: dict[str, Guide], staging: Staging,
               progress: workers.Progress | None = None) -> None:
    """Render `pages` into `staging` (a page whose bytes are already the output's is left as it is)."""
    theme.load_templates()  # once, here: forked workers inherit the loaded templates
    job = _Job(pages, theme, guides, staging.out, staging.folder)
    changed = workers.map_chunks(_render_into, job, range(len(pages)), progress, "rendering")
    for page, was_changed in zip(pages, changed):
        staging.mark(page.output, was_changed)
