"""The build cache: hits, misses, stale and corrupt caches, and incremental output equal to a full build."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
from pathlib import Path

import pytest

import topicgen.cache
import topicgen.theme
from topicgen.build import build
from topicgen.cache import CACHE_DIR, STATE_FILE, load_state
from topicgen.cli import main
from topicgen.config import Config
from topicgen.report import Reporter

from .conftest import GUIDES


def tree(root: Path) -> dict[str, str]:
    """Relative path to sha256 of every output file, the cache left out (it records modification times)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and CACHE_DIR not in p.relative_to(root).parts}


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every output file."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file() and CACHE_DIR not in p.relative_to(root).parts}


def run(src: Path, out: Path, config: Config | None = None, **kw):
    reporter = Reporter(stream=io.StringIO())
    result = build(src, out, config or Config(), reporter, src_label="guides", **kw)
    return result, reporter


@pytest.fixture
def src(tmp_path) -> Path:
    copy = tmp_path / "guides"
    shutil.copytree(GUIDES, copy)
    return copy


def a_guide(src: Path) -> Path:
    return sorted(src.rglob("*.md"))[0]


def test_hit_does_nothing_and_keeps_every_file(src, tmp_path):
    out = tmp_path / "site"
    first, _ = run(src, out)
    assert first.written and first.rebuilt == first.pages > 0 and first.unchanged == 0
    before, files = stamps(out), tree(out)
    second, reporter = run(src, out)
    assert second.written and second.rebuilt == 0 and second.unchanged == first.pages == second.pages
    assert second.collection is None, "nothing was even parsed"
    assert stamps(out) == before and tree(out) == files


def test_hit_repeats_the_diagnostics_and_strict_still_fails(src, tmp_path):
    out = tmp_path / "site"
    (src / "extra.md").write_text("---\ntitle: T\npermalink: demo/topic-guide/en/latest/x\nodd: 1\n---\nText\n")
    _, first = run(src, out)
    assert first.warnings > 0
    before = tree(out)
    result, second = run(src, out)
    assert result.rebuilt == 0
    assert second.stream.getvalue() == first.stream.getvalue()
    result, strict = run(src, out, strict=True)
    assert not result.written and strict.failed(True)
    assert tree(out) == before


def test_one_change_rebuilds_little_and_equals_a_full_build(src, tmp_path):
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out)
    before = stamps(out)
    guide = a_guide(src)
    guide.write_text(guide.read_text(encoding="utf-8").replace("###### ", "###### Changed ", 1), encoding="utf-8")
    result, _ = run(src, out)
    assert 0 < result.rebuilt < result.pages and result.unchanged == result.pages - result.rebuilt
    run(src, full, use_cache=False)
    assert tree(out) == tree(full), "incremental output is byte-identical to a full build"
    after = stamps(out)
    kept = [rel for rel in before if before[rel] == after.get(rel)]
    assert "assets/topic.css" in kept and len(kept) >= len(before) - result.rebuilt - 1
    assert any(before[rel] != after[rel] for rel in before if rel.endswith("index.html"))


def test_added_and_removed_guides_update_the_indexes(src, tmp_path):
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out)
    gone = a_guide(src)
    added = src / "new.md"
    added.write_bytes(gone.read_bytes().replace(b"permalink: ", b"permalink: new-", 1))
    gone.unlink()
    run(src, out)
    run(src, full, use_cache=False)
    assert tree(out) == tree(full)


@pytest.mark.parametrize("change", ["config", "template", "version", "package"])
def test_stale_cache_rebuilds_every_page(src, tmp_path, monkeypatch, change):
    theme = tmp_path / "theme"
    theme.mkdir()
    config = Config(theme=str(theme))
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out, config)
    if change == "config":
        config = Config(theme=str(theme), site_title="Another title")
    elif change == "template":
        (theme / "base.html").write_text(
            (topicgen.theme.DEFAULT_THEME / "base.html").read_text(encoding="utf-8") + "<!-- theirs -->\n")
    elif change == "version":
        monkeypatch.setattr(topicgen.cache, "__version__", "99.0")
    else:  # any of topicgen's own files
        monkeypatch.setattr(topicgen.cache, "_PACKAGE", tmp_path / "pkg")
        (tmp_path / "pkg").mkdir()
        (tmp_path / "pkg" / "x.py").write_text("changed = True\n")
    result, _ = run(src, out, config)
    assert result.rebuilt == result.pages and result.unchanged == 0
    run(src, full, config, use_cache=False)
    assert tree(out) == tree(full)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "wrong shape"])
def test_corrupt_cache_is_rebuilt_never_trusted(src, tmp_path, damage):
    out, full = tmp_path / "site", tmp_path / "full"
    run(src, out)
    state = out / CACHE_DIR / STATE_FILE
    data = state.read_bytes()
    if damage == "garbage":
        state.write_bytes(b"\x80\x05not a cache at all")
    elif damage == "truncated":
        state.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        state.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        state.write_bytes(b"")
    else:  # a valid file whose content is not a state
        payload = pickle.dumps(("env", "site", 1, {"x": "not a tuple"}, {}, []))
        state.write_bytes(topicgen.cache._MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    result, _ = run(src, out)
    assert result.written and result.rebuilt == result.pages
    assert result.cache_note and ("damaged" in result.cache_note or "another version" in result.cache_note)
    run(src, full, use_cache=False)
    assert tree(out) == tree(full)
    assert load_state(out)[0] is not None, "a good cache is written again"


def test_a_crafted_cache_cannot_run_code(tmp_path):
    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'pwned'}",))

    out = tmp_path / "site"
    (out / CACHE_DIR).mkdir(parents=True)
    payload = pickle.dumps(("e", "s", 1, {}, {}, [Evil()]))
    (out / CACHE_DIR / STATE_FILE).write_bytes(
        topicgen.cache._MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    state, note = load_state(out)
    assert state is None and "damaged" in note
    assert not (tmp_path / "pwned").exists()


def test_a_touched_output_file_is_written_again(src, tmp_path):
    out = tmp_path / "site"
    run(src, out)
    page = next(out.rglob("index.html"))
    good = page.read_bytes()
    page.write_bytes(b"edited by hand")
    (out / "stray.txt").write_text("not ours")
    result, _ = run(src, out)
    assert result.written and page.read_bytes() == good and not (out / "stray.txt").exists()
    assert result.rebuilt >= 1


def test_no_cache_flag_builds_everything(src, tmp_path, runner):
    out = tmp_path / "site"
    runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    again = runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    fresh = runner.invoke(main, ["build", "--src", str(src), "--out", str(out), "--no-cache"])
    assert again.exit_code == 0 and fresh.exit_code == 0
    pages = int(again.stderr.split("built ")[1].split()[0])
    assert f"built {pages} pages in " in again.stderr and f"(0 rebuilt, {pages} unchanged)" in again.stderr
    assert f"({pages} rebuilt, 0 unchanged)" in fresh.stderr
    assert "Traceback" not in again.output + fresh.output


def test_a_failed_build_leaves_output_and_cache_as_they_were(src, tmp_path):
    out = tmp_path / "site"
    run(src, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (src / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    result, reporter = run(src, out)
    assert not result.written and reporter.errors
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_context_keys_follow_content_not_identity_or_sharing():
    from markupsafe import Markup

    from topicgen.cache import ContextKeys, Unkeyable
    from topicgen.model import Diagnostic

    table = {f"ref{i}": f"target{i}" for i in range(40)}  # large: keyed once, remembered by identity
    page = {"t": table, "l": [1, "a", None, (2.5, True)], "m": Markup("<b>x</b>"), "d": Diagnostic("warning", 1, "m")}
    shared = ContextKeys()
    first = shared.key(page)
    assert shared.key(page) == first == ContextKeys().key({**page, "t": dict(table), "l": [1, "a", None, (2.5, True)]})
    different = [{**page, "l": [1, "a", None, (2.5, False)]}, {**page, "m": "<b>x</b>"},
                 {**page, "t": {**table, "ref0": "other"}}, {**page, "d": Diagnostic("warning", 2, "m")},
                 {**page, "l": [[1, "a"], None, (2.5, True)]}, {**page, "l": [1, "a", "None", (2.5, True)]}]
    keys = {ContextKeys().key(value) for value in different}
    assert len(keys) == len(different) and first not in keys
    with pytest.raises(Unkeyable):
        ContextKeys().key({"f": lambda: 1})


def test_digest_depends_on_the_parts_content_only():
    from topicgen.cache import digest

    same = "x" * 40
    assert digest(same, same) == digest("x" * 40, "".join(["x"] * 40)), "equal parts, different objects"
    assert len({digest("a", "bc"), digest("ab", "c"), digest("a", b"bc"), digest("abc"), digest()}) == 5
    assert digest("\udc80") != digest("\udc81")  # text that is not valid UTF-8 is keyed too
