"""Running the theme's search scripts in node for the search tests: skipped without node, unless CI requires it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent / "search_js"
STATIC = ROOT / "themes" / "default" / "static" / "search"


def node() -> str:
    """The node executable; skips the test without one, fails instead when TOPICGEN_REQUIRE_BROWSER=1 (CI)."""
    found = shutil.which("node")
    if found:
        return found
    if os.environ.get("TOPICGEN_REQUIRE_BROWSER") == "1":
        pytest.fail("TOPICGEN_REQUIRE_BROWSER=1 but node is not installed (apt-get install nodejs)")
    pytest.skip("node is not installed: the JavaScript side of the search is not checked (apt-get install nodejs)")


def run_node(script: str, *args: str, stdin: str | None = None) -> Any:
    """Run tests/search_js/<script> with node; its standard output is JSON."""
    done = subprocess.run([node(), str(SCRIPTS / script), *args], input=stdin, capture_output=True, check=False,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
