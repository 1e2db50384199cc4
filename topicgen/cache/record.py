"""What the last build of an output folder read and wrote: so that a build with nothing new does nothing."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from topicgen.cache.keys import digest, environment_key
from topicgen.cache.store import Store
from topicgen.config import Config
from topicgen.diagnostics import Diagnostic, Located
from topicgen.translations.counts import PROBLEMS, Counts
from topicgen.translations.history import head_stamp

_FORMAT = "topicgen-build-record 3"
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__"}


@dataclass(slots=True)
class BuildRecord:
    """The last successful build of one output folder: a key of everything it read (`inputs`), each file it
    wrote with the key of what that file was made from and its size and mtime (`outputs`), and what it
    reported: diagnostics and the translations' counts."""

    inputs: str = ""
    outputs: dict[str, list[Any]] = field(default_factory=dict)  # rel -> [key, size, mtime_ns]
    diagnostics: list[Located] = field(default_factory=list)
    pages: int = 0
    sources: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)  # rel -> (signature, sha256)
    translations: Counts | None = None

    def output_key(self, rel: str, out: Path | None) -> str | None:
        """The key `rel` was made from, if the file in `out` is still exactly as the last build left it; with
        `out` None (a folder no one else writes), taken to be."""
        entry = self.outputs.get(rel)
        return entry[0] if entry is not None and (out is None or file_stat(f"{out}/{rel}") == entry[1:]) else None

    def output_intact(self, out: Path) -> bool:
        """Whether every file the last build wrote is still as it left it."""
        folder = str(out)  # strings: a Path per file costs more than its lstat
        return all(file_stat(f"{folder}/{rel}") == entry[1:] for rel, entry in self.outputs.items())


def record_key(out: Path) -> str:
    """What the record of builds into `out` is kept under: its resolved path."""
    return str(out.resolve())


def load_record(store: Store, out: Path) -> BuildRecord | None:
    """The record of the last build into `out`, or None (none yet, unreadable, written by another version)."""
    data = store.record(record_key(out))
    try:
        raw = json.loads(data) if data is not None else None
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
            return None
        diagnostics = [(str(p), Diagnostic(s, int(line), str(m))) for p, s, line, m in raw["diagnostics"]
                       if s in ("warning", "error")]
        outputs = {str(rel): [str(e[0]), int(e[1]), int(e[2])] for rel, e in raw["outputs"].items()}
        sources = {str(rel): (tuple(int(n) for n in e[:-1]), str(e[-1])) for rel, e in raw["sources"].items()}
        return BuildRecord(str(raw["inputs"]), outputs, diagnostics, int(raw["pages"]), sources,
                           _counts(raw["translations"]))
    except (ValueError, TypeError, KeyError, IndexError):
        return None  # a damaged record only means a build that does everything


def _counts(raw: Any) -> Counts | None:
    if raw is None:
        return None
    entries, unchecked, found = raw
    if not isinstance(unchecked, str) or [p for p, _ in found] != list(PROBLEMS):
        raise ValueError("translations")
    return Counts(int(entries), tuple((str(p), int(n)) for p, n in found), unchecked)


def record_json(record: BuildRecord) -> str:
    """The record as the cache keeps it."""
    counts = record.translations
    return json.dumps({"format": _FORMAT, "inputs": record.inputs, "pages": record.pages,
                       "diagnostics": [[p, d.severity, d.line, d.message] for p, d in record.diagnostics],
                       "translations": [counts.entries, counts.unchecked, [list(p) for p in counts.problems]]
                       if counts else None,
                       "outputs": record.outputs,
                       "sources": {rel: [*mark, sha] for rel, (mark, sha) in record.sources.items()}},
                      ensure_ascii=False)


def file_stat(path: str) -> list[int]:
    """Size and modification time (ns) of a regular file, as the record keeps them; [] when it is not one."""
    try:
        st = os.lstat(path)
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else []


def inputs_key(src: Path, config: Config, label: str, skip: tuple[Path, ...]) -> str:
    """One key of everything a build reads: topicgen and its packages, the config, and the name, size and
    change times of every file of the source and theme folders (`skip`: folders not to look into).

    Change times, not contents: this decides only whether to skip the build altogether, and reading every
    source to decide it would cost what the build it spares costs. ctime changes with any write to a file,
    whatever the writer does with its mtime; any change makes the build run, and that build compares
    contents. A commit changes which translations are outdated without changing a file of the sources:
    the git work tree's HEAD is part of the key too (head_stamp, which runs no git process).
    """
    parts = [_FORMAT, environment_key(), repr(config), label, head_stamp(src)]
    skipped = {os.path.realpath(p) for p in skip}
    for root in (src, *config.theme_folders):
        parts.append(f"root:{root}")
        parts += _stats(root, skipped)
    if config.path is not None:
        parts += _stats_of(str(config.path))
    return digest(*parts)


def _stats(root: Path, skipped: set[str]) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS
                         and os.path.realpath(os.path.join(folder, d)) not in skipped)
        for name in sorted(files):
            found += _stats_of(os.path.join(folder, name))
    return found


def _stats_of(path: str) -> list[str]:
    try:
        st = os.stat(path)  # through a link: what the build would read
    except OSError:
        return [path, "unreadable"]
    return [path, f"{st.st_mode}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"]
