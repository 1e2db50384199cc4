"""Reading one source file: bytes to text, front matter split off with its line numbers."""

from __future__ import annotations

import os
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


def _or_wide(ascii_chars: str) -> str:
    """A class of these ASCII characters and every character beyond ASCII, written as what it leaves out."""
    return "[^" + "".join(re.escape(chr(c)) for c in range(128) if chr(c) not in ascii_chars) + "]"


# Front matter as nearly every guide writes it: `key: value` lines and blank lines, where a value is
# - plain text that starts with a letter or `(` and holds none of `:#"'` or other indicators: YAML reads it as the
#   text itself, stripped, unless it is one of YAML 1.1's words for true, false and null (keys likewise);
# - text in double quotes without `\\` or in single quotes (`''` for a quote): the text as written;
# - a flow list of such plain words, `[a, b c]`: a list of texts;
# and comment lines (`# ...`).
# Letters beyond ASCII are any printable character of the Basic Multilingual Plane but the ones YAML reads
# as line breaks or byte-order marks (no YAML indicator is among them): the patterns take any (a class of
# wide ranges would take 14 ms to compile at every start), and _UNSURE rules out the others first.
# Anything else is left to pyyaml.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_PLAIN = f"{_or_wide(_LETTERS + '(')}{_or_wide(_LETTERS + '0123456789 _.,/&()?-')}*?"
_WORD = f"{_or_wide(_LETTERS)}{_or_wide(_LETTERS + '0123456789 _./&()?-')}*?"  # in a flow list: no comma
_NOT_PRINTED = "\\x00-\\x08\\x0b-\\x1f\\x7f"  # YAML refuses these (and those of _UNSURE) anywhere
_QUOTED = f"{_NOT_PRINTED}\\t"  # not taken between quotes here
_SIMPLE_LINE = re.compile(
    rf"""([A-Za-z][A-Za-z0-9_-]*):[ ]+(?:({_PLAIN})|"([^"\\{_QUOTED}]*)"|'((?:[^'{_QUOTED}]|'')*)'|\[[ ]*((?:{_WORD}[ ]*,[ ]*)*{_WORD})?[ ]*\])[ ]*|[ ]*(?:#[^{_NOT_PRINTED}]*)?""")
_UNSURE = re.compile("[\\x80-\\x9f\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff\\U00010000-\\U0010ffff]")
_FLOW_COMMA = re.compile(r"[ ]*,[ ]*")
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
    return [src / name for name in source_names(src)]


def source_names(src: Path) -> list[str]:
    """The paths of find_sources relative to `src` (with `/`), sorted: folders are not followed through
    symbolic links, files are; unreadable folders are skipped, as Path.rglob does."""
    found = []
    root = str(src)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in files:
            if not name.startswith(".") and name.lower().endswith((".md", ".markdown")) \
                    and os.path.isfile(os.path.join(folder, name)):
                found.append(prefix + name)
    return sorted(found)


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
    front = simple_yaml(raw) if raw.strip() else {}
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


def simple_yaml(raw: str) -> dict[str, object] | None:
    """What yaml.safe_load makes of `raw` when it is only `key: value` lines as above, else None (ask pyyaml).

    pyyaml takes ~30 µs a guide even in C; this takes a few. tests/test_source.py checks it against
    pyyaml with Hypothesis.
    """
    if not raw.isascii() and _UNSURE.search(raw):
        return None  # C1 controls, YAML's other line breaks, a byte-order mark, beyond the BMP: ask pyyaml
    front: dict[str, object] = {}
    for line in raw.split("\n"):
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, plain, double, single, flow = m.groups()
        if key is None:
            continue  # a blank line or a comment
        if key in _YAML_WORDS:
            return None
        if plain is not None:
            if plain in _YAML_WORDS:
                return None
            front[key] = plain
        elif double is not None:
            front[key] = double
        elif single is not None:
            front[key] = single.replace("''", "'")
        else:
            items = _FLOW_COMMA.split(flow.rstrip(" ")) if flow is not None else []
            if any(item in _YAML_WORDS for item in items):
                return None
            front[key] = items
    if not front:
        return None  # only comments: pyyaml reads no mapping at all
    return front
