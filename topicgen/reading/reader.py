"""One source file to a Guide (or a Skipped entry saying why it is not one)."""

from __future__ import annotations

import base64
import datetime
import difflib
import math
import re

from topicgen.errors import SourceError
from topicgen.model import Diagnostic, Guide, Skipped
from topicgen.parsing.body import parse_body
from topicgen.parsing.markdown import Renderer
from topicgen.reading.frontmatter import decode, split_front_matter
from topicgen.reading.permalink import parse_permalink

# Keys topicgen reads, and the Jekyll keys real guides carry that it knows to ignore without a warning.
KNOWN_KEYS = {"title", "permalink", "description", "keywords", "tags", "summary", "last_updated",
              "layout", "sidebar", "toc"}


_RENDERERS: dict[bool, Renderer] = {}  # one per process and setting: Python-Markdown is costly to set up


def parse_source(item: tuple[str, bytes, bool]) -> Guide | Skipped:
    """What the bytes of a source are: (source path, bytes, raw_html) to a Guide or a Skipped entry."""
    source, data, raw_html = item
    renderer = _RENDERERS.get(raw_html) or _RENDERERS.setdefault(raw_html, Renderer(raw_html=raw_html))
    return read_bytes(data, source, renderer)


def read_bytes(data: bytes, source: str, renderer: Renderer) -> Guide | Skipped:
    """Parse the contents of one file; `source` names it in the result."""
    try:
        return _read(data, source, renderer)
    except SourceError as err:
        return Skipped(source, err.message, (Diagnostic("error", err.line, err.message),))


def _read(data: bytes, source: str, renderer: Renderer) -> Guide | Skipped:
    text = decode(data)
    split = split_front_matter(text)
    if split.front is None:
        reason = "no front matter (`---` block with `title` and `permalink`): not a guide, skipped"
        return Skipped(source, reason, (Diagnostic("warning", 1, reason),))
    front = split.front
    diags: list[Diagnostic] = []
    title = _title(front, text)
    permalink, warnings = parse_permalink(_required(front, "permalink", text), _key_line(text, "permalink"))
    diags += [Diagnostic("warning", _key_line(text, "permalink"), w) for w in warnings]
    for key in front:
        if key not in KNOWN_KEYS:
            diags.append(Diagnostic("warning", _key_line(text, key), f"unknown front matter key `{key}`: kept, "
                                    "but topicgen does not use it"))
    body = parse_body(split.body, split.body_line, renderer)
    extra = _extra(front, text, diags)
    return Guide(
        source=source, title=title, permalink=permalink, heading=body.heading or title,
        summary=body.summary, summary_html=body.summary_html, sections=body.sections, extra=extra,
        diagnostics=tuple(sorted(diags + list(body.diagnostics), key=lambda d: d.line)),
        shown_images=body.images, shown_links=body.links, permalink_line=_key_line(text, "permalink"),
    )


def _required(front: dict[str, object], key: str, text: str) -> object:
    value = front.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if key in front:
            raise SourceError(_key_line(text, key), f"front matter `{key}` is empty")
        near = difflib.get_close_matches(key, [str(k) for k in front if k not in KNOWN_KEYS], 1, 0.6)
        hint = f" (`{near[0]}` on line {_key_line(text, near[0])}: misspelt?)" if near else ""
        raise SourceError(1, f"front matter has no `{key}`{hint}")
    if isinstance(value, int) and value.bit_length() > _INT_BITS:  # str() of it would raise
        raise SourceError(_key_line(text, key), f"`{key}` is a number of more than 4,000 digits, not a text")
    return value


def _title(front: dict[str, object], text: str) -> str:
    value = _required(front, "title", text)
    if isinstance(value, (dict, list)):
        raise SourceError(_key_line(text, "title"), "`title` must be a text, not a list or mapping")
    if isinstance(value, (bool, float)):  # `title: Yes` is true to YAML, `title: 1.10` the number 1.1
        raise SourceError(_key_line(text, "title"), f"`title` is what YAML reads as `{value}`, not the text as "
                                                    "written: put the title in quotes")
    return str(value).strip()


def _key_line(text: str, key: str) -> int:
    """The file line where a front matter key is written (1 when it cannot be found)."""
    m = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _extra(front: dict[str, object], text: str, diags: list[Diagnostic]) -> tuple[tuple[str, object], ...]:
    """The front matter keys topicgen does not read, as JSON can hold them; a warning for each key with a
    number JSON has no form for."""
    extra = []
    for key, value in front.items():
        if key in ("title", "permalink"):
            continue
        odd: list[str] = []
        extra.append((key, _json_safe(value, odd)))
        if odd:
            diags.append(Diagnostic("warning", _key_line(text, key), f"front matter `{key}` holds "
                                    f"{'; '.join(sorted(set(odd)))}: exported as null"))
    return tuple(extra)


_NON_FINITE = {"nan": "`.nan`", "inf": "`.inf`", "-inf": "`-.inf`"}  # YAML's spelling
_INT_BITS = 14_000  # about 4,200 digits: Python writes no int of more than 4,300 as text (json.dumps included)


def _json_safe(value: object, odd: list[str]) -> object:
    """A front matter value as JSON holds it: YAML dates as ISO text, `!!binary` as its base64 text, a
    `!!set` as a sorted list; `.nan`, `.inf` and numbers too long to write are None, named in `odd`."""
    if isinstance(value, float) and not math.isfinite(value):
        odd.append(f"{_NON_FINITE[repr(value)]}, which JSON has no number for")
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _INT_BITS:
        odd.append("a number of more than 4,000 digits, too long to write")
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): _json_safe(v, odd) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_json_safe(v, odd) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_json_safe(v, odd) for v in value]
    return value
