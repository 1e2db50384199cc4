"""The parse cache: what each source's exact bytes parsed to, kept as JSON in the cache database."""

from __future__ import annotations

import json

from topicgen.cache.codec import Invalid, decode, decode_info, encode, encode_info
from topicgen.cache.keys import digest
from topicgen.cache.store import Store
from topicgen.model import Guide, GuideInfo, Skipped

_FORMAT = 1  # bump when the layout of an entry changes


class ParsedGuides:
    """Parse results keyed by the source path, its bytes and everything the parser depends on (`env`: topicgen,
    the packages); implements reading.collect.ParseCache. `read=False` starts afresh (--no-cache).

    New entries wait in `new` until the build saves them with its record, in one transaction.
    """

    def __init__(self, store: Store, env: str, read: bool = True) -> None:
        self.store, self.env, self.read = store, env, read
        self.new: dict[str, tuple[str, str | None]] = {}  # key -> (info, whole guide)
        self.used: set[str] = set()
        self.invalid: list[str] = []  # sources whose entry was damaged or tampered with (parsed again)

    def _key(self, source: str, sha: str) -> str:
        return digest(str(_FORMAT), self.env, source, sha)

    def info(self, source: str, sha: str) -> GuideInfo | Skipped | None:
        """The info of what `source` with these bytes parsed to, or None (never parsed, or not valid)."""
        key = self._key(source, sha)
        text = self.store.info(key) if self.read else None
        if text is None:
            return None
        try:
            result = decode_info(json.loads(text), source)
        except (ValueError, Invalid):  # json's errors are ValueErrors
            self.invalid.append(source)
            return None
        self.used.add(key)
        return result

    def guide(self, source: str, sha: str) -> Guide | None:
        """The whole guide `source` with these bytes parsed to, or None (not kept, or not valid)."""
        text = self.store.guide(self._key(source, sha)) if self.read else None
        try:
            return decode(json.loads(text), source) if text is not None else None
        except (ValueError, Invalid):
            self.invalid.append(source)
            return None

    def put(self, source: str, sha: str, result: Guide | Skipped, info: GuideInfo | None) -> None:
        """Keep what `source` with these bytes parsed to, and its info."""
        if not self.store.writable:
            return
        try:
            data = _json(encode(result)) if isinstance(result, Guide) else None
            brief = _json(encode_info(info if info is not None else result))  # type: ignore[arg-type]
        except ValueError:  # a front matter value JSON cannot hold: only slower
            return
        key = self._key(source, sha)
        self.new[key] = (brief, data)
        self.used.add(key)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
