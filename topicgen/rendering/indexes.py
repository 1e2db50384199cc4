"""The index pages: the root (every product, its languages and versions) and one listing per version."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial
from typing import Any

from topicgen.memo import NO_MEMO, Memo
from topicgen.model import GuideInfo, ItemKind
from topicgen.rendering.parts import Key, Page, Site, listing_folder
from topicgen.rendering.seo import absolute_url

# What a listing says a guide holds, in this order: the strings key (plural forms `<key>_one`, `<key>_other`...)
# and the kinds of item it counts.
CONTENTS: tuple[tuple[str, tuple[ItemKind, ...]], ...] = (
    ("faqs", ("answer", "link", "tour")), ("videos", ("intro", "video")), ("courses", ("academy",)),
    ("docs", ("documentation",)), ("links", ("card",)))


def listing_page(site: Site, key: Key, search: list[str] | None, memo: Memo = NO_MEMO) -> Page:
    """A version's listing: its guides by title, what each holds (taken from `memo` for a guide it has seen),
    duplicates of a title told apart."""
    product, lang, version = key
    folder = listing_folder(key)
    members = sorted(site.listings[key], key=lambda g: (g.title.casefold(), g.permalink.path))
    notes = _notes(members)
    entries = [{"title": g.title, "target": f"{g.permalink.path}/", "note": notes.get(g.source, ""),
                "contents": memo.get((g,), partial(contents, g))} for g in members]
    return Page(folder, "listing.html", {
        "lang": lang, "product": product, "product_name": site.config.product_name(product), "version": version,
        "current_version": site.config.current(product), "entries": entries,
        "notice": site.notice(key, None), "search": search, "canonical": absolute_url(site.config, f"{folder}/"),
        **site.switchers(key, None),
    })


def contents(g: GuideInfo) -> list[tuple[str, int]]:
    """What a guide holds, as (strings key, count) for each kind it has: `12 FAQs · 1 video · 2 courses`."""
    found = [(key, g.count(*kinds)) for key, kinds in CONTENTS]
    return [(key, n) for key, n in found if n]


def _notes(members: list[GuideInfo]) -> dict[str, str]:
    """For guides that share a title, what tells each apart: its own heading when that is its alone, else its
    page name in words (`ACTIONS_TASK_BASIC`: Actions task basic), unless that is the title again."""
    by_title: dict[str, list[GuideInfo]] = defaultdict(list)
    for g in members:
        by_title[g.title.casefold()].append(g)
    notes: dict[str, str] = {}
    for same in (group for group in by_title.values() if len(group) > 1):
        headings = [g.heading.casefold() for g in same]
        for g in same:
            if g.heading.casefold() != g.title.casefold() and headings.count(g.heading.casefold()) == 1:
                notes[g.source] = g.heading
            elif (name := page_name(g.permalink.name or "")).casefold() != g.title.casefold():
                notes[g.source] = name
    return notes


def page_name(name: str) -> str:
    """A permalink's last part as words: `_` and `-` as spaces, a name in capitals in sentence case."""
    words = re.sub(r"[_-]+", " ", name).strip()
    return words.capitalize() if words.isupper() else words


def root_page(site: Site, others: list[GuideInfo], search: list[str]) -> Page:
    """The root index: each product with a card per language and version, and the guides outside products."""
    products: list[dict[str, Any]] = []
    for product in site.products():
        current = site.config.current(product)
        cards = [{"lang": lang, "version": v, "target": listing_folder((product, lang, v)) + "/",
                  "count": len(site.listings[(product, lang, v)]), "current": v == current}
                 for lang in site.langs(product) for v in site.versions(product, lang)]
        products.append({"code": product, "name": site.config.product_name(product), "cards": cards,
                         "count": sum(c["count"] for c in cards)})
    return Page("", "index.html", {
        "lang": site.config.default_language, "products": products, "search": search,
        "others": [{"title": g.title, "target": f"{g.permalink.path}/"} for g in others],
        "canonical": absolute_url(site.config, ""),
    })
