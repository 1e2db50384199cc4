"""The preview's translation status page: a table per product and version, a column per language, a link per page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import quote

from topicgen.serve.inject import INTERNAL
from topicgen.translations.counts import PROBLEMS
from topicgen.translations.report import Entry, Report, counts

PAGE = "translations"  # served at INTERNAL + PAGE
_STYLE = "tg-status"  # the class of its rules in overlay.css


def status_page(report: Report | None, languages: Sequence[str], base_path: str) -> str:
    """The page as HTML; every text from the guides (products, names, keys, paths) escaped.

    `languages` orders the columns after the source language (the site's order; others sorted after it).
    """
    if report is None:
        body = "<p>No build has succeeded yet.</p>"
    elif not report.entries:
        body = "<p>No translations: every product and version is in one language.</p>"
    else:
        body = f"<p>{_e(counts(report).line())}</p>\n" + "".join(
            _table(key, entries, report.source_language, languages, base_path)
            for key, entries in _groups(report).items())
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Translation status</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="{INTERNAL}overlay.css"></head>'
            f'<body class="{_STYLE}"><h1>Translation status</h1>\n{body}</body></html>\n')


def _groups(report: Report) -> dict[tuple[str, str], list[Entry]]:
    found: dict[tuple[str, str], list[Entry]] = {}
    for entry in report.entries:  # already ordered by product, version, name and language
        found.setdefault((entry.product, entry.version), []).append(entry)
    return found


def _table(key: tuple[str, str], entries: list[Entry], source: str, languages: Sequence[str],
           base_path: str) -> str:
    product, version = key
    present = {e.lang for e in entries}
    langs = [code for code in languages if code in present and code != source]
    langs += sorted(present - set(langs))
    rows: dict[str, dict[str, Entry]] = {}
    for entry in entries:
        rows.setdefault(entry.name, {})[entry.lang] = entry
    head = "".join(f"<th scope=\"col\">{_e(code)}</th>" for code in [source, *langs])
    body = []
    for name, by_lang in rows.items():
        link = _link(base_path, product, source, version, name)
        has_source = any(e.source_path is not None for e in by_lang.values())
        cells = [f'<td>{f"<a href={link}>{_e(source)}</a>" if has_source else "—"}</td>']
        cells += [_cell(by_lang.get(code), base_path) for code in langs]
        body.append(f'<tr><th scope="row">{_e(name)}</th>{"".join(cells)}</tr>\n')
    return (f"<h2>{_e(product)} · {_e(version)}</h2>\n<table><thead><tr><th scope=\"col\">topic</th>{head}</tr>"
            f"</thead>\n<tbody>\n{''.join(body)}</tbody></table>\n")


def _cell(entry: Entry | None, base_path: str) -> str:
    """A translation's problems (or `current`), linking to its page; `missing` has no page to link to."""
    if entry is None:
        return "<td></td>"  # neither the source nor this language has the topic
    problems = [p for p in PROBLEMS if p in entry.problems]
    if entry.path is None:
        return '<td class="tg-status-missing">missing</td>'
    detail = []
    if entry.missing:
        detail.append(f"{len(entry.missing)} missing: " + ", ".join(entry.missing))
    if entry.extra:
        detail.append(f"{len(entry.extra)} not in the source: " + ", ".join(entry.extra))
    if entry.untranslated:
        detail.append(f"{len(entry.untranslated)} untranslated")
    title = f' title="{_e("; ".join(detail))}"' if detail else ""
    state = "current" if not problems else ", ".join(problems)
    link = _link(base_path, entry.product, entry.lang, entry.version, entry.name)
    kind = "tg-status-current" if not problems else "tg-status-problem"
    return f'<td class="{kind}"><a href={link}{title}>{_e(state)}</a></td>'


def _link(base_path: str, product: str, lang: str, version: str, name: str) -> str:
    """The quoted href of a guide's page (its permalink's path, as the site writes it)."""
    path = quote(f"{product}/topic-guide/{lang}/{version}/{name}", safe="/")
    return f'"{_e(base_path + path)}/"'


def _e(text: str) -> str:
    return html.escape(text, quote=True)
