"""Diagnostics: one problem found in an input, and the reporter that prints them and counts them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Literal, TextIO

Severity = Literal["warning", "error"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a source file; `line` is 1-based, 0 when it concerns the whole file."""

    severity: Severity
    line: int
    message: str


Located = tuple[str, Diagnostic]  # the path a diagnostic is about (as the user typed it), and the diagnostic

# The path of a diagnostic about the site as a whole, no file of it (no base_url, so no sitemap): the text
# format names the program, as its other messages do; a GitHub annotation names no file.
SITE = "topicgen"


def _escape_github(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


# A diagnostic is one line, and a terminal shows it as text: a line break or an escape sequence in a file's
# name or in what a guide wrote (a URL) is shown escaped, never acted on.
_CONTROLS = {i: f"\\x{i:02x}" for i in [*range(32), 127] if i != 9} | {10: "\\n", 13: "\\r"}


@dataclass(slots=True)
class Reporter:
    """Writes each diagnostic once, as it is found, and keeps the counts for the exit code."""

    fmt: str = "text"  # "text" or "github"
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    errors: int = 0
    warnings: int = 0

    @staticmethod
    def default_format(requested: str | None) -> str:
        """`--format` if given, else GitHub annotations inside GitHub Actions, else text."""
        if requested:
            return requested
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

    def emit(self, path: str, diag: Diagnostic) -> None:
        """Print one diagnostic about `path` (a source path, or a config file)."""
        if diag.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if self.fmt == "github":
            loc = f" file={_escape_github(path, True)}" + (f",line={diag.line}" if diag.line else "")
            loc = "" if path == SITE else loc
            print(f"::{diag.severity}{loc}::{_escape_github(diag.message)}", file=self.stream)
        else:
            print(text_line(path, diag), file=self.stream)

    def emit_all(self, found: list[Located]) -> None:
        """Print every diagnostic of `found`, in its order."""
        for path, diag in found:
            self.emit(path, diag)

    def failed(self, strict: bool) -> bool:
        """Errors fail a run; under --strict warnings do too."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        """`2 errors, 3 warnings` style counts."""
        return f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"


def text_line(path: str, diag: Diagnostic) -> str:
    """`path:line: severity: message`, as the text format prints a diagnostic (control characters escaped)."""
    where = f"{path}:{diag.line}" if diag.line else path
    return f"{where}: {diag.severity}: {diag.message}".translate(_CONTROLS)


def plural(count: int, word: str) -> str:
    """`1 warning`, `3 warnings`: the command line's English messages."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def shown_path(path: str) -> str:
    """A path as short as the user would type it: relative to the current folder when inside it."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return path if rel.startswith("..") else rel
