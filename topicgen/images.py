"""Images referenced by guides: resolved against the source root, copied to the output, missing ones warned."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from topicgen.model import Diagnostic, Guide, IntroSection, MarkdownSection, ResourceSection, VideoSection

# Only these are copied: a reference such as `index.html` must never overwrite a page of the site.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp"}
_IMG_SRC = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"", re.I)


@dataclass(frozen=True, slots=True)
class Images:
    """`found` maps each reference as written to its site path; `copies` maps site path to source file."""

    found: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I).match  # asked for every link of every page


def is_external(ref: str) -> bool:
    """A URL with a scheme or host (`https://…`, `//cdn…`, `data:`): left as written, never copied."""
    return bool(_EXTERNAL(ref))


def references(guide: Guide) -> list[tuple[int, str]]:
    """Every image a guide points at, with the source line it was written on."""
    found: list[tuple[int, str]] = []
    html_parts: list[tuple[int, str]] = [(1, guide.summary_html)]
    for section in guide.sections:
        videos = ((section.video,) if isinstance(section, IntroSection)
                  else section.videos if isinstance(section, VideoSection) else ())
        for video in videos:
            if video.thumbnail:
                found.append((video.line, video.thumbnail))
            html_parts.append((video.line, video.description_html))
        if isinstance(section, ResourceSection):
            found += [(r.line, r.image) for r in section.items if r.image]
        if isinstance(section, MarkdownSection):
            html_parts.append((section.line, section.html))
    for faq in guide.faqs:
        html_parts.append((faq.line, faq.answer_html or ""))
    for line, html in html_parts:
        found += [(line, m.group(1).replace("&amp;", "&")) for m in _IMG_SRC.finditer(html)]
    return found


def site_path(ref: str) -> str | None:
    """The path under the output of a relative reference, read against the source root; None if it leaves it."""
    path = unquote(urlsplit(ref).path)
    normal = posixpath.normpath("/" + path.lstrip("/")).lstrip("/")
    if not path or normal in ("", ".") or path.startswith("../") or "/../" in "/" + path:
        return None
    return normal


def resolve_images(guides: tuple[Guide, ...] | list[Guide], src: Path) -> Images:
    """Find every local image of every guide under `src`; a missing one is a warning naming guide and line."""
    return resolve_references(((g.source, line, ref) for g in guides for line, ref in references(g)
                               if not is_external(ref)), src)


def resolve_references(refs: Iterable[tuple[str, int, str]], src: Path) -> Images:
    """resolve_images for local references already listed: (guide source, line, reference as written)."""
    images = Images()
    root = src.resolve()
    checked: dict[str, tuple[str, Path | None]] = {}  # site path -> what is wrong with it ("" when nothing)
    for source, line, ref in refs:
        if ref in images.found:
            continue
        target = site_path(ref)
        problem, file = checked.get(target or "") or checked.setdefault(target or "", _check(root, target))
        if problem == "outside":
            images.diagnostics.append((source, Diagnostic(
                "warning", line, f"image `{ref}` is outside the source folder; it is not copied")))
        elif problem == "suffix":
            images.diagnostics.append((source, Diagnostic(
                "warning", line, f"image `{ref}` is not an image file ({', '.join(sorted(IMAGE_SUFFIXES))}); "
                                 "it is not copied")))
        elif problem == "missing":
            images.diagnostics.append((source, Diagnostic(
                "warning", line, f"image `{ref}` not found (looked for {target} in the source folder)")))
        else:
            images.found[ref] = target  # type: ignore[assignment]
            images.copies[target] = file  # type: ignore[index,assignment]
    return images


def _check(root: Path, target: str | None) -> tuple[str, Path | None]:
    """What is wrong with an image at `target` under `root` ("" when nothing), and its file."""
    file = (root / target).resolve() if target else None
    if file is None or root not in file.parents:
        return "outside", None
    if file.suffix.lower() not in IMAGE_SUFFIXES:
        return "suffix", None
    if not file.is_file():
        return "missing", None
    return "", file
