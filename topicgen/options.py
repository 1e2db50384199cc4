"""What a build is asked to do and what it did, and how its messages name the files they are about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from topicgen.config import Config
from topicgen.diagnostics import SITE, Located, Reporter
from topicgen.translations.counts import Counts
from topicgen.workers import Progress

if TYPE_CHECKING:  # the model, the theme, the report: a build with nothing to do imports none of them
    from topicgen.cache.memory import Memory
    from topicgen.translations.report import Report


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build: sources, output folder, settings; `label` is how diagnostics name the source folder."""

    src: Path
    out: Path
    config: Config
    strict: bool = False
    use_cache: bool = True
    label: str = ""
    progress: Progress | None = None  # shown on long steps
    memory: Memory | None = None  # what a long-running process (the preview) keeps between its builds
    # Search indexes left as the last build wrote them, for a next build to bring up to date: the preview shows
    # a writer's edit first, and rebuilds the index (which a tab reads only when searched) right after.
    indexes_later: bool = False
    # The output folder is this process's alone (the preview's private one): what the last build of it wrote
    # is what it holds, so a build takes that from its record instead of checking every file against it.
    own_output: bool = False

    def shown(self, source: str) -> str:
        """A source path as diagnostics print it: under the source folder as the user named it."""
        label = self.label or str(self.src)
        return f"{label.rstrip('/')}/{source}" if label not in ("", ".") else source


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did: the pages of the site (0 when it failed), how many files it wrote and left as they were."""

    pages: int
    written: bool
    files_written: int = 0
    unchanged: int = 0
    notes: tuple[str, ...] = ()  # what was repaired or could not be used on the way (an interrupted build, the cache)
    sources: tuple[tuple[str, str], ...] = ()  # (page folder, source as shown) of every guide page built
    translations: Counts | None = None  # how many translations have each problem
    report: Report | None = None  # the translation report; None when the build did nothing (or failed)
    later: int = 0  # search indexes left out of date (BuildOptions.indexes_later): a next build remakes them
    # Whether a file the site copies (a theme's stylesheet or script, a guide's image, the logo) was written or
    # any file removed: a page open in a browser may then look otherwise with the same HTML.
    copies_changed: bool = False


def report_config(config: Config, reporter: Reporter) -> None:
    """The config file's own warnings (unknown keys), first of every command's report."""
    if config.path is not None:
        reporter.emit_all([(str(config.path), diag) for diag in config.warnings])


def located(options: BuildOptions, found: list[Located]) -> list[Located]:
    """Diagnostics about sources, named as the user named the source folder (SITE for the site itself)."""
    return [(options.shown(source) if source else SITE, diag) for source, diag in found]

