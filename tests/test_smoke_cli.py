"""End-to-end: the bundled guides build, export and check through the real CLI."""

from __future__ import annotations

import json

from topicgen.cli import main

from .conftest import GUIDES


def test_export_bundled_guides_has_plan_and_usage(runner, tmp_path):
    out = tmp_path / "e.json"
    result = runner.invoke(main, ["export", "--src", str(GUIDES), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    guide = next(g for g in data["guides"] if g["permalink"] == "platform/topic-guide/ko/latest/Plan & Usage")
    assert guide["url"] == "/platform/topic-guide/ko/latest/Plan%20%26%20Usage/"
    assert [f["kind"] for f in guide["faqs"]] == ["link"] + ["answer"] * 5
    assert guide["resources"][0]["kind"] == "documentation"


def test_build_bundled_guides_writes_permalink_paths(runner, tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out / "platform/topic-guide/ko/latest/Plan & Usage/index.html"
    assert "What is Allowed Sessions?" in page.read_text(encoding="utf-8")
