"""Reading one source file: bytes to text, front matter split off with its line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from topicgen.errors import SourceError

if TYPE_CHECKING:
    import yaml

# Jekyll's rule: front matter is the block between a first line of `---` and the next `---` (or `...`).
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# Front matter as nearly every guide writes it: `key: text` lines and blank lines. A value that starts
# with a letter and holds none of `:#"'` or other indicators is a plain YAML scalar read as the text
# itself, stripped, unless it is one of YAML 1.1's words for true, false and null (keys likewise).
_SIMPLE_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):[ ]+([A-Za-z][A-Za-z0-9 _.,/&()?-]*?)[ ]*|[ ]*")
_YAML_WORDS = {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
               "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"}


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded source file: its front matter mapping and its body, with the body's first line number."""

    front: dict[str, object] | None  # None: the file has no front matter at all
    body: str
    body_line: int


def find_sources(src: Path) -> list[Path]:
    """Every markdown file below `src`, sorted by relative path; hidden and `_` folders are not sources."""
    found = []
    for path in src.rglob("*"):
        rel = path.relative_to(src).parts
        if any(p.startswith((".", "_")) for p in rel[:-1]) or rel[-1].startswith("."):
            continue
        if path.suffix.lower() in (".md", ".markdown") and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(src).as_posix())


def decode(data: bytes) -> str:
    """UTF-8 text with the byte-order mark dropped and every line ending made `\\n`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(line, f"not UTF-8 text: byte 0x{data[err.start]:02x} cannot be decoded") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _yaml_problem(err: yaml.YAMLError) -> tuple[int, str]:
    """The line to fix and the message for a YAML error in front matter (which starts on file line 2).

    For an unclosed `[`, `{` or quote, pyyaml notices at the end of the block; the line to fix is where
    it was opened, which pyyaml gives as the context mark.
    """
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark, context = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    what = getattr(err, "context", None)
    if context is not None and what and mark is not None and context.line != mark.line:
        return 2 + context.line, f"front matter is not valid YAML: {problem} ({what} that starts on this line)"
    return (2 + mark.line if mark is not None else 1), f"front matter is not valid YAML: {problem}"


def split_front_matter(text: str) -> SourceText:
    """Split and load the YAML front matter; errors name the line inside the file."""
    if not _OPEN.match(text):
        return SourceText(None, text, 1)
    close = _CLOSE.search(text, _OPEN.match(text).end())
    if close is None:
        raise SourceError(1, "front matter is not closed: no `---` line after the opening one")
    raw = text[_OPEN.match(text).end() : close.start()]
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    body_line = text.count("\n", 0, body_start) + 1
    front = _simple_yaml(raw) if raw.strip() else {}
    if front is None:
        front = _load_yaml(raw)
    if not isinstance(front, dict):
        raise SourceError(2, "front matter must be a mapping of keys to values (`title: ...`)")
    return SourceText({str(k): v for k, v in front.items()}, text[body_start:], body_line)


def _load_yaml(raw: str) -> object:
    """pyyaml's safe loader, in C when pyyaml has it (as python-frontmatter, which topicgen used, chose it)."""
    import yaml  # here, not at the top: ~10 ms of start-up that guides with `key: text` front matter skip

    try:
        return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise SourceError(*_yaml_problem(err)) from None


def _simple_yaml(raw: str) -> dict[str, object] | None:
    """What yaml.safe_load makes of `raw` when it is only `key: text` lines, else None (ask pyyaml).

    pyyaml takes ~30 µs a guide even in C; this takes a few. tests/test_source.py checks it against
    pyyaml with Hypothesis.
    """
    front: dict[str, object] = {}
    for line in raw.split("\n"):
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, value = m.groups()
        if key is not None:
            if key in _YAML_WORDS or value in _YAML_WORDS:
                return None
            front[key] = value
    return front
