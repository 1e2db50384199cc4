"""docs/format.md, built: each example guide gives exactly the warnings shown under it and the HTML shown for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from topicgen.cli import main

from .conftest import ROOT

FORMAT = ROOT / "docs" / "format.md"
BLOCK = re.compile(r"^```(markdown|html|text)\n(.*?)^```\n", re.M | re.S)
IMAGE = re.compile(r"(?<![\w/:.])(images/[\w.-]+\.(?:png|svg|jpg))")


def examples() -> list[tuple[str, list[str], str]]:
    """Each example file of the page (a markdown block with front matter, or followed by diagnostics), with
    the HTML blocks and the diagnostics block that follow it."""
    found: list[tuple[str, list[str], str]] = []
    blocks = BLOCK.findall(FORMAT.read_text(encoding="utf-8"))
    for i, (kind, text) in enumerate(blocks):
        followed_by_text = i + 1 < len(blocks) and blocks[i + 1][0] == "text"  # a file that is no guide, say
        if kind == "markdown" and (text.startswith("---\n") or followed_by_text):
            found.append((text, [], ""))
        elif kind == "html" and found:
            found[-1][1].append(text)
        elif kind == "text" and found:
            found[-1] = (found[-1][0], found[-1][1], text)
    return found


def squeeze(html: str) -> str:
    """HTML compared without the white space between tags and with runs of white space made one."""
    return re.sub(r">\s+<", "><", " ".join(html.split()))


def shown_in(excerpt: str, page: str) -> bool:
    """Whether the page holds the excerpt, where `…` in it stands for anything."""
    pattern = ".*?".join(re.escape(squeeze(part)) for part in excerpt.split("…"))
    return re.search(pattern, squeeze(page)) is not None


EXAMPLES = examples()


def test_the_page_has_examples_of_every_part_and_every_defect():
    assert len(EXAMPLES) >= 40
    sources = "".join(text for text, _, _ in EXAMPLES)
    for part in ("introduction-video", "nested-accordian-link", "nested-details", "tour-guide", "<details-video>",
                 "**Documentation**", "**Academy**", "no-doc-ext-link", "####"):
        assert part in sources, part


@pytest.mark.parametrize(("source", "html", "diagnostics"), EXAMPLES,
                         ids=[f"{i + 1}" for i in range(len(EXAMPLES))])
def test_each_example_builds_as_the_page_says(runner, tmp_path, monkeypatch, source, html, diagnostics):
    src = tmp_path / "src"
    src.mkdir()
    (src / "guide.md").write_text(source, encoding="utf-8")
    for ref in IMAGE.findall(source):  # the images the example shows, but for one it says is missing
        if "missing" not in ref:
            (src / ref).parent.mkdir(exist_ok=True)
            (src / ref).write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    monkeypatch.chdir(src)
    result = runner.invoke(main, ["build", "--src", ".", "--out", str(tmp_path / "out")])
    reported = [line for line in result.stderr.splitlines() if re.match(r"^[\w.]*:\d+: (warning|error): ", line)]
    assert reported == diagnostics.splitlines(), result.stderr
    if not html:
        return
    permalink = yaml.safe_load(source.split("---\n")[1])["permalink"]
    page = Path(tmp_path / "out" / permalink / "index.html").read_text(encoding="utf-8")
    for excerpt in html:
        assert shown_in(excerpt, page), f"not on the page:\n{excerpt}\n--- page:\n{page[page.find('<main'):]}"
