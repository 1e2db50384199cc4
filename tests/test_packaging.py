"""A wheel of topicgen carries its default theme, the preview's assets, the project template and the license."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_contains_default_theme(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("topicgen-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {p.relative_to(ROOT / "themes").as_posix() for p in (ROOT / "themes").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert theme and {f"topicgen/themes/{t}" for t in theme} <= names
    assert not [n for n in names if n.startswith("topicgen/themes/") and "__pycache__" in n]
    assert {"topicgen/serve/livereload.js", "topicgen/serve/overlay.css", "topicgen/cli.py"} <= names
    # `topicgen new` copies the project template: every file of it, dotfiles too.
    template = {p.relative_to(ROOT).as_posix() for p in (ROOT / "topicgen/scaffold/project").rglob("*") if p.is_file()}
    assert {"topicgen/scaffold/project/.gitignore", "topicgen/scaffold/project/.github/workflows/topicgen.yml"} <= template
    assert template <= names, f"template files missing from the wheel: {sorted(template - names)}"
    assert [n for n in names if n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE")]
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "topicgen").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names, f"modules missing from the wheel: {sorted(modules - names)}"
    assert not (ROOT / "build" / "lib").exists(), "setuptools must not stage in topicgen's output folder"
