"""The output folder's own entries, the check that a folder may be replaced, and file operations that never
follow a link."""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from topicgen.errors import OutputError

# All happens inside the output folder, never to the folder itself: it may be a mount point (a Docker volume),
# where renaming it fails (EBUSY) and a folder beside it is another file system (EXDEV).
MARKER = ".topicgen-output"  # says the folder is topicgen's, so that it only ever replaces its own output
STAGING = ".topicgen-staging"  # the new and changed files, at their paths
BACKUP = ".topicgen-backup"  # what a commit moved out of the way, as 0, 1, … in the journal's order
JOURNAL = ".topicgen-journal"  # the moves of a commit, written before the first of them
JOURNAL_PART = JOURNAL + ".part"
INTERNAL = frozenset((STAGING, BACKUP, JOURNAL, JOURNAL_PART))  # never part of the site, never scanned
RESERVED = INTERNAL | {MARKER}
_PROJECT_FILES = ("pyproject.toml", ".git", "topicgen.yml")
MARKER_TEXT = b"This folder is written by topicgen and replaced on every build.\n"
# O_NOFOLLOW everywhere: topicgen never follows a link it did not create. O_NONBLOCK: a FIFO swapped in for a
# file after its lstat cannot hang a read.
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def check_output_folder(out: Path, src: Path) -> None:
    """Refuse an output folder whose replacement could destroy sources or something topicgen did not make."""
    if os.path.islink(out):
        raise link_refused(out)
    out_r, src_r = out.resolve(), src.resolve()
    if out_r == src_r or out_r in src_r.parents:
        raise OutputError(f"output folder {out} holds the source folder {src}; choose another --out such as build/")
    if not os.path.lexists(out):
        return
    if not is_kind(out, stat.S_ISDIR):
        raise OutputError(f"output path {out} exists and is not a folder; remove it or choose another --out")
    for name in filter(os.path.lexists, (os.path.join(out, n) for n in _PROJECT_FILES)):
        raise OutputError(f"output folder {out} is a project root ({name}); choose another --out such as build/")
    # topicgen's leftovers alone (a first build killed while it staged) count as empty; a journal says the
    # folder is topicgen's even while a commit has the marker out of the way.
    if set(os.listdir(out)) - INTERNAL and not any(is_kind(out / n, stat.S_ISREG) for n in (MARKER, JOURNAL)):
        raise OutputError(f"output folder {out} is not empty and was not made by topicgen (no {MARKER} file "
                          "in it); empty it or choose another --out")


@contextmanager
def locked(out: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """`out` for this build alone: a build into it in another process waits until this one ends (`waiting()`
    is called when this one has to wait). Two builds at once would stage into the same folder and move each
    other's files. The lock is the folder's own (flock), so it ends with the process however it ends. A folder
    made here for the build is removed again if the build leaves nothing in it."""
    made = not os.path.lexists(out)
    while True:
        os.makedirs(out, exist_ok=True)
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
            if os.path.samestat(os.fstat(fd), os.lstat(out)):
                break
        except FileNotFoundError:
            pass  # the build that had it removed the folder it had made: made again, locked again
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        try:
            if made and not os.listdir(out):
                os.rmdir(out)
        except OSError:
            pass
        os.close(fd)


def link_refused(out: Path) -> OutputError:
    return OutputError(f"output folder {out} is a symbolic link, and topicgen never follows a link it did not "
                       f"create; give the real folder ({os.path.realpath(out)}) as --out")


def safe_relpath(rel: str) -> str:
    """`rel` itself when it is a plain relative path that cannot leave the folder it is joined to."""
    if not plain(rel):
        raise OutputError(f"refusing the output path {rel!r}: only a plain relative path inside the output "
                          "folder is allowed (no leading /, '..', '.', empty parts, backslash or NUL)")
    return rel


def plain(rel: object) -> bool:
    return isinstance(rel, str) and bool(rel) and not rel.startswith("/") and "\\" not in rel and \
        "\0" not in rel and all(part not in ("", ".", "..") for part in rel.split("/"))



def remove(path: str) -> None:
    """Remove whatever is at `path`, a folder with all it holds, never following a link."""
    if is_kind(path, stat.S_ISDIR):
        import shutil  # here: a build with nothing to write need not import it (and its compression modules)

        shutil.rmtree(path)  # by names relative to open folders: a link swapped in is not followed
    elif os.path.lexists(path):
        os.unlink(path)  # a file, or a link itself


def is_kind(path: str | Path, kind: Callable[[int], bool]) -> bool:
    """Whether `path` itself (not what a link there points to) is of `kind` (stat.S_ISDIR, stat.S_ISREG)."""
    try:
        return kind(os.lstat(path).st_mode)
    except OSError:
        return False
