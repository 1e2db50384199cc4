"""What a site plan is made of: pages, switcher links, and the order versions and languages are shown in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from topicgen.config import Config
from topicgen.model import GuideInfo


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: its folder (site path, no slashes at the ends), template and the data it is given.

    `data` is plain data (texts, links, counts), so that what a page shows can be compared between builds; a
    guide's own page also shows the whole guide of source `guide`, and a search index is made from the whole
    guides of `members`. An `absolute` page links from the site's base path instead of its own folder
    (404.html, shown at any depth).
    """

    folder: str
    template: str
    data: dict[str, Any]
    guide: str | None = None
    filename: str = "index.html"
    absolute: bool = False
    members: tuple[str, ...] = ()

    @property
    def output(self) -> str:
        """Path of the written file relative to the output folder."""
        return f"{self.folder}/{self.filename}" if self.folder else self.filename

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources whose whole guides this file is made from."""
        return ((self.guide,) if self.guide is not None else ()) + self.members


@dataclass(frozen=True, slots=True)
class Link:
    """An entry of a switcher or an index: label, target site path, and whether it is the current page."""

    code: str
    target: str
    current: bool = False
    count: int = 0


Key = tuple[str, str, str]  # product, language, version


class Site:
    """The guides grouped as the site shows them: by product, language and version, and across them."""

    def __init__(self, guides: list[GuideInfo], config: Config) -> None:
        self.config = config
        self.listings: dict[Key, list[GuideInfo]] = defaultdict(list)
        self.by_name: dict[tuple[str, str, str, str], GuideInfo] = {}  # product, lang, version, name
        for g in guides:
            p = g.permalink
            if p.product and p.lang and p.version:
                self.listings[(p.product, p.lang, p.version)].append(g)
                if p.name is not None:
                    self.by_name[(p.product, p.lang, p.version, p.name)] = g
        self._langs: dict[tuple[str, str | None], list[str]] = {}  # every page asks: worked out once each
        self._versions: dict[tuple[str, str], list[str]] = {}

    def products(self) -> list[str]:
        return sorted({k[0] for k in self.listings})

    def langs(self, product: str, version: str | None = None) -> list[str]:
        """The languages of a product (of one version of it), in the config's order."""
        if (product, version) not in self._langs:
            found = {k[1] for k in self.listings if k[0] == product and version in (None, k[2])}
            self._langs[(product, version)] = lang_order(self.config, found)
        return self._langs[(product, version)]

    def versions(self, product: str, lang: str) -> list[str]:
        """The versions of a product in one language, the highest first."""
        if (product, lang) not in self._versions:
            found = {k[2] for k in self.listings if k[0] == product and k[1] == lang}
            self._versions[(product, lang)] = sorted(found, key=version_key, reverse=True)
        return self._versions[(product, lang)]

    def target(self, product: str, lang: str, version: str, name: str | None) -> str:
        """The same guide in another language or version, else that language's or version's listing."""
        found = self.by_name.get((product, lang, version, name or ""))
        return f"{found.permalink.path}/" if found is not None else listing_folder((product, lang, version)) + "/"

    def notice(self, key: Key, name: str | None) -> dict[str, str] | None:
        """What a page of a version other than its product's current one says, and where it leads; or None."""
        product, lang, version = key
        current = self.config.current(product)
        if version == current or (product, lang, current) not in self.listings:
            return None
        return {"version": version, "current": current, "target": self.target(product, lang, current, name)}

    def switchers(self, key: Key, name: str | None) -> dict[str, list[Link]]:
        """The language and version switchers of a page of this product, language and version."""
        product, lang, version = key
        langs, versions = self.langs(product, version), self.versions(product, lang)
        return {
            "translations": [Link(c, self.target(product, c, version, name), c == lang) for c in langs]
            if len(langs) > 1 else [],
            "versions": [Link(v, self.target(product, lang, v, name), v == version) for v in versions]
            if len(versions) > 1 else [],
        }


def logo_target(config: Config) -> str | None:
    """Where the config's logo is copied to (under assets/, keeping its type), or None without one."""
    return f"assets/logo{Path(config.logo).suffix.lower()}" if config.logo else None


def listing_folder(key: Key) -> str:
    product, lang, version = key
    return f"{product}/topic-guide/{lang}/{version}"


def lang_order(config: Config, langs: set[str]) -> list[str]:
    known = [code for code in config.languages if code in langs]
    return known + sorted(langs - set(known))


def version_key(version: str) -> tuple[Any, ...]:
    # Sorted from the highest: `latest`, then by number (v10 above v9.1, which a text sort gets wrong).
    nums = tuple(int(x) if x.isdigit() else -1 for x in version.lstrip("vV").split("."))
    return (version == "latest", nums, version)
