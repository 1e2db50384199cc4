"""Keys of what a build reads: content hashes of files, and of topicgen and the packages it runs with."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

from topicgen import __version__

_PACKAGE = Path(__file__).resolve().parent.parent
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__"}


def digest(*parts: str) -> str:
    """One hex key for several texts; each is length-prefixed, so no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    """Every regular file below `root` (relative path with `/`) to the sha256 of its bytes; links not followed."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in files:
            path = os.path.join(folder, name)
            try:
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                with open(path, "rb") as f:
                    found[prefix + name] = hashlib.file_digest(f, "sha256").hexdigest()
            except OSError:
                found[prefix + name] = "unreadable"  # the build reports it; the key only has to change with it
    return found


def tree_key(root: Path) -> str:
    """One key for every file below `root`, their paths and contents."""
    return digest(str(root), *(part for item in sorted(file_hashes(root).items()) for part in item))


@functools.cache  # topicgen's code and packages do not change while it runs
def environment_key() -> str:
    """What else decides the output: topicgen's own files, Python, and the installed packages' versions."""
    parts: list[str] = [__version__, sys.version, tree_key(_PACKAGE)]
    for entry in sys.path:  # `markdown-3.5.2.dist-info` and the like: any upgrade changes the key
        if entry.endswith("-packages") and os.path.isdir(entry):
            parts += sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info")))
    return digest(*parts)
