"""Shared fixtures: the CLI runner, the bundled guides, and the shared corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "guides"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "kore"


@pytest.fixture(autouse=True)
def _own_folder(tmp_path_factory, monkeypatch):
    """Every test runs in a folder of its own: a build's cache (.topicgen-cache in the current folder) never
    lands in the checkout, and no test sees another's."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus() -> Path:
    """The 302 real guides beside the project; tests that need them skip on a fresh clone."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/kore is not present (a fresh clone has none)")
    return CORPUS


def read_guide(path: Path, source: str, renderer):
    """One guide file parsed as the build parses it (tests' shorthand)."""
    from topicgen.reading.reader import read_bytes

    return read_bytes(path.read_bytes(), source, renderer)


def collect(src: Path, renderer=None):
    """Every guide of `src` read as the build reads them, with the default settings (tests' shorthand)."""
    from topicgen.config import Config
    from topicgen.reading.collect import read_collection

    return read_collection(src, Config(raw_html=bool(renderer and renderer.raw_html)))


def sources(tmp_path: Path, **files: str) -> Path:
    """A sources folder `tmp_path/src` with a `<name>.md` per keyword (tests' shorthand; more may be added)."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name, text in files.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src
