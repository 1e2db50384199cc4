"""When each file of a source folder last changed, from one `git log` of the whole folder (and one `git status`)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# What the caller prints when git_history gives None (the `outdated` check is then skipped).
SKIPPED_NOTE = "translations: outdated not checked: {src} has no git history (not in a git work tree, or no git)"
# A git hook (pre-commit running `topicgen translations --strict`) exports these; they would make git read
# the hook's repository instead of the one `src` is in.
_HOOK_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")
_LOG = ["log", "--date-order", "--no-merges", "--no-renames", "--no-show-signature", "--relative",
        "--name-only", "-z", "--format=%x00%H %ct", "--", "."]
# --no-merges: a merge lists no files with --name-only anyway. --no-renames: rename detection is the slow
# part of a long log, and a renamed file is listed under its new name either way.
_STATUS = ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", "."]


@dataclass(frozen=True, slots=True)
class Change:
    """A file's last change: `order` 1 is the oldest commit that changed the folder, uncommitted is newest."""

    order: int
    commit: str | None  # None: uncommitted (modified, staged or untracked in the work tree)
    time: int | None  # committer time, Unix seconds; None when uncommitted


@dataclass(frozen=True, slots=True)
class History:
    """The last change of every file git knows below the source folder, by path relative to it (with `/`)."""

    changes: Mapping[str, Change]
    commits: int  # commits that changed something below the folder

    def last_change(self, path: str) -> Change | None:
        """None for a file git does not know: ignored, or outside the folder."""
        return self.changes.get(path)

    def newer(self, path: str, than: str) -> bool | None:
        """Whether `path` changed in a commit after the last one that changed `than`; None if git knows not both.

        Uncommitted changes (a modified, staged or untracked file) count as later than every commit: a
        writer editing the source sees its translations fall behind before committing. Two files that both
        have uncommitted changes, or were last changed by one commit, count as changed together: not newer.
        """
        a, b = self.changes.get(path), self.changes.get(than)
        if a is None or b is None:
            return None
        return a.order > b.order


def git_history(src: Path, timeout: float = 30.0) -> History | None:
    """The history of the work tree `src` is in; None when it is in none, git is missing, fails or is too slow.

    Outside a work tree (no `.git` in `src` or above it) no git process is started. Inside one, three
    whatever the number of files (`rev-parse`, `log`, `status`), within `timeout` seconds in all; while
    the work tree's HEAD stays as it was (see head_stamp), this process reuses the log it read and runs
    `git status` alone: a preview rebuilds after every save. A shallow clone gives its oldest commit
    every file it did not see change since, so such files count as changed together and none is found
    outdated.
    """
    stamp = head_stamp(src)
    if not stamp:
        return None
    deadline = time.monotonic() + timeout
    key = (str(src.resolve()), stamp)
    committed = _LOGS.get(key) or _read_log(src, deadline)
    if committed is None:
        return None
    _LOGS.clear()  # the last work tree's only: a long-running preview must not collect them
    _LOGS[key] = committed
    prefix, changes, commits = committed
    status = _git(src, _STATUS, deadline)
    if status is None:
        return None
    return History({**changes, **_parse_status(status, prefix, commits + 1)}, commits)


# (resolved source folder, head_stamp) → what the log said: the prefix of the folder in the repository,
# each file's last commit, the number of commits.
_LOGS: dict[tuple[str, str], tuple[bytes, dict[str, Change], int]] = {}


def _read_log(src: Path, deadline: float) -> tuple[bytes, dict[str, Change], int] | None:
    prefix = _git(src, ["rev-parse", "--is-inside-work-tree", "--show-prefix"], deadline)
    if prefix is None or not prefix.startswith(b"true\n"):
        return None
    log = _git(src, _LOG, deadline)
    if log is None:
        return None
    return (prefix.removeprefix(b"true\n").rstrip(b"\n"), *_parse_log(log))


def git_dir(src: Path) -> Path | None:
    """The git folder of the work tree `src` is in, found without running git: `.git` in `src` or a folder
    above it, a folder or (in a linked work tree or a submodule) a file `gitdir: <path>`; else None."""
    try:
        here = src.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in (here, *here.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                text = dot.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            return (folder / text[len("gitdir:"):].strip()).resolve() if text.startswith("gitdir:") else None
    return None


def head_stamp(src: Path) -> str:
    """What a commit, checkout or reset in the work tree of `src` changes, by name, size and mtime: HEAD, its
    reflog, the branch it names and the packed refs; "" outside a work tree. No git process: a build that
    would do nothing asks only this, for its inputs key."""
    found = git_dir(src)
    if found is None:
        return ""
    common = found
    try:
        common = (found / (found / "commondir").read_text(encoding="utf-8").strip()).resolve()
    except OSError:
        pass  # not a linked work tree: its refs are its own
    files = [found / "HEAD", found / "logs" / "HEAD", common / "packed-refs"]
    try:
        head = (found / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        head = ""
    if head.startswith("ref: "):
        files += [found / head[5:], common / head[5:], common / "logs" / head[5:]]
    return " ".join([str(found), *(_stat(f) for f in files)])


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _git(src: Path, args: list[str], deadline: float) -> bytes | None:
    env = {k: v for k, v in os.environ.items() if k not in _HOOK_VARS}
    env["GIT_OPTIONAL_LOCKS"] = "0"  # `git status` must not take the index lock while an editor's git works
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    try:
        done = subprocess.run(["git", "-C", str(src), *args], capture_output=True, env=env, timeout=left,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.SubprocessError):  # git is not installed, or timed out (then it is killed)
        return None
    return done.stdout if done.returncode == 0 else None


def _parse_log(out: bytes) -> tuple[dict[str, Change], int]:
    """`\\0<hash> <time>\\0\\n<name>\\0<name>\\0…` per commit, newest first; names are raw bytes (-z)."""
    commits: list[tuple[str, int]] = []
    newest: dict[str, int] = {}  # path → index in `commits` of its newest change
    header_next = first_name = False
    for token in out.split(b"\0"):
        if not token:  # a file name is never empty: this is the NUL the format puts before each commit
            header_next = True
        elif header_next:
            sha, _, stamp = token.decode("ascii", "replace").partition(" ")
            commits.append((sha, int(stamp) if stamp.isdigit() else 0))
            header_next, first_name = False, True
        else:
            # The format line ends with a newline before the first name; any other newline is the name's own.
            name = os.fsdecode(token[1:] if first_name and token.startswith(b"\n") else token)
            first_name = False
            newest.setdefault(name, len(commits) - 1)
    total = len(commits)
    changes = {name: Change(total - i, commits[i][0], commits[i][1]) for name, i in newest.items()}
    return changes, total


def _parse_status(out: bytes, prefix: bytes, order: int) -> dict[str, Change]:
    """`XY <path>\\0` entries, paths relative to the repository's top: those below `prefix`, not deleted."""
    found: dict[str, Change] = {}
    for entry in out.split(b"\0"):
        xy, path = entry[:2], entry[3:]
        if len(entry) < 4 or b"D" in xy or not path.startswith(prefix):
            continue
        found[os.fsdecode(path[len(prefix):])] = Change(order, None, None)
    return found
