"""How many translations have each problem: the line every build ends with, kept for the next build to repeat."""

from __future__ import annotations

from dataclasses import dataclass

from topicgen.translations.history import NO_GIT

# Every problem an entry can have, in the order entries list them and the summary counts them.
PROBLEMS = ("missing", "orphan", "untranslated", "partly-untranslated", "drifted", "outdated")


@dataclass(frozen=True, slots=True)
class Counts:
    """How many entries a translation report has, how many of them have each problem, and whether the
    `outdated` check ran (it needs a git history)."""

    entries: int
    problems: tuple[tuple[str, int], ...]  # (problem, entries with it), for each of PROBLEMS in its order
    unchecked: str = NO_GIT.reason  # why `outdated` was not checked; "" when it was

    @property
    def outdated_checked(self) -> bool:
        return not self.unchecked

    def of(self, problem: str) -> int:
        """How many entries have `problem`."""
        return dict(self.problems).get(problem, 0)

    def line(self) -> str:
        """`translations: 12 missing, 40 untranslated, 7 drifted`; `… all current`; `… none` with no entries.

        Without a git history the line says that `outdated` was not checked, and why, so that 0 is not read as
        "none".
        """
        if not self.entries:
            return "translations: none"
        found = [f"{n} {problem}" for problem, n in self.problems if n]
        unchecked = f" (outdated not checked: {self.unchecked})" if self.unchecked else ""
        return "translations: " + (", ".join(found) if found else "all current") + unchecked
