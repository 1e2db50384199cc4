"""The output folder's commit (topicgen.output.commit) survives a kill at every step, and a second kill at
every step of its recovery; it works when the output folder is a mount point, never follows a link it did
not create, and leaves every file whose bytes stay the same untouched."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from topicgen.errors import OutputError
from topicgen.output.commit import CommitSummary, Staging, write_staged
from topicgen.output.folder import MARKER, check_output_folder, safe_relpath
from topicgen.output.journal import recover

INTERNAL = (".topicgen-staging", ".topicgen-backup", ".topicgen-journal", ".topicgen-journal.part")
MARK = b"This folder is written by topicgen and replaced on every build.\n"

# The previous output, a topicgen output with a stray link and an empty folder a user left in it.
OLD = {
    MARKER: MARK,
    "index.html": b"home",  # the same bytes in NEW: stays untouched
    "a.html": b"old a",  # replaced
    "gone.html": b"gone",  # removed
    "sub/page.html": b"old page",  # replaced, in a folder that stays
    "sub/same.html": b"same",  # kept, in a folder that stays
    "oldfolder/x.html": b"x",  # a whole folder removed
    "oldfolder/deep/y.html": b"y",
    "conflict": b"a file where a folder comes",
    "turns/index.html": b"a folder where a file comes",
}
NEW = {
    "index.html": b"home",
    "a.html": b"new a",
    "added.html": b"added",
    "sub/page.html": b"new page",
    "sub/same.html": b"same",
    "newfolder/p.html": b"p",  # a whole new folder
    "newfolder/deep/q.html": b"q",
    "conflict/index.html": b"a folder now",
    "turns": b"a file now",
    "logo.png": b"\x89PNG copied",
}
KEPT = "sub/same.html"  # given with keep(); logo.png with copy(); the rest with write()


def tree(root: Path) -> dict[str, object]:
    """Every entry below `root`, never following a link: its bytes, a link's target, 'dir' or 'other'."""
    found: dict[str, object] = {}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    found[rel] = ("link", os.readlink(entry.path))
                elif entry.is_dir():
                    found[rel] = "dir"
                    stack.append((Path(entry.path), rel + "/"))
                elif entry.is_file():
                    found[rel] = Path(entry.path).read_bytes()
                else:
                    found[rel] = "other"
    return found


def expected(files: dict[str, bytes]) -> dict[str, object]:
    found: dict[str, object] = dict(files)
    for rel in files:
        parts = rel.split("/")[:-1]
        found.update({"/".join(parts[: i + 1]): "dir" for i in range(len(parts))})
    return found


OLD_TREE = {**expected(OLD), "stray-link": ("link", "index.html"), "empty": "dir"}
NEW_TREE = expected({**NEW, MARKER: MARK})


def make_old(out: Path) -> Path:
    for rel, data in OLD.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "stray-link").symlink_to("index.html")
    (out / "empty").mkdir()
    assert tree(out) == OLD_TREE
    return out


def commit_new(out: Path, logo: Path, keep: bool = True) -> CommitSummary:
    with Staging(out) as staging:
        for rel, data in NEW.items():
            if rel == "logo.png":
                staging.copy(rel, logo)
            elif rel == KEPT and keep:
                staging.keep(rel)
            else:
                staging.write(rel, data)
        return staging.commit()


def mount_tmpfs(folder: Path) -> str | None:
    """Make `folder` a tmpfs mount point: None, or why it cannot be done here."""
    folder.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(folder)], check=False,
                              capture_output=True, text=True, timeout=30)
    except OSError as err:
        return str(err)
    return None if done.returncode == 0 else done.stderr.strip() or f"mount exited with {done.returncode}"


@pytest.fixture
def scratch(tmp_path: Path):
    """A folder for the second-kill test's 700-odd trees: a tmpfs when one can be mounted, where its ~40,000
    changes of folders take a quarter of the time they take on this machine's disk. A kill leaves the same
    entries on any file system (it is a power cut that would not); the other kill tests run on the disk."""
    folder = tmp_path / "scratch"
    if mount_tmpfs(folder) is not None:
        yield folder
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo-source.png"
    path.write_bytes(NEW["logo.png"])
    return path


# --- killing a child at its n-th filesystem call ------------------------------------------------------------

# Every call that changes the file system, as the module (and os.makedirs) makes them; os.open only when it
# can create or write. A kill before any other call is the same as a kill before the next of these.
MUTATING = ("rename", "replace", "unlink", "rmdir", "mkdir", "open")
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC


def _count_calls(at: int) -> list[int]:
    """In the child only: each mutating call counts, the `at`-th (from 0) kills the process instead."""
    calls = [0]

    def wrap(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kw: object) -> object:
            if name != "open" or int(args[1]) & WRITES:  # type: ignore[call-overload]
                if calls[0] == at:
                    os._exit(137)  # as SIGKILL: no finally block, no rollback, no flush
                calls[0] += 1
            return real(*args, **kw)
        return call

    for name in MUTATING:
        setattr(os, name, wrap(name, getattr(os, name)))
    return calls


def run_killed(at: int, action: Callable[[], object]) -> tuple[int, int]:
    """`action()` in a forked child killed at its `at`-th mutating call (never, for -1): its exit code, and
    how many mutating calls it made when it was not killed."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 1
        try:
            os.close(read)
            calls = _count_calls(at)
            action()
            os.write(write, str(calls[0]).encode())
            code = 0
        except BaseException:  # noqa: BLE001  # any failure at all: shown, and the child still exits here
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        reported = f.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), int(reported or -1)


def outcome(out: Path, note: str | None, old: dict[str, object]) -> str:
    """'old' or 'new': which whole tree `out` is; the note must say that one, nothing of topicgen's remains."""
    got = tree(out)
    assert not [name for name in INTERNAL if name in got], "no staging, backup or journal left"
    assert got in (old, NEW_TREE), "exactly the previous or exactly the new output, entry for entry"
    which = "new" if got == NEW_TREE else "old"
    if note is not None:
        assert ("its new output was completed" if which == "new" else "the previous output") in note, note
    assert sorted(os.listdir(out.parent)) == ["out"], "nothing is made beside the output folder"
    return which


def test_a_kill_at_every_step_of_a_commit_leaves_the_old_or_the_new_output(tmp_path, logo):
    def fresh(n: int) -> Path:
        return make_old(tmp_path / str(n) / "out")

    counted = fresh(-1)
    code, total = run_killed(-1, lambda: commit_new(counted, logo))
    assert code == 0 and tree(counted) == NEW_TREE
    assert total > 30, "every write, rename and removal of the commit is a step"
    results = []
    for n in range(total + 1):
        out = fresh(n)
        code, _ = run_killed(n, lambda out=out: commit_new(out, logo))
        assert code == (137 if n < total else 0)
        left = [name for name in INTERNAL if os.path.lexists(out / name)]
        note = recover(out)
        assert (note is None) == (not left), "a recovery that found leftovers says so, and only then"
        results.append(outcome(out, note, OLD_TREE))
    assert results == sorted(results, key=("old", "new").index), "once the new output was complete it stays"
    assert "old" in results and "new" in results[:-1], "kills before and after the commit point were tested"


def test_a_second_kill_during_recovery_still_ends_in_one_whole_output(scratch, logo):
    counted = make_old(scratch / "count" / "out")
    _, total = run_killed(-1, lambda: commit_new(counted, logo))
    # The commit steps are shared between two processes (the machine has two cores); each kills its commits
    # and their recoveries in forked children of its own. An assertion failing there fails the test here.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        found = list(pool.map(kill_recovery_too, [str(scratch / str(n)) for n in range(total)], range(total),
                              [str(logo)] * total))
    combinations = sum(count for count, _ in found)
    assert combinations > 2 * total, "recovery steps were killed too, not only commit steps"
    assert {which for _, which in found} == {"old", "new"}


def kill_recovery_too(base: str, n: int, logo: str) -> tuple[int, str]:
    """The commit killed at step `n`, then its recovery killed at every step `m` and recovered again: each
    must end as the recovery that was not killed ended. The number of (n, m) tried, and that outcome."""
    killed = make_old(Path(base, "killed", "out"))
    assert run_killed(n, lambda: commit_new(killed, Path(logo)))[0] == 137
    once = Path(base, "once", "out")  # recovered once, not killed: the outcome that any second kill must keep
    shutil.copytree(killed, once, symlinks=True)
    code, steps = run_killed(-1, lambda: recover(once))
    assert code == 0
    which = outcome(once, None, OLD_TREE)
    for m in range(steps + 1):
        out = Path(base, f"twice-{m}", "out")
        shutil.copytree(killed, out, symlinks=True)  # the very entries the killed commit left
        assert run_killed(m, lambda out=out: recover(out))[0] == (137 if m < steps else 0)
        assert outcome(out, recover(out), OLD_TREE) == which, (n, m)
    return steps + 1, which


@pytest.mark.parametrize("start", ["missing", "empty"])
def test_a_first_build_killed_at_every_step_leaves_an_empty_folder_or_the_new_output(tmp_path, logo, start):
    def fresh(n: int) -> Path:
        out = tmp_path / str(n) / "out"
        out.mkdir(parents=True) if start == "empty" else out.parent.mkdir(parents=True)
        return out

    counted = fresh(-1)
    code, total = run_killed(-1, lambda: commit_new(counted, logo, keep=False))
    assert code == 0 and tree(counted) == NEW_TREE
    results = []
    for n in range(total + 1):
        out = fresh(n)
        assert run_killed(n, lambda out=out: commit_new(out, logo, keep=False))[0] == (137 if n < total else 0)
        note = recover(out)
        if not out.exists():
            assert start == "missing" and note is None
            out.mkdir()  # a kill before the folder was made: nothing else happened
        results.append(outcome(out, note, {}))
    assert results == sorted(results, key=("old", "new").index) and "old" in results and "new" in results


def counting(monkeypatch: pytest.MonkeyPatch, *names: str) -> dict[str, int]:
    """Count the calls of these os functions, in this process, until monkeypatch.undo()."""
    calls = dict.fromkeys(names, 0)

    def wrap(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kw: object) -> object:
            calls[name] += 1
            return real(*args, **kw)
        return call

    for name in names:
        monkeypatch.setattr(os, name, wrap(name, getattr(os, name)))
    return calls


def test_a_fresh_build_moves_each_new_folder_in_whole(tmp_path, monkeypatch):
    calls = counting(monkeypatch, "rename", "mkdir")
    out = tmp_path / "out"
    with Staging(out) as staging:
        for i in range(300):
            staging.write(f"docs/guide-{i}/index.html", b"page %d" % i)
        staging.write("index.html", b"home")
        summary = staging.commit()
    monkeypatch.undo()
    assert summary == CommitSummary(written=301, unchanged=0, removed=0)
    assert calls["rename"] == 3, "docs/, index.html and the marker: one rename each, not one per page"
    assert calls["mkdir"] <= 300 + 5, "each folder made once, in the staging folder only"
    assert len(tree(out)) == 1 + 1 + 1 + 300 * 2


def test_an_output_that_does_not_change_is_not_touched(tmp_path, logo, monkeypatch):
    out = tmp_path / "out"
    commit_new(out, logo, keep=False)
    before = {rel: os.lstat(out / rel) for rel in NEW_TREE}
    calls = counting(monkeypatch, "rename", "replace")
    summary = commit_new(out, logo)
    monkeypatch.undo()
    assert summary == CommitSummary(written=0, unchanged=len(NEW), removed=0)
    assert calls == {"rename": 0, "replace": 0}, "nothing moves and no journal is written"
    after = {rel: os.lstat(out / rel) for rel in NEW_TREE}
    assert {r: (s.st_ino, s.st_mtime_ns) for r, s in after.items()} == \
        {r: (s.st_ino, s.st_mtime_ns) for r, s in before.items()}, "every file and folder: same inode and mtime"
    assert tree(out) == NEW_TREE


def in_a_worker(work: Callable[[], bool]) -> bool:
    """What `work()` returns in a forked child, told by its exit code."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(int(work()))
        finally:
            os._exit(2)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert code in (0, 1)
    return bool(code)


def test_write_returns_false_for_the_same_bytes_and_leaves_the_file_alone(tmp_path, logo):
    out = make_old(tmp_path / "out")
    home = os.stat(out / "index.html")
    with Staging(out) as staging:
        assert staging.write("index.html", b"home") is False
        assert staging.write("a.html", b"old a!") is True  # a byte more
        assert staging.write("gone.html", b"gonE") is True  # the same size
        assert staging.copy("logo.png", logo) is True
        assert not (staging.folder / "index.html").exists() and (staging.folder / "a.html").is_file()
        summary = staging.commit()
    assert summary == CommitSummary(written=3, unchanged=1, removed=7)
    now = os.stat(out / "index.html")
    assert (now.st_ino, now.st_mtime_ns) == (home.st_ino, home.st_mtime_ns)
    with Staging(out) as staging:
        assert staging.copy("logo.png", logo) is False
        for rel, data in (("a.html", b"old a!"), ("new.html", b"new")):  # as a build's forked workers do
            changed = in_a_worker(lambda rel=rel, data=data: write_staged(out, staging.folder, rel, data))
            staging.mark(rel, changed)
        assert not (staging.folder / "a.html").exists() and (staging.folder / "new.html").read_bytes() == b"new"
        staging.keep("index.html")
        assert staging.commit() == CommitSummary(written=1, unchanged=3, removed=1)
    assert set(tree(out)) == {MARKER, "index.html", "a.html", "logo.png", "new.html"}


def test_a_failed_build_leaves_the_output_exactly_as_it_was(tmp_path):
    out = make_old(tmp_path / "out")
    stamps = {rel: os.lstat(out / rel).st_mtime_ns for rel in OLD_TREE}
    with pytest.raises(RuntimeError, match="template failed"), Staging(out) as staging:
        staging.write("a.html", b"new a")
        staging.write("brand/new.html", b"new")
        raise RuntimeError("template failed")
    assert tree(out) == OLD_TREE and not staging.folder.exists()
    assert {rel: os.lstat(out / rel).st_mtime_ns for rel in OLD_TREE} == stamps


def test_an_error_in_the_middle_of_a_commit_rolls_it_back_at_once(tmp_path, logo, monkeypatch):
    out = make_old(tmp_path / "out")
    real, calls = os.rename, [0]

    def failing(*args: object, **kw: object) -> None:
        calls[0] += 1
        if calls[0] == 6:
            raise OSError(28, "No space left on device (injected)")
        real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(OSError, match="injected"):
        commit_new(out, logo)
    monkeypatch.undo()
    assert calls[0] > 6, "the failure came in the middle of the moves, and the rollback renamed back"
    assert tree(out) == OLD_TREE


# --- a mount point --------------------------------------------------------------------------------------------

@pytest.fixture
def mounted(tmp_path):
    out = tmp_path / "out"
    why = mount_tmpfs(out)
    if why:
        pytest.skip(f"cannot mount a tmpfs here: {why}")
    try:
        yield out
    finally:
        subprocess.run(["umount", str(out)], check=True)


MIDDLE = 30  # a step of commit_new() over OLD after its journal and first moves (the test checks it is)


def test_an_output_folder_that_is_a_mount_point_works(mounted, logo):
    out = mounted
    with Staging(out) as staging:
        for rel, data in OLD.items():
            if rel != MARKER:
                staging.write(rel, data)
        staging.commit()
    assert os.path.ismount(out) and tree(out) == expected(OLD)
    code, _ = run_killed(MIDDLE, lambda: commit_new(out, logo))
    assert code == 137 and os.path.ismount(out)
    assert json.loads((out / ".topicgen-journal").read_text())["state"] == "committing", "killed while moving"
    assert os.listdir(out / ".topicgen-backup"), "some entries were already moved out"
    assert "the previous output was restored" in (recover(out) or "")
    assert tree(out) == expected(OLD)
    assert commit_new(out, logo).written == 8
    assert os.path.ismount(out) and tree(out) == NEW_TREE


# --- links topicgen did not create ----------------------------------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside the output, with files a follower of links would read, write or remove."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "sentinel.txt").write_bytes(b"not topicgen's")
    (folder / "home.html").write_bytes(b"home")  # the new bytes of index.html: 'unchanged' if followed
    (folder / "page.html").write_bytes(b"new page")
    (folder / "same.html").write_bytes(b"same")
    (folder / "journal").write_text(json.dumps({"version": 1, "state": "committing", "moved_out": [],
                                                "moved_in": ["index.html", "sub"]}))
    return folder


PLANTED = {  # where a link is planted, and what it points to in `outside`
    ".topicgen-staging": "", ".topicgen-backup": "", ".topicgen-journal": "journal",
    ".topicgen-journal.part": "sentinel.txt", MARKER: "sentinel.txt",
    "index.html": "home.html",  # a page's path
    "sub": "",  # a page's folder
}


# Planted before the build (recovery meets it), or during it (the commit does): the staging folder and the
# pages are topicgen's from the start of the build on, the other entries only at its commit.
@pytest.mark.parametrize("name, when", [(name, "before") for name in sorted(PLANTED)] + [
    (name, "during") for name in (".topicgen-backup", ".topicgen-journal", ".topicgen-journal.part", MARKER)])
def test_a_planted_link_is_never_followed(tmp_path, logo, outside, name, when):
    out = make_old(tmp_path / "out")
    before = tree(outside)

    def plant() -> None:
        shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink(missing_ok=True)
        (out / name).symlink_to(outside / PLANTED[name])

    if when == "before":
        plant()
    with Staging(out) as staging:
        if when == "during":
            plant()
        for rel, data in NEW.items():
            staging.write(rel, data)
        staging.commit()
    assert tree(outside) == before, "nothing outside the output is read as a page, written or removed"
    assert tree(out) == NEW_TREE, "real files and folders only, the link gone"


def test_a_link_as_the_output_folder_is_refused(tmp_path, outside):
    out = tmp_path / "out"
    out.symlink_to(outside, target_is_directory=True)
    src = tmp_path / "src"
    src.mkdir()
    with pytest.raises(OutputError, match="symbolic link.*give the real folder"):
        check_output_folder(out, src)
    with pytest.raises(OutputError, match="symbolic link"):
        recover(out)
    with pytest.raises(OutputError, match="symbolic link"):
        Staging(out)
    assert sorted(p.name for p in outside.iterdir()) == ["home.html", "journal", "page.html", "same.html",
                                                         "sentinel.txt"]


# --- refusals -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case, message", [
    ("is-src", "holds the source folder"), ("holds-src", "holds the source folder"),
    ("pyproject.toml", "project root"), (".git", "project root"), ("topicgen.yml", "project root"),
    ("a-file", "is not a folder"), ("not-ours", "not made by topicgen"), ("marker-link", "not made by topicgen"),
])
def test_check_output_folder_refuses(tmp_path, case, message):
    out, src = tmp_path / "out", tmp_path / "guides"
    src.mkdir()
    if case == "is-src":
        out = src
    elif case == "holds-src":
        src = out / "guides"
        src.mkdir(parents=True)
    elif case == "a-file":
        out.write_text("x")
    else:
        out.mkdir()
        (out / "thesis.txt").write_text("years of work")
        (out / MARKER).write_bytes(MARK)  # even topicgen's own marker does not make a project root an output
    if case in ("pyproject.toml", "topicgen.yml"):
        (out / case).write_text("")
    if case == ".git":
        (out / case).mkdir()
    if case == "not-ours":
        (out / MARKER).unlink()
    if case == "marker-link":
        (out / MARKER).unlink()
        (out / MARKER).symlink_to("thesis.txt")
    with pytest.raises(OutputError, match=message):
        check_output_folder(out, src)


@pytest.mark.parametrize("case", ["missing", "empty", "marked", "leftovers"])
def test_check_output_folder_accepts(tmp_path, case):
    src, out = tmp_path / "guides", tmp_path / "out"
    src.mkdir()
    if case != "missing":
        out.mkdir()
    if case == "marked":
        (out / MARKER).write_bytes(MARK)
        (out / "index.html").write_text("x")
    if case == "leftovers":  # a first build killed while it staged
        (out / ".topicgen-staging" / "a").mkdir(parents=True)
    check_output_folder(out, src)


@pytest.mark.parametrize("rel", ["", "/etc/passwd", "..", "../x", "a/../../x", ".", "./a", "a/./b", "a//b", "a/",
                                 "a\\b", "..\\x", "a\0b"])
def test_safe_relpath_refuses_what_could_leave_the_folder(tmp_path, rel):
    with pytest.raises(OutputError, match="plain relative path"):
        safe_relpath(rel)
    with Staging(tmp_path / "out") as staging, pytest.raises(OutputError):
        staging.write(rel, b"x")
    assert not (tmp_path / "x").exists() and os.listdir(tmp_path) == [], "a first build that failed leaves no folder"


@pytest.mark.parametrize("rel", ["a", "a/b/index.html", "..a", "a..b/c", ".topicgen-cache/state", "a/.topicgen-staging"])
def test_safe_relpath_accepts_plain_paths(rel):
    assert safe_relpath(rel) == rel


@pytest.mark.parametrize("rel", [*INTERNAL, ".topicgen-staging/x", MARKER])
def test_the_commits_own_entries_are_not_pages(tmp_path, rel):
    with Staging(tmp_path / "out") as staging:
        with pytest.raises(OutputError, match="topicgen's own entry"):
            staging.write(rel, b"x")
        with pytest.raises(OutputError, match="topicgen's own entry"):
            staging.mark(rel, True)


@pytest.mark.parametrize("rel", ["stray-link", "empty", "missing.html"])
def test_keeping_what_is_not_a_regular_file_fails_the_commit(tmp_path, rel):
    """keep() is checked where the commit walks the output (once for all files, not once per file)."""
    out = make_old(tmp_path / "out")
    with Staging(out) as staging, pytest.raises(OutputError, match="not a regular file"):
        staging.keep(rel)
        staging.commit()
    assert tree(out) == OLD_TREE


@pytest.mark.parametrize("journal", [
    "{not json", json.dumps([1, 2]), json.dumps({"version": 2, "state": "done", "moved_out": [], "moved_in": []}),
    json.dumps({"version": 1, "state": "committing", "moved_out": ["../../etc/passwd"], "moved_in": []}),
    json.dumps({"version": 1, "state": "committing", "moved_out": [], "moved_in": ["/etc"]}),
    json.dumps({"version": 1, "state": "committing", "moved_out": [".topicgen-staging/x"], "moved_in": []}),
    json.dumps({"version": 1, "state": "committing", "moved_out": [["a"]], "moved_in": []}),
])
def test_an_invalid_journal_is_an_error_that_says_what_to_remove(tmp_path, journal):
    out = make_old(tmp_path / "out")
    (out / ".topicgen-journal").write_text(journal)
    with pytest.raises(OutputError, match=r"\.topicgen-journal .*cannot be read .*remove it"):
        recover(out)
    assert tree(out) == {**OLD_TREE, ".topicgen-journal": journal.encode()}, "nothing was moved"


def test_full_and_incremental_builds_into_a_mount_point(mounted, tmp_path):
    """`topicgen build` itself, into an output folder that is a mount point (a Docker volume, a partition)."""
    import io
    import shutil

    from topicgen.build import build
    from topicgen.config import Config
    from topicgen.diagnostics import Reporter
    from topicgen.options import BuildOptions

    from .conftest import GUIDES

    src = tmp_path / "guides"
    shutil.copytree(GUIDES, src)
    options = BuildOptions(src, mounted, Config(cache_dir=str(tmp_path / "cache")), label="guides")
    first = build(options, Reporter(stream=io.StringIO()))
    assert first.written and os.path.ismount(mounted) and (mounted / "index.html").is_file()
    guide = src / "platform/topic-guide/en/latest/planusage.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Check out", "Mounted: check out", 1), encoding="utf-8")
    again = build(options, Reporter(stream=io.StringIO()))
    assert again.written and 0 < again.files_written < first.files_written and os.path.ismount(mounted)
    assert "Mounted: check out" in (mounted / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text()
    assert not [n for n in os.listdir(mounted) if n.startswith(".topicgen-") and n != ".topicgen-output"]
