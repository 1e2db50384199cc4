"""The search tokenizer: Python (index) and JavaScript (queries) give the shared vectors' terms, case by case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from topicgen.search.tokenize import stem, tokenize

from .search_support import run_node

VECTORS = Path(__file__).resolve().parent / "fixtures" / "search" / "vectors.json"
CASES = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]


def test_vectors_cover_the_languages_and_edges() -> None:
    names = " ".join(c["name"] for c in CASES)
    assert len(CASES) >= 40 and len({c["name"] for c in CASES}) == len(CASES)
    for kind in ("en:", "ja:", "ko:", "zh:", "mixed:", "full-width", "half-width", "emoji", "punctuation", "empty"):
        assert kind in names


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_python_tokenizer(case: dict[str, object]) -> None:
    assert tokenize(str(case["text"])) == case["terms"]


@pytest.fixture(scope="module")
def js_results() -> dict[str, dict[str, list[str]]]:
    return {r["name"]: r for r in run_node("tokenize_vectors.js", str(VECTORS))}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_javascript_tokenizer(case: dict[str, object], js_results: dict[str, dict[str, list[str]]]) -> None:
    result = js_results[str(case["name"])]
    assert result["terms"] == case["terms"]
    assert result["spans"] == case["terms"]  # highlighting finds the same terms, with where they are


def test_the_issue_examples() -> None:
    """세션 finds 세션은 and 세션이란; ナレッジ抽出 finds ナレッジ抽出サービス; train finds training."""
    for query, text in (("세션", "세션은"), ("세션", "세션이란"), ("ナレッジ抽出", "ナレッジ抽出サービス"),
                        ("train", "training"), ("ｾｯｼｮﾝ", "セッション"), ("ＳＤＫ", "sdk")):
        assert set(tokenize(query)) <= set(tokenize(text)), (query, text)
    assert not set(tokenize("세션")) & set(tokenize("세트")) and tokenize("데이터") != tokenize("데이")


@pytest.mark.parametrize("words", [("train", "trains", "trained", "training"),
                                   ("create", "creates", "created", "creating"),
                                   ("run", "running"), ("stop", "stopped", "stops"),
                                   ("policy", "policies"), ("process", "processes", "processing", "processed")])
def test_stemmer_joins_word_forms(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


@pytest.mark.parametrize("a,b", [("app", "apply"), ("status", "statu"), ("class", "clas"), ("add", "ad"),
                                 ("string", "str"), ("thing", "th")])
def test_stemmer_keeps_words_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)
