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


def test_a_diagnostic_about_the_site_is_an_annotation_on_no_file(runner, tmp_path, monkeypatch):
    """`no base_url, so no sitemap` is about no file: GitHub is given none, not one called `topicgen`."""
    from topicgen.cli import main

    from .conftest import GUIDES

    monkeypatch.chdir(tmp_path)  # no topicgen.yml: no base_url
    github = runner.invoke(main, ["check", "--src", str(GUIDES), "--format", "github"]).stderr.splitlines()
    site = [line for line in github if "no base_url" in line]
    assert len(site) == 1 and site[0].startswith("::warning::no base_url, so no sitemap.xml"), github
    assert all("file=" in line for line in github if line.startswith("::") and line not in site)
    text = runner.invoke(main, ["check", "--src", str(GUIDES), "--format", "text"]).stderr
    assert "topicgen: warning: no base_url, so no sitemap.xml" in text
