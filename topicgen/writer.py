"""Writing the output folder: all files into a fresh folder beside it, then one swap; never outside it."""

from __future__ import annotations

import os
import shutil
import tempfile
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


def write_site(out: Path, files: dict[str, bytes], copies: dict[str, Path]) -> None:
    """Write `files` (path to bytes) and `copies` (path to source file) as the new content of `out`.

    Everything goes to a temporary folder next to `out`, which then replaces `out` in two renames,
    so a failure at any point leaves the previous output as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for rel, data in files.items():
            target = safe_join(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for rel, source in copies.items():
            target = safe_join(tmp, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        (tmp / MARKER).write_text("This folder is written by topicgen and replaced on every build.\n")
        os.chmod(tmp, 0o755)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


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
