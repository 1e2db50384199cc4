"""Shared fixtures: the CLI runner, the bundled guides, and the shared corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "guides"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "kore"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus() -> Path:
    """The 302 real guides beside the project; tests that need them skip on a fresh clone."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/kore is not present (a fresh clone has none)")
    return CORPUS
