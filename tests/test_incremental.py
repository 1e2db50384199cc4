"""Incremental builds after every kind of change: output, diagnostics and recorded keys equal a full build's."""

from __future__ import annotations

import hashlib
import io
import pickle
import shutil
from pathlib import Path

import pytest

import topicgen.cache
from topicgen.build import build
from topicgen.cache import CACHE_DIR, STATE_FILE, load_state
from topicgen.config import Config
from topicgen.report import Reporter

from .conftest import GUIDES
from .test_cache import tree

EN = "platform/topic-guide/en/latest"


def run(src: Path, out: Path, config: Config | None = None, **kw):
    reporter = Reporter(stream=io.StringIO())
    result = build(src, out, config or Config(), reporter, src_label="guides", **kw)
    return result, reporter.stream.getvalue()


class Site:
    """A copy of the bundled guides, built incrementally into one folder and from scratch into others."""

    def __init__(self, root: Path, config: Config | None = None) -> None:
        self.root = root
        self.config = config
        self.src = root / "guides"
        shutil.copytree(GUIDES, self.src)
        self.out = root / "site"
        self.fulls = 0
        self.first = run(self.src, self.out, config)[0]

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.src / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def check(self):
        """Build incrementally, then from scratch: the two must agree in every byte, diagnostic and key."""
        result, said = run(self.src, self.out, self.config)
        self.fulls += 1
        full = self.root / f"full-{self.fulls}"
        fresh, said_fresh = run(self.src, full, self.config, use_cache=False)
        assert result.written == fresh.written
        assert said == said_fresh, "the same diagnostics, in the same order"
        if result.written:
            assert tree(self.out) == tree(full), "incremental output is byte-identical to a full build"
            assert _keys(self.out) == _keys(full), "every page is recorded as made from the same data"
            assert result.pages == fresh.pages
        return result


def _keys(out: Path) -> dict[str, str]:
    state, _ = load_state(out)
    assert state is not None
    return {rel: entry[0] for rel, entry in state.outputs.items()}


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


def test_a_content_edit_renders_only_the_pages_holding_the_guide(site):
    site.edit(f"{EN}/digitalforms.md", "Check out", "Edited: check out")  # its summary: the listing shows it
    result = site.check()
    assert result.collection is None, "the plan is the last build's: no other guide had to be read"
    assert result.rebuilt == 2  # the guide's page and its listing
    site.edit(f"{EN}/digitalforms.md", "</summary>", "</summary>\n\nMore text.\n", )
    assert site.check().rebuilt <= 2


def test_a_title_change(site):
    site.edit(f"{EN}/planusage.md", "title: ", "title: Zz ")
    assert site.check().rebuilt <= 2


def test_a_permalink_change(site):
    site.edit(f"{EN}/dialogeditor.md", "permalink: platform/topic-guide/en/latest/Dialog Editor",
              "permalink: platform/topic-guide/en/latest/Dialog Editor 2")
    result = site.check()
    assert result.collection is not None, "the plan changed: every page was keyed again"


def test_an_index_that_shows_more_of_each_guide_than_its_outline(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "listing.html").write_text(
        "{% for g in guides %}{{ g.title }}|{{ g.heading }}|{{ g.faqs | length }}|{{ g.summary }}|"
        "{{ g.permalink.path }}|{{ g == g }}|{{ g.extra }}\n{% endfor %}", encoding="utf-8")
    site = Site(tmp_path / "project", Config(theme=str(theme)))
    site.edit(f"{EN}/digitalforms.md", "######", "###### A new heading:")  # not in the outline
    assert site.check().rebuilt == 2
    site.edit(f"{EN}/digitalforms.md", "<summary>", "<summary>Another question\n</summary>\n</details>\n"
              "<details><summary>FAQs</summary>")
    site.check()


def test_a_guide_view_is_the_guide_to_a_template():
    from topicgen.site import GuideView, outline
    from topicgen.collection import collect
    from topicgen.mdrender import Renderer

    guide = collect(GUIDES, Renderer()).guides[0]
    read = []
    view = GuideView(outline(guide), lambda: read.append(1) or guide)
    assert (view.title, view.permalink, view.summary, view.source) == (guide.title, guide.permalink,
                                                                       guide.summary, guide.source)
    assert not read, "what the outline has needs no guide read"
    assert view.heading == guide.heading and view.faqs == guide.faqs and len(read) == 1
    assert view == guide and guide == view and repr(view) == repr(guide) and str(view) == str(guide)
    with pytest.raises(AttributeError):
        view.no_such_thing


def test_a_guide_added_then_removed(site):
    added = site.src / EN / "added.md"
    added.write_bytes((site.src / EN / "datatables.md").read_bytes().replace(b"dataForm", b"addedForm"))
    site.check()
    added.unlink()
    site.check()


def test_a_guide_moved_out_of_the_product_layout_and_back(site):
    rel = "platform/topic-guide/en/v9.1/summary.md"
    site.edit(rel, "permalink: platform/topic-guide/en/latest/summary", "permalink: loose/summary")
    site.check()  # now listed on the root index
    site.edit(rel, "title: Summary", "title: Summary edited")
    assert site.check().rebuilt == 2  # its page and the root index
    site.edit(rel, "permalink: loose/summary", "permalink: platform/topic-guide/en/latest/summary")
    site.check()


def test_link_and_image_references_changed(site):
    rel = f"{EN}/digitalforms.md"
    site.edit(rel, "images/docIcon.svg", "images/video-icon.svg")  # another image, already copied for others
    site.check()
    site.edit(rel, "images/video-icon.svg", "images/missing.svg")  # a missing one: a warning
    site.check()
    shutil.copyfile(site.src / "images" / "docIcon.svg", site.src / "images" / "fresh.svg")
    site.check()  # a new file, not referenced yet
    site.edit(rel, "images/missing.svg", "images/fresh.svg")  # now it is: copied, and known to every page
    site.check()
    # a card linking to another guide's page, which becomes a relative link on every page showing it
    site.edit(rel, 'href="https://developer.kore.ai/docs/bots/',
              'href="platform/topic-guide/en/latest/dataForm" data-x="')
    site.check()


def test_warnings_move_with_their_lines(site):
    rel = f"{EN}/digitalforms.md"
    site.edit(rel, "images/docIcon.svg", "images/missing.svg")
    site.check()
    site.edit(rel, "<details", "A new paragraph.\n\nAnd another.\n\n<details")  # the warning is further down now
    result = site.check()
    assert result.collection is None


def test_a_guide_that_becomes_invalid_and_valid_again(site):
    rel = f"{EN}/datatables.md"
    original = (site.src / rel).read_text(encoding="utf-8")
    (site.src / rel).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert not site.check().written
    (site.src / rel).write_text(original.replace("Check out", "Fixed: check out"), encoding="utf-8")
    assert site.check().written


def test_permalinks_that_collide(site):
    twin = site.src / EN / "twin.md"
    twin.write_bytes((site.src / EN / "planusage.md").read_bytes().replace(b"Plan & Usage", b"plan & usage"))
    site.check()  # equal but for case: a warning on both
    site.edit(f"{EN}/twin.md", "Check out", "Twin: check out")
    assert site.check().collection is None, "the collision check needs no guide read"
    site.edit(f"{EN}/planusage.md", "Check out", "Original: check out")
    site.check()
    twin.write_bytes((site.src / EN / "planusage.md").read_bytes())  # the very same permalink: an error
    assert not site.check().written


def test_an_image_file_changed_or_removed(site):
    (site.src / "images" / "docIcon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    site.check()
    (site.src / "images" / "docIcon.svg").unlink()
    site.check()


def test_several_builds_in_a_row_stay_equal_to_full_builds(site):
    for i in range(3):
        site.edit(f"{EN}/planusage.md", "Check out", f"Round {i}: Check out")
        site.edit("platform/topic-guide/ja/latest/planusage.md", "title: ", f"title: {i} ")
        site.check()


def _rewrite_state(out: Path, **changes) -> None:
    state, _ = load_state(out)
    for name, value in changes.items():
        setattr(state, name, value)
    (out / CACHE_DIR / STATE_FILE).write_bytes(state.to_bytes())


@pytest.mark.parametrize("index", [b"", b"garbage", pickle.dumps(("names", ["a.md"], {"a.md": ("k", 1, ())})),
                                   pickle.dumps(("n", "not a list", {}))])
def test_a_damaged_index_is_not_trusted(site, index):
    _rewrite_state(site.out, index=index)
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")
    site.check()


def _packs(out: Path) -> list[Path]:
    return sorted((out / CACHE_DIR).glob("guides-*.pack"))


@pytest.mark.parametrize("damage", ["flipped", "removed", "truncated"])
def test_a_damaged_pack_of_guides_is_parsed_again(site, damage):
    [pack] = _packs(site.out)
    data = pack.read_bytes()
    if damage == "flipped":
        pack.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    elif damage == "removed":
        pack.unlink()
    else:
        pack.write_bytes(data[:-1])
    site.edit(f"{EN}/digitalforms.md", "Check out", "Edited: check out")  # its listing needs the others
    site.check()
    site.edit(f"{EN}/digitalforms.md", "Edited: check out", "Again: check out")
    site.check()


def test_packs_stay_few_and_small(site):
    size = sum(p.stat().st_size for p in _packs(site.out))
    for i in range(6):
        site.edit(f"{EN}/planusage.md", "Check out", f"Round {i}: Check out")
        site.edit(f"{EN}/datatables.md", "Check out", f"Round {i}: Check out")
        site.check()
        assert len(_packs(site.out)) <= 2
    state, _ = load_state(site.out)
    assert set(state.packs) == {p.name for p in _packs(site.out)}
    assert sum(p.stat().st_size for p in _packs(site.out)) < 2 * size + 10_000, "garbage is dropped"
    for path in site.src.rglob("*.md"):  # most guides changed: all of them in one new pack
        path.write_text(path.read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    site.check()
    assert len(_packs(site.out)) == 1


def test_the_sources_are_listed_again_when_file_names_change(site):
    (site.src / "notes.txt").write_text("not a guide\n")
    site.check()
    (site.src / "notes.md").write_text("---\ntitle: Notes\npermalink: notes\n---\nText\n")
    site.check()
    hidden = site.src / ".drafts"
    hidden.mkdir()
    (hidden / "draft.md").write_text("---\ntitle: Draft\npermalink: draft\n---\nText\n")
    site.check()


def test_a_crafted_index_cannot_run_code(site, tmp_path):
    class Evil:
        def __reduce__(self):
            return (shutil.rmtree, (str(site.src),))

    _rewrite_state(site.out, index=pickle.dumps(Evil()))
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")
    site.check()
    assert site.src.is_dir()


def test_the_state_file_is_checked_whole(site):
    path = site.out / CACHE_DIR / STATE_FILE
    data = path.read_bytes()
    payload = data.split(b"\n", 2)[2]
    assert hashlib.sha256(payload).hexdigest().encode() in data
    assert topicgen.cache._MAGIC in data


def test_guides_in_the_place_of_generated_pages_and_copies(site):
    (site.src / "clash.md").write_text("---\ntitle: Clash\npermalink: images/docIcon.svg\n---\nText\n")
    (site.src / "index.md").write_text("---\ntitle: Index\npermalink: platform/topic-guide/en/latest/index.html\n"
                                       "---\nText\n")
    site.check()
    _, said = run(site.src, site.root / "again", use_cache=False)
    assert "`images/docIcon.svg` is also a guide's folder" in said and "takes the place of the generated" in said
    site.edit("clash.md", "Text", "Other text")
    assert site.check().collection is None


def test_the_index_is_written_whole_only_now_and_then(site):
    before, _ = load_state(site.out)
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")
    site.check()
    after, _ = load_state(site.out)
    assert after.index == before.index and after.index_delta, "one changed record: only it is written"
    _rewrite_state(site.out, index_delta=b"\x80\x05garbage")
    site.edit(f"{EN}/planusage.md", "Edited: check out", "Again: check out")
    site.check()
    for path in site.src.rglob("*.md"):  # every record changed: a new base
        path.write_text(path.read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    site.check()
    assert load_state(site.out)[0].index_delta == b""


def test_a_guide_edited_between_the_scan_and_its_parse_is_not_remembered(site, monkeypatch):
    """The parse of the new text must not be cached under the hash of the old one: back to the old text,
    the next build must not reuse it."""
    import topicgen.build as build_module

    scan = build_module.scan
    path = site.src / EN / "planusage.md"
    before = path.read_text(encoding="utf-8")

    def scan_then_edit(*args, **kwargs):
        inputs = scan(*args, **kwargs)
        path.write_text(before.replace("Check out", "Edited meanwhile: check out", 1), encoding="utf-8")
        return inputs

    assert "Check out" in before
    site.edit(f"{EN}/planusage.md", "Check out", "First edit: check out")  # so that it is parsed again
    first = path.read_text(encoding="utf-8")
    monkeypatch.setattr(build_module, "scan", lambda *a, **k: (path.write_text(first, encoding="utf-8"),
                                                                scan_then_edit(*a, **k))[1])
    run(site.src, site.out)
    monkeypatch.setattr(build_module, "scan", scan)
    path.write_text(first, encoding="utf-8")  # the text the scan saw: its parse must not come from the cache
    site.check()
