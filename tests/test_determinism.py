"""Deterministic output: the same input gives the same bytes, whatever the file order or the workers."""

from __future__ import annotations

import io
import random
import shutil
import sys
import time
from pathlib import Path

import pytest

import topicgen.reading.collect
import topicgen.workers
from topicgen.build import build
from topicgen.config import Config
from topicgen.diagnostics import Reporter
from topicgen.options import BuildOptions
from topicgen.reading.sources import SourceTree
from topicgen.workers import Crew

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
    real = topicgen.reading.collect.source_tree

    def shuffled(src: Path) -> SourceTree:
        found = real(src)
        random.Random(seed).shuffle(found.sources)
        return found

    monkeypatch.setattr(topicgen.reading.collect, "source_tree", shuffled)
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


def _power(state: dict, xs: list[int], tick) -> list[int]:
    time.sleep(0.002 * (xs[0] % 3))  # workers finish out of order
    state.setdefault("seen", []).extend(xs)
    tick(len(xs))
    return [x ** state["exponent"] for x in xs]


def _seen(state: dict, arg: None, tick) -> list[int]:
    return state.get("seen", [])


def _fail_on_five(state: dict, xs: list[int], tick) -> list[int]:
    if 5 in xs:
        raise ValueError("five")
    return xs


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_a_crew_keeps_each_workers_state_and_the_order_of_results(monkeypatch):
    monkeypatch.setenv("TOPICGEN_JOBS", "2")
    done: list[int] = []
    with Crew({"exponent": 3}) as crew:
        crew.start(500)
        assert crew.size == 2
        results = crew.spread(_power, [list(range(i, i + 5)) for i in range(0, 50, 5)], done.append)
        assert [r for _, chunk in results for r in chunk] == [x ** 3 for x in range(50)]
        assert sum(done) == 50, "the context reached the workers, ticks and results came back in order"
        seen = crew.each(_seen, [None, None])
        assert sorted(x for s in seen for x in s) == list(range(50)), "each worker kept what it did"
        assert all(set(chunk) <= set(seen[worker]) for worker, chunk in
                   [(w, list(range(i * 5, i * 5 + 5))) for i, (w, _) in enumerate(results)])
        with pytest.raises(ValueError, match="five"):
            crew.spread(_fail_on_five, [[1, 2], [4, 5]])


def test_a_crew_of_one_runs_here():
    with Crew({"exponent": 2}, size=1) as crew:
        assert crew.spread(_power, [[1, 2], [3]]) == [(0, [1, 4]), (0, [9])]
        assert crew.each(_seen, [None]) == [[1, 2, 3]]


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


def test_model_objects_survive_pickling_between_processes_unchanged():
    """What workers send back equals what they made (same class, same fields)."""
    import pickle

    from topicgen.config import Config
    from topicgen.reading.collect import read_collection

    from .conftest import ROOT

    collection = read_collection(ROOT / "guides", Config(cache_dir=None))
    infos = list(collection.infos)
    assert infos and pickle.loads(pickle.dumps(infos)) == infos
    guide = collection.guide(infos[0].source)
    again = pickle.loads(pickle.dumps(guide))
    assert again == guide and type(again) is type(guide)
