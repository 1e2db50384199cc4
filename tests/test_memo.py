"""The memo of a long-running process's builds: what it keeps, by what, and that a preview fed edits of every
kind it keeps results for builds exactly what a fresh build does."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from topicgen.cli import main
from topicgen.memo import NO_MEMO, Memo
from topicgen.serve.preview import Preview

from .conftest import GUIDES


@dataclass(frozen=True)
class Thing:
    name: str


def test_values_count_by_value_and_objects_by_identity():
    memo, made = Memo(), []

    def make(value: str) -> str:
        made.append(value)
        return value.upper()

    a, twin = Thing("a"), Thing("a")  # equal, but another object: a guide parsed again
    assert memo.get(("x", 1, a), lambda: make("one")) == "ONE"
    assert memo.get(("x", 1, a), lambda: make("two")) == "ONE"
    assert memo.get(("x", 1, twin), lambda: make("three")) == "THREE"
    assert memo.get(("x", 2, a), lambda: make("four")) == "FOUR"
    assert memo.get(("x", (1, (a, "b"))), lambda: make("five")) == "FIVE"  # tuples hold either, nested
    assert memo.get(("x", (1, (a, "b"))), lambda: make("six")) == "FIVE"
    assert memo.get(("x", (1, (twin, "b"))), lambda: make("seven")) == "SEVEN"
    assert made == ["one", "three", "four", "five", "seven"]


def test_what_a_build_did_not_ask_for_is_forgotten():
    memo, made = Memo(), []
    kept, dropped = Thing("kept"), Thing("dropped")
    for thing in (kept, dropped):
        memo.get((thing,), lambda thing=thing: made.append(thing.name))
    memo.turn()
    memo.get((kept,), lambda: made.append("kept again"))  # the next build asks for one of them
    memo.turn()
    assert len(memo) == 1
    memo.get((dropped,), lambda: made.append("dropped again"))
    memo.get((kept,), lambda: made.append("kept a third time"))
    assert made == ["kept", "dropped", "dropped again"]


def test_a_kept_object_s_id_is_never_another_s():
    memo = Memo()
    memo.get((Thing("first"),), lambda: "first")  # the memo keeps it alive: its id stays its own
    assert memo.get((Thing("second"),), lambda: "second") == "second"


def test_no_memo_makes_every_result():
    made = []
    for _ in range(2):
        NO_MEMO.get(("x",), lambda: made.append(1))
    assert made == [1, 1] and len(NO_MEMO) == 0


# --- a preview's builds, edit after edit, against fresh builds ---------------------------------------------

EN_PLAN = "platform/topic-guide/en/latest/planusage.md"
KO_PLAN = "platform/topic-guide/ko/latest/planusage.md"
EN_DIALOG = "platform/topic-guide/en/latest/dialogeditor.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _translate(src: Path) -> None:  # a new translation of a guide that had none in ja
    text = (src / "platform/topic-guide/en/latest/datatables.md").read_text(encoding="utf-8")
    (src / "platform/topic-guide/ja/latest/datatables.md").write_text(
        text.replace("platform/topic-guide/en/latest/", "platform/topic-guide/ja/latest/", 1), encoding="utf-8")


def _new_version(src: Path) -> None:  # v2 of every en guide: the listings, switchers and notices change
    shutil.copytree(src / "platform/topic-guide/en/latest", src / "platform/topic-guide/en/v2")
    for path in (src / "platform/topic-guide/en/v2").glob("*.md"):
        _replace(path, "/en/latest/", "/en/v2/")


EDITS = {
    "a question": lambda src, cfg: _replace(src / KO_PLAN, "What is Allowed Sessions?", "Allowed Sessions, edited?"),
    "a title": lambda src, cfg: _replace(src / EN_PLAN, "title: Plan & Usage", "title: Plans and Usage"),
    "a question copied from the source": lambda src, cfg: _replace(
        src / KO_PLAN, "Allowed Sessions, edited?", "What is Allowed Sessions?"),
    "a permalink": lambda src, cfg: _replace(src / EN_PLAN, "latest/Plan & Usage", "latest/Plans"),
    "a new translation": lambda src, cfg: _translate(src),
    "a guide deleted": lambda src, cfg: (src / "platform/topic-guide/ko/latest/billing.md").unlink(),
    "an image deleted": lambda src, cfg: (src / "images/VideoCoverImage.png").unlink(),
    "the config": lambda src, cfg: cfg.write_text("products:\n  platform: The Platform\n", encoding="utf-8"),
    "a version added": lambda src, cfg: _new_version(src),
}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_preview_fed_edits_builds_what_a_fresh_build_does(tmp_path):
    src, cfg = tmp_path / "guides", tmp_path / "topicgen.yml"
    shutil.copytree(GUIDES, src)
    cfg.write_text("products:\n  platform: Platform\n", encoding="utf-8")
    preview = Preview(src, cfg, tmp_path / "site", io.StringIO())
    assert not preview.rebuild().errors
    for n, (name, change) in enumerate(EDITS.items()):  # one after another, each on what the last left
        change(src, cfg)
        state = preview.rebuild(name)
        assert not state.errors, (name, state.errors)
        taken = preview.memory.memo.taken
        preview.catch_up()
        fresh = tmp_path / f"fresh-{n}"
        result = CliRunner().invoke(main, ["build", "--src", str(src), "--config", str(cfg), "--out", str(fresh),
                                           "--no-cache"])
        assert result.exit_code == 0, result.output
        expected = {k: v for k, v in _files(fresh).items() if k != "sitemap.xml"}  # the preview has none
        site = _files(tmp_path / "site")
        assert sorted(site) == sorted(expected), name
        assert [k for k in site if site[k] != expected[k]] == [], name
        assert taken > 0, f"{name}: nothing was taken from the last build"


def test_a_guide_warned_of_by_the_checks_across_guides_is_taken_again(tmp_path):
    from topicgen.reading.collect import check_collisions
    from topicgen.reading.info import info_of
    from topicgen.reading.reader import parse_source

    twin = "platform/topic-guide/en/latest/twin.md"
    plan = parse_source((EN_PLAN, (GUIDES / EN_PLAN).read_bytes(), False))
    text = f"---\ntitle: Twin\npermalink: {plan.permalink.path.upper()}\n---\nText.\n"  # type: ignore[union-attr]
    results = [info_of(parse_source((EN_PLAN, (GUIDES / EN_PLAN).read_bytes(), False))),  # type: ignore[arg-type]
               info_of(parse_source((twin, text.encode(), False))),  # type: ignore[arg-type]
               info_of(parse_source((KO_PLAN, (GUIDES / KO_PLAN).read_bytes(), False)))]  # type: ignore[arg-type]
    memo = Memo()
    first = {i.source: i for i in check_collisions(results, memo)[0]}
    memo.turn()
    again = {i.source: i for i in check_collisions(results, memo)[0]}
    fresh = {i.source: i for i in check_collisions(results)[0]}
    warned = [s for s, i in first.items() if any("differs only in case" in d.message for d in i.diagnostics)]
    assert sorted(warned) == [EN_PLAN, twin]
    assert all(again[s] is first[s] for s in warned)  # the same objects: their pages are taken from the memo
    assert all(fresh[s] is not first[s] and fresh[s] == first[s] for s in warned)
    assert again[KO_PLAN] is results[2]
