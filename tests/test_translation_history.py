"""The git history behind `outdated`: each file's last change from one log, only inside a work tree, read once per HEAD."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from topicgen.model import Guide
from topicgen.reading.info import info_of
from topicgen.reading.reader import read_bytes
from topicgen.translations import history as history_module
from topicgen.translations.history import Change, History, Unchecked, git_dir, git_history, head_stamp
from topicgen.translations.report import Report, translation_report

from .test_translations import RENDERER, link

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
HOOK_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")


def git(repo: Path, *args: str, when: str = "2024-01-01T00:00:00") -> None:
    env = {k: v for k, v in os.environ.items() if k not in HOOK_VARS}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_AUTHOR_DATE=f"{when} +0000",
               GIT_COMMITTER_DATE=f"{when} +0000", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], env=env, check=True,
                   capture_output=True, timeout=30)


@needs_git
def test_history_reads_every_file_name(tmp_path):
    git(tmp_path, "init", "-q")
    names = ["a b.md", "é/ü.md", "line\nbreak.md", "\nlead.md"]
    try:
        (tmp_path / os.fsdecode(b"\xff.md")).write_text("x")  # not UTF-8: Linux file systems take it
        names.append(os.fsdecode(b"\xff.md"))
    except (OSError, UnicodeError):
        pass
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "all")
    (tmp_path / "new.md").write_text("x")
    history = git_history(tmp_path)
    assert isinstance(history, History)
    assert {k: v.order for k, v in history.changes.items()} == {**{n: 1 for n in names}, "new.md": 2}


def test_no_history_outside_git_or_without_git(tmp_path, monkeypatch):
    assert git_history(tmp_path / "nowhere") == Unchecked("no git history")
    if shutil.which("git"):
        ceiling = tmp_path.parent
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(ceiling))  # so that no repository above tmp counts
        assert git_history(tmp_path) == Unchecked("no git history")
        git(tmp_path, "init", "-q")
        assert git_history(tmp_path) == Unchecked("no commit yet")
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the PATH
    assert isinstance(git_history(tmp_path), Unchecked)
    assert isinstance(git_history(tmp_path, timeout=0), Unchecked)


def write(src: Path, rel: str, lang: str, question: str) -> None:
    text = (f"---\ntitle: T\npermalink: bots/topic-guide/{lang}/latest/T\n---\n<details>\n<summary>FAQs</summary>\n"
            f"{link(question, 'https://d.example/a')}</details>\n")
    (src / rel).parent.mkdir(parents=True, exist_ok=True)
    (src / rel).write_text(text, encoding="utf-8")


def report_of(src: Path, *rels: str) -> Report:
    guides = [read_bytes((src / rel).read_bytes(), rel, RENDERER) for rel in rels]
    return translation_report([info_of(g) for g in guides if isinstance(g, Guide)], "en", git_history(src))


@needs_git
def test_outdated_in_a_git_work_tree(tmp_path):
    repo, src = tmp_path, tmp_path / "site guides"  # the guides in a folder of the repository, with a space
    en, ja = "en/x y.md", "ja/x y.md"
    git(repo, "init", "-q")
    write(src, en, "en", "How?")
    write(src, ja, "ja", "どう？")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "both", when="2024-01-01T00:00:00")
    assert report_of(src, en, ja).entries[0].problems == ()
    write(src, en, "en", "How, now?")
    assert report_of(src, en, ja).entries[0].problems == ("outdated",)  # uncommitted source changes count
    git(repo, "commit", "-q", "-am", "source", when="2024-02-01T00:00:00")
    assert report_of(src, en, ja).entries[0].problems == ("outdated",)
    write(src, ja, "ja", "今は？")
    assert report_of(src, en, ja).entries[0].problems == ()  # the translation's edit, uncommitted, is newer
    git(repo, "commit", "-q", "-am", "translation", when="2024-03-01T00:00:00")
    history = git_history(src)
    assert isinstance(history, History) and history.commits == 3
    assert history.last_change(ja) == Change(3, history.changes[ja].commit, 1709251200)
    assert report_of(src, en, ja).entries[0].problems == ()



@needs_git
def test_a_rename_is_no_change_and_a_moved_folder_keeps_its_history(tmp_path):
    repo, src = tmp_path, tmp_path / "guides"
    git(repo, "init", "-q")
    write(src, "en/a.md", "en", "How?")
    write(src, "ja/a.md", "ja", "どう？")
    write(src, "ko/a.md", "ko", "어떻게?")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "all", when="2024-01-01T00:00:00")
    write(src, "en/a.md", "en", "How, now?")
    git(repo, "commit", "-q", "-am", "source", when="2024-02-01T00:00:00")
    write(src, "ja/a.md", "ja", "今は？")
    git(repo, "commit", "-q", "-am", "ja caught up", when="2024-03-01T00:00:00")
    git(repo, "mv", "guides/en/a.md", "guides/en/b.md")  # the source renamed: its translations no newer
    git(repo, "mv", "guides/ko/a.md", "guides/ko/b.md")  # the outdated translation renamed: still outdated
    git(repo, "commit", "-q", "-m", "renamed", when="2024-04-01T00:00:00")
    assert [e.problems for e in report_of(src, "en/b.md", "ja/a.md", "ko/b.md").entries] == [(), ("outdated",)]
    (repo / "docs").mkdir()
    git(repo, "mv", "guides", "docs/guides")  # the whole folder moved
    git(repo, "commit", "-q", "-m", "moved", when="2024-05-01T00:00:00")
    moved = repo / "docs" / "guides"
    assert [e.problems for e in report_of(moved, "en/b.md", "ja/a.md", "ko/b.md").entries] == [(), ("outdated",)]


@needs_git
def test_a_rename_staged_and_not_yet_committed_is_no_change_either(tmp_path):
    """What a pre-commit hook running `translations --strict` sees: the answer the commit will give."""
    repo, src = tmp_path, tmp_path / "guides"
    git(repo, "init", "-q")
    for lang, question in (("en", "How?"), ("ja", "どう？"), ("ko", "어떻게?")):
        write(src, f"{lang}/a.md", lang, question)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "all", when="2024-01-01T00:00:00")
    write(src, "ko/a.md", "ko", "지금은?")
    git(repo, "commit", "-q", "-am", "ko edited", when="2024-02-01T00:00:00")
    write(src, "en/a.md", "en", "How, now?")
    write(src, "ja/a.md", "ja", "今は？")
    git(repo, "commit", "-q", "-am", "source and ja", when="2024-03-01T00:00:00")
    git(repo, "mv", "guides/ko/a.md", "guides/ko/b.md")  # the outdated translation renamed: still outdated
    assert [e.problems for e in report_of(src, "en/a.md", "ja/a.md", "ko/b.md").entries] == [(), ("outdated",)]
    git(repo, "mv", "guides/en/a.md", "guides/en/b.md")  # the source renamed: its translations no newer
    assert [e.problems for e in report_of(src, "en/b.md", "ja/a.md", "ko/b.md").entries] == [(), ("outdated",)]
    write(src, "ko/b.md", "ko", "이제는?")  # renamed and edited: a change, newer than the source
    assert [e.problems for e in report_of(src, "en/b.md", "ja/a.md", "ko/b.md").entries] == [(), ()]


@needs_git
def test_outdated_goes_by_what_a_commit_contains_not_by_its_date(tmp_path):
    """A source changed in a pull request, merged after a translation's last commit made without it (and
    dated later): outdated. A translation made on top of the source's change, merged later: current."""
    repo, src = tmp_path, tmp_path / "guides"
    git(repo, "init", "-q", "-b", "main")
    write(src, "en/a.md", "en", "How?")
    write(src, "ja/a.md", "ja", "どう？")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base", when="2024-01-01T00:00:00")
    git(repo, "checkout", "-q", "-b", "pr")
    write(src, "en/a.md", "en", "How, now?")
    git(repo, "commit", "-q", "-am", "source, in a pull request", when="2024-01-02T00:00:00")
    git(repo, "checkout", "-q", "main")
    write(src, "ja/a.md", "ja", "どう?")
    git(repo, "commit", "-q", "-am", "a typo in ja, made without the new source", when="2024-01-03T00:00:00")
    git(repo, "merge", "-q", "--no-edit", "pr", when="2024-01-04T00:00:00")
    assert report_of(src, "en/a.md", "ja/a.md").entries[0].problems == ("outdated",)
    git(repo, "checkout", "-q", "-b", "ja")
    write(src, "ja/a.md", "ja", "今は？")
    git(repo, "commit", "-q", "-am", "ja caught up", when="2024-01-05T00:00:00")
    git(repo, "checkout", "-q", "main")
    write(src, "en/a.md", "en", "How, then?")  # changed later on main, in a part of the file ja's branch lacks
    git(repo, "commit", "-q", "-am", "source again", when="2024-01-06T00:00:00")
    git(repo, "merge", "-q", "--no-edit", "ja", when="2024-01-07T00:00:00")
    assert report_of(src, "en/a.md", "ja/a.md").entries[0].problems == ("outdated",)
    git(repo, "checkout", "-q", "ja")
    git(repo, "merge", "-q", "--no-edit", "main", when="2024-01-08T00:00:00")
    write(src, "ja/a.md", "ja", "では？")
    git(repo, "commit", "-q", "-am", "ja on top of the source", when="2024-01-09T00:00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "ja", when="2024-01-10T00:00:00")
    assert report_of(src, "en/a.md", "ja/a.md").entries[0].problems == ()


@needs_git
def test_a_shallow_clone_says_it_cannot_tell_what_is_outdated(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    write(origin, "en/a.md", "en", "How?")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "one")
    write(origin, "en/a.md", "en", "How, now?")
    git(origin, "commit", "-q", "-am", "two")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    found = git_history(tmp_path / "shallow")
    assert isinstance(found, Unchecked) and found.reason.startswith("a shallow clone; fetch the whole history")


def count_git(monkeypatch) -> list[list[str]]:
    """Every git command the history runs from now on (it still runs)."""
    calls: list[list[str]] = []
    real = subprocess.run

    def run(args, **kwargs):
        calls.append(list(args))
        return real(args, **kwargs)

    monkeypatch.setattr(history_module.subprocess, "run", run)
    return calls


def test_no_git_process_outside_a_work_tree(tmp_path, monkeypatch):
    calls = count_git(monkeypatch)
    assert git_dir(tmp_path) is None and head_stamp(tmp_path) == "" and git_history(tmp_path) == Unchecked("no git history")
    assert calls == []


@needs_git
def test_the_log_is_read_once_per_head(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    write(tmp_path, "en/t.md", "en", "How?")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "one")
    calls = count_git(monkeypatch)
    first = git_history(tmp_path)
    assert [c[3] for c in calls] == ["rev-parse", "log", "status"]
    calls.clear()
    write(tmp_path, "ja/t.md", "ja", "どう？")  # a save, no commit: the log still holds, the status does not
    again = git_history(tmp_path)
    assert [c[3] for c in calls] == ["status"]
    assert isinstance(first, History) and isinstance(again, History) and again.changes["ja/t.md"] == Change(2, None, None)
    stamp = head_stamp(tmp_path)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two", when="2024-02-01T00:00:00")
    assert head_stamp(tmp_path) != stamp  # a commit changes no source file, but the key of the build's inputs
    calls.clear()
    third = git_history(tmp_path)
    assert [c[3] for c in calls] == ["rev-parse", "log", "status"] and isinstance(third, History) and third.commits == 2


@needs_git
def test_a_linked_work_tree_is_found_through_its_git_file(tmp_path):
    main, linked = tmp_path / "main", tmp_path / "linked"
    main.mkdir()
    git(main, "init", "-q")
    write(main, "en/t.md", "en", "How?")
    git(main, "add", "-A")
    git(main, "commit", "-q", "-m", "one")
    git(main, "worktree", "add", "-q", str(linked))
    found = git_dir(linked / "en")
    assert found is not None and found.parent.name == "worktrees" and (linked / ".git").is_file()
    stamp = head_stamp(linked / "en")
    write(linked, "ja/t.md", "ja", "どう？")
    git(linked, "add", "-A")
    git(linked, "commit", "-q", "-m", "two", when="2024-02-01T00:00:00")
    assert head_stamp(linked / "en") != stamp
    history = git_history(linked)
    assert isinstance(history, History) and history.changes["ja/t.md"].order == 2
