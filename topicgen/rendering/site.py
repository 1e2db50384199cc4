"""The plan of the site: every page (where it goes, its template, the data it shows) and every copied file."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from topicgen.config import Config
from topicgen.diagnostics import Diagnostic, Located
from topicgen.memo import NO_MEMO, Memo
from topicgen.model import GuideInfo
from topicgen.parsing.shapes import BARE_DOMAIN
from topicgen.reading.collect import Collection
from topicgen.reading.images import Images, site_path
from topicgen.rendering.indexes import listing_page, root_page
from topicgen.rendering.locale import known
from topicgen.rendering.parts import Key, Link, Page, Site, lang_order, logo_target
from topicgen.rendering.search import index_pages, root_search
from topicgen.rendering.seo import absolute_url
from topicgen.rendering.strings import FALLBACK

__all__ = ["Link", "Page", "SitePlan", "plan_site"]  # Page and Link are the plan's, defined with its parts


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Pages to render, files to copy (site path to source file) and what was found wrong on the way."""

    pages: list[Page]
    copies: dict[str, Path]
    diagnostics: list[Located]


Siblings = dict[tuple[Any, ...], dict[str, GuideInfo]]


def plan_site(collection: Collection, config: Config, static: dict[str, Path],
              notices: Mapping[str, str] | None = None,
              strings: Callable[[str], bool] = lambda lang: True, memo: Memo = NO_MEMO) -> SitePlan:
    """Every page and copied file of the site (`static`: the theme's assets, name under assets/ to file).

    `notices`: the translation notice of a guide's page by its source (topicgen.translations.report.status_of);
    `strings`: whether the theme has UI strings for a language. A guide's page and a listing are taken from
    `memo` when it has them made from the same guides, in a site of the same permalinks and config.
    """
    guides = sorted(collection.infos, key=lambda g: g.permalink.path)
    site = Site(guides, config)
    # What every page's data may depend on beyond its own guides: the config, and which pages the site has
    # (the switchers' targets, the listings, the search indexes); a digest, compared in every memo key.
    shape = hashlib.sha256("\n".join([repr(config), *(g.permalink.path for g in guides)]).encode()).hexdigest()
    translations: Siblings = {}
    for g in guides:
        if g.permalink.lang and g.permalink.version and g.permalink.product:
            translations.setdefault(g.permalink.sibling_key, {})[g.permalink.lang] = g
    indexes = index_pages(site)
    # what each page's search box searches: its version's index; the root's (and pages outside products) more
    searched: dict[Key | None, list[str]] = {key: [page.output] for key, page in indexes.items()}
    searched[None] = root_search(site, indexes)
    links = _links(guides, collection.images)
    pages = [_guide_page(g, site, collection.images, links, translations, searched, (notices or {}).get(g.source),
                         shape, memo) for g in guides]
    extra = [memo.get((shape, *key, *site.listings[key]), partial(listing_page, site, key, searched.get(key), memo))
             for key in sorted(site.listings)]
    others = [g for g in guides if not (g.permalink.lang and g.permalink.version and g.permalink.product)]
    extra.append(root_page(site, others, searched[None]))
    extra.append(Page("", "404.html", {"lang": config.default_language, "noindex": True,
                                       "search": searched[None]}, filename="404.html", absolute=True))
    extra += indexes.values()
    extra += _crawler_files(config, extra + pages)
    taken = _taken_by({page.output for page in pages})
    diagnostics: list[Located] = _missing_strings(site, config, strings) + _dead_links(guides, links)
    if config.sitemap and not config.base_url:
        diagnostics.append(("", Diagnostic("warning", 0, "no base_url, so no sitemap.xml was written (a sitemap "
                                           "needs absolute URLs, or search engines reject it); set base_url in "
                                           "topicgen.yml or pass --base-url, or set `sitemap: false`")))
    for page in extra:
        if taken(page.output):
            diagnostics.append(_displaced(page, guides))
        else:
            pages.append(page)
    return SitePlan(pages, _copies(collection.images, config, static, taken, diagnostics), diagnostics)


def _copies(images: Images, config: Config, static: dict[str, Path], taken: Callable[[str], bool],
            diagnostics: list[Located]) -> dict[str, Path]:
    """The files copied into the site (the guides' images, the theme's assets, the logo), site path to file;
    a warning in `diagnostics` for each one a guide's folder stands in the place of."""
    copies: dict[str, Path] = {}
    logo = logo_target(config)
    files = {**images.copies, **{f"assets/{n}": p for n, p in static.items()},
             **({logo: Path(config.logo)} if logo and config.logo else {})}
    for target, path in files.items():
        if taken(target):
            diagnostics.append(("", Diagnostic("warning", 0, f"`{target}` is also a guide's folder; "
                                                            "the file is not copied")))
        else:
            copies[target] = path
    return copies


def _crawler_files(config: Config, pages: list[Page]) -> list[Page]:
    """sitemap.xml listing `pages` (only with a base URL: its entries must be absolute), and robots.txt."""
    if not (config.base_url and config.sitemap):
        return [Page("", "robots.txt", {"sitemap": None}, filename="robots.txt")]
    listed = [p.folder for p in pages if p.filename == "index.html"]
    return [Page("", "sitemap.xml", {"urls": [absolute_url(config, f"{t}/" if t else "") for t in listed]},
                 filename="sitemap.xml"),
            Page("", "robots.txt", {"sitemap": absolute_url(config, "sitemap.xml")}, filename="robots.txt")]


def _missing_strings(site: Site, config: Config, strings: Callable[[str], bool]) -> list[Located]:
    """A warning for each language of the guides that no theme has UI strings for."""
    langs = {key[1] for key in site.listings}
    # Strings.table's order: the page's language, then the site's default one, then English.
    fallback = config.default_language if strings(config.default_language) else FALLBACK
    return [("", Diagnostic("warning", 0, f"no UI strings for language `{lang}` (strings/{lang}.yml in no theme "
                                          f"folder): its pages show the `{fallback}` strings"
                                          + ("" if known(lang) else "; CLDR does not know the language either")))
            for lang in sorted(langs) if not strings(lang)]


def _displaced(page: Page, guides: list[GuideInfo]) -> Located:
    owner = next(g for g in guides if page.output in ({f"{g.permalink.path}/index.html"}
                                                     | set(_parents(f"{g.permalink.path}/index.html"))))
    said = (f"permalink `{owner.permalink.path}` takes the place of the generated `{page.output}`; that page is "
            "not written")
    return (owner.source, Diagnostic("warning", owner.permalink_line, said))


def _links(guides: list[GuideInfo], images: Images) -> dict[str, str]:
    """Relative link targets of guides (video, question and card URLs, links in their text) that are pages or
    files of the site.

    Any other relative URL (`tes.com`: a writer forgot `https://`) would be a broken link once published;
    the template shows it as text. The parser warns about such links where they are written.
    """
    folders = {f"{g.permalink.path}/" for g in guides}
    found: dict[str, str] = {}
    for guide in guides:
        for _, ref in guide.links:
            target = site_path(ref)
            if ref in found or not target:
                continue
            if f"{target}/" in folders:
                found[ref] = f"{target}/"
            elif target in images.copies:
                found[ref] = target
    return found


def _dead_links(guides: list[GuideInfo], links: dict[str, str]) -> list[Located]:
    """A warning at each relative link that is no page or file of the site (a mistyped permalink, say): the
    page shows its text without a link. A web address without its `https://` the parser warned of already."""
    return [(guide.source, Diagnostic("warning", line, f"link `{ref[:80]}` is no page or file of the site (no "
                                                       "guide has that permalink): shown as text, without a link"))
            for guide in guides for line, ref in guide.links if ref not in links and not BARE_DOMAIN.match(ref)]


def _taken_by(outputs: set[str]) -> Callable[[str], bool]:
    """Whether a path of the output is a guide page's file, or a folder holding one."""
    ordered = sorted(outputs)

    def taken(path: str) -> bool:
        if path in outputs:
            return True
        i = bisect_left(ordered, path + "/")  # a folder's files sort right after its path and a slash
        return i < len(ordered) and ordered[i].startswith(path + "/")

    return taken


def _parents(output: str) -> list[str]:
    parts = output.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _guide_page(g: GuideInfo, site: Site, images: Images, links: dict[str, str], translations: Siblings,
                searched: dict[Key | None, list[str]], notice: str | None, shape: str, memo: Memo) -> Page:
    # Only what this guide points at: the page shows nothing else of the site's links and images.
    shown = _found(images.found, (ref for _, ref in g.images)), _found(links, (ref for _, ref in g.links))
    siblings = translations.get(g.permalink.sibling_key, {})
    return memo.get((shape, g, notice, repr(shown), *siblings.values()),
                    lambda: _made_page(g, site, shown, siblings, searched, notice))


def _made_page(g: GuideInfo, site: Site, shown: tuple[dict[str, str], dict[str, str]], siblings: dict[str, GuideInfo],
               searched: dict[Key | None, list[str]], notice: str | None) -> Page:
    p = g.permalink
    config = site.config
    target = f"{p.path}/"
    key = (p.product, p.lang, p.version) if p.product and p.lang and p.version else None
    data: dict[str, Any] = {
        "lang": p.lang or config.default_language,
        "images": shown[0],
        "links": shown[1],
        "canonical": absolute_url(config, target), "translations": [], "versions": [], "alternates": [],
        "listing": f"{p.product}/topic-guide/{p.lang}/{p.version}/" if key else None,
        "product_name": config.product_name(p.product) if p.product else None,
        "current_version": config.current(p.product) if p.product else None,
        "description": g.summary or g.heading, "notice": None, "search": searched.get(key, searched[None]),
        "translation_notice": None,
    }
    if key is not None:
        data.update(site.switchers(key, p.name), notice=site.notice(key, p.name),
                    alternates=_alternates(config, siblings), translation_notice=_notice(g, config, siblings, notice))
    return Page(p.path, "guide.html", data, guide=g.source)


def _notice(g: GuideInfo, config: Config, siblings: dict[str, GuideInfo], status: str | None) -> dict[str, str] | None:
    """What a translation's page says of itself (untranslated, drifted, outdated) and the page it links to:
    the source-language guide of its topic."""
    source = siblings.get(config.default_language)
    if status is None or source is None or source is g:
        return None
    return {"status": status, "target": f"{source.permalink.path}/", "lang": config.default_language}


def _found(targets: dict[str, str], refs: Iterable[str]) -> dict[str, str]:
    """The entries of `targets` for the references `refs`, in the order of `refs`."""
    return {ref: targets[ref] for ref in refs if ref in targets}


def _alternates(config: Config, siblings: dict[str, GuideInfo]) -> list[tuple[str, str]]:
    """The hreflang alternates of a guide's page: its translations, and the default language's as x-default."""
    if len(siblings) < 2:
        return []
    order = lang_order(config, set(siblings))
    default = config.default_language if config.default_language in siblings else order[0]
    return ([(code, absolute_url(config, f"{siblings[code].permalink.path}/")) for code in order]
            + [("x-default", absolute_url(config, f"{siblings[default].permalink.path}/"))])
