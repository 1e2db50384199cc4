"""The YAML loader of front matter, the config and theme strings: pyyaml's safe loader, refusing a key given twice."""

from __future__ import annotations

import re
from typing import Any

import yaml

# pyyaml's safe loader, in C where pyyaml was built with libyaml (python-frontmatter makes the same choice).
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKey(yaml.YAMLError):
    """A mapping gives the same key twice; lines are 0-based within the YAML text, like pyyaml's marks."""

    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(f"`{key}` is given twice (lines {first + 1} and {again + 1})")
        self.key, self.first, self.again = key, first, again


class SafeLoader(_BASE):
    """The safe loader, which raises DuplicateKey where pyyaml would keep the last value without a word.

    YAML says a mapping's keys are unique; pyyaml lets the later one win, so a writer who adds a second
    `title:` below the first loses the first silently. Hugo's YAML reader refuses the file the same way.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE:
                    continue  # `<<:` merges a mapping in; its keys may be overridden by design
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    continue  # an unhashable key: the base class raises its own error for it
                if first is not None:
                    written = key_node.value if isinstance(key_node, yaml.ScalarNode) else key
                    raise DuplicateKey(written, first, key_node.start_mark.line)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> object:
    """`yaml.safe_load(text)`, but a key given twice in one mapping raises DuplicateKey."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a subclass of the safe loader)


def problem(err: yaml.YAMLError) -> tuple[int | None, str]:
    """The 0-based line to fix for a YAML error, if known, and what is wrong there.

    For an unclosed `[`, `{` or quote, pyyaml notices at the end of the text; the line to fix is where it
    was opened, which pyyaml gives as the context mark. A tab is at the problem mark: the context is the
    value before it, on a line that is right.
    """
    said = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark, context = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    what = getattr(err, "context", None)
    if context is not None and what and mark is not None and context.line != mark.line and "tab" not in said:
        return context.line, f"{said} ({what} that starts on this line)"
    return (mark.line if mark is not None else None), said


def key_line(text: str, key: str) -> int:
    """The 1-based line of YAML `text` where `key` is written: at the start of a line (indented, quoted or
    not), else inside a flow mapping (`embed: {search: true}`); 1 when it cannot be found."""
    name = re.escape(key)
    m = re.search(rf"^\s*['\"]?{name}['\"]?\s*:", text, re.M) or re.search(rf"[{{,]\s*['\"]?{name}['\"]?\s*:", text)
    return text.count("\n", 0, m.start()) + 1 if m else 1
