"""What a build can skip: the inputs hashed once, guides parsed only when new, pages rendered only when changed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicgen.cache import (ContextKeys, State, Unkeyable, combined, digest, dump_result, environment_key,
                            load_result, tree_hashes)
from topicgen.parallel import jobs_for, ordered_map

if TYPE_CHECKING:  # only for annotations: importing them costs a no-change build a third of its time
    from topicgen.collection import Collection
    from topicgen.config import Config
    from topicgen.site import Page

Progress = Callable[[str, int], Any]  # (label, total) -> context manager yielding advance(n)


@dataclass(slots=True)
class Inputs:
    """Hashes of everything a build reads; `site` is one key for all of it."""

    env: str
    config: str
    theme: str
    site: str
    files: dict[str, str] = field(default_factory=dict)  # absolute path of a source or theme file -> sha256

    def file_key(self, path: Path) -> str:
        """The content hash of a file the build copies, from the scan when it was seen there."""
        found = self.files.get(str(path)) or self.files.get(os.path.realpath(path))
        if found is None:
            try:
                found = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                found = "unreadable"
        return found


def theme_folders(config: Config) -> list[Path]:
    """The folders a theme is read from, override first (as Theme searches them)."""
    from topicgen.paths import DEFAULT_THEME

    return [p for p in (Path(config.theme) if config.theme else None, DEFAULT_THEME) if p is not None]


def scan(src: Path, out: Path, config: Config, src_label: str) -> Inputs:
    """Hash topicgen, the config, the theme and every file of the source folder (not the output, if inside)."""
    root = os.path.realpath(src)
    out_real = Path(os.path.realpath(out))
    skip = (out_real, *out_real.parent.glob(f".{out_real.name}.*")) if out_real.parent.is_dir() else (out_real,)
    files = tree_hashes(Path(root), skip=skip)
    themes = [(folder, tree_hashes(folder)) for folder in theme_folders(config)]
    env = environment_key()
    config_key = digest(repr(config), os.environ.get("SOURCE_DATE_EPOCH", ""))
    theme_key = digest(*(str(folder) + combined(hashes, folder) for folder, hashes in themes))
    for _, hashes in themes:
        files.update(hashes)
    site = digest(env, config_key, theme_key, combined({p: h for p, h in files.items() if p.startswith(root)},
                                                       Path(root)), src_label)
    return Inputs(env, config_key, theme_key, site, files)


def collect_cached(src: Path, config: Config, inputs: Inputs, state: State | None, new_state: State,
                   known: dict[int, tuple[str, Any]], progress: Progress | None = None) -> Collection:
    """Like collection.collect, parsing only the guides whose parse key is not in `state`.

    The results go into `new_state.guides`, and each result object's parse key into `known` (a guide's
    content is fixed by its parse key, which spares hashing it again for the page keys). Parsing is
    shared among processes when enough guides changed.
    """
    from topicgen.collection import check_collisions
    from topicgen.source import find_sources

    root = os.path.realpath(src)
    paths = find_sources(src)
    rels = [p.relative_to(src).as_posix() for p in paths]
    keys = [digest(inputs.env, inputs.config, rel, inputs.file_key(Path(root, rel))) for rel in rels]
    results: list[Any] = [None] * len(paths)
    todo = []
    for i, rel in enumerate(rels):
        cached = state.guides.get(rel) if state is not None else None
        if cached is not None and cached[0] == keys[i]:
            results[i] = load_result(cached[1])
        if results[i] is None:
            todo.append(i)
    if todo:
        from topicgen.mdrender import Renderer
        from topicgen.reader import read_guide

        renderer = Renderer(raw_html=config.raw_html)
        with _progress(progress, "parsing", len(todo)) as advance:
            parsed = ordered_map(lambda i: read_guide(paths[i], rels[i], renderer), todo,
                                 jobs_for(len(todo)), advance)
        for i, result in zip(todo, parsed):
            results[i] = result
            if inputs.file_key(Path(root, rels[i])) != _sha_now(paths[i]):
                keys[i] = ""  # the file changed while it was parsed: do not remember this result
    fresh = set(todo)
    old = state.guides if state is not None else {}
    new_state.guides = {rels[i]: (keys[i], dump_result(results[i]) if i in fresh else old[rels[i]][1])
                        for i in range(len(rels)) if keys[i]}
    known.update({id(result): ("parsed:" + key, result) for key, result in zip(keys, results) if key})
    return check_collisions(results)


def _sha_now(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def page_keys(pages: list[Page], copies: dict[str, Path], inputs: Inputs,
              known: dict[int, tuple[str, Any]]) -> dict[str, str]:
    """A key per output file: what it is made from. Pages whose data cannot be hashed get none."""
    hasher = ContextKeys(known)
    keys: dict[str, str] = {}
    for page in pages:
        try:
            context = hasher.key(page.context)
        except Unkeyable:  # e.g. a function in the context: always rendered, which is only slower
            continue
        keys[page.output] = digest("page", inputs.env, inputs.theme, inputs.config, page.template, page.folder,
                                   page.filename, context)
    for target, path in copies.items():
        keys[target] = digest("copy", inputs.file_key(path))
    return keys


def render_all(pages: list[Page], render: Callable[[Page], bytes], progress: Progress | None = None) -> list[bytes]:
    """Every page rendered, in order; shared among processes when there are many."""
    if not pages:
        return []
    with _progress(progress, "rendering", len(pages)) as advance:
        # One page of each template first, here: the workers then inherit compiled templates.
        first: dict[str, int] = {}
        for i, page in enumerate(pages):
            first.setdefault(page.template, i)
        done = {i: render(pages[i]) for i in sorted(first.values())}
        advance(len(done))
        rest = [i for i in range(len(pages)) if i not in done]
        for i, data in zip(rest, ordered_map(lambda i: render(pages[i]), rest, jobs_for(len(rest)), advance)):
            done[i] = data
    return [done[i] for i in range(len(pages))]


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(progress: Progress | None, label: str, total: int) -> Any:
    return progress(label, total) if progress is not None else _NoProgress()
