"""Images referenced by guides: resolved against the source folder (the plan copies them), missing ones warned."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from topicgen.diagnostics import Diagnostic, Located
from topicgen.model import Guide, GuideInfo, IntroSection, ResourceSection, VideoSection
from topicgen.parsing.svg import Refused, clean_svg
from topicgen.reading.permalink import MAX_NAME_BYTES, OWN_PREFIX
from topicgen.reading.sources import Unreadable, check_regular, read_regular

# Only these are copied: a reference such as `index.html` must never overwrite a page of the site.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp"}
# Far above any real picture (the largest of the corpus is 56 KB) and below what would exhaust memory.
MAX_IMAGE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Images:
    """`found` maps each reference as written to its site path; `copies` maps site path to source file."""

    found: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    diagnostics: list[Located] = field(default_factory=list)


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I).match  # asked for every link of every page


def is_external(ref: str) -> bool:
    """A URL with a scheme or host (`https://…`, `//cdn…`, `data:`): left as written, never copied."""
    return bool(_EXTERNAL(ref))


def references(guide: Guide) -> list[tuple[int, str]]:
    """Every image a guide points at, with the source line it was written on, in the order they are written."""
    found = list(guide.shown_images)
    for section in guide.sections:
        videos = ((section.video,) if isinstance(section, IntroSection)
                  else section.videos if isinstance(section, VideoSection) else ())
        found += [(video.line, video.thumbnail) for video in videos if video.thumbnail]
        if isinstance(section, ResourceSection):
            found += [(r.line, r.image) for r in section.items if r.image]
    return sorted(found, key=lambda image: image[0])


def site_path(ref: str) -> str | None:
    """The path under the output of a relative reference, read against the source root; None if it leaves it."""
    path = unquote(urlsplit(ref).path)
    normal = posixpath.normpath("/" + path.lstrip("/")).lstrip("/")
    if not path or normal in ("", ".") or path.startswith("../") or "/../" in "/" + path:
        return None
    return normal


def _dotted(ref: str) -> str | None:
    """The path a reference with `..` in it names when that stays in the source folder (`images/a/../b.png`:
    `images/b.png`), else None."""
    path = unquote(urlsplit(ref).path).lstrip("/")
    normal = posixpath.normpath(path) if path else ""
    return None if normal in ("", ".", "..") or normal.startswith("../") or "/../" not in "/" + path else normal


def resolve_images(infos: Iterable[GuideInfo], src: Path) -> Images:
    """Find every local image of every guide under `src`; a missing one is a warning naming guide and line,
    and so is an SVG the copy of which leaves something out (said once, where it is first referenced)."""
    images = Images()
    root = src.resolve()
    checked: dict[str, _Checked] = {}  # site path -> what was found there
    for guide in infos:
        for line, ref in guide.images:
            if ref in images.found:
                continue
            target = site_path(ref)
            found = checked.get(target or "") or checked.setdefault(target or "", _check(root, target))
            problem, detail, file = found
            if problem == "outside" and (inside := _dotted(ref)):
                said = (f"image `{ref}` has `..` in its path, which the pages do not follow; it is not copied; "
                        f"write `{inside}`")
                images.diagnostics.append((guide.source, Diagnostic("warning", line, said)))
                continue
            if problem and problem != "cleaned":
                said = _problem(problem, detail, ref, target) + _beside(root, guide.source, ref, problem)
                images.diagnostics.append((guide.source, Diagnostic("warning", line, said)))
                continue
            if problem and target not in images.copies:
                images.diagnostics.append((guide.source, Diagnostic("warning", line,
                                                                    _problem(problem, detail, ref, target))))
            images.found[ref] = target  # type: ignore[assignment]
            images.copies[target] = file  # type: ignore[index,assignment]
    return images


def image_bytes(file: Path) -> bytes:
    """What is published of an image resolve_images found: its bytes, an SVG's without what could run or fetch
    anything. Unreadable when it is no longer what resolve_images found (it changed during the build)."""
    data = read_regular(file, MAX_IMAGE_BYTES, "an image")
    if file.suffix.lower() != ".svg":
        return data
    try:
        return clean_svg(data).data
    except Refused as err:
        raise Unreadable(str(err)) from None


def _beside(root: Path, source: str, ref: str, problem: str) -> str:
    """A hint when a missing image is there read from the guide's own folder, as a markdown editor reads it."""
    if problem not in ("missing", "outside") or ref.startswith("/"):
        return ""
    there = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(urlsplit(ref).path)))
    if there.startswith("../") or there == ".." or not (root / there).is_file():
        return ""
    return f"; image paths are read from the sources folder, not the guide's own: write `{there}`"


_Checked = tuple[str, str, "Path | None"]  # what is wrong ("" when nothing), its details, the file


def _problem(problem: str, detail: str, ref: str, target: str | None) -> str:
    if problem == "outside":
        return f"image `{ref}` is outside the source folder; it is not copied"
    if problem == "suffix":
        return f"image `{ref}` is not an image file ({', '.join(sorted(IMAGE_SUFFIXES))}); it is not copied"
    if problem == "name":
        return f"image `{ref}` has a name no file system can hold; it is not copied"
    if problem == "own":
        return f"image `{ref}` is in a folder named like topicgen's own (`{OWN_PREFIX}…`); it is not copied"
    if problem == "unreadable":
        return f"image `{ref}` {detail}; it is not copied"
    if problem == "refused":
        return f"image `{ref}` is not a safe SVG image: {detail}; it is not copied"
    if problem == "cleaned":
        return (f"image `{ref}`: {detail} removed from the copy (an SVG opened on its own runs on the site's "
                "origin: no script, event handler, foreign content or outside reference is published)")
    return f"image `{ref}` not found (looked for {target} in the source folder)"


def _check(root: Path, target: str | None) -> _Checked:
    """What is wrong with an image at `target` under `root` ("" when nothing), and its file."""
    if target is not None and ("\x00" in target or any(len(s.encode()) > MAX_NAME_BYTES for s in target.split("/"))):
        return "name", "", None
    if target is not None and any(s.casefold().startswith(OWN_PREFIX) for s in target.split("/")):
        return "own", "", None
    try:
        file = (root / target).resolve() if target else None
        if file is None or root not in file.parents:
            return "outside", "", None
        if file.suffix.lower() not in IMAGE_SUFFIXES:
            return "suffix", "", None
        os.stat(file)
    except (FileNotFoundError, NotADirectoryError):
        return "missing", "", None
    except (OSError, ValueError):  # a name too long for the file system, say
        return "name", "", None
    try:
        # Looked at here, not only when copied: `check` reports what `build` would. Only what a guide names
        # is looked at, so big files that nothing references cost nothing.
        removed: tuple[str, ...] = ()
        if file.suffix.lower() == ".svg":
            removed = clean_svg(read_regular(file, MAX_IMAGE_BYTES, "an image")).removed
        else:
            check_regular(file, MAX_IMAGE_BYTES, "an image")
    except Unreadable as err:
        return "unreadable", str(err).removesuffix("; not read"), None
    except Refused as err:
        return "refused", str(err), None
    if removed:
        return "cleaned", ", ".join(f"`{r}`" for r in removed[:6]) + (
            f" and {len(removed) - 6} more" if len(removed) > 6 else ""), file
    return "", "", file
