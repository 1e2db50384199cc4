"""The parse cache: what each source's exact bytes parsed to, as one JSON file per source and content."""

from __future__ import annotations

import json
from pathlib import Path

from topicgen.cache.codec import Invalid, decode, encode
from topicgen.cache.files import read_bytes, remove, write_bytes
from topicgen.cache.keys import digest
from topicgen.model import Guide, Skipped

_FORMAT = 1  # bump when the layout of an entry changes


class ParsedGuides:
    """Parse results kept in `<cache>/guides/`, keyed by the source path, its bytes and everything the parser
    depends on (`env`: topicgen, the packages, the settings that change parsing). Implements ParseCache.

    Entries are written once and never changed (a new key is a new file), so a build killed while writing
    one leaves at worst a stray `.part` file. `used` names the entries this build read or wrote: the next
    build's `prune` removes the others.
    """

    def __init__(self, root: Path, env: str, read: bool = True, write: bool = True) -> None:
        self.root, self.env, self.read, self.write = root, env, read, write
        self.used: set[str] = set()
        self.invalid: list[str] = []  # sources whose entry was damaged or tampered with (parsed again)

    def _rel(self, source: str, sha: str) -> str:
        key = digest(str(_FORMAT), self.env, source, sha)
        return f"guides/{key[:2]}/{key}.json"

    def get(self, source: str, sha: str) -> Guide | Skipped | None:
        """What `source` with these bytes parsed to, or None (never parsed, or not a valid entry)."""
        rel = self._rel(source, sha)
        data = read_bytes(self.root, rel) if self.read else None
        if data is None:
            return None
        try:
            result = decode(json.loads(data), source)
        except (ValueError, Invalid):  # json's errors are ValueErrors
            self.invalid.append(source)
            return None
        self.used.add(rel)
        return result

    def put(self, source: str, sha: str, result: Guide | Skipped) -> None:
        """Keep what `source` with these bytes parsed to (a cache that cannot be written is only slower)."""
        rel = self._rel(source, sha)
        if not self.write:
            return
        try:
            write_bytes(self.root, rel, json.dumps(encode(result), ensure_ascii=False,
                                                    separators=(",", ":")).encode("utf-8"))
        except (OSError, ValueError):  # ValueError: a front matter value JSON cannot hold
            return
        self.used.add(rel)

    def prune(self, previously_used: list[str]) -> None:
        """Remove the entries the last build used and this one did not."""
        for rel in previously_used:
            if rel not in self.used and rel.startswith("guides/") and rel.endswith(".json"):
                remove(self.root, rel)
