"""A source file's text: bytes decoded, the YAML front matter split off and loaded, with the lines of its errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from topicgen.errors import SourceError
from topicgen.yamltext import DuplicateKey, SafeLoader, problem

# Jekyll's rule: front matter is the block between a first line of `---` and the next `---` (or `...`).
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_LONG_NUMBER = re.compile(r"[0-9_]{4300,}")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded source file: its front matter mapping and its body, with the body's first line number."""

    front: dict[str, object] | None  # None: the file has no front matter at all
    body: str
    body_line: int


def decode(data: bytes) -> str:
    """UTF-8 text with the byte-order mark dropped and every line ending made `\\n`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(line, f"not UTF-8 text: byte 0x{data[err.start]:02x} cannot be decoded") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> SourceText:
    """Split and load the YAML front matter; errors name the line inside the file."""
    opening = _OPEN.match(text)
    if not opening:
        return SourceText(None, text, 1)
    close = _CLOSE.search(text, opening.end())
    if close is None:
        raise SourceError(1, "front matter is not closed: no `---` line after the opening one")
    raw = text[opening.end() : close.start()]
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    body_line = text.count("\n", 0, body_start) + 1
    front = load_yaml(raw) if raw.strip() else {}
    if not isinstance(front, dict):
        raise SourceError(2, "front matter must be a mapping of keys to values (`title: ...`)")
    return SourceText({str(k): v for k, v in front.items()}, text[body_start:], body_line)


def load_yaml(raw: str, first_line: int = 2) -> object:
    """yaml.safe_load of front matter that starts on `first_line` of its file, refusing aliases.

    An alias (`*name`) repeats a value by reference: a few hundred bytes of nested aliases stand for
    gigabytes once anything walks them, and front matter has no use for them.
    """
    try:
        if "*" in raw:
            _refuse_aliases(raw, first_line)
        return yaml.load(raw, Loader=SafeLoader)  # noqa: S506 (a subclass of the safe loader)
    except DuplicateKey as err:
        raise SourceError(first_line + err.again, f"front matter gives `{err.key}` twice (also on line "
                                                  f"{first_line + err.first}); remove one of them") from None
    except yaml.YAMLError as err:
        raise SourceError(*_yaml_problem(err, first_line)) from None
    except ValueError as err:  # pyyaml's int() (no number of over 4,300 digits) or date (2024-13-45)
        date = _bad_date(raw)
        if date is not None:
            raise SourceError(first_line + date[0], f"front matter holds `{date[1]}`, which YAML reads as a date, "
                                                    f"and it is no date ({err}); quote it to keep it as text") from None
        long = _LONG_NUMBER.search(raw)
        line = first_line + raw.count("\n", 0, long.start()) if long else first_line
        raise SourceError(line, "front matter holds a number of more than 4,300 digits, which topicgen "
                                "does not read (quote it to keep it as text)") from None


def _bad_date(raw: str) -> tuple[int, str] | None:
    """The line (from 0) and text of the first value YAML takes for a date but cannot make one of."""
    loader = SafeLoader("")
    todo = [yaml.compose(raw, Loader=SafeLoader)]
    while todo:
        node = todo.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line, node.value
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif isinstance(node, yaml.MappingNode):
            todo += [part for pair in node.value for part in pair]
    return None


def _refuse_aliases(raw: str, first_line: int) -> None:
    for event in yaml.parse(raw, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = first_line + event.start_mark.line if event.start_mark else first_line
            raise SourceError(line, f"front matter uses the YAML alias `*{event.anchor}`; topicgen does not "
                                    "accept aliases (write the value out)")


def _yaml_problem(err: yaml.YAMLError, first_line: int) -> tuple[int, str]:
    """The line to fix and the message for a YAML error in front matter."""
    line, said = problem(err)
    return (first_line + line if line is not None else 1), f"front matter is not valid YAML: {said}"
