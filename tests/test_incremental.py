"""Builds that reuse the last one: after every kind of change the output and the report equal a full build's,
and the cache, outside the site, is input that is checked like any other."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from topicgen.build import build
from topicgen.cache.keys import environment_key
from topicgen.cache.parsed import ParsedGuides
from topicgen.cache.store import Store
from topicgen.cli import main
from topicgen.config import Config
from topicgen.diagnostics import Reporter
from topicgen.options import BuildOptions, BuildResult
from topicgen.reading.collect import read_collection
from topicgen.reading.permalink import url_path

from .conftest import GUIDES

EN = "platform/topic-guide/en/latest"


def tree(root: Path) -> dict[str, str]:
    """Relative path to sha256 of every file of the output."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every output file."""
    return {p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def run(src: Path, out: Path, config: Config, use_cache: bool = True) -> tuple[BuildResult, str]:
    reporter = Reporter(stream=io.StringIO())
    result = build(BuildOptions(src, out, config, use_cache=use_cache, label="guides"), reporter)
    return result, reporter.stream.getvalue()


class Site:
    """A copy of the bundled guides, built with the cache into one folder and from scratch into others."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.src = root / "guides"
        shutil.copytree(GUIDES, self.src)
        self.out = root / "site"
        self.cache = root / "cache"
        self.config = Config(cache_dir=str(self.cache))
        self.fulls = 0
        self.first = run(self.src, self.out, self.config)[0]

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.src / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def check(self) -> BuildResult:
        """Build with the cache, then from scratch (another cache): both agree in every byte and diagnostic."""
        result, said = run(self.src, self.out, self.config)
        self.fulls += 1
        full = self.root / f"full-{self.fulls}"
        fresh, said_fresh = run(self.src, full, Config(cache_dir=str(self.root / f"cache-{self.fulls}"),
                                                       theme=self.config.theme, site_title=self.config.site_title))
        assert result.written == fresh.written
        assert said == said_fresh, "the same diagnostics, in the same order"
        if result.written:
            assert tree(self.out) == tree(full), "the output is byte-identical to a full build's"
            assert result.pages == fresh.pages
        return result


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


def entries(site: Site) -> dict[str, str]:
    """The cached parse results: key to JSON text."""
    with sqlite3.connect(site.cache / "cache.sqlite") as db:
        return dict(db.execute("SELECT key, data FROM guides"))


def rewrite(site: Site, change) -> int:
    """Every cached parse result passed through `change` (text to text); how many it changed."""
    changed = {k: change(v) for k, v in entries(site).items() if change(v) != v}
    with sqlite3.connect(site.cache / "cache.sqlite") as db:
        db.executemany("UPDATE guides SET data = ? WHERE key = ?", [(v, k) for k, v in changed.items()])
    return len(changed)


def records(site: Site) -> list[dict]:
    with sqlite3.connect(site.cache / "cache.sqlite") as db:
        return [json.loads(data) for (data,) in db.execute("SELECT data FROM builds")]


def test_nothing_changed_does_nothing_and_says_the_same(site):
    before, files = stamps(site.out), tree(site.out)
    result, said = run(site.src, site.out, site.config)
    assert result.written and result.files_written == 0 and result.pages == site.first.pages
    assert stamps(site.out) == before and tree(site.out) == files
    # the bundled guides' 9, and the site's: no base_url, so no sitemap
    assert said.count(": warning: ") == 10, "the warnings of the last build are said again"
    strict = build(BuildOptions(site.src, site.out, site.config, strict=True, label="guides"),
                   Reporter(stream=io.StringIO()))
    assert not strict.written and stamps(site.out) == before


def test_the_cache_is_not_part_of_the_site(site):
    assert sorted(p.name for p in site.out.iterdir() if p.name.startswith(".")) == [".topicgen-output"]
    assert sorted(p.name for p in site.cache.iterdir()) == ["cache.sqlite"] and entries(site)
    assert not any(str(site.src) in text for text in entries(site).values()), "no absolute source path"


def test_the_cache_sits_beside_the_config_file_or_where_cache_dir_says(tmp_path, runner):
    project = tmp_path / "project"
    shutil.copytree(GUIDES, project / "guides")
    (project / "topicgen.yml").write_text("site_title: Mine\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--src", str(project / "guides"), "--out", str(tmp_path / "o"),
                                  "--config", str(project / "topicgen.yml")])
    assert result.exit_code == 0, result.output
    assert (project / ".topicgen-cache" / "cache.sqlite").is_file()
    (project / "topicgen.yml").write_text("cache_dir: ../elsewhere\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--src", str(project / "guides"), "--out", str(tmp_path / "o"),
                                  "--config", str(project / "topicgen.yml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere" / "cache.sqlite").is_file()


def test_a_content_edit_renders_only_the_page_showing_the_text(site):
    site.edit(f"{EN}/planusage.md", "The number of sessions", "Edited: the number of sessions")
    assert site.check().files_written == 1 + 1  # and the search index holding it


def test_a_title_change_renders_its_page_and_its_listing(site):
    site.edit(f"{EN}/planusage.md", "title: ", "title: Renamed ")
    assert site.check().files_written == 2 + 1  # and the search index holding it


def test_indexes_left_for_later_are_remade_by_the_next_build(site):
    """What the preview does: the pages an edit reaches first, its search index by the next build."""
    index = site.out / EN / "search-index.json"
    before = index.read_bytes()
    site.edit(f"{EN}/planusage.md", "title: ", "title: Renamed ")
    options = BuildOptions(site.src, site.out, site.config, label="guides", indexes_later=True)
    first = build(options, Reporter(stream=io.StringIO()))
    assert first.written and first.later == 1 and first.files_written == 2, "its page and its listing, not the index"
    assert index.read_bytes() == before and "Renamed" in (site.out / EN / "index.html").read_text(encoding="utf-8")
    result = site.check()  # the next build: byte-identical to a full build's
    assert result.files_written == 1 and result.later == 0 and b"Renamed" in index.read_bytes()
    assert build(options, Reporter(stream=io.StringIO())).later == 0, "nothing left to do later"


def test_a_permalink_change(site):
    site.edit(f"{EN}/planusage.md", "Plan & Usage\n", "Plans\n")
    site.check()


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
    assert site.check().files_written == 2  # its page and the root index
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
    site.edit(rel, "images/missing.svg", "images/fresh.svg")  # now it is: copied
    site.check()
    site.edit(rel, 'href="https://developer.kore.ai/docs/bots/', 'href="platform/topic-guide/en/latest/dataForm" data-x="')
    site.check()  # a card linking to another guide's page: a relative link


def test_warnings_move_with_their_lines(site):
    rel = f"{EN}/digitalforms.md"
    site.edit(rel, "images/docIcon.svg", "images/missing.svg")
    site.check()
    site.edit(rel, "<details", "A new paragraph.\n\nAnd another.\n\n<details")
    site.check()


def test_a_guide_that_becomes_invalid_and_valid_again(site):
    rel = f"{EN}/datatables.md"
    original = (site.src / rel).read_text(encoding="utf-8")
    before = tree(site.out)
    (site.src / rel).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert not site.check().written
    assert tree(site.out) == before, "a failed build leaves the output as it was"
    (site.src / rel).write_text(original.replace("Check out", "Fixed: check out"), encoding="utf-8")
    assert site.check().written


def test_permalinks_that_collide(site):
    twin = site.src / EN / "twin.md"
    twin.write_bytes((site.src / EN / "planusage.md").read_bytes().replace(b"Plan & Usage", b"plan & usage"))
    site.check()  # equal but for case: a warning on both
    site.edit(f"{EN}/twin.md", "Check out", "Twin: check out")
    site.check()
    twin.write_bytes((site.src / EN / "planusage.md").read_bytes())  # the very same permalink: an error
    assert not site.check().written


def test_an_image_file_changed_or_removed(site):
    (site.src / "images" / "docIcon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    site.check()
    (site.src / "images" / "docIcon.svg").unlink()
    site.check()


def test_a_theme_or_config_change_renders_what_it_changes(site, tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "404.html").write_text("{% extends 'base.html' %}{% block content %}Gone{% endblock %}\n")
    site.config = Config(cache_dir=str(site.cache), theme=str(theme))
    result = site.check()
    assert result.written and "Gone" in (site.out / "404.html").read_text()
    site.config = Config(cache_dir=str(site.cache), theme=str(theme), site_title="Another title")
    result = site.check()
    html = [p for p in site.out.rglob("*.html")]
    assert result.files_written == len(html) and result.unchanged > 0, "every page shows the title; the sitemap does not"


def test_several_builds_in_a_row_stay_equal_to_full_builds(site):
    for i in range(3):
        site.edit(f"{EN}/planusage.md", "Check out", f"Round {i}: Check out")
        site.edit("platform/topic-guide/ja/latest/planusage.md", "title: ", f"title: {i} ")
        site.check()


def test_guides_in_the_place_of_generated_pages_and_copies(site):
    (site.src / "clash.md").write_text("---\ntitle: Clash\npermalink: images/docIcon.svg\n---\nText\n")
    (site.src / "index.md").write_text("---\ntitle: Index\npermalink: platform/topic-guide/en/latest/index.html\n"
                                       "---\nText\n")
    site.check()
    _, said = run(site.src, site.root / "again", Config(cache_dir=str(site.root / "c2")))
    assert "`images/docIcon.svg` is also a guide's folder" in said and "takes the place of the generated" in said
    site.edit("clash.md", "Text", "Other text")
    site.check()


def test_a_touched_output_file_is_written_again_and_strays_go(site):
    page = next(site.out.rglob("index.html"))
    good = page.read_bytes()
    page.write_bytes(b"edited by hand")
    (site.out / "stray.txt").write_text("not ours")
    result, _ = run(site.src, site.out, site.config)
    assert result.written and page.read_bytes() == good and not (site.out / "stray.txt").exists()


def test_a_kept_page_edited_while_the_build_runs_is_written_again_by_the_next(site, monkeypatch):
    """A page the build keeps is checked before rendering starts; an edit to it after that check (by hand,
    while the build renders) must not be recorded as what the build left there."""
    import topicgen.pipeline as pipeline

    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")
    kept = next(p for p in site.out.rglob("index.html") if "planusage" not in str(p) and p.parent != site.out)
    good, render_all = kept.read_bytes(), pipeline.render_all

    def render_then_touch(*args, **kwargs):
        render_all(*args, **kwargs)
        kept.write_bytes(b"edited by hand during the build")

    monkeypatch.setattr(pipeline, "render_all", render_then_touch)
    assert run(site.src, site.out, site.config)[0].written
    monkeypatch.setattr(pipeline, "render_all", render_all)
    assert run(site.src, site.out, site.config)[0].files_written == 1 and kept.read_bytes() == good


def test_no_cache_flag_builds_everything(tmp_path, runner):
    shutil.copytree(GUIDES, tmp_path / "guides")
    args = ["build", "--src", str(tmp_path / "guides"), "--out", str(tmp_path / "site")]
    first = runner.invoke(main, args)
    again = runner.invoke(main, args)
    fresh = runner.invoke(main, [*args, "--no-cache"])
    assert first.exit_code == again.exit_code == fresh.exit_code == 0, first.output + again.output + fresh.output
    pages = int(fresh.stderr.split("built ")[1].split()[0])
    assert f"built {pages} pages" in again.stderr and "(0 files written, " in again.stderr
    assert "(0 files written, " in fresh.stderr, "rendered afresh, but every file already had these bytes"
    assert "Traceback" not in first.output + again.output + fresh.output


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong shape", "another source"])
def test_a_damaged_cache_entry_is_parsed_again(site, damage):
    assert rewrite(site, lambda data: {"garbage": "\x80not json", "truncated": data[: len(data) // 2], "empty": "",
                                       "wrong shape": '["guide", 1, 2]',
                                       "another source": data.replace('"platform/', '"elsewhere/', 1)}[damage])
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")  # so that the build is not skipped
    site.check()


def test_a_cache_file_that_is_not_a_database_is_replaced_with_a_note(site):
    (site.cache / "cache.sqlite").write_bytes(b"not a database at all" * 100)
    result = site.check()
    assert result.written and [note for note in result.notes if "damaged" in note] == [
        f"the build cache was damaged ({site.cache / 'cache.sqlite'}: file is not a database); a new one was started"]
    again = site.check()  # the new cache serves the next build: nothing to do, and nothing to say
    assert again.written and again.notes == () and again.files_written == 0


TAMPERING = [
    ("answer", lambda t: t.replace("<p>", '<p><script>alert(1)</script><img src=x onerror="alert(2)">', 1)),
    ("summary", lambda t: t.replace('"<p>', '"<p><a href=\\"javascript:alert(3)\\">x</a>', 1)),
    ("link", lambda t: t.replace('"https://', '"javascript:alert(4)//', 1)),
    ("permalink", lambda t: t.replace('"platform/topic-guide/', '"../../../../tmp/topic-guide/', 1)),
]


@pytest.mark.parametrize("what, tamper", TAMPERING, ids=[t[0] for t in TAMPERING])
def test_a_tampered_cache_cannot_put_script_on_a_page(site, what, tamper):
    """Someone rewrites the cache (valid JSON, as topicgen would write it): nothing of theirs reaches a page."""
    assert rewrite(site, tamper)
    for path in site.src.rglob("*.md"):
        os.utime(path)  # so that the build runs and reads the cache
    result = site.check()  # byte-identical to a build from the sources alone
    assert result.written
    html = "".join(p.read_text(encoding="utf-8") for p in site.out.rglob("*.html"))
    assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html


def test_a_cached_guide_with_nan_or_infinity_is_not_used(site):
    # topicgen never writes them (the reader makes front matter's `.nan` null); Python's json would read them
    # back, and the export, strict JSON, could not write them.
    def with_nan(text: str) -> str:  # a whole guide's front matter extras (its 9th field), if it has none
        data = json.loads(text)
        if data[0] != "guide" or data[8]:
            return text
        return json.dumps([*data[:8], [["score", float("nan")], ["big", float("-inf")]], *data[9:]])

    assert rewrite(site, with_nan)
    source = f"{EN}/planusage.md"
    sha = hashlib.sha256((site.src / source).read_bytes()).hexdigest()
    with Store(site.cache, write=False).open() as store:
        cached = ParsedGuides(store, environment_key())
        assert cached.guide(source, sha) is None and cached.invalid == [source]


def test_a_cache_folder_that_is_a_link_is_not_used(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    linked = tmp_path / "linked-cache"
    linked.symlink_to(elsewhere)
    reporter = Reporter(stream=io.StringIO())
    result = build(BuildOptions(site.src, tmp_path / "o", Config(cache_dir=str(linked)), label="guides"), reporter)
    assert result.written and any("cannot be used" in note for note in result.notes)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("name", ["cache.sqlite", "cache.sqlite-journal"])
def test_a_link_planted_in_the_cache_is_not_followed(site, tmp_path, name):
    victim = tmp_path / "victim.sqlite"
    shutil.copyfile(site.cache / "cache.sqlite", victim)
    before = victim.read_bytes()
    (site.cache / name).unlink(missing_ok=True)
    (site.cache / name).symlink_to(victim)
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")
    result = site.check()
    assert victim.read_bytes() == before and any("symbolic link" in note for note in result.notes)


def test_entries_no_build_used_for_a_while_are_removed(site):
    before = set(entries(site))
    path = site.src / EN / "planusage.md"
    for i in range(3):
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdit {i}.\n", encoding="utf-8")
        run(site.src, site.out, site.config)
    after = set(entries(site))
    assert len(before - after) == 1 and len(after - before) == 3, "the edited guide's oldest entry is gone"


def test_raw_html_builds_use_no_cache(tmp_path):
    shutil.copytree(GUIDES, tmp_path / "guides")
    config = Config(cache_dir=str(tmp_path / "cache"), raw_html=True)
    result, _ = run(tmp_path / "guides", tmp_path / "site", config)
    assert result.written and not (tmp_path / "cache").exists()


def test_the_record_is_data(site):
    [record] = records(site)
    assert record["format"].startswith("topicgen-build-record") and record["pages"] == site.first.pages


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(site):
    """Unchanged sources are known by inode, size, mtime and ctime, not read again: an edit of the same size
    with its mtime put back still changes the ctime, and is read."""
    path = site.src / EN / "planusage.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("links on Plan & Usage.", "links on Plan & Usag!.", 1), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    site.check()
    assert "Usag!." in (site.out / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")


def searches(site: Site) -> dict[str, str]:
    """The cached search entries: key to JSON text."""
    with sqlite3.connect(site.cache / "cache.sqlite") as db:
        return dict(db.execute("SELECT key, search FROM guides WHERE search IS NOT NULL"))


def rewrite_searches(site: Site, change) -> int:
    """Every cached search entry passed through `change` (its data to JSON text); how many it changed."""
    changed = {k: change(json.loads(v)) for k, v in searches(site).items()}
    changed = {k: v for k, v in changed.items() if json.loads(v) != json.loads(searches(site)[k])}
    with sqlite3.connect(site.cache / "cache.sqlite") as db:
        db.executemany("UPDATE guides SET search = ? WHERE key = ?", [(v, k) for k, v in changed.items()])
    return len(changed)


def test_an_index_is_merged_from_the_cached_entries_of_its_unchanged_guides(site):
    guides = len(list(site.src.rglob("*.md")))
    assert len(searches(site)) == guides, "the first build made every guide's entry and the cache kept them"

    def marked(entry):  # still a valid entry: only the stored guide title differs
        return json.dumps([[{**doc[0], "t": "CACHED " + doc[0]["t"]}, *doc[1:]] for doc in entry])

    assert rewrite_searches(site, marked) == guides
    site.edit(f"{EN}/planusage.md", "The number of sessions", "Edited: the number of sessions")
    run(site.src, site.out, site.config)
    stored = json.loads((site.out / EN / "search-index.json").read_text(encoding="utf-8"))["storedFields"]
    titles = {doc["u"]: doc["t"] for doc in stored.values()}
    info = next(i for i in read_collection(site.src, Config()).infos if i.source == f"{EN}/planusage.md")
    assert len(titles) > 3 and url_path(info.permalink) in titles
    assert not titles.pop(url_path(info.permalink)).startswith("CACHED "), "the edited guide's entry is made anew"
    assert all(t.startswith("CACHED ") for t in titles.values()), "the others' are taken from the cache"
    assert len(searches(site)) == guides + 1, "and the new one kept"


SEARCH_DAMAGE = {
    "not a list": lambda e: json.dumps({"docs": e}),
    "no documents": lambda e: "[]",
    "another guide's URL": lambda e: json.dumps([[{**d[0], "u": "/elsewhere/"}, *d[1:]] for d in e]),
    "a scheme for a URL": lambda e: json.dumps([[{**d[0], "u": "javascript:alert(1)"}, *d[1:]] for d in e]),
    "an anchor that is no question's": lambda e: json.dumps(
        [e[0], *[[{**d[0], "a": "x\" onclick=\"alert(1)"}, *d[1:]] for d in e[1:]]] if len(e) > 1
        else [[{**e[0][0], "a": "tg-line-1"}, *e[0][1:]]]),
    "a stored field of another kind": lambda e: json.dumps([[{**d[0], "t": ["A"]}, *d[1:]] for d in e]),
    "counts that are texts": lambda e: json.dumps([[d[0], *({t: str(n) for t, n in c.items()} or {"x": "1"}
                                                          for c in d[1:])] for d in e]),
    "a field missing": lambda e: json.dumps([d[:-1] for d in e]),
}


@pytest.mark.parametrize("damage", SEARCH_DAMAGE, ids=list(SEARCH_DAMAGE))
def test_a_damaged_search_entry_is_made_again(site, damage):
    assert rewrite_searches(site, SEARCH_DAMAGE[damage])
    site.edit(f"{EN}/planusage.md", "Check out", "Edited: check out")  # so that the build is not skipped
    site.check()  # byte-identical to a full build: every damaged entry was refused and made from its guide
