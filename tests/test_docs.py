"""The README and docs/: the README stays short and starts with the set-up, every link leads somewhere, and the
hosting recipes send one and the same Content-Security-Policy."""

from __future__ import annotations

import re
import tomllib

import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces made hyphens."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.*)$", text, re.M)}


def test_the_readme_starts_with_the_two_set_up_commands_and_stays_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == ["```sh", lines[3], lines[4], "```"] and lines[3].startswith("pip install -e . && ")
    assert lines[4].startswith("pip install -e '.[test]' && pytest") and len(lines) <= 250


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file_and_a_heading(page):
    text = page.read_text(encoding="utf-8")
    prose = re.sub(r"(`+).*?\1", "", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S), flags=re.S)  # no code
    for target in LINK.findall(prose):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name} links to {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked.read_text(encoding="utf-8")), f"{page.name}: no heading for {target}"


def test_every_hosting_recipe_sends_the_documented_policy():
    text = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    policy = re.search(r"^Content-Security-Policy: (.*)$", text, re.M).group(1)
    netlify = tomllib.loads(re.search(r"^```toml\n(.*?)^```", text, re.M | re.S).group(1))
    assert netlify["build"]["publish"] == "build" and "topicgen build --strict" in netlify["build"]["command"]
    assert netlify["headers"][0]["values"]["Content-Security-Policy"] == policy
    nginx = re.search(r"^```nginx\n(.*?)^```", text, re.M | re.S).group(1)
    assert f'add_header Content-Security-Policy "{policy}" always;' in nginx and "error_page 404 /404.html;" in nginx
