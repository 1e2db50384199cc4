"""The project's own exceptions: every failure a user can cause is one of these, never a traceback."""

from __future__ import annotations

from collections.abc import Sequence

from topicgen.diagnostics import Diagnostic, Located, shown_path, text_line


class TopicgenError(Exception):
    """A problem reported to the user as one clean message."""


class SourceError(TopicgenError):
    """A problem at a line of the source file being read (the caller knows the path)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class ConfigError(TopicgenError):
    """The configuration file (or a theme's strings file) or a command-line option is wrong; the message names
    the key. A file's problems come as diagnostics at their lines (`found`), its warnings with its errors, so
    that a command reports them in its format, as it reports a guide's; the message is them as text."""

    def __init__(self, message: str = "", found: Sequence[Located] = ()) -> None:
        self.found = tuple(found)
        super().__init__(message or "\n".join(text_line(path, diag) for path, diag in self.found))

    @classmethod
    def at(cls, path: object, line: int, message: str) -> ConfigError:
        """One error at `line` of the file `path` (0: the whole file), named as short as the user would type it
        (a theme's strings file is found by its resolved path)."""
        return cls(found=[(shown_path(str(path)), Diagnostic("error", line, message))])

    def __reduce__(self) -> tuple[type, tuple[str, tuple[Located, ...]]]:
        # Raised in a worker process, it is sent back with its diagnostics.
        return (ConfigError, (str(self), self.found))


class OutputError(TopicgenError):
    """The output folder cannot be used safely (it holds the sources, or is not ours to replace)."""
