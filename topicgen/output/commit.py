"""The output folder's crash-safe commit: the new site staged inside the folder, then moved into place at once
(the journal and the recovery from a kill are journal.py's)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Self

from topicgen.errors import OutputError
from topicgen.output.folder import (
    INTERNAL,
    MARKER,
    MARKER_TEXT,
    NEW_FILE,
    READ,
    RESERVED,
    STAGING,
    is_kind,
    safe_relpath,
)
from topicgen.output.journal import clean, move, recover


def _page_rel(rel: str) -> str:
    """`rel` as a path of the site: plain, and not one of topicgen's own entries at the top of the folder."""
    if safe_relpath(rel).split("/", 1)[0] in RESERVED:
        raise OutputError(f"refusing the output path {rel!r}: it is topicgen's own entry in the output folder")
    return rel


@dataclass(frozen=True)
class CommitSummary:
    """What a commit did to the site's files (the marker not counted)."""

    written: int  # new or changed files, moved in
    unchanged: int  # files left in place untouched: kept, or written again with the same bytes
    removed: int  # files, links and other entries of the previous output that the new one does not have


class Staging:
    """The next content of `out`, staged in `.folder` (`out/.topicgen-staging`) and put in place by commit();
    leaving the `with` block without commit() removes the staging folder and leaves `out` as it was.

    `held`: the files `out` holds, when the caller knows them because nothing else writes the folder (the
    preview's private one): the commit takes them instead of walking the folder for what it holds.
    """

    def __init__(self, out: Path, held: set[str] | None = None) -> None:
        self.out, self._out, self._held = out, os.path.abspath(out), held
        recover(out)  # the build has already done it (and said so); any other writer must too
        self._made = not os.path.lexists(self._out)  # a first build: a failure must not leave a folder behind
        os.makedirs(self._out, exist_ok=True)
        self.folder = Path(self._out, STAGING)
        os.mkdir(self.folder)
        self._changed: set[str] = set()
        self._same: set[str] = set()
        self._done = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._done:
            try:
                recover(self.out)  # removes the staging folder (and rolls back a commit that failed)
                if self._made and not os.listdir(self._out):
                    os.rmdir(self._out)
            except OutputError:
                if kind is None:  # else the build's own error is the one to show; the next build tries again
                    raise

    def write(self, rel: str, data: bytes) -> bool:
        """`data` at `rel` of the new site; False (nothing staged) when `out` already has these bytes there."""
        changed = write_staged(self.out, self.folder, rel, data)
        self._record(rel, changed)
        return changed

    def copy(self, rel: str, source: Path) -> bool:
        """The bytes of the file `source` at `rel` of the new site, as write() does."""
        return self.write(rel, Path(source).read_bytes())

    def keep(self, rel: str) -> None:
        """The file at `rel` of `out` stays as it is (commit() checks that it is there, as a regular file)."""
        self._record(_page_rel(rel), False)

    def mark(self, rel: str, changed: bool) -> None:
        """Record what write_staged() returned for `rel` in another process (a forked worker)."""
        self._record(_page_rel(rel), changed)

    def _record(self, rel: str, changed: bool) -> None:
        if rel in self._changed or rel in self._same:
            raise OutputError(f"{rel} is given twice for the new site in {self.out}")
        (self._changed if changed else self._same).add(rel)

    def commit(self) -> CommitSummary:
        """Put the new site in place, and remove every entry of `out` it does not hold, in one commit."""
        if self._done:
            raise OutputError(f"the new site of {self.out} was already committed")
        if is_kind(f"{self._out}/{MARKER}", stat.S_ISREG):  # written only when missing: its text is no matter
            self._same.add(MARKER)
        else:
            _create(str(self.folder), MARKER, MARKER_TEXT)
            self._changed.add(MARKER)
        # A marker missing from a folder said to be held is a file that goes and is not there: it is walked.
        held = None if self._held is None else self._held | {MARKER}
        try:
            moved_out, moved_in, removed = _plan(self._out, self._changed, self._same, held)
            if moved_out or moved_in:
                move(self._out, moved_out, moved_in)
        except BaseException as err:  # an error, or Ctrl-C: undone now, as the next build would after a kill
            try:
                recover(self.out)
            except Exception as undo:
                raise OutputError(f"the commit into {self.out} failed ({err}) and could not be rolled back "
                                  f"({undo}); the next build will roll it back") from undo
            raise
        self._done = True
        clean(self._out)  # the new output is in place; a failure here leaves only cleanup to the next build
        return CommitSummary(len(self._changed - {MARKER}), len(self._same - {MARKER}), removed)


def marked(out: Path) -> bool:
    """Whether `out` has topicgen's marker, as every commit into it leaves it."""
    return is_kind(os.path.join(out, MARKER), stat.S_ISREG)


def write_staged(out: Path, staging: Path, rel: str, data: bytes) -> bool:
    """`data` at `rel` of the new site, created in `staging`; False (nothing staged) when `out` already has
    these bytes there. Forked workers call it too, and report back for the parent's Staging.mark()."""
    _page_rel(rel)
    if _same_bytes(os.fspath(out), rel, data):
        return False
    _create(os.fspath(staging), rel, data)
    return True


def _same_bytes(out: str, rel: str, data: bytes) -> bool:
    """Whether `out/rel` is a regular file, reached through real folders only, with exactly `data`."""
    try:
        st = os.lstat(f"{out}/{rel}")
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data) or not _real_folders(out, rel):
            return False
        fd = os.open(f"{out}/{rel}", READ)
    except OSError:
        return False
    with open(fd, "rb") as f:
        return f.read(len(data) + 1) == data


def _real_folders(out: str, rel: str) -> bool:
    """Whether every folder on the way from `out` to `rel` is a real folder, not a link to one."""
    parts = rel.split("/")[:-1]
    return all(is_kind(f"{out}/{'/'.join(parts[:i])}", stat.S_ISDIR) for i in range(1, len(parts) + 1))


def _create(staging: str, rel: str, data: bytes) -> None:
    """A new file in the staging folder. Page files are not fsynced: a kill is what a commit survives, and a
    power cut is not covered beyond the journal's own fsync."""
    path = f"{staging}/{rel}"
    try:
        try:
            fd = os.open(path, NEW_FILE, 0o666)
        except FileNotFoundError:  # its folder is not staged yet: made once, not looked for at every file
            os.makedirs(os.path.dirname(path), exist_ok=True)  # exist_ok: workers share folders
            fd = os.open(path, NEW_FILE, 0o666)
    except (FileExistsError, NotADirectoryError) as err:
        raise OutputError(f"{rel} is written twice, or is both a file and a folder of the new site") from err
    with open(fd, "wb") as f:
        f.write(data)


def _plan(out: str, changed: set[str], same: set[str], held: set[str] | None) -> tuple[list[str], list[str], int]:
    """What a commit moves (all checked before anything moves): entries of `out` out of the way, entries of the
    staging folder in (a folder new to `out` as a whole), and how many old files that removes. `held`: the
    files `out` holds, if known (else the folder is walked)."""
    folders: set[str] = set()
    for rel in changed | same:
        i = rel.rfind("/")
        while i > 0 and rel[:i] not in folders:  # a folder already there has its parents there too
            folders.add(rel[:i])
            i = rel.rfind("/", 0, i)
    if (changed | same) & folders:
        raise OutputError(f"the new site has both a file and a folder at {min((changed | same) & folders)}")
    sort = _sort_out if held is None else partial(_sort_held, held)
    kept, found, moved_out, removed = sort(out, folders, same, changed)
    if same - found:
        raise OutputError(f"{min(same - found)} was to stay as it is in {out}, but it is not a regular file "
                          "there any more (the output changed during the build); build again")
    tops: set[str] = set()
    for rel in changed:  # the topmost part of its path that is not a folder staying in `out`
        parts, end = rel.split("/"), 1
        while "/".join(parts[:end]) in kept:
            end += 1
        tops.add("/".join(parts[:end]))
    # The marker first: any page of a first build that is in place has the marker beside it.
    return moved_out, sorted(tops, key=lambda rel: (rel != MARKER, rel)), removed


def _sort_out(out: str, folders: set[str], same: set[str],
              changed: set[str]) -> tuple[set[str], set[str], list[str], int]:
    """Walk `out`, following no link, into the folders the new site keeps: them, the files that stay, and the
    entries that go (a folder that goes is one entry)."""
    kept, found, moved_out, removed, stack = set[str](), set[str](), list[str](), 0, [""]
    while stack:
        prefix = stack.pop()
        with os.scandir(f"{out}/{prefix}") as entries:
            for entry in entries:
                rel, is_dir = prefix + entry.name, entry.is_dir(follow_symlinks=False)
                if prefix or entry.name not in INTERNAL:
                    if is_dir and rel in folders:
                        kept.add(rel)
                        stack.append(rel + "/")
                    elif rel in same and entry.is_file(follow_symlinks=False):
                        found.add(rel)
                    else:  # a changed file, or what the new site does not have: a link, a stray, a folder
                        moved_out.append(rel)
                        removed += _count(entry.path) if is_dir else int(rel not in changed)
    return kept, found, sorted(moved_out), removed


def _sort_held(held: set[str], out: str, folders: set[str], same: set[str],
               changed: set[str]) -> tuple[set[str], set[str], list[str], int]:
    """What _sort_out finds, from the files `out` is known to hold (`held`) instead of a walk of it; of the
    folders that stay, those on the way of a changed file (all _plan asks of them). What goes is checked to be
    there: if it is not, `held` is out of date and the folder is walked after all."""
    going, removed = set[str](), 0
    for rel in held - same:  # a changed file, or one the new site lacks: it goes, or the folder it is in does
        parts, end = rel.split("/"), 1
        while end < len(parts) and "/".join(parts[:end]) in folders:
            end += 1
        going.add(entry := "/".join(parts[:end]))
        removed += int(entry != rel or rel not in changed)
    if not all(os.path.lexists(f"{out}/{rel}") for rel in going):
        return _sort_out(out, folders, same, changed)
    # The folders a changed file's way passes: those already there stay (a file that stays has its folders).
    on_way = {rel[:i] for rel in changed for i in range(len(rel)) if rel[i] == "/"}
    kept = {f for f in on_way & folders if is_kind(f"{out}/{f}", stat.S_ISDIR)}
    return kept, same & held, sorted(going), removed


def _count(folder: str) -> int:
    """How many entries other than folders `folder` holds, at any depth, not following links."""
    with os.scandir(folder) as entries:
        return sum(_count(e.path) if e.is_dir(follow_symlinks=False) else 1 for e in entries)


