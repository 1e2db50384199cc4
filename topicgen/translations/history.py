"""When each file of a source folder last changed, from one `git log` of the whole folder (and one `git status`)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# A git hook (pre-commit running `topicgen translations --strict`) exports these; they would make git read
# the hook's repository instead of the one `src` is in.
_HOOK_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")
_LOG = ["log", "--date-order", "--find-renames", "--no-show-signature", "--name-status", "-z",
        "--format=%x00%H %ct %P"]
# The whole repository's log, not the source folder's: a file moved into the folder (the folder itself moved,
# say) keeps the history it had under its old name, which a log of the folder alone does not see. A file
# renamed and not edited has not changed (git finds an exact rename by its contents, at any number of files).
# Merges are listed too, for their parents (a merge lists no files of its own): `newer` goes by ancestry.
# Version 2 gives a staged rename's blob before and after: a rename staged and not edited is no change either.
_STATUS = ["status", "--porcelain=v2", "-z", "--find-renames", "--untracked-files=all", "--", "."]


@dataclass(frozen=True, slots=True)
class Change:
    """A file's last change: `order` 1 is the oldest commit that changed the folder, uncommitted is newest."""

    order: int
    commit: str | None  # None: uncommitted (modified, staged or untracked in the work tree)
    time: int | None  # committer time, Unix seconds; None when uncommitted


@dataclass(frozen=True, slots=True)
class Unchecked:
    """Why there is no history to judge `outdated` by, as the translations line says it."""

    reason: str


NO_GIT = Unchecked("no git history")


@dataclass(frozen=True, slots=True)
class History:
    """The last change of every file git knows below the source folder, by path relative to it (with `/`)."""

    changes: Mapping[str, Change]
    commits: int  # commits read
    # each commit's place in the log (0 the newest; --date-order lists no commit before one of its children)
    # and its parents: the commits a file's last change contains
    graph: Mapping[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    _contains: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def last_change(self, path: str) -> Change | None:
        """None for a file git does not know: ignored, or outside the folder."""
        return self.changes.get(path)

    def newer(self, path: str, than: str) -> bool | None:
        """Whether `path` has a change that the last change of `than` was made without: its last commit is not
        in the history of the last commit of `than`; None if git knows not both. (A source changed in a pull
        request and merged after its translation's last commit is newer, whatever the commits' dates.)

        Uncommitted changes (a modified, staged or untracked file) count as later than every commit: a
        writer editing the source sees its translations fall behind before committing. Two files that both
        have uncommitted changes, or were last changed by one commit, count as changed together: not newer.
        """
        a, b = self.changes.get(path), self.changes.get(than)
        if a is None or b is None:
            return None
        if a.commit is None or b.commit is None or a.commit not in self.graph or b.commit not in self.graph:
            return a.order > b.order
        return a.commit != b.commit and not self._has(b.commit, a.commit)

    def _has(self, later: str, earlier: str) -> bool:
        """Whether `earlier` is `later` or one of its ancestors."""
        found = self._contains.get((later, earlier))
        if found is None:
            limit = self.graph[earlier][0]  # an ancestor of `earlier` is listed after it: no path to it there
            seen, todo = {later}, [later]
            while todo and earlier not in seen:
                for parent in self.graph[todo.pop()][1]:
                    if parent not in seen and parent in self.graph and self.graph[parent][0] <= limit:
                        seen.add(parent)
                        todo.append(parent)
            found = self._contains[later, earlier] = earlier in seen
        return found


def git_history(src: Path, timeout: float = 30.0) -> History | Unchecked:
    """The history of the work tree `src` is in, or why there is none to judge by: no work tree, no git (or
    it failed, or took over `timeout` seconds), no commit yet, or a shallow clone, whose oldest commit would
    give every file it did not see change since, so that no translation would ever be found outdated.

    Outside a work tree (no `.git` in `src` or above it) no git process is started. Inside one, three
    whatever the number of files (`rev-parse`, `log`, `status`), within `timeout` seconds in all; while
    the work tree's HEAD stays as it was (see head_stamp), this process reuses the log it read and runs
    `git status` alone: a preview rebuilds after every save.
    """
    stamp = head_stamp(src)
    if not stamp:
        return NO_GIT
    deadline = time.monotonic() + timeout
    key = (str(src.resolve()), stamp)
    committed = _LOGS.get(key) or _read_log(src, deadline)
    if isinstance(committed, Unchecked):
        return committed
    _LOGS.clear()  # the last work tree's only: a long-running preview must not collect them
    _LOGS[key] = committed
    prefix, changes, commits, graph = committed
    status = _git(src, _STATUS, deadline)
    if status is None:
        return _GIT_FAILED
    return History({**changes, **_parse_status(status, prefix, commits + 1, changes)}, commits, graph)


# (resolved source folder, head_stamp) → what the log said: the prefix of the folder in the repository,
# each file's last commit (by its name below the folder), the number of commits, the commits' graph.
_Log = tuple[bytes, dict[str, Change], int, dict[str, tuple[int, tuple[str, ...]]]]
_LOGS: dict[tuple[str, str], _Log] = {}
_GIT_FAILED = Unchecked("git did not run (not installed, failed or too slow)")
_SHALLOW = Unchecked("a shallow clone; fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` "
                     "in GitHub Actions)")


def _read_log(src: Path, deadline: float) -> _Log | Unchecked:
    where = _git(src, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix"],
                 deadline)
    if where is None or not where.startswith(b"true\n"):
        return _GIT_FAILED if where is None else NO_GIT
    _, shallow, prefix = (where.split(b"\n") + [b"", b""])[:3]
    if shallow == b"true":
        return _SHALLOW
    log = _git(src, _LOG, deadline)
    if log is None:  # an empty repository's log fails too
        no_head = _git(src, ["rev-parse", "--verify", "--quiet", "HEAD"], deadline) is None
        return Unchecked("no commit yet") if no_head else _GIT_FAILED
    return (prefix, *_parse_log(log, prefix))


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


def _parse_log(out: bytes, prefix: bytes) -> tuple[dict[str, Change], int, dict[str, tuple[int, tuple[str, ...]]]]:
    """`\\0<hash> <time> <parents>\\0\\n<status>\\0<path>\\0…` per commit, newest first (a rename's status is
    followed by its old and new path): the last change of each file below `prefix` (the folder's path from the
    top of the repository), by its path now below it, how many commits changed something there, and each
    commit's place in the log and parents."""
    commits: list[tuple[str, int]] = []
    graph: dict[str, tuple[int, tuple[str, ...]]] = {}
    newest: dict[bytes, int] = {}  # path now → index in `commits` of its newest change
    now: dict[bytes, bytes | None] = {}  # a path as older commits name it → the file's path now (None: deleted)
    touching: set[int] = set()  # the commits that changed a file below the folder as it was named then
    tokens = iter(out.split(b"\0"))
    for token in tokens:
        if not token:  # a path is never empty: this is the NUL the format puts before each commit
            sha, stamp, *parents = next(tokens, b"").decode("ascii", "replace").split(" ") + [""]
            graph[sha] = (len(commits), tuple(p for p in parents if p))
            commits.append((sha, int(stamp) if stamp.isdigit() else 0))
            continue
        status = token.lstrip(b"\n")  # the format line ends with a newline before the first status
        path = next(tokens, b"")
        if status[:1] in (b"R", b"C"):
            old, path = path, next(tokens, b"")
            if old.startswith(prefix):
                touching.add(len(commits) - 1)
        if path.startswith(prefix):
            touching.add(len(commits) - 1)
        if status[:1] in (b"R", b"C"):
            current = now.get(path, path)
            if status[:1] == b"R":
                now[old] = current  # before this commit the file had its old name
            if current is not None and status[1:] != b"100":  # an exact rename leaves the file as it was
                newest.setdefault(current, len(commits) - 1)
            continue
        current = now.get(path, path)
        if status[:1] == b"D":
            now[path] = None  # before this commit the name was a file deleted here, not today's
        elif current is not None:
            newest.setdefault(current, len(commits) - 1)
    # Numbered among the commits that changed something below the folder, 1 the oldest.
    mine = {name: i for name, i in newest.items() if name.startswith(prefix)}
    touched = sorted(touching | set(mine.values()), reverse=True)
    order = {i: n for n, i in enumerate(touched, 1)}
    changes = {os.fsdecode(name[len(prefix):]): Change(order[i], commits[i][0], commits[i][1])
               for name, i in mine.items()}
    return changes, len(touched), graph


def _parse_status(out: bytes, prefix: bytes, order: int, committed: Mapping[str, Change]) -> dict[str, Change]:
    """`git status --porcelain=v2 -z` entries, paths relative to the repository's top: those below `prefix`,
    not deleted, as uncommitted changes; but a file renamed (staged) and not edited keeps the last change its
    old name had (`committed`), as it will once the rename is committed."""
    found: dict[str, Change] = {}
    fields = iter(out.split(b"\0"))
    for entry in fields:
        kind, old = entry[:1], None
        if kind == b"1":  # 1 XY sub mH mI mW hH hI path
            _, xy, *_, path = entry.split(b" ", 8)
        elif kind == b"2":  # 2 XY sub mH mI mW hH hI Xscore path, then the old path
            _, xy, _, _, _, _, before, after, _, path = entry.split(b" ", 9)
            old = next(fields, b"")
            if not (xy[1:] == b"." and before == after):
                old = None  # edited too, in the index or the work tree: a change
        elif kind == b"u":  # unmerged: 1 more mode and hash than `1`
            _, xy, *_, path = entry.split(b" ", 10)
        elif kind == b"?":
            xy, path = b"??", entry[2:]
        else:
            continue
        if b"D" in xy or not path.startswith(prefix):
            continue
        kept = committed.get(os.fsdecode(old[len(prefix):])) if old and old.startswith(prefix) else None
        found[os.fsdecode(path[len(prefix):])] = kept or Change(order, None, None)
    return found
