"""The translation report: for each topic and language, whether that translation is missing, behind or current."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from topicgen.config import Config
from topicgen.memo import NO_MEMO, Memo
from topicgen.model import GuideInfo
from topicgen.translations.counts import PROBLEMS, Counts
from topicgen.translations.history import NO_GIT, History, Unchecked, git_history
from topicgen.translations.items import Keyed, keyed_items

# The page notice when a page has several problems: the first of these it has. `untranslated` first, as
# it is what the reader sees at once; `drifted` (the pages differ now) before `outdated` (the source page
# changed since, perhaps only a typo). `partly-untranslated` shows none: the page is in its language but
# for a few questions, often product names that are not translated on purpose.
NOTICES = ("untranslated", "drifted", "outdated")

Topic = tuple[str, str, str]  # product, version, name


@dataclass(frozen=True, slots=True)
class Entry:
    """One topic in one language other than the source language, and what is wrong with that translation."""

    product: str
    version: str
    name: str
    lang: str
    path: str | None  # the translation's source path; None when it is missing
    source_path: str | None  # the source-language guide's source path; None when the translation is an orphan
    problems: tuple[str, ...] = ()  # some of PROBLEMS, in that order; empty when the translation is current
    missing: tuple[str, ...] = ()  # keys of the source's items the translation lacks, in the source's order
    extra: tuple[str, ...] = ()  # keys of the translation's items the source lacks, in the translation's order
    untranslated: tuple[str, ...] = ()  # keys of questions whose text is the source's, in the translation's order
    questions: int = 0  # questions compared: FAQ items in both guides (the `n` of "untranslated: k of n")
    lines: tuple[tuple[str, int], ...] = ()  # line in the translation of each key in `extra` and `untranslated`

    @property
    def current(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Report:
    """Every entry, ordered by product, version, name and language."""

    source_language: str
    entries: tuple[Entry, ...]
    unchecked: str = NO_GIT.reason  # why `outdated` was not checked (no git history, say); "" when it was

    @property
    def outdated_checked(self) -> bool:
        return not self.unchecked


def site_report(guides: Iterable[GuideInfo], config: Config, src: Path, memo: Memo = NO_MEMO) -> Report:
    """The report of a site's guides (read from `src`), with the git history of `src` if it is in a work tree."""
    return translation_report(guides, config.default_language, git_history(src), config.languages, memo)


def translation_report(guides: Iterable[GuideInfo], source_language: str,
                       history: History | Unchecked = NO_GIT, languages: Iterable[str] = (),
                       memo: Memo = NO_MEMO) -> Report:
    """Compare each translation with its source-language guide.

    Problems: `missing` (no guide in that language), `orphan` (no source-language guide), `drifted` (the
    guides' item keys differ, see keyed_items), `untranslated` (every question compared is the source's
    text word for word once whitespace is collapsed; none compared, as in a guide without questions, is
    not untranslated), `partly-untranslated` (some are), `outdated` (`history` says the source changed
    after the translation; not checked without a history, and the report says why). Only the guides' infos
    are read.

    A topic is (product, version, name) of the permalink; a product and version's languages are those it
    has any guide in, and each topic gets an entry for each of them but `source_language`. A topic without
    a source-language guide gets entries only for the languages it has (each an `orphan`): a missing
    translation of nothing is not something to write. Guides whose permalink does not follow the pattern
    belong to no topic; of two guides of one topic and language the first by source path counts.
    Language codes are removed from URLs before they are compared: those of the guides' permalinks, the
    source language and `languages` (the site's, which may name a language no guide has yet). `history`
    paths must be relative to the folder the guides' `source` paths are relative to. The comparison of two
    guides' items is taken from `memo` when it has it for these guides and languages.
    """
    topics: dict[Topic, dict[str, GuideInfo]] = {}
    langs_of: dict[tuple[str, str], set[str]] = {}
    for guide in sorted(guides, key=lambda g: g.source):
        p = guide.permalink
        if p.product is None or p.lang is None or p.version is None or p.name is None:
            continue
        topics.setdefault((p.product, p.version, p.name), {}).setdefault(p.lang, guide)
        langs_of.setdefault((p.product, p.version), set()).add(p.lang)
    site = frozenset({lang for langs in langs_of.values() for lang in langs} | {source_language, *languages})
    entries: list[Entry] = []
    for topic in sorted(topics):
        present = topics[topic]
        source = present.get(source_language)
        for lang in sorted(langs_of[topic[:2]] - {source_language}):
            translation = present.get(lang)
            if source is not None or translation is not None:
                entries.append(_entry(topic, lang, source, translation, site, history, memo))
    return Report(source_language, tuple(entries), history.reason if isinstance(history, Unchecked) else "")


def _entry(topic: Topic, lang: str, source: GuideInfo | None, translation: GuideInfo | None,
           languages: frozenset[str], history: History | Unchecked, memo: Memo) -> Entry:
    product, version, name = topic
    if translation is None:
        return Entry(product, version, name, lang, None, source.source if source else None, ("missing",))
    if source is None:
        return Entry(product, version, name, lang, translation.source, None, ("orphan",))
    # The topic and language are the two guides' (their permalinks'): the key holds them.
    compared = memo.get((source, translation, languages), lambda: _compare(
        Entry(product, version, name, lang, translation.source, source.source), source, translation, languages))
    if isinstance(history, History) and history.newer(source.source, translation.source):
        return replace(compared, problems=tuple(p for p in PROBLEMS if p in {*compared.problems, "outdated"}))
    return compared


def _compare(entry: Entry, source: GuideInfo, translation: GuideInfo, languages: frozenset[str]) -> Entry:
    """Items by key: missing, extra and untranslated ones (not `outdated`: the history says that)."""
    theirs = {item.key: item for item in keyed_items(source, languages)}
    ours = {item.key: item for item in keyed_items(translation, languages)}
    missing = tuple(key for key in theirs if key not in ours)
    extra = tuple(key for key in ours if key not in theirs)
    same, compared = _untranslated(ours, theirs)
    problems: set[str] = set()
    if same:
        problems.add("untranslated" if len(same) == compared else "partly-untranslated")
    if missing or extra:
        problems.add("drifted")
    return replace(entry, problems=tuple(p for p in PROBLEMS if p in problems), missing=missing, extra=extra,
                   untranslated=same, questions=compared,
                   lines=tuple((key, ours[key].line) for key in dict.fromkeys(extra + same)))


def _untranslated(ours: dict[str, Keyed], theirs: dict[str, Keyed]) -> tuple[tuple[str, ...], int]:
    """The translation's questions that are the source's text word for word, and how many were compared.

    A question is compared with the source's question of its key. One whose key the source lacks is
    compared only if its text is one of the source's questions: a link the source changed (the corpus's
    en Digital Views moved to another site) leaves the translation's untranslated questions unmatched by
    key, and they are untranslated all the same; other unmatched questions are drift, not judged. Video
    titles and card texts are not judged: they are often names, kept in English on purpose.
    """
    questions = {_words(i.text) for i in theirs.values() if i.group == "faq"} - {""}
    same: list[str] = []
    compared = 0
    for key, item in ours.items():
        source = theirs.get(key)
        if item.group != "faq":
            continue
        if source is not None and source.group == "faq" and _words(source.text):
            compared += 1  # (an empty source question says nothing about its translation)
            same += [key] if _words(item.text) == _words(source.text) else []
        elif source is None and _words(item.text) in questions:
            compared += 1
            same.append(key)
    return tuple(same), compared


def _words(text: str) -> str:
    return " ".join(text.split())


def counts(report: Report) -> Counts:
    """How many entries have each problem (every problem of PROBLEMS, zeros included, in that order)."""
    found = tuple((problem, sum(problem in e.problems for e in report.entries)) for problem in PROBLEMS)
    return Counts(len(report.entries), found, report.unchecked)


def status_of(report: Report) -> dict[str, str]:
    """A translation's source path → the notice its page shows (the first of NOTICES it has), if any.

    Orphans show none: the notice links to the source-language page, and there is none.
    """
    found: dict[str, str] = {}
    for entry in report.entries:
        notice = next((n for n in NOTICES if n in entry.problems), None)
        if entry.path is not None and entry.source_path is not None and notice is not None:
            found[entry.path] = notice
    return found
