"""Files of the cache folder, read and written without following links that topicgen did not make."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CacheUnusable(Exception):
    """The cache folder cannot be used safely (a link, not a folder, not writable); the build goes on without."""


def open_folder(path: Path) -> Path:
    """The cache folder, made if missing; CacheUnusable when it is not a real folder topicgen may use."""
    try:
        if path.is_symlink():
            raise CacheUnusable(f"{path} is a symbolic link")
        path.mkdir(parents=True, exist_ok=True)
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise CacheUnusable(f"{path} is not a folder")
    except OSError as err:
        raise CacheUnusable(f"{path}: {err.strerror or err}") from None
    return path


def read_bytes(root: Path, rel: str) -> bytes | None:
    """The bytes of the regular file `rel` of the cache folder `root`, or None (missing, a link, other)."""
    try:
        fd = os.open(root / rel, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or not _real_folders(root, rel):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def write_bytes(root: Path, rel: str, data: bytes) -> None:
    """Put `data` at `root/rel` whole or not at all: a new file beside it, renamed over it (a link there is
    replaced, never followed). OSError when it cannot be written."""
    folder = root
    for name in rel.split("/")[:-1]:
        folder = folder / name
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                raise NotADirectoryError(f"{folder} is not a folder") from None
    path = root / rel
    part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def remove(root: Path, rel: str) -> None:
    """Remove the file `rel` of the cache folder if it is there (a link is removed, not followed)."""
    try:
        if _real_folders(root, rel):
            os.unlink(root / rel)
    except OSError:
        pass


def _real_folders(root: Path, rel: str) -> bool:
    """Whether every folder between `root` and the file `rel` is a real folder, not a link to elsewhere."""
    folder = root
    for name in rel.split("/")[:-1]:
        folder = folder / name
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
    return True
