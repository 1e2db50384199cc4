"""The command line through click's CliRunner: exit codes, `path:line: severity: message`, no tracebacks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from topicgen.cli import main

FRONT = "---\ntitle: {name}\npermalink: bots/topic-guide/en/latest/{name}\n---\n"
GOOD = FRONT + "<details>\n<summary>FAQs</summary>\n<a class=\"doc-link\" href=\"https://d.example/x\">Question?</a>\n</details>\n"
WARNED = FRONT + "<details>\n<summary>FAQs</summary>\n<a class=\"doc-link\" href=\"https://d.example/x\">Question?\n</details>\n"
BROKEN = "---\ntitle: {name}\npermalink: [oops\n---\nbody\n"
LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+): (?P<sev>warning|error): (?P<msg>.+)$")


def folder(tmp_path: Path, **files: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in files.items():
        (src / f"{name}.md").write_text(text.format(name=name), encoding="utf-8")
    return src


def diagnostics(stderr: str) -> list[tuple[str, int, str]]:
    return [(m["path"], int(m["line"]), m["sev"]) for m in map(LINE.match, stderr.splitlines()) if m]


COMMANDS = {
    "check": lambda src, tmp: ["check", "--src", str(src)],
    "export": lambda src, tmp: ["export", "--src", str(src), "--out", str(tmp / "e.json")],
    "build": lambda src, tmp: ["build", "--src", str(src), "--out", str(tmp / "site")],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("files", "strict", "code", "want"), [
    ({"good": GOOD}, False, 0, []),
    ({"good": GOOD, "warned": WARNED}, False, 0, [("warned.md", 7, "warning")]),
    ({"good": GOOD, "warned": WARNED}, True, 1, [("warned.md", 7, "warning")]),
    # pyyaml finds the unclosed `[` where the block ends, the line of the closing `---`.
    ({"good": GOOD, "broken": BROKEN}, False, 1, [("broken.md", 3, "error")]),
], ids=["clean", "warnings", "warnings-strict", "errors"])
def test_exit_codes_and_messages(runner, tmp_path, command, files, strict, code, want) -> None:
    args = COMMANDS[command](folder(tmp_path, **files), tmp_path) + (["--strict"] if strict else [])
    result = runner.invoke(main, args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    got = diagnostics(result.stderr)
    assert [(Path(p).name, line, sev) for p, line, sev in got] == want, result.stderr
    assert all(Path(p).is_absolute() or p.endswith(".md") for p, _, _ in got)


@pytest.mark.parametrize("args", [
    ["check", "--no-such-option"],
    ["check", "--src", "/no/such/folder"],
    ["export", "--src", "/no/such/folder"],
    ["build", "--src", "/no/such/folder"],
    ["export", "--format", "yaml"],
    ["no-such-command"],
], ids=["unknown-option", "check-missing-src", "export-missing-src", "build-missing-src", "bad-choice",
        "unknown-command"])
def test_usage_errors_exit_2(runner, args) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Usage:" in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["build", "docs"], "unexpected extra argument (docs); the sources folder is given with --src: "
                        "topicgen build --src docs"),
    (["check", "a", "b"], "unexpected extra arguments (a b); the sources folder is given with --src: "
                          "topicgen check --src a"),
    (["export", "--src", ".", "extra"], "unexpected extra argument (extra)\n"),
])
def test_a_stray_argument_is_said_before_the_default_sources_folder_is_looked_for(runner, args, said) -> None:
    result = runner.invoke(main, args)  # the test's folder has no guides/: that was the error said
    assert result.exit_code == 2 and said in result.stderr and "guides" not in result.stderr, result.stderr


def test_export_lists_the_broken_guide_as_skipped(runner, tmp_path) -> None:
    src = folder(tmp_path, good=GOOD, broken=BROKEN, notes="# no front matter\n")
    result = runner.invoke(main, ["export", "--src", str(src)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [g["source"] for g in data["guides"]] == ["good.md"]
    assert [(s["source"], s["diagnostics"][0]["severity"]) for s in data["skipped"]] == \
        [("broken.md", "error"), ("notes.md", "warning")]
    assert ("notes.md", 1, "warning") in [(Path(p).name, line, sev) for p, line, sev in diagnostics(result.stderr)]


def test_not_utf8_is_an_error_with_its_line(runner, tmp_path) -> None:
    src = folder(tmp_path, good=GOOD)
    (src / "latin.md").write_bytes(b"---\ntitle: x\npermalink: a/topic-guide/en/latest/x\n---\n\ncaf\xe9\n")
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("latin.md", 6, "error") in [(Path(p).name, line, sev) for p, line, sev in diagnostics(result.stderr)]


def test_the_program_exits_with_the_commands_code_and_all_its_output(tmp_path):
    """`python -m topicgen` ends the process itself (cli.run): codes and output must be the command's."""
    import subprocess
    import sys

    def program(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "topicgen", *args], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)

    src = folder(tmp_path, a="---\ntitle: A\npermalink: p/topic-guide/en/latest/a\n---\nText.\n",
                 b="---\ntitle: [unclosed\npermalink: x\n---\n")
    built = program("build", "--src", str(src), "--out", str(tmp_path / "out"))
    assert built.returncode == 1 and "b.md:2: error: front matter is not valid YAML" in built.stderr
    assert built.stderr.rstrip().endswith("left as it was")
    (src / "b.md").unlink()
    built = program("build", "--src", str(src), "--out", str(tmp_path / "out"))
    assert built.returncode == 0 and re.search(r"built \d+ pages in", built.stderr.splitlines()[-1])
    exported = program("export", "--src", str(src))
    assert exported.returncode == 0 and json.loads(exported.stdout)["guides"][0]["title"] == "A"
    usage = program("build", "--src", str(tmp_path / "missing"))
    assert usage.returncode == 2 and "does not exist" in usage.stderr


@pytest.mark.parametrize("command", ["check", "export", "build", "translations"])
def test_a_src_that_is_a_device_is_a_usage_error_saying_it_is_not_a_folder(runner, command) -> None:
    """Neither a file nor a folder (click takes it): said as a usage error, not as a folder that is gone."""
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    result = runner.invoke(main, [command, "--src", "/dev/null"])
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--src': '/dev/null' is not a folder." in result.stderr and "gone" not in result.stderr


def test_an_export_to_a_full_standard_output_says_so(tmp_path) -> None:
    """`--out -` (the default) is said as standard output, not as a file called `-`."""
    import subprocess
    import sys

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    src = folder(tmp_path, good=GOOD)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "topicgen", "export", "--src", str(src)], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "topicgen: error: cannot write to standard output: No space left on device"], done.stderr
