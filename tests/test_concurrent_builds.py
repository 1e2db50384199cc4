"""Builds into one output folder at the same time: each waits for the one before it, so the folder holds one
whole site (two commits at once moved each other's files and left a site of one page behind)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from topicgen.output.folder import locked

from .conftest import GUIDES


def _build(out: Path, cwd: Path, err: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "topicgen", "build", "--src", str(GUIDES), "--out", str(out),
                             *extra], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err.open("wb"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_build_waits_while_another_has_the_output_folder(tmp_path):
    out, err = tmp_path / "site", tmp_path / "build.err"
    with locked(out, lambda: None):
        proc = _build(out, tmp_path, err)
        deadline = time.monotonic() + 60
        while "waits for it to end" not in err.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, err.read_text()
            time.sleep(0.05)
        assert f"topicgen: note: another build is writing {out}; this one waits for it to end" in err.read_text()
        time.sleep(0.3)
        assert proc.poll() is None and list(out.iterdir()) == []  # nothing written while it waits
    assert proc.wait(120) == 0, err.read_text()
    assert (out / "index.html").is_file() and (out / ".topicgen-output").is_file()


def test_builds_at_once_leave_one_whole_site(tmp_path):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    assert _build(out, tmp_path, tmp_path / "first.err").wait(120) == 0
    (tmp_path / "topicgen.yml").write_text("site_title: Changed\n", encoding="utf-8")
    builds = [_build(out, tmp_path, tmp_path / f"{i}.err") for i in range(3)]
    assert [b.wait(120) for b in builds] == [0, 0, 0], [(tmp_path / f"{i}.err").read_text() for i in range(3)]
    assert _build(fresh, tmp_path, tmp_path / "fresh.err", "--no-cache").wait(120) == 0
    assert _files(out) == _files(fresh)


def test_a_folder_made_for_a_build_that_writes_nothing_is_removed(tmp_path):
    out = tmp_path / "new" / "site"
    with locked(out, lambda: None):
        assert out.is_dir()
    assert not out.exists()
