"""Commands and edits shown in the docs, run as a reader would: a shell with this checkout's `topicgen`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def shell_env(tmp_path: Path) -> dict[str, str]:
    """The commands' environment: `topicgen` is this checkout's, git is private and pushes to a local repository."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, args in (("topicgen", "-m topicgen"), ("python", "")):  # `python` too: the docs call it
        (bin_dir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" {args} "$@"\n', encoding="utf-8")
        (bin_dir / name).chmod(0o755)
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
    """Run one command line in bash: its exit code, and its output and errors as a terminal shows them."""
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=180)
    return done.returncode, done.stdout
