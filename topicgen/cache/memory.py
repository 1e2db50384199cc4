"""What a long-running process keeps between its builds (the preview does): parse results, hashes, the theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from topicgen.cache.record import BuildRecord
from topicgen.memo import Memo

if TYPE_CHECKING:
    from topicgen.model import Guide, GuideInfo, Skipped
    from topicgen.reading.collect import Collection
    from topicgen.rendering.search import Postponed
    from topicgen.rendering.theme import Theme


@dataclass(slots=True)
class Memory:
    """Parse results by cache key (the info, and the whole guide once loaded), and the sha256 of each source
    as of its last signature, so that a rebuild reads, hashes and decodes only what changed."""

    entries: dict[str, tuple[GuideInfo | Skipped, Guide | None]] = field(default_factory=dict)
    hashes: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    keys: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (env, source, sha256): its cache key
    theme: tuple[str, Theme] | None = None  # the last build's theme, with the key of what it was made from
    record: BuildRecord | None = None  # what the last build wrote
    later: tuple[Collection, Postponed] | None = None  # the search indexes the last build left, and its guides
    memo: Memo = field(default_factory=Memo)  # the report's comparisons, the plan's pages and their keys
    frozen: bool = False  # whether its builds left objects out of the cycle collector (pipeline.collect_garbage)

    def retain(self, keys: set[str]) -> None:
        """Forget the entries not among `keys` (what the last build used): a preview edits for hours."""
        for key in self.entries.keys() - keys:
            del self.entries[key]
        self.keys = {made: key for made, key in self.keys.items() if key in keys}
