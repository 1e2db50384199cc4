"""Deterministic output: the same input gives the same bytes, whatever the file order or the workers."""

from __future__ import annotations

import io
import random
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

import topicgen.reading.collect
import topicgen.workers
from topicgen.build import BuildOptions, build
from topicgen.config import Config
from topicgen.diagnostics import Reporter
from topicgen.workers import map_chunks

from .conftest import GUIDES
from .test_incremental import tree


def full_build(src: Path, out: Path) -> str:
    reporter = Reporter(stream=io.StringIO())
    result = build(BuildOptions(src, out, Config(cache_dir=str(out.parent / f"{out.name}-cache")), label="guides"),
                   reporter)
    assert result.written
    return reporter.stream.getvalue()


def test_two_builds_are_identical(tmp_path):
    full_build(GUIDES, tmp_path / "a")
    full_build(GUIDES, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b") and tree(tmp_path / "a")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_order_does_not_matter(tmp_path, monkeypatch, seed):
    said = full_build(GUIDES, tmp_path / "sorted")
    real = topicgen.reading.collect.find_sources

    def shuffled(src: Path) -> list[str]:
        found = real(src)
        random.Random(seed).shuffle(found)
        return found

    monkeypatch.setattr(topicgen.reading.collect, "find_sources", shuffled)
    assert full_build(GUIDES, tmp_path / "shuffled") == said
    assert tree(tmp_path / "shuffled") == tree(tmp_path / "sorted")


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_workers_give_the_same_output_and_report_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("TOPICGEN_JOBS", "1")
    said = full_build(GUIDES, tmp_path / "one")
    monkeypatch.setenv("TOPICGEN_JOBS", "3")
    monkeypatch.setattr(topicgen.workers, "MIN_ITEMS", 2)  # the bundled guides are too few to fork for
    assert full_build(GUIDES, tmp_path / "three") == said
    assert tree(tmp_path / "three") == tree(tmp_path / "one")


def _power(exponent: int, xs: list[int]) -> list[int]:
    time.sleep(0.002 * (xs[0] % 3))  # workers finish out of order
    return [x ** exponent for x in xs]


def _fail_on_five(context: object, xs: list[int]) -> list[int]:
    if 5 in xs:
        raise ValueError("five")
    return xs


def counting(done: list[int]):
    """A progress display that keeps what it is told."""
    @contextmanager
    def progress(label: str, total: int):
        yield done.append
    return progress


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_worker_results_keep_the_input_order_and_errors_surface(monkeypatch):
    monkeypatch.setenv("TOPICGEN_JOBS", "2")
    monkeypatch.setattr(topicgen.workers, "MIN_ITEMS", 2)
    done: list[int] = []
    assert map_chunks(_power, 3, list(range(50)), progress=counting(done)) == [x ** 3 for x in range(50)]
    assert sum(done) == 50 and len(done) > 1, "the context reached the workers, every result came back in order"
    with pytest.raises(ValueError, match="five"):
        map_chunks(_fail_on_five, None, list(range(20)))


def test_no_timestamps_in_the_output(tmp_path, monkeypatch):
    """Built a year apart (as far as the clock says) the pages are the same."""
    full_build(GUIDES, tmp_path / "now")
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    full_build(GUIDES, tmp_path / "later")
    assert tree(tmp_path / "later") == tree(tmp_path / "now")
    year = time.strftime("%Y")
    assert not any(year in p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "now").rglob("*.xml"))
    shutil.rmtree(tmp_path / "later")
