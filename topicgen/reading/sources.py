"""The source folder's files: which are guides, and reading one safely (regular files only, of bounded size)."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".md", ".markdown")
# Far above any real guide (the largest of 373 is under 100 KB) and below what would exhaust memory.
MAX_GUIDE_BYTES = 16 * 1024 * 1024


class Unreadable(Exception):
    """A source that cannot be read as a guide; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class SourceTree:
    """What a walk of the source folder found: the guides' files, and what it passed by that a writer may
    have meant as guides (for the messages)."""

    sources: list[str]  # every markdown file, relative to the folder (with `/`), sorted
    linked: list[str]  # links to folders, which are not followed
    others: list[str]  # the files that are not markdown, sorted


def find_sources(src: Path) -> list[str]:
    """Every markdown file below `src` as a path relative to it (with `/`), sorted."""
    return source_tree(src).sources


def source_tree(src: Path) -> SourceTree:
    """The markdown files below `src`, the links to folders and the other files.

    Hidden and `_` folders are not sources, and folders are not followed through symbolic links (a link
    could lead out of the source folder or round in a loop); what a name points at is checked on reading.
    """
    found: list[str] = []
    linked: list[str] = []
    others: list[str] = []
    root = str(src)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        rel = folder[len(root):].lstrip(os.sep)  # os.walk joins the names below `root` onto it as given
        prefix = rel.replace(os.sep, "/") + "/" if rel else ""
        linked += [prefix + d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in files:
            if not name.startswith("."):
                (found if name.lower().endswith(SUFFIXES) else others).append(prefix + name)
    return SourceTree(sorted(found), sorted(linked), sorted(others))


def signature(src: Path, rel: str) -> tuple[int, ...] | None:
    """What tells a long-running process that a source is unchanged without reading it: inode, size and change
    times of a regular file (None for anything else, a link included: those are read and checked each time)."""
    try:
        st = os.lstat(os.path.join(src, rel))  # of a link, the link's own: not a regular file
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) if stat.S_ISREG(st.st_mode) else None


def read_source(src: Path, rel: str, limit: int = MAX_GUIDE_BYTES) -> bytes:
    """The bytes of `src/rel`; Unreadable unless it is a regular file (or a link to one inside `src`)."""
    path = os.path.join(src, rel)
    if os.path.islink(path):
        real, root = os.path.realpath(path), os.path.realpath(src)
        if os.path.commonpath([real, root]) != root:
            raise Unreadable("is a symbolic link to a file outside the source folder; not read")
    return read_regular(path, limit, "a guide")


def read_regular(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of the file at `path`; Unreadable unless it is a regular file of at most `limit` bytes
    (`what` names such a file in the message: "a guide")."""
    fd = _open_regular(path, limit, what)
    try:
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as f:
            data = f.read(limit + 1)
        if len(data) > limit:  # it grew while being read
            raise Unreadable(f"is more than the {limit:,} bytes {what} may have; not read")
        return data
    except OSError as err:
        reason = "is a folder" if err.errno == errno.EISDIR else f"cannot be read: {err.strerror or err}"
        raise Unreadable(reason) from None
    finally:
        os.close(fd)


def check_regular(path: str | Path, limit: int, what: str) -> None:
    """Unreadable when read_regular() would refuse `path`, found without reading it."""
    os.close(_open_regular(path, limit, what))


def _open_regular(path: str | Path, limit: int, what: str) -> int:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below like any other special file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as err:
        if os.path.islink(path):  # "No such file or directory" of a file the writer sees listed
            raise Unreadable(f"is a symbolic link to `{os.readlink(path)}`, which does not exist; not read") from None
        raise Unreadable(f"cannot be read: {err.strerror or err}") from None
    except OSError as err:
        raise Unreadable(f"cannot be read: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
    except OSError as err:
        os.close(fd)
        raise Unreadable(f"cannot be read: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise Unreadable(f"is not a regular file ({_kind(info.st_mode)}); not read")
    if info.st_size > limit:
        os.close(fd)
        raise Unreadable(f"is {info.st_size:,} bytes, more than the {limit:,} {what} may have; not read")
    return fd


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"
