"""Language-independent keys for a guide's items (from its info), to match a translation's with the source's."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from topicgen.model import GuideInfo, ItemKind

# topicgen.config's default `languages`, for callers that do not pass the site's own.
DEFAULT_LANGUAGES = ("en", "ja", "ko")
# Query parameters that choose a page's language (`?lang=ja` is how the Kore docs do it).
LANG_PARAMS = frozenset({"lang", "hl", "locale", "language"})
# A path segment after `topic-guide` is a language by position (topicgen's own permalinks), whatever its code.
_LANG_CODE = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]{2,8})*$", re.IGNORECASE)
_PCT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}

Group = Literal["faq", "video", "card"]
# Per kind of model.Item: its group, the prefix of its URL key, and the name unlinked ones are numbered by.
_KINDS: dict[ItemKind, tuple[Group, str, str]] = {
    "answer": ("faq", "", "answer"), "link": ("faq", "", "link"), "tour": ("faq", "tour:", "tour"),
    "intro": ("video", "intro:", "intro"), "video": ("video", "video:", "video"),
    "documentation": ("card", "card:", "card"), "academy": ("card", "card:", "card"), "card": ("card", "card:", "card"),
}


@dataclass(frozen=True, slots=True)
class Keyed:
    """One question, video or card of a guide, with its key, the text a translator translates and its line."""

    key: str
    group: Group
    text: str
    line: int


def item_keys(info: GuideInfo, languages: Iterable[str] = DEFAULT_LANGUAGES) -> dict[str, str]:
    """Each item's key → its text (question, video heading or title, card text or title), in source order."""
    return {item.key: item.text for item in keyed_items(info, languages)}


def keyed_items(info: GuideInfo, languages: Iterable[str] = DEFAULT_LANGUAGES) -> tuple[Keyed, ...]:
    """The guide's items (its info's, see topicgen.model.Item) with keys that are equal across its translations
    and unique within the guide.

    - An FAQ link or answer: its URL (`url_key`). A tour: `tour:<topic id>`. The intro video:
      `intro:<url>`, a video: `video:<url>`, a card: `card:<url>`. Videos and cards are prefixed because
      cards very often link the page an FAQ links (162 of the corpus's 302 guides do), and a writer told
      that `card:…` is missing knows where to look.
    - An item without a URL (an answer with no link, a tour without topic id) cannot be matched by
      anything its translator keeps, so it is matched by order: `answer:#1` is the first answer without a
      link, in either language; likewise `link:#n`, `tour:#n`, `video:#n`, `card:#n`, `intro:#1`.
    - The same key twice in one guide (two questions linking one page): the second is `key#2`, the third
      `key#3` (the next free number, should a URL's own fragment be `#2`), so duplicates are counted.
    """
    langs = frozenset(lang.casefold() for lang in languages)
    raw: list[tuple[str | None, str, Group, str, int]] = []  # (URL-derived key, numbered as, group, text, line)
    for item in info.items:
        group, prefix, numbered = _KINDS[item.kind]
        if item.kind == "tour":
            topic_id = " ".join((item.ref or "").split())
            key = f"tour:{topic_id}" if topic_id else None
        else:
            key = _linked(prefix, item.ref, langs)
        raw.append((key, numbered, group, item.text, item.line))
    return _unique(raw)


def _linked(prefix: str, url: str | None, langs: frozenset[str]) -> str | None:
    """The key of an item with a URL; None without one, or with one that names no page (a lone `#`)."""
    key = _url_key(url, langs) if url else ""
    return prefix + key if key else None


def _unique(raw: list[tuple[str | None, str, Group, str, int]]) -> tuple[Keyed, ...]:
    taken: set[str] = set()
    unlinked: dict[str, int] = {}
    found: list[Keyed] = []
    for key, numbered, group, text, line in raw:
        if key is None:
            unlinked[numbered] = unlinked.get(numbered, 0) + 1
            key = f"{numbered}:#{unlinked[numbered]}"
        if key in taken:
            n = 2
            while f"{key}#{n}" in taken:
                n += 1
            key = f"{key}#{n}"
        taken.add(key)
        found.append(Keyed(key, group, text, line))
    return tuple(found)


def url_key(url: str, languages: Collection[str] = DEFAULT_LANGUAGES) -> str:
    """A URL as a key: equal for the same page whatever language the link asks for.

    Whitespace is collapsed; scheme and host are lowercased, `http` is read as `https` and a default port
    dropped; path segments that are one of `languages` (`/ja/`, also `ja-JP`, `ja_jp`) are removed, and
    so is the segment after `topic-guide` (`…/topic-guide/<lang>/…`) whatever the code; so are query
    parameters `lang`, `hl`, `locale`, `language` whose value is one of `languages`, also when written
    after the fragment (`#anchor?lang=ja`, as 154 links of the corpus's ja guides are). A trailing `/`
    is dropped. Percent-escapes of unreserved and non-ASCII characters are decoded, the others are kept
    with uppercase hex (`%7e` = `~`, `%E6%97%A5` = `日`, `%3d` = `%3D`). The fragment is kept: two
    anchors of one page are two items. Other query parameters are kept as written, in their order.
    """
    return _url_key(url, frozenset(lang.casefold() for lang in languages))


@functools.lru_cache(maxsize=65536)  # a page is linked from each of its translations, and from many guides
def _url_key(url: str, langs: frozenset[str]) -> str:
    parts = urlsplit(" ".join(url.split()))
    fragment, _, late_query = parts.fragment.partition("?")
    params = [p for p in f"{parts.query}&{late_query}".split("&") if p and not _is_lang_param(p, langs)]
    scheme = parts.scheme.lower()
    host = parts.netloc.lower()
    if scheme in _DEFAULT_PORTS:
        host = host.removesuffix(_DEFAULT_PORTS[scheme])
    scheme = "https" if scheme == "http" else scheme
    text = (f"{scheme}:" if scheme else "") + (f"//{host}" if host else "")
    text += _path(_pct(parts.path), langs)  # decoded first, so that an escaped `ja` is a language too
    text += ("?" + _pct("&".join(params))) if params else ""
    return text + ("#" + _pct(fragment) if fragment else "")


def _is_lang(value: str, langs: frozenset[str]) -> bool:
    return bool(_LANG_CODE.match(value)) and re.split(r"[-_]", value.casefold())[0] in langs


def _is_lang_param(param: str, langs: frozenset[str]) -> bool:
    name, _, value = param.partition("=")
    return name.casefold() in LANG_PARAMS and _is_lang(value, langs)


def _path(path: str, langs: frozenset[str]) -> str:
    segments = path.split("/")
    kept: list[str] = []
    for i, seg in enumerate(segments):
        after_topic_guide = i > 0 and segments[i - 1].casefold() == "topic-guide" and _LANG_CODE.match(seg)
        if not (after_topic_guide or _is_lang(seg, langs)):
            kept.append(seg)
    # `/docs/x/` and `/docs/x` are one page; so are `https://host/` and `https://host`.
    return "/".join(kept).rstrip("/")


def _pct(text: str) -> str:
    return _PCT_RUN.sub(_decode_run, text)


def _decode_run(match: re.Match[str]) -> str:
    escapes = match.group()
    try:
        decoded = bytes.fromhex(escapes.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return escapes.upper()  # not UTF-8 text: the bytes as escapes, only their hex case normalized
    out = []
    for char in decoded:
        if char in _UNRESERVED or (ord(char) > 127 and char.isprintable()):
            out.append(char)
        else:  # reserved, space, control: decoding would change what the URL means (or hide the character)
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
    return "".join(out)
