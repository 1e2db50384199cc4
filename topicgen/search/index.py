"""Search indexes written at build time from the model, in the form MiniSearch's toJSON() gives (loadJSON reads it)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from topicgen.model import Faq, Guide
from topicgen.reading.permalink import url_path
from topicgen.search.tokenize import tokenize

# Indexed fields, in MiniSearch's field-id order; search.js declares the same list (tests compare them).
# `title` is the guide's title and heading (guide documents only), `guide` the guide's title again on each of
# its questions, so that a query may match words of both (all terms must match one document).
FIELDS = ("title", "question", "text", "guide")
# Stored fields, returned with each result: guide title, the guide's heading where it differs from the title
# (guide documents: often the only words in the guide's language), question, site path, anchor of the question.
STORED = ("t", "h", "q", "u", "a")
INDEX_NAME = "search-index.json"
SERIALIZATION_VERSION = 2  # MiniSearch 7's toJSON() format

Document = dict[str, Any]
_FIELD_KEYS = tuple(str(i) for i in range(len(FIELDS)))  # as the JSON writes them

_BLOCKS = {"p", "br", "li", "ul", "ol", "div", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "hr", "dd", "dt", "figcaption"}


class _Text(HTMLParser):
    """Collects the text of sanitized HTML; a block boundary is a space, an inline tag nothing (no split)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, [])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    """The plain text of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _join(*texts: str | None) -> str:
    return " ".join(t for t in texts if t)


def _guide_document(guide: Guide) -> Document:
    videos = ([guide.intro] if guide.intro else []) + list(guide.videos)
    text = _join(guide.summary,
                 *(_join(v.title, v.heading, v.description) for v in videos),
                 *(_join(r.title if r.kind == "link" else "", r.text) for r in guide.resources))
    doc: Document = {"title": guide.title, "question": "", "text": text, "guide": "", "t": guide.title,
                     "u": url_path(guide.permalink)}
    if guide.heading != guide.title:
        doc["title"] = _join(guide.title, guide.heading)
        doc["h"] = guide.heading
    return doc


def _faq_document(guide: Guide, faq: Faq) -> Document:
    answer = html_text(faq.answer_html) if faq.answer_html else ""
    return {"title": "", "question": faq.question, "text": answer, "guide": guide.title,
            "t": guide.title, "q": faq.question, "u": url_path(guide.permalink), "a": f"tg-line-{faq.line}"}


def documents(guides: Iterable[Guide]) -> list[Document]:
    """One document per guide and per question (answers, links and tours), ids numbered in that order.

    Guides are taken in permalink order, so the same guides give the same ids whatever order they come in.
    The anchor is the question's element id in guide.html (`tg-line-<line>`); search.js opens that answer.
    """
    return numbered(guide_documents(guide) for guide in sorted(guides, key=lambda g: g.permalink.path))


def guide_documents(guide: Guide) -> list[Document]:
    """The documents of one guide, not yet numbered: a build makes them where the guide is kept."""
    return [_guide_document(guide)] + [_faq_document(guide, faq) for faq in guide.faqs]


def numbered(per_guide: Iterable[list[Document]]) -> list[Document]:
    """The guides' documents (in permalink order) in one list, ids numbered in that order."""
    docs = [dict(doc) for group in per_guide for doc in group]
    for number, doc in enumerate(docs):
        doc["id"] = number
    return docs


def _number(value: float) -> float | int:
    # JSON.stringify writes 3.0 as 3: the same text as MiniSearch's own toJSON() for the same numbers
    return int(value) if value.is_integer() else value


def build_index(docs: list[Document]) -> str:
    """The JSON text MiniSearch 7's toJSON() gives after addAll(docs) with tokenize.py's rule as its tokenizer.

    Every document has every field of FIELDS (a string, maybe empty). As in MiniSearch, a field's length is its
    number of distinct terms and its average is kept as a running mean, in the same floating-point steps, so
    scores of the loaded index equal those of one MiniSearch indexes itself. Terms are written sorted.
    """
    # Keys are written as the JSON's strings from the start: a 20x index has ~100,000 postings, and a copy
    # of them with their keys turned into strings doubled what the build held at its peak.
    postings: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    lengths: dict[str, list[int]] = {}
    averages = [0.0] * len(FIELDS)
    titles: dict[str, Counter[str]] = {}  # a guide's title is in each of its questions: tokenized once
    for short, doc in enumerate(docs):
        lengths[key := str(short)] = row = []
        for field_id, field in enumerate(FIELDS):
            text = str(doc[field])
            if field == "guide":
                counts = titles.get(text) or titles.setdefault(text, Counter(tokenize(text)))
            else:
                counts = Counter(tokenize(text))
            row.append(len(counts))
            averages[field_id] = (averages[field_id] * short + row[-1]) / (short + 1)
            name = _FIELD_KEYS[field_id]
            for term, n in counts.items():
                postings[term].setdefault(name, {})[key] = n
    data = {
        "documentCount": len(docs),
        "nextId": len(docs),
        "documentIds": {str(short): doc["id"] for short, doc in enumerate(docs)},
        "fieldIds": {field: field_id for field_id, field in enumerate(FIELDS)},
        "fieldLength": lengths,
        "averageFieldLength": [_number(a) for a in averages],
        "storedFields": {str(short): {k: doc[k] for k in STORED if k in doc} for short, doc in enumerate(docs)},
        "dirtCount": 0,
        # documents are added in id order, so each term's documents are already ascending, as toJSON() has them;
        # field ids are one digit each, so their strings sort as the numbers do
        "index": [[term, dict(sorted(fields.items()))] for term, fields in sorted(postings.items())],
        "serializationVersion": SERIALIZATION_VERSION,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def index_path(product: str, lang: str, version: str) -> str:
    """Where the index of one product, language and version goes: beside that version's listing."""
    return f"{product}/topic-guide/{lang}/{version}/{INDEX_NAME}"


def search_indexes(guides: Iterable[Guide]) -> dict[str, str]:
    """One index per (product, lang, version), keyed by its output path; guides without all three are left out."""
    groups: dict[str, list[Guide]] = defaultdict(list)
    for guide in guides:
        p = guide.permalink
        if p.product and p.lang and p.version:
            groups[index_path(p.product, p.lang, p.version)].append(guide)
    return {path: build_index(documents(group)) for path, group in sorted(groups.items())}
