"""The incremental commit: only changed files move, a failure or a crash in the middle rolls everything back."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

import topicgen.writer
from topicgen.build import build
from topicgen.cache import CACHE_DIR
from topicgen.cli import main
from topicgen.config import Config
from topicgen.report import Reporter
from topicgen.writer import Staging, journal_path, recover

from .conftest import GUIDES


def run(src: Path, out: Path, **kw):
    reporter = Reporter(stream=io.StringIO())
    return build(src, out, Config(), reporter, src_label="guides", **kw), reporter


def snapshot(root: Path) -> dict[str, object]:
    """Every entry below `root` (cache included) with its bytes, a link's target, or 'dir'."""
    found: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = path.read_bytes()
    return found


def site_files(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root).items() if v != "dir" and not k.startswith(CACHE_DIR)}


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file() and CACHE_DIR not in p.relative_to(root).parts}


def beside(out: Path) -> list[str]:
    """What is next to the output folder apart from it and the sources."""
    return sorted(p.name for p in out.parent.iterdir() if p.name not in (out.name, "guides", "full"))


@pytest.fixture
def src(tmp_path) -> Path:
    copy = tmp_path / "guides"
    shutil.copytree(GUIDES, copy)
    return copy


def guides(src: Path) -> list[Path]:
    return sorted(src.rglob("*.md"))


def edit(path: Path, old: str = "###### ", new: str = "###### Changed ") -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def add_and_remove(src: Path) -> None:
    gone, other = guides(src)[0], guides(src)[1]
    (src / "new.md").write_bytes(gone.read_bytes().replace(b"permalink: ", b"permalink: new-", 1))
    gone.unlink()
    edit(other)


def test_edits_adds_and_removes_equal_a_full_build(src, tmp_path):
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out)
    edit(guides(src)[2])
    result, _ = run(src, out)
    assert 0 < result.rebuilt < result.pages
    add_and_remove(src)
    run(src, out)
    run(src, full, use_cache=False)
    assert site_files(out) == site_files(full), "incremental output is byte-identical to a full build"
    empty = [str(p) for p in out.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == [], "folders of removed pages are pruned"
    assert beside(out) == [], "no staging, backup or journal left beside the output"


def test_unchanged_files_keep_inode_and_mtime(src, tmp_path):
    out = tmp_path / "site"
    run(src, out)
    before = stamps(out)
    edit(guides(src)[0])
    result, _ = run(src, out)
    after = stamps(out)
    moved = sorted(rel for rel in before if before[rel] != after.get(rel))
    assert 0 < len(moved) <= result.rebuilt
    assert "assets/topic.css" not in moved and ".topicgen-output" not in moved


def test_strays_and_links_in_the_output_go_as_with_a_full_swap(src, tmp_path):
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not topicgen's")
    (out / "stray.txt").write_text("a user's file")
    (out / "strays" / "deep").mkdir(parents=True)
    (out / "strays" / "deep" / "x.txt").write_text("x")
    (out / "linked").symlink_to(outside, target_is_directory=True)
    page = next(p for p in sorted(out.rglob("index.html")) if p.parent != out)
    page.unlink()
    page.symlink_to(outside / "keep.txt")  # a page replaced by a link to a file outside
    run(src, out)
    run(src, full, use_cache=False)
    assert site_files(out) == site_files(full)
    assert not page.is_symlink() and not (out / "linked").exists() and not (out / "strays").exists()
    assert (outside / "keep.txt").read_text() == "not topicgen's", "nothing outside the output is touched"


class Crash(BaseException):
    """Stands for the process being killed: nothing after it runs, not even the rollback."""


def fail_renames(monkeypatch, at, error):
    """Make the writer's n-th os.rename raise `error()` for each n in `at`; returns the call counter."""
    real = os.rename
    calls = {"n": 0}

    def renaming(a, b, *args, **kw):
        calls["n"] += 1
        if calls["n"] in at:
            raise error()
        return real(a, b, *args, **kw)

    monkeypatch.setattr(topicgen.writer.os, "rename", renaming)
    return calls


# With the bundled guides this commit renames 14 times: the journal, 6 files out, 6 in, the journal again.
@pytest.mark.parametrize("nth", [1, 2, 5, 7, 8, 11, 13, 14])
def test_a_failure_in_the_middle_of_a_commit_rolls_everything_back(src, tmp_path, monkeypatch, nth):
    out = tmp_path / "site"
    run(src, out)
    before = snapshot(out)
    add_and_remove(src)
    calls = fail_renames(monkeypatch, {nth}, lambda: OSError(28, "No space left on device (injected)"))
    with pytest.raises(OSError, match="injected"):
        run(src, out)
    monkeypatch.undo()
    assert calls["n"] >= nth, "the failure happened inside the commit"
    assert snapshot(out) == before, "the previous output, cache included, exactly as it was"
    assert beside(out) == []
    result, _ = run(src, out)  # and the next build works from there
    assert result.written and beside(out) == []


def test_a_crash_in_the_middle_of_a_commit_is_rolled_back_by_the_next_build(src, tmp_path, monkeypatch, runner):
    out = tmp_path / "site"
    run(src, out)
    before = snapshot(out)
    add_and_remove(src)
    fail_renames(monkeypatch, {4}, Crash)  # the journal, two moves out of the output, then the crash
    monkeypatch.setattr(topicgen.writer, "_roll_back", lambda out, plan: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        run(src, out)
    monkeypatch.undo()
    journal = journal_path(out.resolve())
    assert journal.exists() and json.loads(journal.read_text())["state"] == "committing"
    assert snapshot(out) != before, "the crash left the output half-committed"
    for path in src.rglob("*.md"):  # the next build runs on the previous sources: the output comes back whole
        path.unlink()
    shutil.copytree(GUIDES, src, dirs_exist_ok=True)
    result, _ = run(src, out)
    assert result.written and "previous output was restored" in result.recovery_note
    assert result.rebuilt == 0, "after the rollback the output is the previous one, cache and all"
    assert snapshot(out) == before
    assert beside(out) == []


def test_the_cli_says_when_it_rolled_back_a_commit(src, tmp_path, monkeypatch, runner):
    out = tmp_path / "site"
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(out)]).exit_code == 0
    edit(guides(src)[0])
    monkeypatch.setattr(topicgen.writer, "_write_journal", _journal_then_crash(topicgen.writer._write_journal))
    monkeypatch.setattr(topicgen.writer, "_roll_back", _journal_then_crash(None))
    killed = runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    assert killed.exit_code != 0 and journal_path(out.resolve()).exists()
    monkeypatch.undo()
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"topicgen: note: a previous build was interrupted while it updated {out.resolve()}; " \
           "the previous output was restored" in result.stderr
    assert beside(out) == []


def _journal_then_crash(write):
    def crash(journal, plan):
        if write is not None:
            write(journal, plan)
        raise KeyboardInterrupt  # stands for a kill right after the journal is written, before any move
    return crash


@pytest.mark.parametrize("crashes", [(6, 9), (10, 12), (13, 20)])
def test_recover_is_safe_to_run_again_after_a_crash_in_the_rollback(src, tmp_path, monkeypatch, crashes):
    out = tmp_path / "site"
    run(src, out)
    before = snapshot(out)
    add_and_remove(src)
    fail_renames(monkeypatch, set(crashes), Crash)  # once in the commit, once in the rollback that follows
    with pytest.raises((Crash, topicgen.writer.OutputError)):
        run(src, out)
    monkeypatch.undo()
    assert journal_path(out.resolve()).exists()
    assert recover(out) is not None
    assert snapshot(out) == before and beside(out) == []


def test_a_crash_after_the_commit_only_leaves_cleanup(src, tmp_path, monkeypatch):
    out = tmp_path / "site"
    run(src, out)
    edit(guides(src)[0])
    monkeypatch.setattr(topicgen.writer, "_remove_journal_and_folders", lambda *a: None)
    run(src, out)
    monkeypatch.undo()
    after = snapshot(out)
    assert json.loads(journal_path(out.resolve()).read_text())["state"] == "done"
    assert "interrupted after its commit" in recover(out)
    assert snapshot(out) == after and beside(out) == []


def test_a_journal_that_names_other_folders_is_refused(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    journal_path(out).write_text(json.dumps({
        "version": 1, "state": "committing", "tmp": "..", "backup": ".site.old-x",
        "moved_out": [], "pruned": [], "made": [], "moved_in": ["../../etc/passwd"]}))
    with pytest.raises(topicgen.writer.OutputError, match="cannot be read"):
        recover(out)


def test_a_failing_build_leaves_the_output_untouched(src, tmp_path):
    out = tmp_path / "site"
    run(src, out)
    before, times = snapshot(out), stamps(out)
    edit(guides(src)[0])
    (src / "broken.md").write_text("---\ntitle: [unclosed\npermalink: x\n---\n")
    result, reporter = run(src, out)
    assert not result.written and reporter.errors
    assert snapshot(out) == before and stamps(out) == times and beside(out) == []


def test_staging_without_commit_changes_nothing(tmp_path):
    out = tmp_path / "site"
    with Staging(out) as staging:
        staging.write("a/index.html", b"one")
        staging.commit()
    before = snapshot(out)
    with Staging(out, incremental=True) as staging:
        staging.write("a/index.html", b"two")
        staging.write("b/index.html", b"new")
    assert snapshot(out) == before and beside(out) == []
    with Staging(out, incremental=True) as staging:
        staging.write("b/index.html", b"new")
        staging.commit()
    assert site_files(out) == {".topicgen-output": (out / ".topicgen-output").read_bytes(), "b/index.html": b"new"}
    assert not (out / "a").exists()
