"""Writing the output folder: all files into a fresh folder beside it, then one swap; never outside it."""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from topicgen.errors import OutputError

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
    """The next output folder, filled beside `out` and swapped in whole by `commit()`.

    A file of the previous output that is kept, or that gets the same bytes again, is hard-linked (or
    copied with its times) instead of rewritten, so it keeps its modification time and deploy tools see
    it unchanged. Forked workers may write into the same staging folder: nothing here is shared state
    but the folder itself. Leaving the `with` block without `commit()` removes the folder.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.old = _regular_files(self.out)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
        self._made: set[Path] = {self.tmp}
        self._done = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _previous(self, rel: str) -> Path | None:
        """The previous output's regular file at `rel`, if there is one inside it (never through a link)."""
        return self.out / rel if rel in self.old else None

    def write(self, rel: str, data: bytes) -> None:
        """`data` at `rel` of the new output."""
        target = _target(self.tmp, rel, self._made)
        previous = self._previous(rel)
        if previous is not None and _same_bytes(previous, data):
            _link(previous, target)
        else:
            target.write_bytes(data)

    def copy(self, rel: str, source: Path) -> None:
        """The file `source` at `rel` of the new output."""
        target = _target(self.tmp, rel, self._made)
        previous = self._previous(rel)
        if previous is not None and _same_file(previous, source):
            _link(previous, target)
        else:
            shutil.copyfile(source, target)

    def keep(self, rel: str) -> None:
        """The previous output's file at `rel`, unchanged."""
        _link(self._previous(rel), _target(self.tmp, rel, self._made))

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Mark the folder as topicgen's, run `finish(folder)` (the cache records it), swap it in."""
        self.write(MARKER, b"This folder is written by topicgen and replaced on every build.\n")
        os.chmod(self.tmp, 0o755)
        if finish is not None:
            finish(self.tmp)
        _swap(self.tmp, self.out)
        self._done = True


def _target(tmp: Path, rel: str, made: set[Path]) -> Path:
    # `tmp` is new and holds only folders made here, so a plain relative path cannot leave it: the check of
    # safe_join (which resolves every component, a tenth of the write time) is only needed for the others.
    plain = rel and not rel.startswith("/") and "\\" not in rel and "\0" not in rel and \
        all(part not in ("", ".", "..") for part in rel.split("/"))
    target = tmp / rel if plain else safe_join(tmp, rel)
    if target.parent not in made:  # one mkdir per folder, not one per file (exist_ok: workers share folders)
        target.parent.mkdir(parents=True, exist_ok=True)
        made.update([target.parent, *target.parent.parents])
    return target


def _regular_files(out: Path) -> set[str]:
    """Paths of the regular files of the previous output, reached without following any symbolic link."""
    found: set[str] = set()
    if not out.is_dir():
        return found
    for folder, _, files in os.walk(out):  # os.walk does not enter linked folders
        rel = os.path.relpath(folder, out)
        for entry in files:
            path = os.path.join(folder, entry)
            if stat.S_ISREG(os.lstat(path).st_mode):
                found.add(entry if rel == "." else f"{rel}/{entry}".replace(os.sep, "/"))
    return found


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return os.path.getsize(path) == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _same_file(path: Path, source: Path) -> bool:
    try:
        return os.path.getsize(path) == os.path.getsize(source) and filecmp.cmp(path, source, shallow=False)
    except OSError:
        return False


def _link(previous: Path | None, target: Path) -> None:
    """`previous` at `target` too, same inode when the file system allows, else a copy with its times."""
    if previous is None:
        raise OutputError(f"{target.name}: the previous output changed during the build; build again")
    try:
        os.link(previous, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(previous, target, follow_symlinks=False)


def _swap(new: Path, out: Path) -> None:
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
