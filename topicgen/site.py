"""From the guides to the pages of the site: where each page goes and what its template is given.

The plan reads only each guide's outline (see Outline); a page's context, which holds whole guides, is built
when it is first asked for, so that a build which renders few pages reads few guides.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from markupsafe import Markup

from topicgen.config import Config
from topicgen.images import Images, is_external, references, resolve_references, site_path
from topicgen.model import Diagnostic, Guide, Permalink
from topicgen.seo import absolute_url, faq_jsonld, script_json


@dataclass(frozen=True, slots=True)
class Outline:
    """What the plan of the whole site reads of a guide, beside the pages that hold the guide itself.

    `shape` is the part that pages other than those holding the guide (its own page, its listing, the root
    index for a guide outside the product layout) can depend on: when no guide's shape changed, the plan
    is the same but for those pages. `title` orders listings, `title` and `summary` are what the indexes
    show of a guide (see GuideView), and the lines of `images` go into warnings.
    """

    source: str
    title: str
    permalink: Permalink
    summary: str
    links: tuple[str, ...]  # its relative video, question and card URLs, each once, in source order
    images: tuple[tuple[int, str], ...]  # its local image references, with the line each is written on

    @property
    def shape(self) -> tuple:
        """What the pages not holding this guide can read of it (plain data, so that its repr is a key)."""
        p = self.permalink
        return (self.source, (p.path, p.product, p.lang, p.version, p.name), self.links,
                tuple(ref for _, ref in self.images))


def outline(guide: Guide) -> Outline:
    """The outline of a parsed guide."""
    refs = [v.url for v in ((guide.intro,) if guide.intro else ()) + guide.videos]
    refs += [f.url for f in guide.faqs] + [r.url for r in guide.resources]
    links = tuple(dict.fromkeys(r for r in refs if r and not is_external(r) and not r.startswith("#")))
    images = tuple((line, ref) for line, ref in references(guide) if not is_external(ref))
    return Outline(guide.source, guide.title, guide.permalink, guide.summary, links, images)


class GuideView:
    """A guide as an index page holds it: what its outline has is answered from the outline, anything else
    from the whole guide, read on first use. A listing of 1700 guides then reads none of them.

    A template cannot tell it from the Guide (attributes, text, equality are the guide's); the page keys
    know it as the guide it stands for.
    """

    __slots__ = ("_outline", "_load", "_whole")

    def __init__(self, outline: Outline, load: Callable[[], Guide]) -> None:
        self._outline, self._load, self._whole = outline, load, None

    @property
    def source(self) -> str:
        return self._outline.source

    @property
    def title(self) -> str:
        return self._outline.title

    @property
    def permalink(self) -> Permalink:
        return self._outline.permalink

    @property
    def summary(self) -> str:
        return self._outline.summary

    def _guide(self) -> Guide:
        if self._whole is None:
            self._whole = self._load()
        return self._whole

    def __getattr__(self, name: str) -> Any:
        return getattr(self._guide(), name)

    def __repr__(self) -> str:
        return repr(self._guide())

    def __eq__(self, other: object) -> bool:
        return self._guide() == (other._guide() if isinstance(other, GuideView) else other)

    def __hash__(self) -> int:
        return hash(self._guide())


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: its folder under the output (site path, no slashes at the ends), template, data.

    `make` builds the template's data (called once, on first use of `context`); `sources` are the guides
    that data holds whole, so the page can change with any of them (and otherwise only with the plan).
    """

    folder: str
    template: str
    make: Callable[[], dict[str, Any]] = field(hash=False, compare=False, repr=False)
    filename: str = "index.html"
    sources: tuple[str, ...] = ()

    @property
    def output(self) -> str:
        """Path of the written file relative to the output folder."""
        return f"{self.folder}/{self.filename}" if self.folder else self.filename

    @property
    def context(self) -> dict[str, Any]:
        """What the template is given."""
        return self.make()


def _page(folder: str, template: str, make: Callable[[], dict[str, Any]], filename: str = "index.html",
          sources: tuple[str, ...] = ()) -> Page:
    made: list[dict[str, Any]] = []  # functools.cache would do, at ten times the cost for 6000 pages

    def context() -> dict[str, Any]:
        if not made:
            made.append(make())
        return made[0]

    return Page(folder, template, context, filename, sources)


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Pages to render, files to copy (site path to source file) and what was found wrong on the way."""

    pages: list[Page]
    copies: dict[str, Path]
    diagnostics: list[tuple[str, Diagnostic]]


@dataclass(frozen=True, slots=True)
class Link:
    """An entry of a switcher or an index: label, target site path, and whether it is the current page."""

    code: str
    target: str
    current: bool = False
    count: int = 0


def plan_site(outlines: Sequence[Outline], guide: Callable[[str], Guide], config: Config, src: Path,
              static: dict[str, Path] | None = None, view: Callable[[str], Any] | None = None) -> SitePlan:
    """Pages, copied images and theme assets (`static`: name under assets/ to file), and their warnings.

    `outlines` are the guides of the collection, in its order; `guide(source)` gives a whole guide, asked
    for only when a page's context is built; `view(source)` what an index holds of it (a GuideView; by
    default the whole guide).
    """
    images = resolve_references(((o.source, line, ref) for o in outlines for line, ref in o.images), src)
    assets = {f"assets/{name}": path for name, path in (static or {}).items()}
    return _plan(outlines, guide, view or guide, config, images, assets)


def _lang_order(config: Config, langs: set[str]) -> list[str]:
    known = [code for code in config.languages if code in langs]
    return known + sorted(langs - set(known))


def _plan(outlines: Sequence[Outline], guide: Callable[[str], Guide], view: Callable[[str], Any], config: Config,
          images: Images, assets: dict[str, Path]) -> SitePlan:
    guides = sorted(outlines, key=lambda g: g.permalink.path)
    diagnostics = list(images.diagnostics)
    translations: dict[tuple, dict[str, Outline]] = defaultdict(dict)
    versions: dict[tuple, dict[str, Outline]] = defaultdict(dict)
    listings: dict[tuple[str, str, str], list[Outline]] = defaultdict(list)
    for g in guides:
        p = g.permalink
        if p.lang and p.version and p.product:
            translations[p.sibling_key][p.lang] = g
            versions[(p.product, p.lang, p.name)][p.version] = g
            listings[(p.product, p.lang, p.version)].append(g)
    links = _links(guides, images)
    pages = [_guide_page(g, guide, config, images, links, translations, versions) for g in guides]
    taken = _taken_by({page.output for page in pages})

    extra = [_listing_page(key, members, listings, config, view) for key, members in sorted(listings.items())]
    extra.append(_root_page(guides, listings, config, view))
    not_found = {"lang": config.default_language, "url": _AbsoluteFrom(config.base_path), "noindex": True}
    extra.append(_page("", "404.html", lambda: not_found, filename="404.html"))
    listed = [""] + [_target(p) for p in extra[:-2] + pages]
    extra.append(_page("", "sitemap.xml", lambda: {"urls": [absolute_url(config, t) for t in listed]},
                       filename="sitemap.xml"))
    robots = {"sitemap": absolute_url(config, "sitemap.xml") if config.base_url else None}
    extra.append(_page("", "robots.txt", lambda: robots, filename="robots.txt"))
    for page in extra:
        if taken(page.output):
            owner = next(g for g in guides if page.output in ({f"{g.permalink.path}/index.html"}
                                                             | set(_parents(f"{g.permalink.path}/index.html"))))
            diagnostics.append((owner.source, Diagnostic(
                "warning", 1, f"permalink `{owner.permalink.path}` takes the place of the generated "
                              f"`{page.output}`; that page is not written")))
        else:
            pages.append(page)
    copies: dict[str, Path] = {}
    for target, path in {**images.copies, **assets}.items():
        if taken(target):
            diagnostics.append(("", Diagnostic("warning", 0, f"`{target}` is also a guide's folder; "
                                                            "the file is not copied")))
        else:
            copies[target] = path
    return SitePlan(pages, copies, diagnostics)


def _links(guides: list[Outline], images: Images) -> dict[str, str]:
    """Relative link targets of guides (video, question and card URLs) that are pages or files of the site.

    Any other relative URL (`tes.com`: a writer forgot `https://`) would be a broken link once published;
    the template shows it as text. It is not warned about here: the bundled guides have such links and
    must build clean under --strict, so the parser is the place to flag them (see the report of issue 3).
    """
    folders = {f"{g.permalink.path}/" for g in guides}
    found: dict[str, str] = {}
    for guide in guides:
        for ref in guide.links:
            if ref in found:
                continue
            target = site_path(ref)
            if target and f"{target}/" in folders:
                found[ref] = f"{target}/"
            elif target and target in images.copies:
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


def _target(page: Page) -> str:
    return f"{page.folder}/" if page.folder else ""


@dataclass(frozen=True, slots=True)
class _AbsoluteFrom:
    """404.html is served at any depth, so its links cannot be relative: they start at the site's base path.

    A dataclass, not a closure, so that the page's data can be keyed (and the page not rendered again).
    """

    base_path: str

    def __call__(self, target: str) -> str:
        return self.base_path + quote(target, safe="/")


def _guide_page(g: Outline, guide: Callable[[str], Guide], config: Config, images: Images, links: dict[str, str],
                translations, versions) -> Page:
    p = g.permalink
    target = f"{p.path}/"

    def make() -> dict[str, Any]:
        whole = guide(g.source)
        context: dict[str, Any] = {
            "guide": whole, "lang": p.lang or config.default_language, "images": images.found, "links": links,
            "canonical": absolute_url(config, target), "translations": [], "versions": [], "alternates": [],
            "listing": f"{p.product}/topic-guide/{p.lang}/{p.version}/" if p.lang and p.version else None,
            "description": whole.summary or whole.heading,
        }
        if p.lang and p.version and p.product:
            siblings = translations[p.sibling_key]
            order = _lang_order(config, set(siblings))
            context["translations"] = [Link(code, f"{siblings[code].permalink.path}/", code == p.lang)
                                       for code in order] if len(siblings) > 1 else []
            if len(siblings) > 1:
                default = config.default_language if config.default_language in siblings else order[0]
                context["alternates"] = ([(code, absolute_url(config, f"{siblings[code].permalink.path}/"))
                                          for code in order]
                                         + [("x-default",
                                             absolute_url(config, f"{siblings[default].permalink.path}/"))])
            others = versions[(p.product, p.lang, p.name)]
            if len(others) > 1:
                context["versions"] = [Link(v, f"{others[v].permalink.path}/", v == p.version)
                                       for v in sorted(others, key=_version_key, reverse=True)]
        jsonld = faq_jsonld(whole)
        context["jsonld"] = Markup(script_json(jsonld)) if jsonld else None
        return context

    return _page(p.path, "guide.html", make, sources=(g.source,))


def _version_key(version: str) -> tuple:
    # Sorted from the highest: `latest`, then by number (v10 above v9.1, which a text sort gets wrong).
    nums = tuple(int(x) if x.isdigit() else -1 for x in version.lstrip("vV").split("."))
    return (version == "latest", nums, version)


def _listing_page(key: tuple[str, str, str], members: list[Outline], listings, config: Config,
                  view: Callable[[str], Any]) -> Page:
    product, lang, version = key
    folder = f"{product}/topic-guide/{lang}/{version}"
    ordered = sorted(members, key=lambda g: (g.title.casefold(), g.permalink.path))

    def make() -> dict[str, Any]:
        langs = {lg: k for k in listings if k[0] == product and k[2] == version for lg in [k[1]]}
        vers = {k[2]: k for k in listings if k[0] == product and k[1] == lang}
        return {
            "lang": lang, "product": product, "version": version,
            "guides": [view(g.source) for g in ordered],
            "translations": [Link(code, f"{product}/topic-guide/{code}/{version}/", code == lang)
                             for code in _lang_order(config, set(langs))] if len(langs) > 1 else [],
            "versions": [Link(v, f"{product}/topic-guide/{lang}/{v}/", v == version)
                         for v in sorted(vers, key=_version_key, reverse=True)] if len(vers) > 1 else [],
            "canonical": absolute_url(config, f"{folder}/"),
        }

    return _page(folder, "listing.html", make, sources=tuple(g.source for g in members))


def _root_page(guides: list[Outline], listings, config: Config, view: Callable[[str], Any]) -> Page:
    others = [g for g in guides if not (g.permalink.lang and g.permalink.version and g.permalink.product)]

    def make() -> dict[str, Any]:
        # product -> language -> its versions, each a Link to the version's index page
        products: dict[str, dict[str, list[Link]]] = defaultdict(dict)
        for product in sorted({k[0] for k in listings}):
            langs = {k[1] for k in listings if k[0] == product}
            for lang in _lang_order(config, langs):
                vers = sorted((k[2] for k in listings if k[0] == product and k[1] == lang), key=_version_key,
                              reverse=True)
                products[product][lang] = [Link(v, f"{product}/topic-guide/{lang}/{v}/",
                                                count=len(listings[(product, lang, v)])) for v in vers]
        return {"lang": config.default_language, "products": dict(products),
                "others": [view(g.source) for g in others], "canonical": absolute_url(config, "")}

    return _page("", "index.html", make, sources=tuple(g.source for g in others))
