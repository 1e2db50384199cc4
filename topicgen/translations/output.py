"""The translation report as JSON (the contract other tools read), as diagnostics, and as text lines."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from topicgen.diagnostics import Diagnostic
from topicgen.translations.report import Entry, Report

SCHEMA_VERSION = 1
_SHOWN = 3  # keys a message names before "+N more": the JSON has them all
_SURROGATE = re.compile("[\ud800-\udfff]")


def report_json(report: Report) -> str:
    """The report as deterministic, strict JSON (entries in the report's order, keys in the contract's).

    `{"schema": 1, "source_language": "en", "outdated_checked": bool, "entries": [{"product", "version",
    "name", "lang", "path" (null when missing), "source_path" (null when orphan), "problems": [...],
    "missing": [keys], "extra": [keys], "untranslated": [keys]}]}`. `outdated_checked` (beyond the
    issue's contract) says whether there was a git history: without one, no entry can be `outdated`.
    """
    data = {
        "schema": SCHEMA_VERSION,
        "source_language": report.source_language,
        "outdated_checked": report.outdated_checked,
        "entries": [_entry_dict(e) for e in report.entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _entry_dict(e: Entry) -> dict[str, Any]:
    return {
        "product": _utf8(e.product), "version": _utf8(e.version), "name": _utf8(e.name), "lang": _utf8(e.lang),
        "path": _utf8(e.path) if e.path is not None else None,
        "source_path": _utf8(e.source_path) if e.source_path is not None else None,
        "problems": list(e.problems),
        "missing": [_utf8(k) for k in e.missing],
        "extra": [_utf8(k) for k in e.extra],
        "untranslated": [_utf8(k) for k in e.untranslated],
    }


def _utf8(text: str) -> str:
    # A file name that is not UTF-8 reaches Python as lone surrogates, which no UTF-8 reader accepts.
    return _SURROGATE.sub("\ufffd", text)


def diagnostics(report: Report, shown: Callable[[str], str] = str) -> list[tuple[str, Diagnostic]]:
    """One warning per problem of each entry, at the file a writer has to open, for topicgen.diagnostics.Reporter.

    A missing translation is reported at the source-language guide (there is no file yet), every other
    problem at the translation, on the line of its first untranslated or extra item where there is one.
    Paths are the guides' sources; messages name the source-language guide as `shown` gives it (as the
    command line names the source folder).
    """
    found: list[tuple[str, Diagnostic]] = []
    src = report.source_language
    for e in report.entries:
        lines = dict(e.lines)
        for problem in e.problems:
            if problem == "missing" and e.source_path is not None:
                found.append((e.source_path, Diagnostic("warning", 1, _missing(e))))
            elif e.path is not None:
                keys = {"untranslated": e.untranslated, "partly-untranslated": e.untranslated,
                        "drifted": e.extra}.get(problem, ())
                line = min((lines[k] for k in keys if k in lines), default=1)
                found.append((e.path, Diagnostic("warning", line, _message(problem, e, src, lines, shown))))
    return found


def report_text(report: Report) -> list[str]:
    """The diagnostics as `path:line: warning: message` lines, as topicgen.diagnostics.Reporter prints them."""
    return [f"{path}:{d.line}: {d.severity}: {d.message}" if d.line else f"{path}: {d.severity}: {d.message}"
            for path, d in diagnostics(report)]


def _missing(e: Entry) -> str:
    return f"missing: no {e.lang} translation (a guide with permalink `{_permalink(e, e.lang)}`)"


def _message(problem: str, e: Entry, src: str, lines: dict[str, int], shown: Callable[[str], str]) -> str:
    if problem == "orphan":
        return f"orphan: no {src} guide of this topic (permalink `{_permalink(e, src)}`) to translate from"
    if problem == "untranslated":
        return f"untranslated: every question is the {src} text ({e.questions} of {e.questions})"
    if problem == "partly-untranslated":
        at = _listed([str(lines[k]) for k in e.untranslated if k in lines])
        one = len(e.untranslated) == 1
        return (f"partly-untranslated: {len(e.untranslated)} of {e.questions} questions {'is' if one else 'are'} "
                f"the {src} text (line{'' if one else 's'} {at})")
    if problem == "drifted":
        parts = []
        if e.missing:
            parts.append(f"{len(e.missing)} missing here ({_listed(e.missing)})")
        if e.extra:
            parts.append(f"{len(e.extra)} not in the source ({_listed(e.extra)})")
        return f"drifted: the items differ from {shown(e.source_path or '')}: " + "; ".join(parts)
    if problem == "outdated":
        return f"outdated: {shown(e.source_path or '')} changed after this translation's last change (git)"
    return problem


def _listed(keys: tuple[str, ...] | list[str]) -> str:
    more = len(keys) - _SHOWN
    return ", ".join(keys[:_SHOWN]) + (f", +{more} more" if more > 0 else "")


def _permalink(e: Entry, lang: str) -> str:
    return f"{e.product}/topic-guide/{lang}/{e.version}/{e.name}"
