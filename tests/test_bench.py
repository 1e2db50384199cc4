"""bench/bench.py measures what it says: copies are distinct, and each tool starts from scratch every run."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_scaled_corpus_has_distinct_permalinks(tmp_path):
    bench = _bench()
    src = tmp_path / "src"
    (src / "p").mkdir(parents=True)
    (src / "p" / "a.md").write_text("---\ntitle: A\npermalink: p/topic-guide/en/latest/a/\n---\nText.\n")
    (src / "img.png").write_bytes(b"png")
    assert bench.scale_corpus(src, tmp_path / "out", 3) == 3
    texts = [(tmp_path / "out" / f"copy{i:02d}" / "p" / "a.md").read_text() for i in range(3)]
    assert [t.split("\n")[2] for t in texts] == [f"permalink: p/topic-guide/en/latest/a-c{i:02d}/" for i in range(3)]
    # bodies differ too: Jekyll converts a text it has converted before from its cache
    assert [t.split("---\n")[2] for t in texts] == [f"This is copy {i + 1} of the guide.\n\nText.\n" for i in range(3)]
    assert (tmp_path / "out" / "img.png").read_bytes() == b"png"


def test_each_tool_run_starts_without_its_cache_or_output(tmp_path, monkeypatch):
    bench = _bench()
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text("---\ntitle: A\n---\nText.\n")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")  # as if both were installed
    aside = bench.Aside(tmp_path / "aside")
    tools = bench.others(src, tmp_path / "work", aside)
    leftovers = {"jekyll": [tmp_path / "work" / "jekyll" / ".jekyll-cache", tmp_path / "work" / "jekyll-out"],
                 "jekyll-kore": [tmp_path / "work" / "jekyll-kore" / ".jekyll-cache", tmp_path / "work" / "jekyll-kore-out"],
                 "hugo": [tmp_path / "work" / "hugo" / "public", tmp_path / "work" / "hugo" / "resources"]}
    for name, (_cmd, clean, _cwd) in tools.items():
        for folder in leftovers[name]:
            (folder / "x").mkdir(parents=True)
        clean(0)
        assert not [f for f in leftovers[name] if f.exists()], name
    # put aside, not deleted (see bench.Aside): one folder per leftover, each with what it held
    expected = sum(len(leftovers[name]) for name in tools)
    assert sorted(p.name for p in (tmp_path / "aside").iterdir()) == sorted(str(i) for i in range(1, expected + 1))
    assert all((p / "x").is_dir() for p in (tmp_path / "aside").iterdir())
    aside.clear()
    assert not (tmp_path / "aside").exists()


def test_the_goals_table_states_issue_17s_figures_against_their_targets():
    bench = _bench()
    t1 = {"full": (0.5, 40 * 1024), "one-change": (0.2, 1)}
    t20 = {"full": (6.0, 140 * 1024), "one-change": (0.5, 1)}
    f1 = {"jekyll-kore": (1.0, 1, 2.0)}  # Jekyll took twice topicgen's time: topicgen 0.5 of Jekyll's
    f20 = {"jekyll-kore": (3.0, 1, 0.5), "hugo": (2.0, 1, 1 / 3)}
    text = bench.goals(t1, t20, f1, f20, {"1x": 0.12, "20x": 0.9}, 20)
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[2:] for line in text.splitlines()[3:]}
    assert rows["full 1x: topicgen's time / Jekyll's (Kore layout)"] == ["0.50", "yes |"]
    assert rows["full 20x: topicgen's time / Jekyll's (Kore layout)"] == ["2.00", "no |"]
    assert rows["full 20x: topicgen's time / Hugo's"] == ["3.00", "no |"]
    assert rows["peak RSS, full 20x (MB)"] == ["140", "no |"]
    assert rows["full 20x / full 1x"] == ["12.0", "yes |"]
    assert rows["one guide changed, 20x / full 20x"] == ["0.08", "yes |"]
    assert rows["serve 1x: edit to visible, median (ms)"] == ["120", "yes |"]
    assert rows["serve 20x: edit to visible, median (ms)"] == ["900", "no |"]
    assert "not measured" in bench.goals(t1, t20, f1, f20, {}, 20)
