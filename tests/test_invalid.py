"""Every error and warning case in tests/invalid/<case>/: exact messages, exit code, and nothing lost.

Each case folder holds `guides/` (the sources), optionally `topicgen.yml` and a theme, `case.txt`
(`args:` extra options, `exit:` the expected code) and `expected.txt` (the exact diagnostic lines).
The build runs with the case folder as the current folder, into an output folder that already holds a
previous good build: a failing build must leave it byte-identical, and nothing may appear elsewhere.
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
from pathlib import Path

import pytest

from topicgen.cli import main

from .conftest import GUIDES

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if (p / "case.txt").is_file())


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path to sha256 of every file under root (folders included as entries)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(root.rglob("*"))
    }


def read_case(case: Path) -> tuple[list[str], int, list[str]]:
    meta = dict(line.split(":", 1) for line in (case / "case.txt").read_text().splitlines() if ":" in line)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return shlex.split(meta["args"]), int(meta["exit"]), expected


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """A good build of the bundled guides: what a failed build must leave untouched."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("previous") / "site"
    result = CliRunner().invoke(main, ["build", "--src", str(GUIDES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_case(case, tmp_path, runner, monkeypatch, previous_output):
    args, want_exit, expected = read_case(case)
    work = tmp_path / "case"
    shutil.copytree(case, work)
    out = tmp_path / "out"
    shutil.copytree(previous_output, out)
    before_out, before_work = tree_digest(out), tree_digest(work)
    monkeypatch.chdir(work)
    extra = [] if "--out" in args else ["--out", str(out)]
    result = runner.invoke(main, ["build", "--src", "guides", *extra, *args])

    assert result.exit_code == want_exit, result.output
    assert "Traceback" not in result.output
    got = [line for line in result.stderr.splitlines() if ": warning: " in line or ": error: " in line]
    assert got == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out"], "nothing is written beside out"
    after_work = {k: v for k, v in tree_digest(work).items() if not k.startswith(".topicgen-cache")}
    assert after_work == before_work, "the sources and the project folder are never written (but for the cache)"
    if want_exit != 0:
        assert tree_digest(out) == before_out, "a failed build leaves the previous output byte-identical"
    else:
        assert tree_digest(out) != before_out
        assert (out / ".topicgen-output").is_file()


def test_every_case_has_expected_messages():
    """A case without expected messages would pass vacuously."""
    for case in CASES:
        _, _, expected = read_case(case)
        assert expected, case.name
