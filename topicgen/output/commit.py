"""TEMPORARY stand-in for the crash-safe commit (being written separately): same API, no journal."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from topicgen.errors import OutputError

MARKER = ".topicgen-output"
_STAGING = ".topicgen-staging"
_PROJECT_FILES = ("pyproject.toml", ".git", "topicgen.yml")


@dataclass(frozen=True, slots=True)
class CommitSummary:
    written: int
    unchanged: int
    removed: int


def check_output_folder(out: Path, src: Path) -> None:
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


def recover(out: Path) -> str | None:
    return None


def safe_relpath(rel: str) -> str:
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
        raise OutputError(f"refusing to write {rel!r}: it is outside the output folder")
    return rel


def write_staged(out: Path, staging: Path, rel: str, data: bytes) -> bool:
    safe_relpath(rel)
    try:
        with open(out / rel, "rb") as f:
            if f.read() == data:
                return False
    except OSError:
        pass
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


class Staging:
    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.folder = out / _STAGING
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        self.files: dict[str, bool] = {}

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def write(self, rel: str, data: bytes) -> bool:
        changed = write_staged(self.out, self.folder, rel, data)
        self.files[rel] = changed
        return changed

    def copy(self, rel: str, source: Path) -> bool:
        return self.write(rel, source.read_bytes())

    def keep(self, rel: str) -> None:
        self.files[rel] = False

    def mark(self, rel: str, changed: bool) -> None:
        self.files[rel] = changed

    def commit(self) -> CommitSummary:
        self.write(MARKER, b"This folder is written by topicgen and replaced on every build.\n")
        removed = 0
        for folder, dirs, files in os.walk(self.out):
            rel_folder = os.path.relpath(folder, self.out)
            if rel_folder == _STAGING or rel_folder.startswith(_STAGING + os.sep):
                continue
            for name in files:
                rel = os.path.normpath(os.path.join(rel_folder, name)).replace(os.sep, "/")
                if rel not in self.files:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
        for rel, changed in self.files.items():
            if changed:
                (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.folder / rel, self.out / rel)
        written = sum(self.files.values())
        return CommitSummary(written, len(self.files) - written, removed)
