"""search.js's query plan, highlighting and result links, run in node (no browser needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .search_support import run_node

PLANS: list[tuple[str, bool, list[Any]]] = [
    # text, loose, the leaf queries: [terms, prefix, fuzzy] (an OR of leaves is a list of leaves)
    ("dialog ed", False, [[["dialog"], False, False], [["ed"], True, False]]),
    ("dialog ", False, [[["dialog"], False, False]]),  # a finished word is no prefix
    ("Training", False, [[["train"], True, False]]),
    ("contanment", True, [[["contanment"], True, 0.2]]),  # loose: one typo in five letters
    ("traini", True, [[[["traini"], True, 0.2], [["train"], True, False]]]),  # and -i completed to -ing
    ("plan", True, [[["plan"], True, False]]),  # four letters: never fuzzy
    ("세", False, [[["세"], True, False]]),
    ("세션 관리", True, [[["세션"], False, False], [["관리"], True, False]]),  # CJK never fuzzy
    ("第2章", False, [[["第"], True, False], [["2"], False, False], [["章"], True, False]]),  # lone CJK: prefix
]
HIGHLIGHTS = [
    ("세션이란 무엇인가요?", ["세션", "션이", "이란"], [[0, 4]]),  # overlapping bigrams merge
    ("세션이란 무엇인가요?", ["세션"], [[0, 2]]),
    ("How to train intents?", ["train"], [[7, 12]]),
    ("Training and trains", ["train"], [[0, 8], [13, 19]]),
    ("ｾｯｼｮﾝとは", ["セッ", "ッシ", "ショ", "ョン"], [[0, 5]]),  # half-width: spans of the original text
    ("<b>bold</b>", ["bold"], [[3, 7]]),
    ("nothing here", ["else"], []),
]
HREFS = [
    ("../../", {"u": "/a/b%20c/", "a": "tg-line-3"}, "../../a/b%20c/#tg-line-3"),
    ("../", {"u": "/guide/"}, "../guide/"),
    ("", {"u": "/guide/"}, "./guide/"),
    ("", {"u": "javascript:alert(1)"}, "./javascript:alert(1)"),  # stored text never becomes a scheme
    ("", {"u": "//evil.example/x/"}, "./evil.example/x/"),  # nor another host
]


def _leaves(query: dict[str, Any]) -> list[Any]:
    def leaf(q: dict[str, Any]) -> Any:
        if q.get("combineWith") == "OR":
            return [leaf(sub) for sub in q["queries"]]
        return [q["queries"], q["prefix"], q.get("fuzzy", False)]
    assert query["combineWith"] == "AND"
    return [leaf(q) for q in query["queries"]]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path: Path = tmp_path_factory.mktemp("units") / "in.json"
    path.write_text(json.dumps({"plans": [[t, loose] for t, loose, _ in PLANS],
                                "highlights": [[t, terms] for t, terms, _ in HIGHLIGHTS],
                                "hrefs": [[root, hit] for root, hit, _ in HREFS]}), encoding="utf-8")
    result: dict[str, Any] = run_node("search_units.js", str(path))
    return result


@pytest.mark.parametrize("i", range(len(PLANS)), ids=[p[0] for p in PLANS])
def test_query_plan(out: dict[str, Any], i: int) -> None:
    assert _leaves(out["plans"][i]) == PLANS[i][2]


@pytest.mark.parametrize("i", range(len(HIGHLIGHTS)), ids=[h[0] for h in HIGHLIGHTS])
def test_highlight_ranges(out: dict[str, Any], i: int) -> None:
    assert out["highlights"][i] == HIGHLIGHTS[i][2]


@pytest.mark.parametrize("i", range(len(HREFS)), ids=[h[2] for h in HREFS])
def test_result_links_stay_relative(out: dict[str, Any], i: int) -> None:
    assert out["hrefs"][i] == HREFS[i][2]


def test_empty_query_has_no_plan(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text(json.dumps({"plans": [["", False], ["?!", True]], "highlights": [],
                                                  "hrefs": []}), encoding="utf-8")
    assert run_node("search_units.js", str(tmp_path / "in.json"))["plans"] == [None, None]
