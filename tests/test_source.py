"""Reading sources: which files are guides, what is read of them, and the front matter's YAML."""

from __future__ import annotations

import os

import pytest

from topicgen.errors import SourceError
from topicgen.reading.frontmatter import split_front_matter
from topicgen.reading.sources import Unreadable, find_sources, read_source


def test_front_matter_is_read_by_pyyaml_with_its_values_types() -> None:
    split = split_front_matter("---\ntitle: yes\ncount: 12\ntags: [a, b]\nwhen: 2024-01-02\n---\nbody\n")
    assert split.front is not None
    assert split.front["title"] is True and split.front["count"] == 12 and split.front["tags"] == ["a", "b"]
    assert str(split.front["when"]) == "2024-01-02" and split.body == "body\n" and split.body_line == 7


def test_front_matter_errors_are_pyyaml_s_at_the_line_to_fix() -> None:
    with pytest.raises(SourceError) as err:
        split_front_matter("---\ntitle: [unclosed\npermalink: x\n---\nbody\n")
    assert err.value.line == 2 and "not valid YAML" in err.value.message


@pytest.mark.parametrize("front", ["a: &x [1]\nb: *x", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]"])
def test_yaml_aliases_are_refused_at_their_line(front: str) -> None:
    with pytest.raises(SourceError) as err:
        split_front_matter(f"---\ntitle: T\n{front}\n---\n")
    assert "alias" in err.value.message and err.value.line == 4


def test_an_asterisk_that_is_not_an_alias_is_text() -> None:
    split = split_front_matter("---\ntitle: 'a * b'\nnote: x*y\n---\n")
    assert split.front == {"title": "a * b", "note": "x*y"}


def test_sources_are_the_markdown_files_outside_hidden_folders(tmp_path) -> None:
    src = tmp_path / "src"
    for rel in ["a.md", "B.MD", "c.markdown", "_partial.md", ".hidden.md", "notes.txt", "md", "sub/d.md",
                "sub/deeper/e.md", ".git/f.md", "_drafts/g.md", "sub/.cache/h.md", "x.md/inside.md"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("---\ntitle: T\n---\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "i.md").write_text("x")
    os.symlink(tmp_path / "elsewhere", src / "linked")  # a folder through a link: not entered
    os.symlink(tmp_path / "elsewhere" / "i.md", src / "j.md")  # listed; reading it is refused (outside)
    os.symlink(tmp_path / "missing.md", src / "broken.md")  # listed; reading it fails with a reason
    assert find_sources(src) == ["B.MD", "_partial.md", "a.md", "broken.md", "c.markdown", "j.md", "sub/d.md",
                                 "sub/deeper/e.md", "x.md/inside.md"]


def test_only_regular_files_inside_the_source_folder_are_read(tmp_path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "real.md").write_bytes(b"real")
    os.symlink(src / "sub" / "real.md", src / "inside.md")
    (tmp_path / "outside.md").write_bytes(b"secret")
    os.symlink(tmp_path / "outside.md", src / "outside.md")
    os.mkfifo(src / "pipe.md")
    os.symlink("/dev/zero", src / "zero.md")
    assert read_source(src, "inside.md") == b"real"
    for name, reason in [("outside.md", "outside the source folder"), ("pipe.md", "named pipe"),
                         ("zero.md", "outside the source folder"), ("missing.md", "cannot be read")]:
        with pytest.raises(Unreadable, match=reason):
            read_source(src, name)


def test_a_guide_over_the_size_limit_is_refused_without_reading_it_whole(tmp_path) -> None:
    (tmp_path / "big.md").write_bytes(b"x" * 2000)
    assert read_source(tmp_path, "big.md", limit=2000) == b"x" * 2000
    with pytest.raises(Unreadable, match="more than the 1,000 a guide may have"):
        read_source(tmp_path, "big.md", limit=1000)
