"""topicgen deletes only what it made and never writes outside the output folder."""

from __future__ import annotations

import pytest

from topicgen.cli import main
from topicgen.errors import OutputError
from topicgen.output.commit import Staging
from topicgen.output.folder import MARKER, safe_relpath

from .conftest import GUIDES

GUIDE = "---\ntitle: A\npermalink: demo/topic-guide/en/latest/A\n---\nbody\n"


def make_src(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text(GUIDE)
    return src


def test_refuses_folder_it_did_not_make(tmp_path, runner):
    src = make_src(tmp_path)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert "was not made by topicgen" in result.stderr
    assert (out / "thesis.txt").read_text() == "years of work"
    assert "Traceback" not in result.output


@pytest.mark.parametrize("cache_dir", ["site/cache", "site"])
def test_a_cache_inside_the_output_folder_is_refused(tmp_path, runner, cache_dir):
    src = make_src(tmp_path)
    (tmp_path / "topicgen.yml").write_text(f"cache_dir: {cache_dir}\n")
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(out),
                                  "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 1, result.output
    assert f"topicgen: error: the build cache {tmp_path / cache_dir} is inside the output folder {out}" in result.stderr
    assert not out.exists() and "Traceback" not in result.output


def test_replaces_its_own_output_and_drops_stale_pages(tmp_path, runner):
    src = make_src(tmp_path)
    out = tmp_path / "site"
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(out)]).exit_code == 0
    assert (out / MARKER).is_file()
    (src / "a.md").write_text(GUIDE.replace("latest/A", "latest/B"))
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(out)]).exit_code == 0
    assert (out / "demo/topic-guide/en/latest/B/index.html").is_file()
    assert not (out / "demo/topic-guide/en/latest/A").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"], "no temporary folders left over"


def test_empty_existing_folder_is_accepted(tmp_path, runner):
    src = make_src(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(out)]).exit_code == 0
    assert (out / "demo/topic-guide/en/latest/A/index.html").is_file()


@pytest.mark.parametrize("out_rel", [".", "src", "..", "proj"])
def test_refuses_source_its_parents_and_project_root(tmp_path, runner, monkeypatch, out_rel):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pyproject.toml").write_text("[project]\nname='x'\n")
    src = proj / "src"
    src.mkdir()
    (src / "a.md").write_text(GUIDE)
    monkeypatch.chdir(proj)
    out = {"proj": str(proj)}.get(out_rel, out_rel if out_rel != "src" else "src")
    result = runner.invoke(main, ["build", "--src", "src", "--out", out])
    assert result.exit_code == 1
    assert "choose another --out" in result.stderr
    assert (src / "a.md").read_text() == GUIDE
    assert (proj / "pyproject.toml").is_file()


@pytest.mark.parametrize("rel", ["../escape.html", "a/../../escape.html", "/etc/passwd", "a//b", "./a", "a\\b", "a\0"])
def test_paths_that_could_leave_the_output_are_refused(rel):
    with pytest.raises(OutputError):
        safe_relpath(rel)


def write_site(out, files):
    with Staging(out) as staging:
        for rel, data in files.items():
            staging.write(rel, data)
        staging.commit()


def test_a_failure_while_staging_leaves_previous_output(tmp_path):
    out = tmp_path / "site"
    write_site(out, {"index.html": b"old"})
    with pytest.raises(OutputError):
        write_site(out, {"index.html": b"new", "../evil.html": b"x"})
    assert (out / "index.html").read_bytes() == b"old"
    assert not (tmp_path / "evil.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"]


def test_github_annotations(tmp_path, runner, monkeypatch):
    src = make_src(tmp_path)
    (src / "b.md").write_text("---\ntitle: B\n---\n")
    (src / "notes.md").write_text("no front matter\n")
    result = runner.invoke(main, ["check", "--src", str(src), "--format", "github"])
    assert result.exit_code == 1
    assert f"::error file={src}/b.md,line=1::front matter has no `permalink`" in result.stderr
    assert f"::warning file={src}/notes.md,line=1::no front matter" in result.stderr
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert "::error file=" in result.stderr


def test_bundled_guides_warn_only_about_their_real_defects(tmp_path, runner):
    """The bundled guides are real, defects included: one has placeholder video links (`test.com`)."""
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(tmp_path / "o"),
                                  "--base-url", "https://docs.example/"])  # no warning that a sitemap is missing
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert {w.split(": warning: ")[0] for w in warnings} == {
        f"{GUIDES}/platform/topic-guide/ko/latest/digitalforms.md:{n}" for n in (88, 98, 107)}
    assert sum("has no scheme" in w for w in warnings) == 3
    assert sum("is not an image file" in w for w in warnings) == 3
    strict = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(tmp_path / "o"), "--strict"])
    assert strict.exit_code == 1


def test_unwritable_targets_are_messages_not_tracebacks(tmp_path, runner):
    src = make_src(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    result = runner.invoke(main, ["export", "--src", str(src), "--out", str(blocker / "e.json")])
    assert result.exit_code == 1 and "cannot write" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(blocker / "site")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
