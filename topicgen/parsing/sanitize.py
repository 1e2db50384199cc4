"""What guide HTML may hold inside the product's frame: the allowlist sanitizer, safe URLs, and warnings."""

from __future__ import annotations

import re

import nh3

from topicgen.diagnostics import Diagnostic

# What the real guides use, and nothing that runs: the output lives in a product's iframe.
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
_ATTRS = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "details": {"open"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# A link opens in a new tab or in the page's own frame; `_top` or `_parent` (or a named frame) would let it
# replace the product's window around the frame.
_VALUES = {"a": {"target": {"_blank", "_self"}}}
SCHEMES = {"http", "https", "mailto", "tel"}
# One cleaner for the process: building ammonia's settings from these sets costs more than most fragments.
_CLEANER = nh3.Cleaner(tags=_TAGS, attributes=_ATTRS, tag_attribute_values=_VALUES, url_schemes=SCHEMES,
                       clean_content_tags={"script", "style"}, link_rel="noopener noreferrer")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]")
# What the sanitizer removes and a writer should hear about: script-capable tags, event handlers and link
# targets other than _blank and _self inside a tag or a `{: …}` attribute list, and scripting URLs where a
# URL is written (an attribute, a markdown link or reference definition, an autolink). `data:` or `on…=`
# in a sentence is neither a URL nor HTML, and gets no warning.
_SCRIPT_URL = r"\s*(javascript|vbscript|data)\s*:"
_IN_TAG = r"(?:<[a-z][^<>]*?\s|\{:?[ \t]*(?:[^{}\n]*?\s)?)"
_DANGER = re.compile(
    r"<\s*(script|iframe|style|object|embed|form|input|button|textarea|svg|math|link|meta|base|frame)\b"
    rf"|{_IN_TAG}(on[a-z]+\s*=)"
    rf"|<[a-z][^<>]*?=\s*[\"']?{_SCRIPT_URL}|\]\(\s*<?{_SCRIPT_URL}"
    rf"|^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?{_SCRIPT_URL}|<{_SCRIPT_URL}"
    rf"|{_IN_TAG}(id\s*=\s*[\"']?tg-[^\s\"'<>{{}}]*|#tg-[^\s{{}}]*)"
    rf"|{_IN_TAG}(target\s*=\s*(?![\"']?_(?:blank|self)(?![^\s\"'<>{{}}/]))(?:\"[^\"\n]+\"|'[^'\n]+'|[^\s\"'<>{{}}]+))",
    re.I | re.M,
)


# Ids starting with `tg-` are the theme's own (its answers' anchors, the search box, the skip link's target):
# a writer's would take their place, so the sanitizer removes them.
_RESERVED_ID = re.compile(r'\sid="tg-[^"]*"')


def sanitize(fragment: str) -> str:
    """The allowlisted part of an HTML fragment, without ids the theme reserves."""
    clean = _CLEANER.clean(fragment)
    return _RESERVED_ID.sub("", clean) if 'id="tg-' in clean else clean


def safe_url(url: str | None) -> str | None:
    """`url` when it can only navigate (http, https, mailto, tel or relative), else None."""
    if url is None:
        return None
    url = url.strip()
    if ":" not in url:
        return url  # no scheme: a relative link
    scheme = _SCHEME.match(_CONTROL_OR_SPACE.sub("", url))
    if scheme and scheme.group(1).lower() not in SCHEMES:
        return None
    return url


def dangers(text: str, first_line: int) -> list[Diagnostic]:
    """A warning per script-capable construct in a fragment; the sanitizer removes each of them."""
    return [
        Diagnostic("warning", first_line + text.count("\n", 0, m.start(_found(m))), _message(m))
        for m in _DANGER.finditer(text)
    ]


# A start tag as a writer types it, and each of its attributes. `<https://…>` and `<a@b.c>` are autolinks,
# and `](<a b>)` or `]: <a b>` a link's address in brackets.
_START_TAG = re.compile(r"(?<!\]\()(?<!\]:)(?<!\]: )<([a-zA-Z][a-zA-Z0-9-]*)(?![a-zA-Z0-9-]|:|[^<>\s]*@)([^<>]*)>")
_ATTRIBUTE = re.compile(r"([^\s=/\"'<>]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))?")
# What the sanitizer removes with all it holds: a template's content is no part of the page, and SVG and
# MathML (dangers) are removed whole.
_WHOLE = re.compile(r"<(template|svg|math)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
_WARNED_TAGS = {"script", "iframe", "style", "object", "embed", "form", "input", "button", "textarea", "svg",
                "math", "link", "meta", "base", "frame"}  # _DANGER's own, warned as unsafe


def dropped(text: str, first_line: int, html: str) -> list[Diagnostic]:
    """A warning per tag and attribute the sanitizer leaves out that is no danger (`<font>`, `style=`), so
    that no markup a writer typed disappears without a word; dangers() warns of the others. Found in the
    source `text` for their lines, and said only if `html`, what the sanitizer is given, has them as markup
    (`![<b>](x.png)` is an image's alt text, not a tag)."""
    suspects = [found for m in _START_TAG.finditer(text) for found in _left_out(m)]
    if not suspects:  # the usual case: no HTML of the writer's, or only what the pages keep
        return []
    tags, attributes = _markup(html)
    inside = [m.span() for m in _WHOLE.finditer(text)]
    found = []
    for at, written, attribute in suspects:
        line, name = first_line + text.count("\n", 0, at), written.lower()
        if any(start < at < end for start, end in inside):
            continue  # in what is removed whole, with what it holds, and warned of as such
        if attribute is None and name == "template" and name in tags:
            found.append(Diagnostic("warning", line, "removed `<template>` and what it holds: a browser does not "
                                                     "show a template's content, and neither do the pages"))
        elif attribute is None and name in tags:
            found.append(Diagnostic("warning", line, f"removed the tag `<{written}>` (its text is kept): the pages "
                                                     "keep only the HTML that formats text, links, images, tables, "
                                                     "lists and accordions"))
        elif attribute is not None and (name, attribute.lower()) in attributes:
            found.append(Diagnostic("warning", line, f"removed `{attribute}=` from `<{written}>`: the pages keep "
                                                     f"only {_kept(name)} on it"))
    return found


def _left_out(m: re.Match[str]) -> list[tuple[int, str, str | None]]:
    """What the sanitizer leaves out of one start tag: (where, the tag as written, None) for a tag it drops,
    else (where, the tag, an attribute as written) for each attribute it drops; event handlers are dangers."""
    name = m.group(1).lower()
    if name in _WARNED_TAGS:
        return []
    if name not in _TAGS:
        return [(m.start(), m.group(1), None)]
    kept = _ATTRS["*"] | _ATTRS.get(name, set()) | set(_VALUES.get(name, {}))
    return [(m.start(), m.group(1), a.group(1)) for a in _ATTRIBUTE.finditer(m.group(2))
            if a.group(1).lower() not in kept and not a.group(1).lower().startswith("on")]


def _markup(html: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The tags of `html`, and each tag's attributes."""
    tags: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for m in _START_TAG.finditer(html):
        name = m.group(1).lower()
        tags.add(name)
        attributes.update((name, a.group(1).lower()) for a in _ATTRIBUTE.finditer(m.group(2)))
    return tags, attributes


def _kept(name: str) -> str:
    own = sorted(_ATTRS.get(name, set()) | set(_VALUES.get(name, {})))
    return ", ".join(f"`{a}`" for a in own + sorted(_ATTRS["*"]))


def _message(m: re.Match[str]) -> str:
    if m.lastindex == _RESERVED:
        value = re.sub(r"^(?:id\s*=\s*[\"']?|#)", "", m.group(_RESERVED))
        return (f"removed the id `{value}`: ids starting with `tg-` are the theme's own (the answers' anchors, "
                "the search box), and a guide's would take their place")
    if m.lastindex == _TARGET:
        return (f"removed `{m.group(_TARGET)}`: a link opens in a new tab (`_blank`) or in the guide's own "
                "frame (`_self`), never in the product's window around it")
    whole = _found(m) == 1 and m.group(1).lower() in {"svg", "math"}
    return _unsafe(_shown(m), " and what it holds" if whole else "")


def _unsafe(shown: str, whole: str = "") -> str:
    return (f"removed unsafe HTML `{shown}`{whole} (scripts, frames, styles, event handlers "
            "and javascript:/data: URLs cannot run inside the product's frame)")


def handlers(attrs: dict[str, str], line: int) -> list[Diagnostic]:
    """A warning per event handler (`onclick`) of one of the vocabulary's tags, which no page has."""
    return [Diagnostic("warning", line, _unsafe(f"{name}=")) for name in attrs if name.startswith("on")]


_TARGET = _DANGER.groups  # the group of a link target
_RESERVED = _TARGET - 1  # the group of an id the theme reserves


def _found(m: re.Match[str]) -> int:
    """The number of the group that matched: the construct itself, without the context that found it."""
    return next(i for i, group in enumerate(m.groups(), 1) if group is not None)


def _shown(m: re.Match[str]) -> str:
    group = _found(m)
    shown = m.group(group).strip()
    return f"<{shown}" if group == 1 else (shown if group == 2 else re.sub(r"\s+", "", shown) + ":")
