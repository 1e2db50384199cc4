"""Rendering planned pages to bytes, and writing them into the staging folder, in worker processes if many."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from topicgen import workers
from topicgen.errors import TopicgenError
from topicgen.model import Guide
from topicgen.output.commit import Staging, write_staged
from topicgen.reading.collect import Collection
from topicgen.rendering.parts import Page
from topicgen.rendering.search import TEMPLATE as SEARCH_INDEX
from topicgen.rendering.search import render_index, render_indexes
from topicgen.rendering.seo import faq_jsonld, script_json
from topicgen.rendering.theme import Theme, localize


def render_page(page: Page, theme: Theme, guides: dict[str, Guide]) -> bytes:
    """One page as the bytes of its file; TemplateError when the theme fails on it."""
    if page.template == SEARCH_INDEX:
        return render_index(page, guides)
    data = page.data
    if page.guide is not None:
        guide = guides[page.guide]
        # The answers' links and images as the page shows them: relative to the page, a dead link without href.
        here = {"images": data.get("images", {}), "links": data.get("links", {}),
                "url": theme.url(page.folder, page.absolute)}
        jsonld = faq_jsonld(guide, lambda html: str(localize(here, html)))
        data = {**data, "guide": guide, "jsonld": Markup(script_json(jsonld)) if jsonld else None}
    return theme.render(page.template, page.folder, data, page.absolute).encode("utf-8")


def render_all(pages: Sequence[Page], theme: Theme, collection: Collection, staging: Staging,
               crew: workers.Crew | None = None, progress: workers.Progress | None = None) -> None:
    """Render `pages` into `staging` (a page whose bytes are already the output's is left as it is); a crew
    given must have been made with `rendering_context(theme)`.

    With a `crew`, a guide's page is rendered by the worker that keeps the guide (it parsed it); a guide the
    cache had, and every other page, by whichever worker has the fewest pages.
    """
    indexes = [page for page in pages if page.template == SEARCH_INDEX]
    pages = [page for page in pages if page.template != SEARCH_INDEX]
    own = crew is None
    crew = crew or workers.Crew(rendering_context(theme), size=1)
    crew.start(len(pages))
    shares = [[(page, collection.hashes.get(page.guide or "", "")) for page in share]
              for share in collection.shares(pages, crew.size, lambda page: page.guide)]
    if own:  # a crew of this call's own has no guides yet: the collection gives them
        crew.each(_hand_over, [{s: collection.guide(s) for s in (p.guide for p, _ in shares[0]) if s}])
    args = [(str(staging.out), str(staging.folder), share) for share in shares]
    with (progress or workers.no_progress)("rendering", len(pages)) as tick:
        changed = crew.each(_render_share, args, tick)
    for share, flags in zip(shares, changed):
        for (page, _), was_changed in zip(share, flags):
            staging.mark(page.output, was_changed)
    if indexes:  # an index's members are kept by different workers: each makes its guides' documents
        render_indexes(indexes, collection, staging, crew)


def rendering_context(theme: Theme) -> workers.State:
    """What every rendering worker starts with: the theme (forked workers inherit it, templates loaded)."""
    theme.load_templates()
    return {"theme": theme}


def _hand_over(state: workers.State, guides: dict[str, Guide], tick: workers.Tick) -> None:
    state.setdefault("guides", {}).update(guides)


def _render_share(state: workers.State, arg: tuple[str, str, list[tuple[Page, str]]],
                  tick: workers.Tick) -> list[bool]:
    """A worker's pages rendered into the staging folder: for each, whether its bytes are new."""
    out, folder, share = arg
    theme: Theme = state["theme"]
    kept: dict[str, Guide] = state.setdefault("guides", {})
    cache = state.get("cache")
    changed = []
    for page, sha in share:
        if page.guide is not None and page.guide not in kept:
            guide = cache.guide(page.guide, sha) if cache is not None else None
            if guide is None:
                raise TopicgenError(f"{page.guide}: its parsed guide is gone from the cache; build again")
            kept[page.guide] = guide
        changed.append(write_staged(Path(out), Path(folder), page.output, render_page(page, theme, kept)))
        if len(changed) % 25 == 0:
            tick(25)
    tick(len(changed) % 25)
    return changed
