"""docs/tutorial.md, run: every command in its order, every edit it shows, each output compared with the page."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK = re.compile(r"^```(console|diff)\n(.*?)^```\n", re.M | re.S)
REMOTE = "https://github.com/you/mysite.git"


def normalize(text: str) -> str:
    """Output as compared: timings and the preview's port vary from run to run; Ctrl-C is typed, not printed."""
    text = re.sub(r"\b\d+\.\d+ s\b", "N s", text)
    text = re.sub(r"http://127\.0\.0\.1:\d+/", "http://127.0.0.1:PORT/", text)
    return "\n".join(line for line in text.splitlines() if line != "^C").strip()


def sessions(block: str) -> list[tuple[str, str]]:
    """A console block's commands, each with the output shown under it."""
    found: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            assert found, f"output before any command in a console block: {line!r}"
            found[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in found]


def apply_diff(cwd: Path, block: str) -> None:
    """Make the edit a diff block shows: its `-` and context lines, found once, become its `+` and context lines."""
    lines = block.splitlines()
    assert lines[0].startswith("--- ") and lines[1] == "+++ " + lines[0][4:], "a diff names its file"
    path = cwd / lines[0][4:]
    old = [line[1:] for line in lines[2:] if line[:1] in (" ", "-")]
    new = [line[1:] for line in lines[2:] if line[:1] in (" ", "+")]
    text = path.read_text(encoding="utf-8")
    before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
    assert text.count(before) == 1, f"the diff's lines are not in {path} exactly once:\n{before}"
    path.write_text(text.replace(before, after), encoding="utf-8")


@pytest.fixture
def shell_env(tmp_path) -> dict[str, str]:
    """The commands' environment: `topicgen` is this checkout's, git is private and pushes to a local repository."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "topicgen").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m topicgen "$@"\n', encoding="utf-8")
    (bin_dir / "topicgen").chmod(0o755)
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CI") and not k.startswith("GIT_")}
    return {**env, "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1",
            "HOME": str(tmp_path), "LC_ALL": "C.UTF-8", "BROWSER": "true", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "You", "GIT_AUTHOR_EMAIL": "you@example.com", "GIT_COMMITTER_NAME": "You",
            "GIT_COMMITTER_EMAIL": "you@example.com", "GIT_CONFIG_COUNT": "1",
            # `git push` to the tutorial's GitHub address goes to the local bare repository instead.
            "GIT_CONFIG_KEY_0": f"url.{bare.as_uri()}.insteadOf", "GIT_CONFIG_VALUE_0": REMOTE}


def run(command: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=180)
    return done.returncode, done.stdout


def run_serve(command: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """The preview as the reader runs it (on a free port, not 8000, which may be taken): a page fetched, then Ctrl-C."""
    proc = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    serving = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.startswith("serving "):
                serving.set()
        serving.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert serving.wait(60), "".join(lines)
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", "".join(lines)).group(1))  # type: ignore[union-attr]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/myproduct/topic-guide/en/latest/Sharing%20Notes/")
        response = conn.getresponse()
        assert response.status == 200 and b"Who can see a shared note?" in response.read()
        conn.close()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    reader.join(10)
    return code, "".join(lines)


def test_every_command_of_the_tutorial_prints_what_the_tutorial_shows(tmp_path, shell_env):
    cwd = tmp_path / "work"
    cwd.mkdir()
    ran = []
    for kind, block in BLOCK.findall(TUTORIAL.read_text(encoding="utf-8")):
        if kind == "diff":
            apply_diff(cwd, block)
            continue
        for command, shown in sessions(block):
            if command.startswith("cd "):
                cwd = cwd / command[3:]
                assert cwd.is_dir() and not shown, command
                continue
            serve = command.startswith("topicgen serve")
            code, output = (run_serve if serve else run)(command, cwd, shell_env)
            assert normalize(output) == normalize(shown), f"`{command}` printed:\n{output}"
            failing = ": error: " in shown or ": warning: " in shown  # the tutorial says these exit 1
            assert code == (1 if failing else 0), f"`{command}` exited {code}:\n{output}"
            ran.append(command)
    assert ran[0].startswith("topicgen new ") and "git push -q -u origin main" in ran, ran
    pushed = subprocess.run(["git", "--git-dir", str(tmp_path / "remote.git"), "ls-tree", "-r", "--name-only", "main"],
                            capture_output=True, text=True, check=True).stdout.split("\n")
    assert ".github/workflows/topicgen.yml" in pushed and not [p for p in pushed if p.startswith(("build/", ".topicgen"))]
