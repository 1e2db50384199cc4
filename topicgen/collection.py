"""Reading a whole source folder into guides, and the checks that need all of them at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from topicgen.mdrender import Renderer
from topicgen.model import Diagnostic, Guide, Skipped
from topicgen.reader import read_guide
from topicgen.source import find_sources


@dataclass(frozen=True, slots=True)
class Collection:
    """Every guide of a source folder, the files that are not guides, in source-path order."""

    guides: tuple[Guide, ...]
    skipped: tuple[Skipped, ...]

    def diagnostics(self) -> list[tuple[str, Diagnostic]]:
        """Every diagnostic with the source it belongs to, ordered by source and line."""
        found = [(g.source, d) for g in self.guides for d in g.diagnostics]
        found += [(s.source, d) for s in self.skipped for d in s.diagnostics]
        return sorted(found, key=lambda sd: (sd[0], sd[1].line))


def collect(src: Path, renderer: Renderer) -> Collection:
    """Read every source below `src` and check the guides against each other."""
    results = [read_guide(path, path.relative_to(src).as_posix(), renderer) for path in find_sources(src)]
    return check_collisions(results)


def check_collisions(results: list[Guide | Skipped]) -> Collection:
    """Two guides at one permalink are an error (both named); permalinks equal but for case, a warning."""
    guides = [r for r in results if isinstance(r, Guide)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    by_path: dict[str, list[Guide]] = defaultdict(list)
    by_fold: dict[str, list[Guide]] = defaultdict(list)
    for guide in guides:
        by_path[guide.permalink.path].append(guide)
        by_fold[guide.permalink.path.casefold()].append(guide)
    extra: dict[str, list[Diagnostic]] = defaultdict(list)
    for path, same in by_path.items():
        for guide in same[1:]:
            msg = f"permalink `{path}` is already used by {same[0].source}; a page can only have one guide"
            skipped.append(Skipped(guide.source, msg, guide.diagnostics + (Diagnostic("error", 1, msg),)))
    dropped = {g.source for same in by_path.values() for g in same[1:]}
    for fold, same in by_fold.items():
        kept = [g for g in same if g.source not in dropped]
        paths = {g.permalink.path for g in kept}
        if len(paths) > 1:
            for guide in kept:
                others = ", ".join(f"{o.source} (`{o.permalink.path}`)" for o in kept if o is not guide)
                extra[guide.source].append(Diagnostic(
                    "warning", 1, f"permalink `{guide.permalink.path}` differs only in case from {others}: "
                                  "they collide on case-insensitive file systems and hosts"))
    final = tuple(
        replace(g, diagnostics=tuple(sorted(g.diagnostics + tuple(extra[g.source]), key=lambda d: d.line)))
        if extra.get(g.source) else g
        for g in guides if g.source not in dropped
    )
    return Collection(final, tuple(sorted(skipped, key=lambda s: s.source)))
