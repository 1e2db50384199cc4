"""The benchmarks' corpus: copies of the shared guides, and moving outputs aside instead of deleting them."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "kore"
_PERMALINK = re.compile(r"^(permalink:[ \t]*)(.*?)([ \t]*)$", re.M)


def scale_corpus(corpus: Path, dest: Path, copies: int) -> int:
    """`copies` copies of every guide of `corpus` under dest/copyNN/, each permalink made distinct by a
    `-cNN` suffix on its last segment and each body by a first sentence naming its copy; other files (images)
    once, at the same place. Returns the guide count.

    Distinct bodies, because Jekyll 4 keeps each Markdown conversion by the text converted (its
    `Jekyll::Cache`): copies identical below the front matter would be converted once, not twenty times, and
    a site of 20 x 303 guides measured as one of 303 guides laid out 20 times."""
    count = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(corpus)
        if path.suffix.lower() not in (".md", ".markdown"):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / rel)
            continue
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        for i in range(copies):
            target = dest / f"copy{i:02d}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_distinct(text, i).encode("utf-8", "surrogateescape"))
            count += 1
    return count


def _distinct(text: str, i: int) -> str:
    """The guide with `-cNN` on its permalink and a first paragraph saying which copy it is (a guide without
    a permalink in its front matter is left as it is)."""
    head = re.match(r"\ufeff?---[ \t]*\r?\n(.*?)\n(?:---|\.\.\.)[ \t]*\r?$", text, re.S | re.M)
    if not head:
        return text
    m = _PERMALINK.search(text, head.start(1), head.end(1))
    if not m or not m.group(2).strip():
        return text
    value = m.group(2).rstrip("\r")
    end = value.rstrip("/")
    new = f"{end}-c{i:02d}{value[len(end):]}"
    newline = "\r\n" if "\r\n" in text[: head.end()] else "\n"
    body = head.end() + len(newline) if text.startswith(newline, head.end()) else head.end()
    copy = f"{newline if body == head.end() else ''}This is copy {i + 1} of the guide.{newline}{newline}"
    return text[: m.start(2)] + new + text[m.start(2) + len(value): body] + copy + text[body:]


def settle() -> None:
    """Let the file system finish what the preparation started, so that it is not timed as part of the next
    run, whichever tool that is."""
    os.sync()
    time.sleep(0.5)


class Aside:
    """Previous outputs and caches moved out of the way instead of deleted, until the benchmark ends.

    Deleting them would slow down whichever build runs next, for a reason that has nothing to do with the
    tools: ext4 without a journal (as on the development VM) will not reuse an inode freed less than ~30 s
    ago, and walks past every such inode, reading it, each time it creates a file. Right after removing a
    303-page output, creating 320 files took 0.10 s of kernel time instead of 0.005 s, and a full build
    0.45 s instead of 0.35 s (Jekyll's 0.90 s instead of 0.60 s). A user's CI build starts from a fresh
    checkout; a writer's rebuild is incremental.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def __call__(self, path: Path) -> None:
        """Move `path` (if it exists) into the folder of things put aside."""
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            os.rename(path, self.folder / str(self.count))

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
