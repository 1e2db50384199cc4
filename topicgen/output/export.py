"""The model as JSON: the contract other tools read (documented in the README), and the file it is written to."""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from topicgen.config import Config
from topicgen.diagnostics import Located
from topicgen.errors import TopicgenError
from topicgen.model import Diagnostic, Faq, Guide, IntroSection, Resource, Video
from topicgen.reading.collect import Collection
from topicgen.reading.permalink import url_path
from topicgen.rendering.seo import absolute_url

SCHEMA_VERSION = 1


def _diag(d: Diagnostic) -> dict[str, Any]:
    return {"severity": d.severity, "line": d.line, "message": d.message}


def _video(v: Video) -> dict[str, Any]:
    return {"title": v.title, "thumbnail": v.thumbnail, "url": v.url, "heading": v.heading,
            "description": v.description, "description_html": v.description_html, "line": v.line}


def _intro(g: Guide) -> dict[str, Any] | None:
    section = next((s for s in g.sections if isinstance(s, IntroSection)), None)
    return None if section is None else {**_video(section.video), "label": section.label}


def _faq(f: Faq) -> dict[str, Any]:
    return {"kind": f.kind, "question": f.question, "url": f.url, "answer_html": f.answer_html,
            "topic_id": f.topic_id, "open": f.open, "external": f.external, "line": f.line}


def _resource(r: Resource) -> dict[str, Any]:
    return {"kind": r.kind, "title": r.title, "text": r.text, "url": r.url, "image": r.image, "line": r.line}


def guide_dict(g: Guide, config: Config | None = None, found: tuple[Diagnostic, ...] | None = None) -> dict[str, Any]:
    """One guide as the export contract describes it; `found`: its diagnostics, if more than the guide's own
    (its images' warnings, found when the collection was read)."""
    p = g.permalink
    return {
        "source": g.source, "title": g.title, "permalink": p.path, "url": url_path(p),
        "page": absolute_url(config, f"{p.path}/") if config is not None and config.base_url else None,
        "product": p.product, "lang": p.lang, "version": p.version, "name": p.name,
        "heading": g.heading, "summary": g.summary,
        "intro": _intro(g),
        "faqs": [_faq(f) for f in g.faqs],
        "videos": [_video(v) for v in g.videos],
        "resources": [_resource(r) for r in g.resources],
        "sections": [s.kind for s in g.sections],
        "layout": [{"kind": s.kind, "line": s.line, "open": s.open} for s in g.sections],
        "front_matter": dict(g.extra),
        "diagnostics": [_diag(d) for d in (g.diagnostics if found is None else found)],
    }


def export_json(collection: Collection, config: Config | None = None, planned: Sequence[Located] = ()) -> str:
    """The whole collection as deterministic, pretty-printed JSON text; with the config's `base_url`, each
    guide's page address too. Each guide's diagnostics are all that the build reports of it: its own and
    those `planned` gives of it (a link to no page of the site), in the order the build gives them."""
    found: dict[str, list[Diagnostic]] = {}
    for source, diag in [*collection.diagnostics(), *planned]:
        found.setdefault(source, []).append(diag)
    data = {
        "schema": SCHEMA_VERSION,
        "guides": [guide_dict(g, config, tuple(found.get(g.source, ()))) for g in collection.guides],
        "skipped": [{"source": s.source, "reason": s.reason, "diagnostics": [_diag(d) for d in s.diagnostics]}
                    for s in collection.skipped],
    }
    # allow_nan=False: strict JSON, which `JSON.parse` and every other reader accept (the reader turned
    # front matter's `.nan` and `.inf` into null, with a warning); a NaN here would be a bug, not output.
    return json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"


def write_export(path: Path, text: str, src: Path, collection: Collection) -> None:
    """The export written at `path` (_write_atomic), unless it is one of the guides' sources: it would
    replace a guide with the JSON."""
    try:
        read = path.resolve().relative_to(src.resolve()).as_posix() in collection.hashes
    except (ValueError, OSError, RuntimeError):
        read = False
    if read:
        raise TopicgenError(f"--out {path} is one of the guides' sources; write the export elsewhere")
    _write_atomic(path, text)


def _write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a new file renamed over it: a reader never sees half a file, and a
    link at `path` is replaced, not followed. What is no file to replace is written through: a pipe or a
    device (`/dev/stdout`, `>(jq .)`, `/dev/null`), which a rename would have put a file in the place of."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise TopicgenError(f"--out {path} is a folder; give the export's file name, such as {path}/model.json")
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}"
    # os.open with 0o666, not mkstemp: mkstemp makes the file 0600, and the export is read by other tools
    # and users (the umask decides, as for any file a command writes).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
