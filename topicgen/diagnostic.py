"""A diagnostic: one problem found in a source file, as every step reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["warning", "error"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a source file; `line` is 1-based, 0 when it concerns the whole file.

    Part of the model (topicgen.model has it too), in a module of its own so that what only reports
    (a build with nothing to do: the command line, the config, the cache's replayed messages) does not
    import the whole model, whose dataclasses take ~9 ms to create.
    """

    severity: Severity
    line: int
    message: str
