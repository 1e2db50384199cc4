"""Search indexes from the model: documents, MiniSearch's serialized form, determinism, equality with MiniSearch."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import re
from pathlib import Path
from typing import Any

import pytest

from topicgen.cli import main
from topicgen.config import Config
from topicgen.model import Guide
from topicgen.reading.collect import read_collection
from topicgen.reading.permalink import url_path
from topicgen.search.index import (
    FIELDS,
    build_index,
    checked_entry,
    documents,
    guide_entry,
    html_text,
    merge_index,
    search_indexes,
)

from .conftest import GUIDES, ROOT
from .search_support import STATIC, run_node


@pytest.fixture(scope="module")
def guides() -> tuple[Guide, ...]:
    return read_collection(GUIDES, Config()).guides


def _canonical(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "index": sorted(data["index"], key=lambda entry: entry[0])}


def test_one_document_per_guide_and_question(guides: tuple[Guide, ...]) -> None:
    docs = documents(guides)
    assert len(docs) == len(guides) + sum(len(g.faqs) for g in guides)
    assert [d["id"] for d in docs] == list(range(len(docs)))
    by_url = {url_path(g.permalink): g for g in guides}
    for doc in docs:
        guide = by_url[doc["u"]]
        assert doc["t"] == guide.title and set(FIELDS) <= doc.keys()
        if "a" in doc:
            faq = next(f for f in guide.faqs if doc["a"] == f"tg-line-{f.line}")
            assert doc["q"] == doc["question"] == faq.question and doc["guide"] == guide.title
        else:
            assert "q" not in doc and guide.title in doc["title"] and doc["question"] == ""
            assert doc.get("h", guide.title) == guide.heading and guide.heading in doc["title"]


def test_documents_hold_answers_videos_and_cards(guides: tuple[Guide, ...]) -> None:
    docs = documents(guides)
    dialog = next(g for g in guides if g.permalink.path == "platform/topic-guide/en/latest/Dialog Editor")
    guide_doc = next(d for d in docs if d["u"] == url_path(dialog.permalink) and "a" not in d)
    assert dialog.intro and dialog.intro.description in guide_doc["text"]
    assert all(r.text in guide_doc["text"] for r in dialog.resources)
    answered = [(g, f) for g in guides for f in g.faqs if f.answer_html]
    assert answered
    texts = {(d["u"], d["a"]): d["text"] for d in docs if "a" in d}
    for g, f in answered:
        text = texts[(url_path(g.permalink), f"tg-line-{f.line}")]
        assert text and "<" not in text and text == html_text(f.answer_html or "")


def test_html_text() -> None:
    assert html_text("<p>a &amp; b <strong>bold</strong></p><ul><li>x</li><li>y</li></ul>") == "a & b bold x y"
    assert html_text("<p><b>セッ</b>ション</p>") == "セッション"  # inline tags do not split a word
    assert html_text("line<br>break") == "line break"


def test_anchor_opens_the_question_in_the_built_page(guides: tuple[Guide, ...], tmp_path: Path, runner) -> None:
    result = runner.invoke(main, ["build", "--src", str(GUIDES), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    by_url = {url_path(g.permalink): g for g in guides}
    checked = 0
    for doc in documents(guides):
        if "a" not in doc:
            continue
        page = (tmp_path / "out" / by_url[doc["u"]].permalink.path / "index.html").read_text(encoding="utf-8")
        m = re.search(rf'<li class="tg-faq (tg-faq-\w+)" id="{doc["a"]}">\s*(<details class="tg-answer")?', page)
        assert m, doc["a"]
        faq = next(f for f in by_url[doc["u"]].faqs if f"tg-line-{f.line}" == doc["a"])
        assert bool(m.group(2)) == (faq.kind == "answer")  # an answer's element holds its <details>
        checked += 1
    assert checked > 20


def test_serialized_form() -> None:
    docs = [{"id": 0, "title": "Train training", "question": "", "text": "セッション", "guide": "", "t": "A",
             "u": "/a/"},
            {"id": 1, "title": "", "question": "Trains?", "text": "", "guide": "A", "t": "A", "q": "Trains?",
             "u": "/a/", "a": "tg-line-3"}]
    data = json.loads(build_index(docs))
    assert list(data) == ["documentCount", "nextId", "documentIds", "fieldIds", "fieldLength",
                          "averageFieldLength", "storedFields", "dirtCount", "index", "serializationVersion"]
    assert data["documentCount"] == data["nextId"] == 2 and data["documentIds"] == {"0": 0, "1": 1}
    assert data["fieldIds"] == {"title": 0, "question": 1, "text": 2, "guide": 3}
    assert data["fieldLength"] == {"0": [1, 0, 4, 0], "1": [0, 1, 0, 1]}  # distinct terms per field
    assert data["averageFieldLength"] == [0.5, 0.5, 2, 0.5]
    assert data["storedFields"]["1"] == {"t": "A", "q": "Trains?", "u": "/a/", "a": "tg-line-3"}
    assert data["storedFields"]["0"] == {"t": "A", "u": "/a/"}
    index = {term: fields for term, fields in data["index"]}
    assert index["train"] == {"0": {"0": 2}, "1": {"1": 1}} and index["a"] == {"3": {"1": 1}}
    assert [t for t, _ in data["index"]] == ["a", "train", "ショ", "セッ", "ッシ", "ョン"]  # sorted
    assert data["serializationVersion"] == 2 and data["dirtCount"] == 0


def test_indexes_per_product_language_and_version(guides: tuple[Guide, ...]) -> None:
    odd = dataclasses.replace(guides[0], permalink=dataclasses.replace(guides[0].permalink, lang=None,
                                                                       path="loose/page"))
    indexes = search_indexes((*guides, odd))
    expected = {f"{g.permalink.product}/topic-guide/{g.permalink.lang}/{g.permalink.version}/search-index.json"
                for g in guides}
    assert set(indexes) == expected and len(expected) >= 4
    for path, text in indexes.items():
        product, _, lang, version, _ = path.split("/")
        urls = {stored["u"] for stored in json.loads(text)["storedFields"].values()}
        assert urls == {url_path(g.permalink) for g in guides
                        if (g.permalink.product, g.permalink.lang, g.permalink.version) == (product, lang, version)}


def test_same_guides_same_bytes_whatever_their_order(guides: tuple[Guide, ...]) -> None:
    first = search_indexes(guides)
    shuffled = list(guides)
    random.Random(7).shuffle(shuffled)
    assert search_indexes(shuffled) == first and search_indexes(guides) == first


def test_fields_are_those_search_js_declares() -> None:
    text = (STATIC / "search.js").read_text(encoding="utf-8")
    m = re.search(r"var FIELDS = (\[[^\]]*\]);", text)
    assert m and json.loads(m.group(1)) == list(FIELDS)


QUERIES = ["dialog", "dialog task", "Dialog Editor", "train", "training", "trai", "traini", "containment",
           "contanment metrics", "plan", "usage", "session", "sessions", "form", "digital form", "storyboard",
           "how to", "create", "creating", "webhook node", "プラン", "セッション", "使用状況", "封じ込め", "許可",
           "세션", "세션은", "데이터", "대화", "zzzz", "ナ", "세", "&&&", ""]


def _equivalence(docs: list[dict[str, Any]], tmp_path: Path) -> int:
    """Compare the Python-written index with MiniSearch's own over `docs`; the number of queries answered."""
    text = build_index(docs)
    (tmp_path / "in.json").write_text(json.dumps({"documents": docs, "index": text, "queries": QUERIES}),
                                      encoding="utf-8")
    out = run_node("index_equivalence.js", str(tmp_path / "in.json"))
    assert _canonical(out["fresh"]) == _canonical(json.loads(text)) == _canonical(out["loaded"])
    answered = 0
    for q in out["queries"]:
        assert [r[0] for r in q["loaded"]] == [r[0] for r in q["fresh"]], q["query"]
        assert [r[2] for r in q["loaded"]] == [r[2] for r in q["fresh"]], q["query"]
        assert all(math.isclose(a[1], b[1], rel_tol=1e-12) for a, b in zip(q["loaded"], q["fresh"]))
        answered += bool(q["fresh"])
    return answered


def test_same_index_and_scores_as_minisearch_builds(guides: tuple[Guide, ...], tmp_path: Path) -> None:
    # every bundled guide in one index: English, Japanese and Korean text, answers, links and tours
    assert _equivalence(documents(guides), tmp_path) >= 20  # the comparison is not empty-handed


def test_same_as_minisearch_on_the_corpus_japanese(corpus: Path, tmp_path: Path) -> None:
    guides = read_collection(corpus / "platform" / "topic-guide" / "ja", Config()).guides
    assert _equivalence(documents(guides), tmp_path) >= 20


def test_vendored_minisearch_is_the_npm_package() -> None:
    installed = ROOT / "node_modules" / "minisearch"
    if not installed.is_dir():
        pytest.skip("node_modules/minisearch is not installed (npm ci)")
    version = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["minisearch"]
    assert version == wanted
    assert (STATIC / "minisearch.js").read_bytes() == (installed / "dist" / "umd" / "index.js").read_bytes()
    notice = (STATIC / "LICENSE.minisearch").read_text(encoding="utf-8")
    assert f"MiniSearch {version}" in notice and (installed / "LICENSE.txt").read_text(encoding="utf-8") in notice


def test_an_index_merged_from_guide_entries_is_the_index_of_their_documents(guides: tuple[Guide, ...]) -> None:
    # what a build does (each guide's entry made where the guide is, kept as JSON, merged in permalink order)
    # gives the very text that build_index gives for the documents, which MiniSearch's own equals (above)
    ordered = sorted(guides, key=lambda g: g.permalink.path)
    kept = [json.dumps(guide_entry(g), ensure_ascii=False) for g in ordered]
    entries = [checked_entry(json.loads(text), url_path(g.permalink)) for text, g in zip(kept, ordered)]
    assert merge_index(entries) == build_index(documents(guides))
    assert sum(len(e) for e in entries) == len(documents(guides)) > len(guides)
    with pytest.raises(ValueError, match="another kind or guide"):
        checked_entry(json.loads(kept[0]), url_path(ordered[1].permalink))
