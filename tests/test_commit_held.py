"""A commit told what its folder holds (`Staging(out, held)`, the preview's private folder) leaves the same
folder and says the same as one that walks the folder; when what it was told is out of date, it walks."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from topicgen.cli import main
from topicgen.config import Config
from topicgen.output.commit import CommitSummary, Staging
from topicgen.output.folder import MARKER
from topicgen.reading.collect import read_collection
from topicgen.serve.preview import Preview

from .conftest import GUIDES

EN_PLAN = "platform/topic-guide/en/latest/planusage.md"

# Paths of a small site: pages in folders one to three deep, so that folders come and go with their pages.
_NAMES = st.sampled_from(["a", "b", "c"])
_PATHS = st.lists(_NAMES, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".html")
_SITES = st.dictionaries(_PATHS, st.sampled_from([b"one", b"two"]), max_size=8)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _consistent(site: dict[str, bytes]) -> dict[str, bytes]:
    """The site without files that stand where another file needs a folder (`a.html` and `a.html/b.html`
    cannot both be)."""
    return {rel: data for rel, data in site.items()
            if not any(other.startswith(rel + "/") for other in site)}


def _commit(out: Path, new: dict[str, bytes], held: set[str] | None) -> CommitSummary:
    with Staging(out, held) as staging:
        for rel, data in sorted(new.items()):
            staging.write(rel, data)
        return staging.commit()


def _build(out: Path, site: dict[str, bytes]) -> None:
    out.mkdir()
    (out / MARKER).write_bytes(b"marker\n")
    for rel, data in site.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=_SITES, new=_SITES)
def test_held_commit_is_the_walking_commit(tmp_path_factory, old, new):
    old, new = _consistent(old), _consistent(new)
    root = tmp_path_factory.mktemp("held")
    walked, told = root / "walked", root / "told"
    _build(walked, old)
    _build(told, old)
    by_walk = _commit(walked, new, None)
    by_record = _commit(told, new, set(old))
    assert _files(told) == _files(walked)
    assert _files(told) == {MARKER: b"marker\n", **new}
    assert by_record == by_walk


def test_a_held_file_that_is_gone_makes_the_commit_walk(tmp_path):
    out = tmp_path / "out"
    _build(out, {"a/index.html": b"a", "b/index.html": b"b", "stray.html": b"left by hand"})
    (out / "a/index.html").unlink()  # behind the builds' back: the record still says it is there
    summary = _commit(out, {"a/index.html": b"new a", "b/index.html": b"b"}, {"a/index.html", "b/index.html"})
    # The walk found what the record did not know: the stray goes too, and nothing failed.
    assert _files(out) == {MARKER: b"marker\n", "a/index.html": b"new a", "b/index.html": b"b"}
    assert summary == CommitSummary(written=1, unchanged=1, removed=1)


def test_a_folder_without_its_marker_is_walked(tmp_path):
    out = tmp_path / "out"
    _build(out, {"a/index.html": b"a", "stray.html": b"left by hand"})
    os.unlink(out / MARKER)
    _commit(out, {"a/index.html": b"a"}, {"a/index.html"})
    assert _files(out) == {MARKER: b"This folder is written by topicgen and replaced on every build.\n",
                           "a/index.html": b"a"}


def test_a_preview_page_removed_behind_its_back_is_made_again_when_its_guide_changes(tmp_path):
    src = tmp_path / "guides"
    shutil.copytree(GUIDES, src)
    preview = Preview(src, None, tmp_path / "site", io.StringIO())
    assert not preview.rebuild().errors
    guide = src / EN_PLAN
    info = next(i for i in read_collection(src, Config()).infos if i.source == EN_PLAN)
    page = tmp_path / "site" / info.permalink.path
    (page / "index.html").unlink()
    guide.write_text(guide.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    state = preview.rebuild("an edit")
    assert not state.errors
    assert "Edited" in (page / "index.html").read_text(encoding="utf-8")
    preview.catch_up()  # the search index the edit reaches
    fresh = tmp_path / "fresh"
    result = CliRunner().invoke(main, ["build", "--src", str(src), "--out", str(fresh), "--no-cache"])
    assert result.exit_code == 0, result.output
    expected = {k: v for k, v in _files(fresh).items() if k != "sitemap.xml"}
    assert _files(tmp_path / "site") == expected
