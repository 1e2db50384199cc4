"""Deterministic output: the same input gives the same bytes, whatever the file order or worker timing."""

from __future__ import annotations

import io
import os
import random
import shutil
import time
from pathlib import Path

import pytest

import topicgen.parallel
import topicgen.source
from topicgen.build import build
from topicgen.config import Config
from topicgen.parallel import ordered_map
from topicgen.report import Reporter

from .conftest import GUIDES
from .test_cache import tree


def full_build(src: Path, out: Path) -> None:
    result = build(src, out, Config(), Reporter(stream=io.StringIO()), src_label="guides", use_cache=False)
    assert result.written


def test_two_builds_are_identical(tmp_path):
    full_build(GUIDES, tmp_path / "a")
    full_build(GUIDES, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b") and tree(tmp_path / "a")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_order_does_not_matter(tmp_path, monkeypatch, seed):
    full_build(GUIDES, tmp_path / "sorted")
    real = topicgen.source.source_names

    def shuffled(src: Path) -> list[str]:
        found = real(src)
        random.Random(seed).shuffle(found)
        return found

    monkeypatch.setattr(topicgen.source, "source_names", shuffled)
    full_build(GUIDES, tmp_path / "shuffled")
    assert tree(tmp_path / "shuffled") == tree(tmp_path / "sorted")


def test_workers_give_the_same_output_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("TOPICGEN_JOBS", "1")
    full_build(GUIDES, tmp_path / "one")
    monkeypatch.setenv("TOPICGEN_JOBS", "3")
    monkeypatch.setattr(topicgen.parallel, "MIN_ITEMS", 2)  # the bundled guides are too few to fork for
    monkeypatch.setattr(topicgen.parallel.sys, "platform", "linux")
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    full_build(GUIDES, tmp_path / "three")
    assert tree(tmp_path / "three") == tree(tmp_path / "one")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_page_keys_made_by_workers_are_the_ones_one_process_makes(tmp_path, monkeypatch):
    """A full build keys its pages where they are rendered: the recorded keys must not depend on where."""
    from topicgen.cache import load_state

    def keys(out: Path) -> dict[str, str]:
        state, _ = load_state(out)
        assert state is not None
        return {rel: entry[0] for rel, entry in state.outputs.items()}

    monkeypatch.setenv("TOPICGEN_JOBS", "1")
    full_build(GUIDES, tmp_path / "one")
    monkeypatch.setenv("TOPICGEN_JOBS", "3")
    monkeypatch.setattr(topicgen.parallel, "MIN_ITEMS", 2)
    full_build(GUIDES, tmp_path / "three")
    one = keys(tmp_path / "one")
    assert one == keys(tmp_path / "three")
    assert all(one[rel] for rel in one if rel.endswith(".html")), "every page has a key"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_results_keep_input_order_when_workers_finish_in_another_order():
    def slow_first(x: int) -> int:
        time.sleep(0.02 if x < 3 else 0)  # the first items (the parent's share and worker 1's) end last
        return x * x

    assert ordered_map(slow_first, list(range(12)), 3) == [x * x for x in range(12)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_failing_worker_is_redone_in_the_parent():
    parent = os.getpid()

    def only_in_parent(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("worker trouble")
        return x + 1

    assert ordered_map(only_in_parent, list(range(9)), 3) == list(range(1, 10))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
@pytest.mark.parametrize("trouble", ["dies", "unpicklable"])
def test_what_a_worker_could_not_deliver_is_done_here(trouble):
    """A worker that dies in the middle, or makes a result it cannot send: what it sent is kept, the rest is
    redone here, and the results are whole and in order."""
    parent = os.getpid()

    def work(x: int) -> object:
        if os.getpid() != parent and x >= 20:
            if trouble == "dies":
                os._exit(3)
            return lambda: x  # pickle cannot send a lambda
        time.sleep(0.001)
        return x * 2

    results = ordered_map(work, list(range(60)), 2)
    assert [r if isinstance(r, int) else "lambda" for r in results] == [x * 2 for x in range(60)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_items_a_worker_hands_back_are_done_here_in_order():
    """As a worker leaves guides that need Python-Markdown to the main process: every third item here."""
    from topicgen.parallel import HandBack

    in_worker = []

    def work(x: int) -> tuple[int, int]:
        if in_worker and x % 3 == 0:
            raise HandBack
        time.sleep(0.001)
        return x, os.getpid()

    results = ordered_map(work, list(range(60)), 2, in_worker=lambda: in_worker.append(True))
    assert [x for x, _ in results] == list(range(60))
    assert {pid for x, pid in results if x % 3 == 0} == {os.getpid()}
    assert {pid for x, pid in results if x % 3} - {os.getpid()}, "the worker did the others (some of them)"
    assert not in_worker, "in_worker ran in the worker only"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_results_bigger_than_a_pipe_arrive_whole_while_this_process_is_busy():
    """Workers send while this process is in its lead work: what the pipe cannot hold waits in the worker."""
    results = ordered_map(lambda x: bytes([x % 256]) * 100_000, list(range(30)), 2, lead=lambda: time.sleep(0.3))
    assert results == [bytes([x % 256]) * 100_000 for x in range(30)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_work_goes_to_whichever_process_is_free(tmp_path):
    """While this process is busy with its own lead work, the worker takes every item; results keep order."""
    log = tmp_path / "done"
    items = list(range(40))

    def work(x: int) -> tuple[int, int]:
        with log.open("a") as f:
            f.write(f"{x}\n")
        return x, os.getpid()

    def lead() -> None:  # busy until the worker has done all of it (bounded, should the worker be stuck)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not log.exists() or len(log.read_text().split()) < len(items)):
            time.sleep(0.01)

    results = ordered_map(work, items, 2, lead=lead)
    assert [x for x, _ in results] == items
    workers = {pid for _, pid in results}
    assert len(workers) == 1 and os.getpid() not in workers


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_tickets_that_do_not_fit_in_the_pipe_are_done_here(monkeypatch):
    """A pipe of one page holds 1024 tickets: the rest of the items must still be done, in order."""
    real = topicgen.parallel._write_what_fits
    monkeypatch.setattr(topicgen.parallel, "_write_what_fits", lambda fd, data: real(fd, data[:12]))
    assert ordered_map(lambda x: x * 3, list(range(50)), 2) == [x * 3 for x in range(50)]


def test_lead_work_runs_once_in_this_process_with_or_without_workers():
    seen = []
    for jobs in (1, 2):
        assert ordered_map(lambda x: x * 2, list(range(5)), jobs, lead=lambda: seen.append(os.getpid())) == \
            [0, 2, 4, 6, 8]
    assert seen == [os.getpid(), os.getpid()]


def test_an_error_in_the_work_surfaces_as_without_workers():
    def boom(x: int) -> int:
        if x == 5:
            raise ValueError("five")
        return x

    with pytest.raises(ValueError, match="five"):
        ordered_map(boom, list(range(8)), 2)


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
