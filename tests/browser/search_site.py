"""A static site to search in: the theme's search files, indexes written from guides, a page with the box."""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import yaml

from topicgen.model import Guide
from topicgen.search.index import search_indexes

ROOT = Path(__file__).resolve().parent.parent.parent
THEME = ROOT / "themes" / "default"
PAGE = "search-test.html"


def copy_search_assets(site: Path) -> None:
    """The theme's static search files at <site>/assets/search/, as a build copies them."""
    shutil.copytree(THEME / "static" / "search", site / "assets" / "search", dirs_exist_ok=True)


def write_indexes(site: Path, guides: Iterable[Guide]) -> list[str]:
    """Every index of `guides` at its path under `site`; the paths."""
    indexes = search_indexes(guides)
    for path, text in indexes.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return sorted(indexes)


def box(lang: str, index_url: str, root: str, embed: bool = False) -> str:
    """The markup of topicgen/search/README-markup.md, with the theme's strings for `lang`."""
    t = yaml.safe_load((THEME / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
    strings = {k: t[f"search_{k}"] for k in ("results", "one_result", "no_results", "loading", "error")}
    attr = html.escape(json.dumps(strings, ensure_ascii=False), quote=True)
    label = html.escape(t["search_label"])
    return (f'<div class="tg-search" role="search" data-tg-search-index="{html.escape(index_url)}" '
            f'data-tg-root="{html.escape(root)}" data-tg-search-strings="{attr}"'
            f'{" data-tg-search-embed" if embed else ""}>\n'
            f'<input class="tg-search-input" id="tg-search-input" type="search" role="combobox" '
            f'aria-label="{label}" placeholder="{html.escape(t["search_placeholder"])}" aria-autocomplete="list" '
            f'aria-expanded="false" aria-controls="tg-search-list" autocomplete="off" spellcheck="false">\n'
            f'<div class="tg-search-list" id="tg-search-list" role="listbox" aria-label="{label}" hidden></div>\n'
            '<p class="tg-search-empty" hidden></p>\n<p class="tg-search-status" role="status"></p>\n</div>\n')


def write_page(index_path: Path, site: Path, lang: str, embed: bool = False) -> Path:
    """A minimal page beside the index, with the box and the theme's styles and scripts; its path."""
    page = index_path.parent / PAGE
    up = "../" * (len(page.relative_to(site).parts) - 1)
    page.write_text(
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>search</title>\n'
        '<link rel="icon" href="data:,">\n'  # no favicon request: every 404 in the test is a real one
        f'<link rel="stylesheet" href="{up}assets/search/search.css">\n'
        f'<script src="{up}assets/search/search.js" defer></script>\n</head>\n<body>\n'
        f'{box(lang, index_path.name, up, embed)}<main><p>Search page</p></main>\n</body>\n</html>\n',
        encoding="utf-8")
    return page
