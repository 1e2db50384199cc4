"""`topicgen new guide PERMALINK`: a guide of the project, from the template, at the path its permalink implies."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from topicgen.config import CONFIG_NAME, Config, is_language_code, load_config
from topicgen.errors import SourceError
from topicgen.model import GuideInfo, Permalink
from topicgen.reading.collect import read_collection
from topicgen.reading.permalink import parse_permalink
from topicgen.rendering.strings import Strings
from topicgen.scaffold.template import (
    SOURCES,
    ScaffoldError,
    create,
    fill_guide,
    guide_path,
    sample_guide,
    strings_to_translate,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadPermalink(ScaffoldError):
    """The permalink given is one topicgen refuses or warns about; the message says why."""


@dataclass(frozen=True, slots=True)
class NewGuide:
    """The guide written: its file and permalink, and notes for the writer."""

    path: Path
    permalink: str
    notes: tuple[str, ...] = ()


def find_project(start: Path) -> Path:
    """The topicgen.yml of the project `start` is in: in that folder, else the nearest one above it."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    raise ScaffoldError(f"not inside a topicgen project: no {CONFIG_NAME} in {start} or any folder above it "
                        "(`topicgen new DIR` makes a project)")


def check_permalink(raw: str) -> Permalink:
    """The permalink of a new guide: one the build reads without an error or a warning, or BadPermalink."""
    try:
        permalink, warnings = parse_permalink(raw, 0)
    except SourceError as err:
        raise BadPermalink(err.message) from None
    lang = permalink.lang
    if lang is not None and not is_language_code(lang):  # the build takes `FR` as a language of its own
        hint = f"; write `{lang.lower()}`" if is_language_code(lang.lower()) else ""
        raise BadPermalink(f"`{lang}` is not a language code such as en, ja or pt-BR (the permalink's third "
                           f"segment){hint}")
    if warnings:  # a new guide must pass `topicgen build --strict`, as the project's workflow runs it
        raise BadPermalink(warnings[0])
    hidden = next((s for s in permalink.path.split("/")[:-1] if s.startswith((".", "_"))), None)
    if hidden is not None:  # its file would be in a folder that reading the sources skips
        raise BadPermalink(f"the folder `{hidden}` would hold the guide, and topicgen does not read folders "
                           "whose names start with `.` or `_`")
    return permalink


def file_name(name: str) -> str:
    """The name's letters and digits in lower case, as the sources name their files (`Plan & Usage`: planusage)."""
    parts = []
    for segment in name.split("/"):
        slug = "".join(ch for ch in unicodedata.normalize("NFC", segment).lower() if ch.isalnum())
        if not slug:
            raise BadPermalink(f"the name `{segment}` has no letter or digit to name its file with")
        parts.append(slug)
    return "/".join(parts)


def new_guide(raw: str, cwd: Path, src: Path | None = None, title: str | None = None) -> NewGuide:
    """Write the guide at permalink `raw` into the project `cwd` is in (sources: `src`, else guides/ beside
    topicgen.yml); ScaffoldError when the permalink or the file is taken, BadPermalink when it is wrong."""
    permalink = check_permalink(raw)
    assert permalink.product and permalink.lang and permalink.version and permalink.name  # checked above
    title = (title if title is not None else permalink.name.rsplit("/", 1)[-1]).strip()
    if not title or _CONTROL.search(title):
        raise ScaffoldError("the title must be one line of text")
    config_path = find_project(cwd)
    config = load_config(config_path)
    src = src if src is not None else config_path.parent / SOURCES
    _refuse_taken(permalink, read_collection(src, config).infos, src, cwd)
    first = src / guide_path(permalink.product, permalink.lang, permalink.version, file_name(permalink.name))
    data = fill_guide(sample_guide(permalink.lang), permalink.path, title).encode("utf-8")
    # The permalink is free, but its file name may be another guide's (`Plan & Usage` and `Plan Usage` are
    # both planusage.md): the next free name then, never the other guide's file.
    path = next((p for p in _names(first) if create(p, data)), None)
    if path is None:
        raise ScaffoldError(f"{_shown(first, cwd)} and the names after it are taken; give the guide another name")
    return NewGuide(path, permalink.path, _notes(permalink, config) + _strings(permalink.lang, config, cwd))


def _names(first: Path, tries: int = 100) -> Iterator[Path]:
    """`name.md`, then `name-2.md`, `name-3.md`, …"""
    yield first
    for n in range(2, tries + 1):
        yield first.with_name(f"{first.stem}-{n}{first.suffix}")


def _refuse_taken(permalink: Permalink, infos: tuple[GuideInfo, ...], src: Path, cwd: Path) -> None:
    """A permalink in use, or one equal but for case (the two collide on case-insensitive hosts), is refused."""
    for info in infos:
        if info.permalink.path.casefold() != permalink.path.casefold():
            continue
        where = src / info.source
        same = "is already used" if info.permalink.path == permalink.path else \
            f"differs only in case from `{info.permalink.path}`, used"
        raise ScaffoldError(f"{_shown(where, cwd)}:{_permalink_line(where)}: error: permalink `{permalink.path}` "
                            f"{same} by this guide; give the new guide another name")


def _permalink_line(path: Path) -> int:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    m = re.search(r"^permalink[ \t]*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _notes(permalink: Permalink, config: Config) -> tuple[str, ...]:
    if permalink.lang in config.languages:
        return ()
    listed = ", ".join(config.languages)
    return (f"`{permalink.lang}` is not one of the `languages` of {CONFIG_NAME} ({listed}); add it there to "
            "choose its place in the language switcher",)


def _strings(lang: str, config: Config, cwd: Path) -> tuple[str, ...]:
    """For a language no theme folder has UI strings in (the build warns of it, and fails under --strict): a
    strings file for it in the project theme, English to translate, as `topicgen new` writes one."""
    if Strings(config.theme_folders).has_file(lang):
        return ()
    theme = Path(config.theme) if config.theme else (config.path or cwd / CONFIG_NAME).parent / "theme"
    path = theme / "strings" / f"{lang}.yml"
    used = "" if config.theme else f"; set `theme: theme` in {CONFIG_NAME} for the build to use it"
    if not create(path, strings_to_translate(lang)):
        return (f"the theme has no UI strings in `{lang}`: {_shown(path, cwd)} has them{used}",)
    return (f"wrote {_shown(path, cwd)}: the theme had no UI strings in `{lang}`; translate its English "
            f"values{used}",)


def _shown(path: Path, cwd: Path) -> str:
    """`path` as the user would type it in `cwd`: relative to it."""
    try:
        return os.path.relpath(path, cwd) if path.is_absolute() else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)
