"""Permalinks: normalizing, validating (nothing may leave the output folder) and splitting into parts."""

from __future__ import annotations

import re
from urllib.parse import quote

from topicgen.config import is_language_code
from topicgen.errors import SourceError
from topicgen.model import Permalink

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME_OR_DRIVE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
OWN_PREFIX = ".topicgen"  # the names of topicgen's own entries in the output folder, and of its cache
MAX_NAME_BYTES = 255  # a folder name, in UTF-8, on ext4, APFS, NTFS (in UTF-16 units there) and most others
MAX_PATH_BYTES = 1024  # Linux refuses paths over 4,096 bytes; the output folder and staging come before


def parse_permalink(raw: object, line: int) -> tuple[Permalink, list[str]]:
    """The permalink and the warnings its form deserves; a dangerous or empty one raises SourceError."""
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        raise SourceError(line, "`permalink` must be a text like `product/topic-guide/en/latest/Name`")
    if not isinstance(raw, str):  # `permalink: 1.10` is the number 1.1 to YAML, `010` is 8
        raise SourceError(line, f"`permalink` is what YAML reads as the number `{raw}`, not the text as written: "
                                "put the permalink in quotes")
    text = str(raw).strip()
    if _CONTROL.search(text):
        raise SourceError(line, "`permalink` contains a control character")
    if "\\" in text:
        raise SourceError(line, "`permalink` contains a backslash; use `/` between segments")
    if _SCHEME_OR_DRIVE.match(text):
        raise SourceError(line, f"`permalink` starts with a scheme or drive (`{text.split(':')[0]}:`); "
                                "it must be a path inside the site")
    warnings = []
    path = re.sub(r"/{2,}", "/", text)
    if path != text:
        warnings.append(f"`permalink` has repeated slashes: read as `{path.strip('/')}`")
    path = path.strip("/")
    segments = path.split("/")
    if not path:
        raise SourceError(line, "`permalink` is empty")
    if any(s in (".", "..") for s in segments):
        raise SourceError(line, "`permalink` has a `.` or `..` segment; it would leave the output folder")
    _check_names(path, segments, line)
    if any(s != s.strip() or not s for s in segments):
        warnings.append("`permalink` has a segment with spaces at its ends")
    if len(segments) >= 5 and segments[1] == "topic-guide":
        primary, dash, rest = segments[2].partition("-")
        code = primary.lower() + dash + rest
        if not is_language_code(segments[2]) and is_language_code(code):
            warnings.append(f"`permalink`'s language `{segments[2]}` is not written as language codes are "
                            f"(`{code}`): its pages are a language of their own, apart from `{code}`'s; "
                            f"write `{code}`")
        return Permalink(path, segments[0], segments[2], segments[3], "/".join(segments[4:])), warnings
    warnings.append(f"`permalink` `{path}` does not follow `<product>/topic-guide/<lang>/<version>/<name>`")
    return Permalink(path, segments[0], None, None, segments[-1]), warnings


def _check_names(path: str, segments: list[str], line: int) -> None:
    """SourceError for a permalink no file system can hold as folders, or one that would be topicgen's own."""
    if any(s.casefold().startswith(OWN_PREFIX) for s in segments):  # .TOPICGEN-OUTPUT is it on macOS
        # The output folder's `.topicgen-output`, `-staging`, `-backup` and `-journal`, and the cache's name:
        # a page there would be replaced by topicgen's own files, or hidden by the preview.
        raise SourceError(line, f"`permalink` has a segment starting with `{OWN_PREFIX}`, a name topicgen keeps "
                                "for its own files")
    long = next((s for s in segments if len(s.encode("utf-8")) > MAX_NAME_BYTES), None)
    if long is not None:
        raise SourceError(line, f"`permalink` has a segment of {len(long.encode('utf-8'))} bytes (`{long[:40]}…`); "
                                f"a file system holds names of at most {MAX_NAME_BYTES}")
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        raise SourceError(line, f"`permalink` is {len(path.encode('utf-8')):,} bytes long; at most "
                                f"{MAX_PATH_BYTES:,} leave room for the output folder's own path")


def url_path(permalink: Permalink) -> str:
    """The site path of a guide, percent-encoded, with a trailing slash: `/a/b%20c/`."""
    return "/" + quote(permalink.path, safe="/") + "/"
