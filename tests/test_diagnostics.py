"""The reporter's lines: one per diagnostic, whatever a file's name or a guide's text holds."""

from __future__ import annotations

import io

from topicgen.diagnostics import Diagnostic, Reporter


def test_a_line_break_or_an_escape_sequence_in_a_diagnostic_is_shown_escaped():
    stream = io.StringIO()
    reporter = Reporter(fmt="text", stream=stream)
    reporter.emit("odd\nname.md", Diagnostic("warning", 3, "removed unsafe link `java\nscript:\x1b[2Jx\r`"))
    reporter.emit("plain.md", Diagnostic("error", 0, "a tab\tstays"))
    assert stream.getvalue().splitlines() == [
        "odd\\nname.md:3: warning: removed unsafe link `java\\nscript:\\x1b[2Jx\\r`",
        "plain.md: error: a tab\tstays",
    ]
    assert (reporter.warnings, reporter.errors) == (1, 1)


def test_github_annotations_keep_their_own_escapes():
    stream = io.StringIO()
    Reporter(fmt="github", stream=stream).emit("a.md", Diagnostic("warning", 2, "two\nlines"))
    assert stream.getvalue() == "::warning file=a.md,line=2::two%0Alines\n"
