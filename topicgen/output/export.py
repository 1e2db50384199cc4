"""The model as JSON: the contract other tools read (documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from topicgen.model import Diagnostic, Faq, Guide, Resource, Video
from topicgen.reading.collect import Collection
from topicgen.reading.permalink import url_path

SCHEMA_VERSION = 1


def _diag(d: Diagnostic) -> dict[str, Any]:
    return {"severity": d.severity, "line": d.line, "message": d.message}


def _video(v: Video) -> dict[str, Any]:
    return {"title": v.title, "thumbnail": v.thumbnail, "url": v.url, "heading": v.heading,
            "description": v.description, "description_html": v.description_html, "line": v.line}


def _faq(f: Faq) -> dict[str, Any]:
    return {"kind": f.kind, "question": f.question, "url": f.url, "answer_html": f.answer_html,
            "topic_id": f.topic_id, "open": f.open, "external": f.external, "line": f.line}


def _resource(r: Resource) -> dict[str, Any]:
    return {"kind": r.kind, "title": r.title, "text": r.text, "url": r.url, "image": r.image, "line": r.line}


def guide_dict(g: Guide, base_url: str = "", found: tuple[Diagnostic, ...] | None = None) -> dict[str, Any]:
    """One guide as the export contract describes it; `found`: its diagnostics, if more than the guide's own
    (its images' warnings, found when the collection was read)."""
    p = g.permalink
    return {
        "source": g.source, "title": g.title, "permalink": p.path, "url": url_path(p),
        "page": base_url + url_path(p)[1:] if base_url else None,
        "product": p.product, "lang": p.lang, "version": p.version, "name": p.name,
        "heading": g.heading, "summary": g.summary,
        "intro": _video(g.intro) if g.intro else None,
        "faqs": [_faq(f) for f in g.faqs],
        "videos": [_video(v) for v in g.videos],
        "resources": [_resource(r) for r in g.resources],
        "sections": [s.kind for s in g.sections],
        "layout": [{"kind": s.kind, "line": s.line, "open": s.open} for s in g.sections],
        "front_matter": dict(g.extra),
        "diagnostics": [_diag(d) for d in (g.diagnostics if found is None else found)],
    }


def export_json(collection: Collection, base_url: str = "") -> str:
    """The whole collection as deterministic, pretty-printed JSON text; with `base_url`, each guide's page
    address too. Each guide's diagnostics are all that the build reports of it."""
    found: dict[str, list[Diagnostic]] = {}
    for source, diag in collection.diagnostics():
        found.setdefault(source, []).append(diag)
    data = {
        "schema": SCHEMA_VERSION,
        "guides": [guide_dict(g, base_url, tuple(found.get(g.source, ()))) for g in collection.guides],
        "skipped": [{"source": s.source, "reason": s.reason, "diagnostics": [_diag(d) for d in s.diagnostics]}
                    for s in collection.skipped],
    }
    # allow_nan=False: strict JSON, which `JSON.parse` and every other reader accept (the reader turned
    # front matter's `.nan` and `.inf` into null, with a warning); a NaN here would be a bug, not output.
    return json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"
