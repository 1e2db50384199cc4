"""The build cache: content hashes of everything a build reads, so unchanged work is not redone or rewritten.

It lives in `<out>/.topicgen-cache/` and is committed together with the output it describes (writer.Staging), so
the two can never disagree after a crash. Three levels, each keyed by content hashes, never by modification times:

- the site key (topicgen's code and installed packages, config, every theme file, every file of the source
  folder): when it matches and the output is exactly as the last build left it, nothing is done at all;
- a parse key per guide (its bytes, its path, the renderer's settings): unchanged guides are not parsed;
- a page key per output file (template, theme, config and the page's data): unchanged pages are not
  rendered, and the file from the previous output is hard-linked into the new one, modification time kept.

A cache that is missing, stale, truncated or tampered with is ignored and rebuilt: it is read with a checksum
and an unpickler that can only create topicgen's model classes, and anything unexpected means a full build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from topicgen import __version__

CACHE_DIR = ".topicgen-cache"
STATE_FILE = "state.pickle"
_MAGIC = b"topicgen-cache 1\n"  # bump the number when the layout of the state changes
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__"}
_PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    """One hex key for several parts; each part is length-prefixed, so no two part lists collide."""
    chunks: list[bytes] = []
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        chunks += (b"%d:" % len(data), data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()  # one update: the same bytes, the same key


def tree_hashes(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every file below `root` (resolved path) to the sha256 of its bytes; VCS folders and `skip` left out.

    Symbolic links to folders are followed (once each), as a build may read images through them.
    """
    found: dict[str, str] = {}
    skipped = {os.path.realpath(p) for p in skip}
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen or real in skipped:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in files:
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as f:
                    found[path] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                found[path] = "unreadable"  # the build reports it; the key only has to change with it
    return found


def environment_key() -> str:
    """What else decides the output: topicgen's own files, Python, and the installed packages' versions."""
    parts: list[str] = [__version__, sys.version]
    for path, sha in sorted(tree_hashes(_PACKAGE).items()):
        parts += [os.path.relpath(path, _PACKAGE), sha]
    for entry in sys.path:  # `markdown-3.5.2.dist-info` and the like: any upgrade changes the key
        if entry.endswith("-packages") and os.path.isdir(entry):
            parts += sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info")))
    return digest(*parts)


def combined(hashes: dict[str, str], base: Path | None = None) -> str:
    """One key for a set of file hashes, with paths relative to `base` so that moving a project keeps it."""
    parts: list[str] = []
    for path, sha in sorted(hashes.items()):
        parts += [os.path.relpath(path, base) if base else path, sha]
    return digest(*parts)


class Unkeyable(Exception):
    """A value whose content cannot be hashed (a function, say): pages holding one are always rendered."""


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a dataclass's field names: fields() is slow, and they never change


class ContextKeys:
    """Keys for page contexts; objects shared by many pages (guides, link tables) are hashed once."""

    def __init__(self, known: dict[int, tuple[str, Any]] | None = None) -> None:
        # id -> (key, the object, kept alive so that no other object can get its id meanwhile)
        self._memo: dict[int, tuple[str, Any]] = dict(known or {})

    def key(self, value: Any) -> str:
        """A hex key that changes whenever the content of `value` does."""
        t = type(value)
        if value is None or t in (bool, int, float):
            return repr(value)
        if t is str:
            return digest("s", value) if len(value) > 64 else "s" + repr(value)
        hit = self._memo.get(id(value))
        if hit is not None:
            return hit[0]
        if t is dict:
            parts = ["d"] + [self.key(k) + "=" + self.key(v) for k, v in value.items()]
        elif t in (list, tuple):
            parts = [t.__name__] + [self.key(v) for v in value]
        elif t in (set, frozenset):
            parts = ["set"] + sorted(self.key(v) for v in value)
        elif isinstance(value, str):  # markupsafe.Markup and other str subclasses: the type matters
            parts = [t.__module__, t.__qualname__, str(value)]
        elif isinstance(value, Path):
            parts = ["path", str(value)]
        elif t.__module__ == "topicgen.model" and dataclasses.is_dataclass(value):
            # The model is plain immutable data: its pickle is its content, and much faster than a walk.
            parts = ["model", t.__qualname__, pickle.dumps(value, protocol=5).hex()]
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELD_NAMES.get(t)
            if names is None:
                names = _FIELD_NAMES[t] = tuple(f.name for f in dataclasses.fields(value))
            parts = [t.__module__, t.__qualname__] + [name + "=" + self.key(getattr(value, name)) for name in names]
        else:
            raise Unkeyable(f"{t.__module__}.{t.__qualname__}")
        key = digest(*parts)
        self._memo[id(value)] = (key, value)
        return key


@dataclasses.dataclass(slots=True)
class State:
    """What the last successful build left: its keys, its output files and the diagnostics it printed."""

    env: str = ""
    site: str = ""  # the site key; "" never matches
    pages: int = 0
    outputs: dict[str, tuple[str, int, int]] = dataclasses.field(default_factory=dict)  # path -> key, size, mtime
    # source -> (parse key, pickled Guide or Skipped): kept pickled, so that a build with nothing changed does not
    # unpickle them and a build with one change pickles only that one again
    guides: dict[str, tuple[str, bytes]] = dataclasses.field(default_factory=dict)
    emitted: list[tuple[str, Any]] = dataclasses.field(default_factory=list)  # (path, Diagnostic) as printed

    def to_bytes(self) -> bytes:
        payload = pickle.dumps((self.env, self.site, self.pages, self.outputs, self.guides, self.emitted),
                               protocol=5)
        return _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def load_state(out: Path) -> tuple[State | None, str | None]:
    """The state stored in `out`, or None and why it cannot be used (None, None when there is none)."""
    path = out / CACHE_DIR / STATE_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return None, f"cannot be read ({err.strerror or err})"
    if not data.startswith(_MAGIC):
        return None, "written by another version of topicgen, or damaged"
    head, _, payload = data[len(_MAGIC):].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != head:
        return None, "damaged (checksum mismatch)"
    try:
        env, site, pages, outputs, guides, emitted = _ModelUnpickler(io.BytesIO(payload)).load()
        state = State(env, site, pages, outputs, guides, emitted)
        _check_shape(state)
    except Exception as err:  # any surprise in a cache means it is not trusted
        return None, f"damaged ({type(err).__name__})"
    return state, None


def _check_shape(state: State) -> None:
    from topicgen.model import Diagnostic

    if not (isinstance(state.env, str) and isinstance(state.site, str) and isinstance(state.pages, int)):
        raise TypeError("keys")
    for rel, (key, size, mtime) in state.outputs.items():
        if not (isinstance(rel, str) and isinstance(key, str) and isinstance(size, int) and isinstance(mtime, int)):
            raise TypeError("outputs")
    for source, (key, blob) in state.guides.items():
        if not (isinstance(source, str) and isinstance(key, str) and isinstance(blob, bytes)):
            raise TypeError("guides")
    for where, diag in state.emitted:
        if not (isinstance(where, str) and isinstance(diag, Diagnostic)):
            raise TypeError("emitted")


def dump_result(result: Any) -> bytes:
    """A parsed guide (or skipped entry) as stored in the cache."""
    return pickle.dumps(result, protocol=5)


def load_result(blob: bytes) -> Any:
    """A Guide or Skipped from the cache, or None if the bytes do not hold one."""
    from topicgen.model import Guide, Skipped

    try:
        result = _ModelUnpickler(io.BytesIO(blob)).load()
    except Exception:
        return None
    return result if isinstance(result, (Guide, Skipped)) else None


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles plain data and topicgen's model classes only: a crafted cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "topicgen.model":
            import topicgen.model as model

            cls = getattr(model, name, None)
            if isinstance(cls, type) and dataclasses.is_dataclass(cls):
                return cls
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")


def output_intact(out: Path, state: State) -> bool:
    """True when `out` holds exactly the files the state lists, each with its recorded size and mtime."""
    seen = 0
    stack = [(str(out), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return False
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if rel != CACHE_DIR:
                    stack.append((entry.path, rel + "/"))
                continue
            recorded = state.outputs.get(rel)
            if recorded is None or not entry.is_file(follow_symlinks=False):
                return False
            st = entry.stat(follow_symlinks=False)
            if (st.st_size, st.st_mtime_ns) != recorded[1:]:
                return False
            seen += 1
    return seen == len(state.outputs)


def unchanged_output(out: Path, state: State | None, rel: str, key: str) -> bool:
    """True when the previous output's file `rel` was made from `key` and has not been touched since."""
    if state is None or not key:  # no key (a page whose data cannot be hashed): never known to be unchanged
        return False
    recorded = state.outputs.get(rel)
    if recorded is None or recorded[0] != key:
        return False
    try:
        st = os.stat(out / rel, follow_symlinks=False)
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == recorded[1:]


def record_outputs(folder: Path, keys: dict[str, str]) -> dict[str, tuple[str, int, int]]:
    """Size and mtime of every file written in `folder` (the new output, before the swap), with its key."""
    found: dict[str, tuple[str, int, int]] = {}
    for dirpath, dirs, files in os.walk(folder):
        rel_dir = os.path.relpath(dirpath, folder)
        if rel_dir == CACHE_DIR:
            dirs[:] = []
            continue
        for name in files:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            st = os.stat(os.path.join(dirpath, name), follow_symlinks=False)
            found[rel] = (keys.get(rel, ""), st.st_size, st.st_mtime_ns)
    return found


def save_state(folder: Path, state: State) -> None:
    """Write the state into the staging `folder` (it is committed with the output)."""
    target = folder / CACHE_DIR
    target.mkdir(exist_ok=True)
    (target / STATE_FILE).write_bytes(state.to_bytes())
