"""A real `python -m topicgen serve` in a subprocess on a free port, for the serve and browser tests."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_USAGE = "/platform/topic-guide/ko/latest/Plan%20%26%20Usage/"


class ServeProcess:
    """Starts the server in `cwd` (its private folder goes under `cwd/tmp`) and collects its stderr."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.cwd = cwd
        self.tmp = cwd / "tmp"
        self.tmp.mkdir(exist_ok=True)
        env = {**os.environ, "TMPDIR": str(self.tmp), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1",
               **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "topicgen", "serve", "--port", "0", *args], cwd=cwd,
                                     env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._serving = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._serving.wait(60):
            self.kill()
            raise AssertionError("the server did not start:\n" + self.stderr)
        m = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)", self.stderr)
        assert m, self.stderr
        self.port, self.base = int(m.group(1)), m.group(2)

    def _read(self) -> None:
        for line in self.proc.stderr:  # type: ignore[union-attr]
            self.lines.append(line)
            if line.startswith("serving "):
                self._serving.set()
        self._serving.set()  # the process ended: stop waiting

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    @property
    def site(self) -> Path:
        """The private folder the server builds into."""
        (folder,) = self.tmp.glob("topicgen-serve-*")
        return folder / "site"

    def get(self, path: str, method: str = "GET", headers: dict[str, str] | None = None
            ) -> tuple[int, dict[str, str], str]:
        """Status, headers and body; http.client sends the path exactly as given."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def raw(self, request_line_path: str) -> bytes:
        """The whole response to a request written byte for byte on a socket (no client normalizes it)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(f"GET {request_line_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                         .encode("latin-1"))
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def status(self) -> dict:
        import json
        return json.loads(self.get("/__topicgen/status")[2])

    def wait_version_change(self, old: str, timeout: float = 30) -> dict:
        """The status once a build after `old` has finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = self.status()
            if now["version"] != old:
                return now
            time.sleep(0.02)
        raise AssertionError(f"no rebuild within {timeout} s:\n{self.stderr}")

    def poll(self, path: str, predicate, timeout: float = 30) -> tuple[float, str]:
        """Fetch `path` until its body satisfies `predicate`; the seconds it took and the body."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            status, _, body = self.get(path)
            if status == 200 and predicate(body):
                return time.monotonic() - started, body
            time.sleep(0.01)
        raise AssertionError(f"{path} never showed the change within {timeout} s:\n{self.stderr}")

    def wait_output(self, text: str, timeout: float = 30) -> None:
        """Wait until the server has printed `text` (pages can be served before the line is printed)."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            if time.monotonic() > deadline:
                raise AssertionError(f"the server never printed {text!r}:\n{self.stderr}")
            time.sleep(0.01)

    def interrupt(self, sig: int = signal.SIGINT, timeout: float = 10) -> tuple[int, float]:
        """Send SIGINT as Ctrl-C does (or another signal); the exit code and the seconds it took to stop."""
        started = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout)
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
