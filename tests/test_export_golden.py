"""Golden export: `topicgen export` of four real guides equals the checked-in JSON.

After a deliberate change of the model or the parser, rewrite the JSON with
`TOPICGEN_UPDATE_GOLDEN=1 pytest tests/test_export_golden.py` and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from topicgen.cli import main

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
GUIDES = GOLDEN / "guides"
EXPECTED = GOLDEN / "export.json"


def test_export_matches_golden(runner, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    result = runner.invoke(main, ["export", "--src", str(GUIDES), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if os.environ.get("TOPICGEN_UPDATE_GOLDEN") == "1":
        EXPECTED.write_text(text, encoding="utf-8")
    got, want = json.loads(text), json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert [g["source"] for g in got["guides"]] == [g["source"] for g in want["guides"]]
    for g, w in zip(got["guides"], want["guides"]):
        for key in w:  # key by key, so a failure names the part that changed
            assert g[key] == w[key], (g["source"], key)
    assert got == want


def test_golden_covers_the_constructs() -> None:
    """The fixture keeps showing what it was chosen for, whatever the JSON is regenerated to."""
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    faqs = [f for g in data["guides"] for f in g["faqs"]]
    assert {f["kind"] for f in faqs} == {"answer", "link", "tour"}
    assert any(not f["external"] for f in faqs)
    assert any(g["videos"] for g in data["guides"]) and any(g["intro"] for g in data["guides"])
    assert {r["kind"] for g in data["guides"] for r in g["resources"]} >= {"documentation", "academy"}
    assert any(d["severity"] == "warning" for g in data["guides"] for d in g["diagnostics"])
    assert {g["lang"] for g in data["guides"]} == {"en", "ja"}
