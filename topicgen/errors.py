"""The project's own exceptions: every failure a user can cause is one of these, never a traceback."""

from __future__ import annotations


class TopicgenError(Exception):
    """A problem reported to the user as one clean message."""


class SourceError(TopicgenError):
    """A problem at a line of the source file being read (the caller knows the path)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class ConfigError(TopicgenError):
    """The configuration file or a command-line option is wrong; the message names the key."""


class OutputError(TopicgenError):
    """The output folder cannot be used safely (it holds the sources, or is not ours to replace)."""
