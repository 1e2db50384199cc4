"""Printing diagnostics (`path:line: severity: message`, or GitHub annotations) and counting them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from topicgen.diagnostic import Diagnostic


def _escape_github(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


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
            loc = f"file={_escape_github(path, True)}" + (f",line={diag.line}" if diag.line else "")
            print(f"::{diag.severity} {loc}::{_escape_github(diag.message)}", file=self.stream)
        else:
            where = f"{path}:{diag.line}" if diag.line else path
            print(f"{where}: {diag.severity}: {diag.message}", file=self.stream)

    def emit_all(self, found: list[tuple[str, Diagnostic]]) -> None:
        for path, diag in found:
            self.emit(path, diag)

    def failed(self, strict: bool) -> bool:
        """Errors fail a run; under --strict warnings do too."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        """`2 errors, 3 warnings` style counts."""
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")
        return f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}"
