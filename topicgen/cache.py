"""The build cache: content hashes of everything a build reads, so unchanged work is not redone or rewritten.

It lives in `<out>/.topicgen-cache/` (a state file, and pack files of parsed guides that only a build with
changes reads) and is committed together with the output it describes (writer.Staging), so the two can never
disagree after a crash. Four levels, each keyed by content hashes, never by modification times:

- the site key (topicgen's code and installed packages, config, every theme file, every file of the source
  folder): when it matches and the output is exactly as the last build left it, nothing is done at all;
- a parse key per guide (its bytes, its path, the renderer's settings): unchanged guides are not parsed;
  each guide's outline (what the plan of the site reads of it) is kept beside it, so that the plan can be
  made without reading the guides themselves;
- a frame key (everything but the contents of guides): when it matches and no changed guide's outline
  shape changed, the plan of the site is the same, only the pages holding a changed guide can have changed,
  and every other page keeps its recorded key;
- a page key per output file (template, theme, config and the page's data): unchanged pages are not
  rendered, and the file from the previous output is hard-linked into the new one, modification time kept.

A cache that is missing, stale, truncated or tampered with is ignored and rebuilt: it is read with a checksum
and an unpickler that can only create topicgen's model classes, and anything unexpected means a full build
(a damaged pack or index only means that the guides it held are parsed again).
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
import re
import sys
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from topicgen import __version__

CACHE_DIR = ".topicgen-cache"
STATE_FILE = "state.pickle"
_MAGIC = b"topicgen-cache 3\n"  # bump the number when the layout of the state changes
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__"}
_PACKAGE = Path(__file__).resolve().parent
_MODEL_MODULES = ("topicgen.model", "topicgen.diagnostic")  # where the model's classes are defined


def digest(*parts: str | bytes) -> str:
    """One hex key for several parts: the sha256 of their pickle.

    Pickle writes each part with its type and length, so no two part lists collide; without its memo
    (`fast`), equal parts give equal bytes whatever the objects' identities. It does in C what a loop of
    length prefixes did in Python, 8 times faster for the hundreds of parts of a page's key.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


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
                with open(path, "rb", buffering=0) as f:  # read whole: a buffer would only be copied through
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
    return digest(*(part for rel, sha in relative(hashes, base) for part in (rel, sha)))


def relative(hashes: dict[str, str], base: Path | None = None) -> list[tuple[str, str]]:
    """(path relative to `base`, hash) sorted by path; `hashes` as tree_hashes(base) gives them."""
    if base is None:
        return sorted(hashes.items())
    prefix = os.path.join(str(base), "")
    cut = len(prefix)
    # tree_hashes joins every path onto `base` as given: cutting the prefix is relpath without its cost
    return sorted((path[cut:] if path.startswith(prefix) else os.path.relpath(path, base), sha)
                  for path, sha in hashes.items())


class Unkeyable(Exception):
    """A value whose content cannot be hashed (a function, say): pages holding one are always rendered."""


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a dataclass's field names: fields() is slow, and they never change


class ContextKeys:
    """Keys for page contexts; objects shared by many pages (guides, link tables) are hashed once.

    A context is flattened into one list of tagged parts, hashed once: only the shared objects (guides known
    to the caller, large dicts, model objects) get a key of their own, remembered by identity.
    """

    def __init__(self, known: dict[int, tuple[str, Any]] | None = None) -> None:
        # id -> (key, the object, kept alive so that no other object can get its id meanwhile); shared with
        # the caller, who adds guides to it as they are read
        self._memo: dict[int, tuple[str, Any]] = known if known is not None else {}

    def key(self, value: Any) -> str:
        """A hex key that changes whenever the content of `value` does."""
        parts: list[str | bytes] = []
        self._add(value, parts)
        return digest(*parts)

    def _add(self, value: Any, out: list[str | bytes]) -> None:
        # Every container part says its kind and length, so that the list of parts (each length-prefixed by
        # digest) tells one value from another.
        t = type(value)
        if t is str:
            out += ("s", value)
            return
        if value is None or t in (bool, int, float):
            out.append(repr(value))
            return
        hit = self._memo.get(id(value))
        if hit is not None:
            out += ("k", hit[0])
        elif t is dict:
            if len(value) > _SHARED:  # a table every page of a kind holds (the site's links and images)
                inner: list[str | bytes] = []
                self._add_items(value, inner)
                out += ("k", self._remember(value, digest(*inner)))
            else:
                self._add_items(value, out)
        elif t is list or t is tuple:
            out.append(f"{t.__name__}{len(value)}")
            for v in value:
                self._add(v, out)
        elif t is set or t is frozenset:
            out += (f"set{len(value)}", *sorted(self.key(v) for v in value))
        elif isinstance(value, str):  # markupsafe.Markup and other str subclasses: the type matters
            out += (t.__module__, t.__qualname__, str(value))
        elif isinstance(value, Path):
            out += ("path", str(value))
        elif t.__module__ in _MODEL_MODULES and dataclasses.is_dataclass(value):
            # The model is plain immutable data: its pickle is its content, and much faster than a walk.
            out += ("k", self._remember(value, digest("model", t.__qualname__, pickle.dumps(value, protocol=5))))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELD_NAMES.get(t)
            if names is None:
                names = _FIELD_NAMES[t] = tuple(f.name for f in dataclasses.fields(value))
            out += (t.__module__, t.__qualname__)
            for name in names:
                self._add(getattr(value, name), out)
        else:
            raise Unkeyable(f"{t.__module__}.{t.__qualname__}")

    def _add_items(self, value: dict, out: list[str | bytes]) -> None:
        out.append(f"d{len(value)}")
        for k, v in value.items():
            self._add(k, out)
            self._add(v, out)

    def _remember(self, value: Any, key: str) -> str:
        self._memo[id(value)] = (key, value)
        return key


_SHARED = 16  # dicts larger than this are keyed once and remembered: pages share such tables


@dataclasses.dataclass(slots=True)
class State:
    """What the last successful build left: its keys, its output files and the diagnostics it printed."""

    env: str = ""
    site: str = ""  # the site key; "" never matches
    pages: int = 0
    outputs: dict[str, tuple[str, int, int]] = dataclasses.field(default_factory=dict)  # path -> key, size, mtime
    # source -> (sha256 of its bytes, pack, offset, length): where its Guide or Skipped is, pickled (see Packs)
    guides: dict[str, tuple[str, str, int, int]] = dataclasses.field(default_factory=dict)
    emitted: list[tuple[str, Any]] = dataclasses.field(default_factory=list)  # (path, Diagnostic) as printed
    plan: str = ""  # the frame key (incremental.Inputs) of the build whose outlines the index holds
    index: bytes = b""  # the Index, pickled: a build with nothing changed does not read it
    index_delta: bytes = b""  # the records changed since it was written (see Index)
    packs: dict[str, str] = dataclasses.field(default_factory=dict)  # pack file name -> sha256 of its bytes
    parse: str = ""  # what parsing depended on besides each guide's bytes and path

    def to_bytes(self) -> bytes:
        payload = pickle.dumps(tuple(getattr(self, f.name) for f in dataclasses.fields(self)), protocol=5)
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
        state = State(*_ModelUnpickler(io.BytesIO(payload)).load())
        _check_shape(state)
    except Exception as err:  # any surprise in a cache means it is not trusted
        return None, f"damaged ({type(err).__name__})"
    return state, None


def _check_shape(state: State) -> None:
    from topicgen.diagnostic import Diagnostic

    if not (isinstance(state.env, str) and isinstance(state.site, str) and isinstance(state.pages, int)
            and isinstance(state.plan, str) and isinstance(state.index, bytes) and isinstance(state.parse, str)
            and isinstance(state.index_delta, bytes)):
        raise TypeError("keys")
    for rel, (key, size, mtime) in state.outputs.items():
        if not (type(rel) is str and type(key) is str and type(size) is int and type(mtime) is int):
            raise TypeError("outputs")
    for name, sha in state.packs.items():
        if not (type(name) is str and _PACK_NAME.fullmatch(name) and type(sha) is str):
            raise TypeError("packs")
    for source, (key, pack, offset, length) in state.guides.items():
        if not (type(source) is str and type(key) is str and pack in state.packs and type(offset) is int
                and type(length) is int and offset >= 0 and length > 0):
            raise TypeError("guides")
    for where, diag in state.emitted:
        if not (isinstance(where, str) and isinstance(diag, Diagnostic)):
            raise TypeError("emitted")


# A record of a guide's outline: (title, permalink fields, summary, links, images), None for a skipped file; its
# diagnostics as (severity, line, message). Plain data: reading 6000 of them takes milliseconds.
Record = tuple[str, Any, tuple[tuple[str, int, str], ...]]  # (sha256 of its bytes, outline or None, diagnostics)


@dataclasses.dataclass(slots=True)
class Index:
    """What a build needs to know of every source without reading the guides: their list and outlines.

    Stored as a base (written whole now and then) and the records changed since (written every build):
    after one guide changed, writing 6000 records again would take longer than all the rest of the cache.
    """

    names: str = ""  # key of the names of every file of the source folder, when `sources` was listed
    sources: list[str] = dataclasses.field(default_factory=list)  # the sources then, in order
    records: dict[str, Record] = dataclasses.field(default_factory=dict)  # source -> its record
    base: dict[str, Record] = dataclasses.field(default_factory=dict)  # the records of the base
    blob: bytes = b""  # the base, pickled

    def store(self, state: State, records: dict[str, Record], names: str, sources: list[str]) -> None:
        """Put `records` into `state`: as changes to this index's base when they are few, else whole."""
        if names == self.names and sources == self.sources and self.blob:
            changed = {s: r for s, r in records.items() if self.base.get(s) is not r}
            removed = [s for s in self.base if s not in records]
            if len(changed) + len(removed) <= len(self.base) // 8:
                state.index, state.index_delta = self.blob, pickle.dumps((changed, removed), protocol=5)
                return
        state.index = pickle.dumps((names, sources, records), protocol=5)
        state.index_delta = b""


def load_index(blob: bytes, delta: bytes = b"") -> Index | None:
    """The index of a state (checked to hold plain data of the expected shape), None if it cannot be used."""
    try:
        names, sources, base = _ModelUnpickler(io.BytesIO(blob)).load()
        if not (type(names) is str and type(sources) is list and _all(sources, str) and _records_ok(base)):
            raise TypeError("index")
        records = base
        if delta:
            changed, removed = _ModelUnpickler(io.BytesIO(delta)).load()
            if not (_records_ok(changed) and type(removed) is list and _all(removed, str)):
                raise TypeError("index changes")
            records = {**base, **changed}
            for source in removed:
                records.pop(source, None)
    except Exception:  # any surprise in a cache means it is not trusted
        return None
    return Index(names, sources, records, base, blob)


# The checks below see each value of 6000 records once, in loops that run in C (map, zip, chain): checking
# them one record at a time in Python took longer than unpickling them.

def _all(values: Any, *types: type) -> bool:
    """True when every value is exactly of one of `types` (a bool is not an int)."""
    return set(map(type, values)) <= set(types)


def _lengths(values: Any, n: int) -> bool:
    return set(map(len, values)) <= {n}


def _records_ok(records: Any) -> bool:
    if not (type(records) is dict and _all(records, str) and _all(records.values(), tuple)
            and _lengths(records.values(), 3)):
        return False
    if not records:
        return True
    keys, outlines, diags = zip(*records.values())
    if not (_all(keys, str) and _all(diags, tuple) and _all(outlines, tuple, type(None))):
        return False
    flat = list(chain.from_iterable(diags))
    if flat and not (_all(flat, tuple) and _lengths(flat, 3) and _diagnostics_ok(*zip(*flat))):
        return False
    found = [o for o in outlines if o is not None]
    return not found or (_lengths(found, 5) and _outlines_ok(*zip(*found)))


def _diagnostics_ok(severities: tuple, lines: tuple, messages: tuple) -> bool:
    return set(severities) <= {"warning", "error"} and _all(lines, int) and _all(messages, str)


def _outlines_ok(titles: tuple, permalinks: tuple, summaries: tuple, links: tuple, images: tuple) -> bool:
    if not (_all(titles, str) and _all(summaries, str) and _all(permalinks, tuple) and _lengths(permalinks, 5)
            and _all(links, tuple) and _all(chain.from_iterable(links), str) and _all(images, tuple)):
        return False
    path, *parts = zip(*permalinks)
    if not (_all(path, str) and all(_all(part, str, type(None)) for part in parts)):
        return False
    refs = list(chain.from_iterable(images))
    return not refs or (_all(refs, tuple) and _lengths(refs, 2) and _refs_ok(*zip(*refs)))


def _refs_ok(lines: tuple, refs: tuple) -> bool:
    return _all(lines, int) and _all(refs, str)


def _model_classes() -> dict[str, type]:
    """The model's classes by name (Diagnostic included, which is defined in a module of its own)."""
    import topicgen.model as model

    return {name: cls for name, cls in vars(model).items()
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ in _MODEL_MODULES}


def _by_fields(cls: type, names: tuple[str, ...]) -> Any:
    fields = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    return lambda obj: (cls, fields(obj))


def _reducers() -> dict[type, Any]:
    # A model object pickled as its class called with its fields: unpickling then runs the class's own
    # __init__, three times faster than the dataclass __setstate__ (which looks its fields up every time).
    table: dict[type, Any] = dict(copyreg.dispatch_table)
    for cls in _model_classes().values():
        fields = dataclasses.fields(cls)
        if all(f.init and not f.kw_only for f in fields):
            table[cls] = _by_fields(cls, tuple(f.name for f in fields))
    return table


_REDUCERS: dict[type, Any] | None = None


_PACK_NAME = re.compile(r"guides-[0-9a-f]{16}\.pack")


def pack(blobs: list[bytes]) -> tuple[str, bytes, str]:
    """A pack file of `blobs`, end to end: its name (from its content), its bytes and their sha256."""
    data = b"".join(blobs)
    sha = hashlib.sha256(data).hexdigest()
    return f"guides-{sha[:16]}.pack", data, sha


class Packs:
    """The pickled guides of the last build, in pack files beside its state, each read when first needed.

    A pack is checked against the sha256 the state recorded before any of it is used; one that is missing
    or damaged gives nothing (the guides in it are parsed again).
    """

    def __init__(self, folder: Path, sums: dict[str, str]) -> None:
        self.folder = folder
        self.sums = sums
        self._data: dict[str, bytes | None] = {}
        self._sizes: dict[str, int] = {}

    def read(self, name: str) -> bytes | None:
        """The whole pack, None when it is missing or does not match its checksum."""
        if name not in self._data:
            try:
                data: bytes | None = (self.folder / name).read_bytes()
            except OSError:
                data = None
            if data is not None and hashlib.sha256(data).hexdigest() != self.sums.get(name):
                data = None
            self._data[name] = data
        return self._data[name]

    def present(self, name: str) -> bool:
        """True when the pack is there (whether its content is right is known once it is read)."""
        return self.size(name) >= 0

    def size(self, name: str) -> int:
        """Its size in bytes, -1 when it is not there."""
        if name not in self._sizes:
            try:
                self._sizes[name] = os.stat(self.folder / name).st_size if name in self.sums else -1
            except OSError:
                self._sizes[name] = -1
        return self._sizes[name]

    def bad(self, name: str) -> bool:
        """True when the pack was read and could not be used."""
        return name in self._data and self._data[name] is None

    def blob(self, name: str, offset: int, length: int) -> bytes | None:
        """One guide's bytes, None when its pack cannot be used."""
        data = self.read(name)
        if data is None or offset + length > len(data):
            return None
        return data[offset:offset + length]


def dump_result(result: Any) -> bytes:
    """A parsed guide (or skipped entry) as stored in the cache."""
    global _REDUCERS
    if _REDUCERS is None:
        _REDUCERS = _reducers()
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(result)
    return buffer.getvalue()


def load_result(blob: bytes) -> Any:
    """A Guide or Skipped from the cache, or None if the bytes do not hold one."""
    from topicgen.model import Guide, Skipped

    try:
        result = _ModelUnpickler(io.BytesIO(blob)).load()
    except Exception:
        return None
    return result if isinstance(result, (Guide, Skipped)) else None


_ALLOWED: dict[str, type] | None = None


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles plain data and topicgen's model classes only: a crafted cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        global _ALLOWED
        if (module, name) == ("topicgen.diagnostic", "Diagnostic"):  # without importing the model (a state
            from topicgen.diagnostic import Diagnostic  # holds diagnostics only)

            return Diagnostic
        if module in _MODEL_MODULES:
            if _ALLOWED is None:
                _ALLOWED = _model_classes()
            cls = _ALLOWED.get(name)
            if cls is not None:
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


def unchanged_output(state: State | None, rel: str, key: str, found: dict[str, tuple[int, int]]) -> bool:
    """True when the previous output's file `rel` was made from `key` and has not been touched since.

    `found` holds the size and mtime of every file of the output as it is now (writer.Staging scans it).
    """
    if state is None or not key:  # no key (a page whose data cannot be hashed): never known to be unchanged
        return False
    recorded = state.outputs.get(rel)
    return recorded is not None and recorded[0] == key and found.get(rel) == recorded[1:]


def save_state(folder: Path, state: State, new_pack: tuple[str, bytes] | None = None) -> None:
    """Write the state, and the new pack of parsed guides if any, into the staging `folder` (it is committed
    with the output)."""
    target = folder / CACHE_DIR
    target.mkdir(exist_ok=True)
    if new_pack is not None:
        (target / new_pack[0]).write_bytes(new_pack[1])
    (target / STATE_FILE).write_bytes(state.to_bytes())
