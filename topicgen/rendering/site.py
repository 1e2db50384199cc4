"""The plan of the site: every page (where it goes, its template, the data it shows) and every copied file."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from topicgen.config import Config
from topicgen.diagnostics import Diagnostic, Located
from topicgen.model import GuideInfo
from topicgen.reading.collect import Collection
from topicgen.reading.images import Images, site_path
from topicgen.rendering.seo import absolute_url


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: its folder (site path, no slashes at the ends), template and the data it is given.

    `data` is plain data (texts, links, guides' infos), so that what a page shows can be compared between
    builds; a guide's own page also shows the whole guide of source `guide`. An `absolute` page links
    from the site's base path instead of its own folder (404.html, shown at any depth).
    """

    folder: str
    template: str
    data: dict[str, Any]
    guide: str | None = None
    filename: str = "index.html"
    absolute: bool = False

    @property
    def output(self) -> str:
        """Path of the written file relative to the output folder."""
        return f"{self.folder}/{self.filename}" if self.folder else self.filename


@dataclass(frozen=True, slots=True)
class Link:
    """An entry of a switcher or an index: label, target site path, and whether it is the current page."""

    code: str
    target: str
    current: bool = False
    count: int = 0


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Pages to render, files to copy (site path to source file) and what was found wrong on the way."""

    pages: list[Page]
    copies: dict[str, Path]
    diagnostics: list[Located]


Siblings = dict[tuple[Any, ...], dict[str, GuideInfo]]
Listings = dict[tuple[str, str, str], list[GuideInfo]]


def plan_site(collection: Collection, config: Config, static: dict[str, Path],
              notices: Mapping[str, str] | None = None) -> SitePlan:
    """Every page and copied file of the site (`static`: the theme's assets, name under assets/ to file).

    `notices`: the translation notice of a guide's page by its source (topicgen.translations.report.status_of).
    """
    guides = sorted(collection.infos, key=lambda g: g.permalink.path)
    translations: Siblings = defaultdict(dict)
    versions: Siblings = defaultdict(dict)
    listings: Listings = defaultdict(list)
    for g in guides:
        p = g.permalink
        if p.lang and p.version and p.product:
            translations[p.sibling_key][p.lang] = g
            versions[(p.product, p.lang, p.name)][p.version] = g
            listings[(p.product, p.lang, p.version)].append(g)
    links = _links(guides, collection.images)
    pages = [_guide_page(g, config, collection.images, links, (translations, versions), (notices or {}).get(g.source))
             for g in guides]
    extra = [_listing_page(key, members, listings, config) for key, members in sorted(listings.items())]
    extra.append(_root_page(guides, listings, config))
    extra.append(Page("", "404.html", {"lang": config.default_language, "noindex": True}, filename="404.html",
                      absolute=True))
    listed = [""] + [f"{p.folder}/" if p.folder else "" for p in extra[:-2] + pages]
    extra.append(Page("", "sitemap.xml", {"urls": [absolute_url(config, t) for t in listed]}, filename="sitemap.xml"))
    robots = absolute_url(config, "sitemap.xml") if config.base_url else None
    extra.append(Page("", "robots.txt", {"sitemap": robots}, filename="robots.txt"))
    taken = _taken_by({page.output for page in pages})
    diagnostics: list[Located] = []
    for page in extra:
        if taken(page.output):
            diagnostics.append(_displaced(page, guides))
        else:
            pages.append(page)
    copies: dict[str, Path] = {}
    for target, path in {**collection.images.copies, **{f"assets/{n}": p for n, p in static.items()}}.items():
        if taken(target):
            diagnostics.append(("", Diagnostic("warning", 0, f"`{target}` is also a guide's folder; "
                                                            "the file is not copied")))
        else:
            copies[target] = path
    return SitePlan(pages, copies, diagnostics)


def _displaced(page: Page, guides: list[GuideInfo]) -> Located:
    owner = next(g for g in guides if page.output in ({f"{g.permalink.path}/index.html"}
                                                     | set(_parents(f"{g.permalink.path}/index.html"))))
    return (owner.source, Diagnostic("warning", 1, f"permalink `{owner.permalink.path}` takes the place of the "
                                                   f"generated `{page.output}`; that page is not written"))


def _lang_order(config: Config, langs: set[str]) -> list[str]:
    known = [code for code in config.languages if code in langs]
    return known + sorted(langs - set(known))


def _links(guides: list[GuideInfo], images: Images) -> dict[str, str]:
    """Relative link targets of guides (video, question and card URLs) that are pages or files of the site.

    Any other relative URL (`tes.com`: a writer forgot `https://`) would be a broken link once published;
    the template shows it as text. The parser warns about such links where they are written.
    """
    folders = {f"{g.permalink.path}/" for g in guides}
    found: dict[str, str] = {}
    for guide in guides:
        for ref in guide.links:
            target = site_path(ref)
            if ref in found or not target:
                continue
            if f"{target}/" in folders:
                found[ref] = f"{target}/"
            elif target in images.copies:
                found[ref] = target
    return found


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


def _guide_page(g: GuideInfo, config: Config, images: Images, links: dict[str, str],
                siblings: tuple[Siblings, Siblings], notice: str | None) -> Page:
    p = g.permalink
    translations, versions = siblings
    target = f"{p.path}/"
    data: dict[str, Any] = {
        "lang": p.lang or config.default_language,
        # Only what this guide points at: the page shows nothing else of the site's links and images.
        "images": _found(images.found, (ref for _, ref in g.images)),
        "links": _found(links, g.links),
        "canonical": absolute_url(config, target), "translations": [], "versions": [], "alternates": [],
        "listing": f"{p.product}/topic-guide/{p.lang}/{p.version}/" if p.lang and p.version else None,
        "description": g.summary or g.heading,
        "translation_notice": None,
    }
    if p.lang and p.version and p.product:
        data.update(_siblings(g, config, translations[p.sibling_key], versions[(p.product, p.lang, p.name)]))
        data["translation_notice"] = _notice(g, config, translations[p.sibling_key], notice)
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


def _siblings(g: GuideInfo, config: Config, siblings: dict[str, GuideInfo],
              others: dict[str, GuideInfo]) -> dict[str, Any]:
    """The language and version switchers of a guide's page, and its hreflang alternates."""
    p = g.permalink
    found: dict[str, Any] = {}
    if len(siblings) > 1:
        order = _lang_order(config, set(siblings))
        found["translations"] = [Link(code, f"{siblings[code].permalink.path}/", code == p.lang) for code in order]
        default = config.default_language if config.default_language in siblings else order[0]
        found["alternates"] = ([(code, absolute_url(config, f"{siblings[code].permalink.path}/")) for code in order]
                               + [("x-default", absolute_url(config, f"{siblings[default].permalink.path}/"))])
    if len(others) > 1:
        found["versions"] = [Link(v, f"{others[v].permalink.path}/", v == p.version)
                             for v in sorted(others, key=_version_key, reverse=True)]
    return found


def _version_key(version: str) -> tuple[Any, ...]:
    # Sorted from the highest: `latest`, then by number (v10 above v9.1, which a text sort gets wrong).
    nums = tuple(int(x) if x.isdigit() else -1 for x in version.lstrip("vV").split("."))
    return (version == "latest", nums, version)


def _listing_page(key: tuple[str, str, str], members: list[GuideInfo], listings: Listings, config: Config) -> Page:
    product, lang, version = key
    folder = f"{product}/topic-guide/{lang}/{version}"
    ordered = sorted(members, key=lambda g: (g.title.casefold(), g.permalink.path))
    langs = {k[1] for k in listings if k[0] == product and k[2] == version}
    vers = {k[2] for k in listings if k[0] == product and k[1] == lang}
    return Page(folder, "listing.html", {
        "lang": lang, "product": product, "version": version,
        "guides": ordered,
        "translations": [Link(code, f"{product}/topic-guide/{code}/{version}/", code == lang)
                         for code in _lang_order(config, langs)] if len(langs) > 1 else [],
        "versions": [Link(v, f"{product}/topic-guide/{lang}/{v}/", v == version)
                     for v in sorted(vers, key=_version_key, reverse=True)] if len(vers) > 1 else [],
        "canonical": absolute_url(config, f"{folder}/"),
    })


def _root_page(guides: list[GuideInfo], listings: Listings, config: Config) -> Page:
    # product -> language -> its versions, each a Link to the version's index page
    products: dict[str, dict[str, list[Link]]] = defaultdict(dict)
    for product in sorted({k[0] for k in listings}):
        langs = {k[1] for k in listings if k[0] == product}
        for lang in _lang_order(config, langs):
            vers = sorted((k[2] for k in listings if k[0] == product and k[1] == lang), key=_version_key, reverse=True)
            products[product][lang] = [Link(v, f"{product}/topic-guide/{lang}/{v}/",
                                            count=len(listings[(product, lang, v)])) for v in vers]
    others = [g for g in guides if not (g.permalink.lang and g.permalink.version and g.permalink.product)]
    return Page("", "index.html", {"lang": config.default_language, "products": dict(products), "others": others,
                                   "canonical": absolute_url(config, "")})
