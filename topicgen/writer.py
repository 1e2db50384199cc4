"""Writing the output folder: a fresh folder swapped in whole, or only the changed files moved in under a
rollback journal; a failed build leaves the previous output as it was, and nothing is written outside it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from topicgen.errors import OutputError

# shutil, tempfile, json and filecmp are imported in the functions that use them: a build with nothing to
# do writes nothing, and importing them (~5 ms, with the compression modules shutil pulls in) would be a
# tenth of its time.

MARKER = ".topicgen-output"  # marks a folder topicgen made, so it only ever replaces its own output
_PROJECT_FILES = ("pyproject.toml", ".git", "topicgen.yml")


def check_output_folder(out: Path, src: Path) -> None:
    """Refuse an output folder that would destroy sources or a folder topicgen did not make."""
    out_r, src_r = out.resolve(), src.resolve()
    if out_r == src_r or out_r in src_r.parents:
        raise OutputError(f"output folder {out} holds the source folder {src}; choose another --out")
    if any((out_r / name).exists() for name in _PROJECT_FILES):
        raise OutputError(f"output folder {out} is a project root; choose another --out such as build/")
    if out_r.exists() and not out_r.is_dir():
        raise OutputError(f"output path {out} exists and is not a folder")
    if out_r.is_dir() and any(out_r.iterdir()) and not (out_r / MARKER).is_file():
        raise OutputError(f"output folder {out} is not empty and was not made by topicgen "
                          f"(no {MARKER} file in it); topicgen will not replace it")


def safe_join(root: Path, rel: str) -> Path:
    """`root/rel`, refusing any path that would land outside `root`."""
    target = (root / rel).resolve()
    if target != root.resolve() and root.resolve() not in target.parents:
        raise OutputError(f"refusing to write {rel!r}: it is outside the output folder")
    return target


def write_site(out: Path, files: dict[str, bytes], copies: dict[str, Path], keep: Iterable[str] = (),
               finish: Callable[[Path], None] | None = None) -> None:
    """Write `files` (path to bytes) and `copies` (path to source file) as the new content of `out`.

    A one-call form of Staging: everything goes to a temporary folder next to `out`, which then replaces
    `out` in two renames, so a failure at any point leaves the previous output as it was.
    """
    with Staging(out) as staging:
        for rel in keep:
            staging.keep(rel)
        for rel, data in files.items():
            staging.write(rel, data)
        for rel, source in copies.items():
            staging.copy(rel, source)
        staging.commit(finish)


class Staging:
    """The next output folder, filled beside `out` and committed by `commit()`.

    Two ways to commit. A full build (no previous output, or `incremental` not asked for) fills a whole new
    folder, hard-linking (or copying with its times) every file of the previous output that is kept or gets
    the same bytes again, and swaps it in with two renames. An incremental build (the previous output is
    topicgen's and its cache says what each file is) stages only new and changed files; `commit()` then moves
    replaced and removed files of the output into a backup folder beside it, prunes the folders left empty,
    and moves the staged files in, under a journal beside the output, so that an exception rolls everything
    back at once and a crash is rolled back by the next build (`recover`). Either way a kept file keeps its
    inode and modification time, and anything in the output that the new output does not hold (a stray file,
    a symbolic link) is gone after the commit, as with the full swap.

    Forked workers may write into the same staging folder: nothing here is shared state but the folder
    itself, which is why an incremental build declares the complete list of the new output's files with
    `expect()` (a worker's "same bytes, keep it" leaves no other trace). Leaving the `with` block without
    `commit()` removes the staging folder; the output is untouched until `commit()`.
    """

    def __init__(self, out: Path, incremental: bool = False) -> None:
        import tempfile

        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)  # build() has already done it (and reported it); any other writer must too
        self.incremental = incremental and self.out.is_dir() and not self.out.is_symlink()
        self.old, self.other, self.dirs = _scan(self.out)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
        self._tmp = str(self.tmp)
        self._made: set[str] = {self._tmp}
        self._expected: set[str] = set()
        self._done = False
        self._journaled = False  # a journal names the staging folder: only its rollback may remove it

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        import shutil

        if not self._done and not self._journaled:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _previous(self, rel: str) -> Path | None:
        """The previous output's regular file at `rel`, if there is one inside it (never through a link)."""
        return self.out / rel if rel in self.old else None

    def expect(self, rels: Iterable[str]) -> None:
        """Declare files of the new output (all of them, for an incremental commit; writes from workers)."""
        self._expected.update(rels)

    def write(self, rel: str, data: bytes) -> None:
        """`data` at `rel` of the new output."""
        self._expected.add(rel)
        previous = self._previous(rel)
        if previous is not None and _same_bytes(previous, data):
            if not self.incremental:  # incremental: the file stays where it is
                _link(previous, _target(self._tmp, rel, self._made))
            return
        with open(_target(self._tmp, rel, self._made), "wb") as f:
            f.write(data)

    def copy(self, rel: str, source: Path) -> None:
        """The file `source` at `rel` of the new output."""
        import shutil

        self._expected.add(rel)
        previous = self._previous(rel)
        if previous is not None and _same_file(previous, source):
            if not self.incremental:
                _link(previous, _target(self._tmp, rel, self._made))
            return
        shutil.copyfile(source, _target(self._tmp, rel, self._made))

    def keep(self, rel: str) -> None:
        """The previous output's file at `rel`, unchanged."""
        self._expected.add(rel)
        if self.incremental:
            if rel not in self.old:
                _link(None, self.tmp / rel)  # the same message as a full build's
            return
        _link(self._previous(rel), _target(self._tmp, rel, self._made))

    def files(self) -> dict[str, tuple[int, int]]:
        """Size and mtime (ns) of every file of the new output as it stands before the commit."""
        found = {rel: st for rel, st in _walk_files(self.tmp).items()}
        if self.incremental:
            for rel in self._expected:
                if rel not in found:
                    if rel not in self.old:
                        _link(None, self.tmp / rel)
                    found[rel] = self.old[rel]
        return found

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Mark the output as topicgen's, run `finish(folder)` (the cache records it), put it in place."""
        self.write(MARKER, b"This folder is written by topicgen and replaced on every build.\n")
        if not self.incremental:
            os.chmod(self.tmp, 0o755)
        if finish is not None:
            finish(self.tmp)
        if self.incremental:
            self._commit_in_place()
        else:
            _swap(self.tmp, self.out)
        self._done = True

    def _commit_in_place(self) -> None:
        import shutil
        import tempfile

        staged = sorted(_walk_files(self.tmp))
        staged_set = set(staged)
        new = staged_set | self._expected
        for rel in self._expected - staged_set:
            if rel not in self.old:
                _link(None, self.tmp / rel)
        gone = sorted(rel for rel in (*self.old, *self.other) if rel not in new or rel in staged_set)
        needed = {parent for rel in new for parent in _parents(rel)}
        made = sorted({d for d in needed if d not in self.dirs}, key=lambda d: (d.count("/"), d))
        pruned = sorted((d for d in self.dirs if d not in needed), key=lambda d: (-d.count("/"), d))
        if not staged and not gone and not made and not pruned:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        backup = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
        plan = {"version": 1, "state": "committing", "tmp": self.tmp.name, "backup": backup.name,
                "moved_out": gone, "pruned": pruned, "made": made, "moved_in": staged}
        journal = journal_path(self.out)
        self._journaled = True
        try:
            _write_journal(journal, plan)
            for i, rel in enumerate(gone):
                os.rename(self.out / rel, backup / str(i))
            for d in pruned:
                os.rmdir(self.out / d)
            for d in made:
                os.mkdir(self.out / d)
            for rel in staged:
                os.rename(self.tmp / rel, self.out / rel)
            _write_journal(journal, {**plan, "state": "done"})
        except BaseException:
            if journal.exists():
                try:
                    _roll_back(self.out, plan)
                except Exception as err:  # the journal stays: the next build finishes the rollback
                    raise OutputError(f"the commit into {self.out} failed and could not be rolled back "
                                      f"({err}); the next build will roll it back from {journal}") from err
            _remove_journal_and_folders(self.out, journal, plan)
            self._journaled = False
            raise
        _remove_journal_and_folders(self.out, journal, plan)
        self._journaled = False


def journal_path(out: Path) -> Path:
    """Where an incremental commit keeps its journal: beside the output, hidden, named after it."""
    return out.parent / f".{out.name}.topicgen-journal"


def recover(out: Path) -> str | None:
    """Finish what an interrupted commit into `out` left behind; a note saying what was done, or None.

    A journal in the `committing` state means the process died in the middle of a commit: every move is
    undone, so the output is exactly the previous one again. In the `done` state only the cleanup was left.
    """
    out = out.resolve()
    journal = journal_path(out)
    if not journal.exists():
        part = journal.with_name(journal.name + ".part")
        if part.exists():  # died while writing the journal, before any move: nothing to undo
            part.unlink()
        return None
    try:
        plan = _read_journal(out, journal)
    except (OSError, ValueError) as err:
        raise OutputError(f"{journal} is left from an interrupted build but cannot be read ({err}); "
                          f"remove it and {out} (topicgen's output) and build again") from err
    if plan["state"] == "done":
        _remove_journal_and_folders(out, journal, plan)
        return f"a previous build was interrupted after its commit into {out}; its leftovers were removed"
    if not (out.parent / plan["tmp"]).is_dir():
        raise OutputError(f"{journal} is left from an interrupted build, but its staging folder is gone; "
                          f"remove it and {out} (topicgen's output) and build again")
    _roll_back(out, plan)
    _remove_journal_and_folders(out, journal, plan)
    return f"a previous build was interrupted while it updated {out}; the previous output was restored"


def _roll_back(out: Path, plan: dict[str, Any]) -> None:
    """Undo the moves of `plan`, whichever of them were done; safe to run again after a crash in it."""
    tmp, backup = out.parent / plan["tmp"], out.parent / plan["backup"]
    for rel in reversed(plan["moved_in"]):  # a staged file that is no longer staged is in the output
        if not os.path.lexists(tmp / rel) and os.path.lexists(out / rel):
            os.rename(out / rel, tmp / rel)
    for d in reversed(plan["made"]):
        try:
            os.rmdir(out / d)
        except FileNotFoundError:
            pass
        except OSError:
            if not os.path.lexists(out / d):
                raise
    for d in reversed(plan["pruned"]):
        os.makedirs(out / d, exist_ok=True)
    for i, rel in enumerate(plan["moved_out"]):
        if os.path.lexists(backup / str(i)):
            os.rename(backup / str(i), out / rel)


def _remove_journal_and_folders(out: Path, journal: Path, plan: dict[str, Any]) -> None:
    import shutil

    shutil.rmtree(out.parent / plan["backup"], ignore_errors=True)
    shutil.rmtree(out.parent / plan["tmp"], ignore_errors=True)
    for path in (journal.with_name(journal.name + ".part"), journal):
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _write_journal(journal: Path, plan: dict[str, Any]) -> None:
    """The journal, replaced atomically and flushed to disk before any move it describes."""
    import json

    part = journal.with_name(journal.name + ".part")
    with open(part, "w", encoding="utf-8") as f:
        json.dump(plan, f)
        f.flush()
        os.fsync(f.fileno())
    os.rename(part, journal)


def _read_journal(out: Path, journal: Path) -> dict[str, Any]:
    """A journal, checked to name only topicgen's folders beside `out` and plain paths inside them."""
    import json

    plan = json.loads(journal.read_text(encoding="utf-8"))
    if not isinstance(plan, dict) or plan.get("version") != 1 or plan.get("state") not in ("committing", "done"):
        raise ValueError("not a topicgen journal")
    for key, prefix in (("tmp", f".{out.name}.new-"), ("backup", f".{out.name}.old-")):
        name = plan.get(key)
        if not (isinstance(name, str) and name.startswith(prefix) and "/" not in name and "\\" not in name):
            raise ValueError(f"unexpected {key} folder")
    for key in ("moved_out", "pruned", "made", "moved_in"):
        rels = plan.get(key)
        if not (isinstance(rels, list) and all(isinstance(r, str) and _plain(r) for r in rels)):
            raise ValueError(f"unexpected paths in {key}")
    return plan


def _plain(rel: str) -> bool:
    """A relative path that cannot leave the folder it is joined to."""
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and "\0" not in rel and \
        all(part not in ("", ".", "..") for part in rel.split("/"))


def _parents(rel: str) -> list[str]:
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _target(tmp: str, rel: str, made: set[str]) -> str:
    """The path of `rel` in the staging folder `tmp`, its folders made (`made`: those already made).

    `tmp` is new and holds only folders made here, so a plain relative path cannot leave it: the check of
    safe_join (which resolves every component, a tenth of the write time) is only needed for the others.
    Paths are strings here: for a few hundred pages pathlib's objects cost more CPU than the writing.
    """
    target = f"{tmp}/{rel}" if _plain(rel) else str(safe_join(Path(tmp), rel))
    folder = os.path.dirname(target)
    if folder not in made:  # one mkdir per folder, not one per file (exist_ok: workers share folders)
        os.makedirs(folder, exist_ok=True)
        while folder not in made and len(folder) > len(tmp):
            made.add(folder)
            folder = os.path.dirname(folder)
    return target


def _scan(out: Path) -> tuple[dict[str, tuple[int, int]], set[str], set[str]]:
    """The previous output without following any symbolic link: its regular files (with size and mtime),
    its other entries (links, sockets…) and its folders, as paths relative to it."""
    files: dict[str, tuple[int, int]] = {}
    other: set[str] = set()
    dirs: set[str] = set()
    if not out.is_dir() or out.is_symlink():
        return files, other, dirs
    stack = [(str(out), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    dirs.add(rel)
                    stack.append((entry.path, rel + "/"))
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    files[rel] = (st.st_size, st.st_mtime_ns)
                else:
                    other.add(rel)
    return files, other, dirs


def _walk_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of every file below `folder` (a staging folder: only files and folders made here)."""
    return _scan(folder)[0]


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return os.path.getsize(path) == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_file(path: Path, source: Path) -> bool:
    import filecmp

    try:
        return os.path.getsize(path) == os.path.getsize(source) and filecmp.cmp(path, source, shallow=False)
    except OSError:
        return False


def _link(previous: Path | None, target: Path | str) -> None:
    """`previous` at `target` too, same inode when the file system allows, else a copy with its times."""
    import shutil

    if previous is None:
        raise OutputError(f"{os.path.basename(target)}: the previous output changed during the build; build again")
    try:
        os.link(previous, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(previous, target, follow_symlinks=False)


def _swap(new: Path, out: Path) -> None:
    import shutil
    import tempfile

    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)

