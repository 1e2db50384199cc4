"""The parse cache: what each source's exact bytes parsed to, kept as JSON in the cache database."""

from __future__ import annotations

import json

from topicgen.cache.codec import Invalid, decode, decode_info, encode, encode_info
from topicgen.cache.keys import digest
from topicgen.cache.memory import Memory
from topicgen.cache.store import Store
from topicgen.model import Guide, GuideInfo, Skipped

_FORMAT = 2  # bump when the layout of an entry changes


class ParsedGuides:
    """Parse results keyed by the source path, its bytes and everything the parser depends on (`env`: topicgen,
    the packages); implements reading.collect.ParseCache. `read=False` starts afresh (--no-cache).

    Worker processes read and keep entries through connections of their own (SQLite serializes the writes).
    """

    def __init__(self, store: Store, env: str, read: bool = True, memory: Memory | None = None,
                 hashed: dict[str, tuple[tuple[int, ...], str]] | None = None) -> None:
        self.store, self.env, self.read, self.memory = store, env, read, memory
        # source -> (signature, sha256) as the last build hashed it (its record has them)
        self.known = memory.hashes if memory is not None else (hashed or {})
        self.invalid: list[str] = []  # sources whose entry was damaged or tampered with (parsed again)
        # A build asks for each source's key more than once, and a rebuild of the preview for the same again.
        self._keys = memory.keys if memory is not None else {}

    def _key(self, source: str, sha: str) -> str:
        key = self._keys.get((self.env, source, sha))
        if key is None:
            key = self._keys[self.env, source, sha] = digest(str(_FORMAT), self.env, source, sha)
        return key

    def infos(self, hashes: dict[str, str]) -> dict[str, GuideInfo | Skipped]:
        """The infos of what the sources of `hashes` with those bytes parsed to, those the cache holds valid."""
        keys = {self._key(source, sha): source for source, sha in hashes.items()}
        if not self.read:
            return {}
        remembered = self.memory.entries if self.memory is not None else {}
        found = {keys[k]: remembered[k][0] for k in keys.keys() & remembered.keys()}
        for key, text in self.store.infos([k for k in keys if keys[k] not in found]).items():
            try:
                found[keys[key]] = info = decode_info(_loads(text), keys[key])
            except (ValueError, Invalid):  # json's errors are ValueErrors
                self.invalid.append(keys[key])
                continue
            if self.memory is not None:
                self.memory.entries[key] = (info, None)
        return found

    def guide(self, source: str, sha: str) -> Guide | None:
        """The whole guide `source` with these bytes parsed to, or None (not kept, or not valid)."""
        key = self._key(source, sha)
        entry = self.memory.entries.get(key) if self.memory is not None else None
        if entry is not None and entry[1] is not None:
            return entry[1]
        text = self.store.guide(key) if self.read else None
        try:
            guide = decode(_loads(text), source) if text is not None else None
        except (ValueError, Invalid):
            self.invalid.append(source)
            return None
        if entry is not None and guide is not None:
            self.memory.entries[key] = (entry[0], guide)  # type: ignore[union-attr]
        return guide

    def search_entries(self, hashes: dict[str, str]) -> dict[str, str]:
        """The search entries (JSON, search.index.guide_entry) of the guides of `hashes`, those the cache
        holds; read back with codec.decode_entry."""
        if not self.read:
            return {}
        keys = {self._key(source, sha): source for source, sha in hashes.items()}
        return {keys[key]: text for key, text in self.store.searches(list(keys)).items()}

    def keep_entries(self, made: dict[str, tuple[str, str]]) -> None:
        """Keep search entries made for guides (source to its sha256 and the entry's JSON), in one transaction."""
        if self.store.write:
            self.store.add_searches({self._key(source, sha): text for source, (sha, text) in made.items()})

    def known_hash(self, source: str, signature: tuple[int, ...]) -> str | None:
        """The sha256 of `source` when the last build read it with this signature (inode, size, mtime, ctime:
        any write changes ctime), so that it need not be read again to be known unchanged."""
        remembered = self.known.get(source) if self.read else None
        return remembered[1] if remembered is not None and remembered[0] == signature else None

    def hashed(self, source: str, signature: tuple[int, ...], sha: str) -> None:
        """Remember that `source`, with this signature, had bytes of this sha256 (in this process only)."""
        if self.memory is not None:
            self.memory.hashes[source] = (signature, sha)

    def keep(self, parsed: list[tuple[str, str, Guide | Skipped, GuideInfo | None]]) -> None:
        """Keep these parse results, in one transaction (a worker process keeps what it parsed)."""
        if not self.store.write:
            return
        entries = {}
        for source, sha, result, info in parsed:
            key = self._key(source, sha)
            if self.memory is not None:
                self.memory.entries[key] = (info or result, result if isinstance(result, Guide) else None)  # type: ignore[assignment]
            try:
                data = _json(encode(result)) if isinstance(result, Guide) else None
                entries[key] = (_json(encode_info(info or result)), data)  # type: ignore[arg-type]
            except ValueError:  # a front matter value JSON cannot hold: only slower
                continue
        self.store.add(entries)

    def used(self, hashes: dict[str, str]) -> set[str]:
        """The keys of the entries for these sources and bytes: what this build used."""
        return {self._key(source, sha) for source, sha in hashes.items()}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _loads(text: str) -> object:
    """JSON as topicgen writes it: Python's `NaN` and `Infinity`, which it never writes, are refused (the
    export, strict JSON, could not hold them)."""
    return json.loads(text, parse_constant=_refuse)


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")
