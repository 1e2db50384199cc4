"""docs/tutorial.md, run: every command in its order, every edit it shows, each output compared with the page."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import threading
from pathlib import Path

import pytest

from . import doc_session
from .doc_session import BLOCK, apply_diff, normalize, run, sessions

TUTORIAL = doc_session.ROOT / "docs" / "tutorial.md"


@pytest.fixture
def shell_env(tmp_path) -> dict[str, str]:
    return doc_session.shell_env(tmp_path)


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
