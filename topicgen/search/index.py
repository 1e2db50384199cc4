"""Search indexes written at build time from the model, in the form MiniSearch's toJSON() gives (loadJSON reads it)."""

from __future__ import annotations

import json
import re
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


def _guide_document(guide: Guide, url: str) -> Document:
    videos = ([guide.intro] if guide.intro else []) + list(guide.videos)
    text = _join(guide.summary,
                 *(_join(v.title, v.heading, v.description) for v in videos),
                 *(_join(r.title if r.kind == "link" else "", r.text) for r in guide.resources))
    doc: Document = {"title": guide.title, "question": "", "text": text, "guide": "", "t": guide.title,
                     "u": url}
    if guide.heading != guide.title:
        doc["title"] = _join(guide.title, guide.heading)
        doc["h"] = guide.heading
    return doc


def _faq_document(guide: Guide, faq: Faq, url: str) -> Document:
    answer = html_text(faq.answer_html) if faq.answer_html else ""
    return {"title": "", "question": faq.question, "text": answer, "guide": guide.title,
            "t": guide.title, "q": faq.question, "u": url, "a": f"tg-line-{faq.line}"}


def documents(guides: Iterable[Guide]) -> list[Document]:
    """One document per guide and per question (answers, links and tours), ids numbered in that order.

    Guides are taken in permalink order, so the same guides give the same ids whatever order they come in.
    The anchor is the question's element id in guide.html (`tg-line-<line>`); search.js opens that answer.
    """
    return numbered(guide_documents(guide) for guide in sorted(guides, key=lambda g: g.permalink.path))


def guide_documents(guide: Guide) -> list[Document]:
    """The documents of one guide, not yet numbered."""
    url = url_path(guide.permalink)
    return [_guide_document(guide, url)] + [_faq_document(guide, faq, url) for faq in guide.faqs]


def numbered(per_guide: Iterable[list[Document]]) -> list[Document]:
    """The guides' documents (in permalink order) in one list, ids numbered in that order."""
    docs = [dict(doc) for group in per_guide for doc in group]
    for number, doc in enumerate(docs):
        doc["id"] = number
    return docs


# A document as an index takes it: its stored fields, then the counts of the terms of each field of FIELDS.
Indexed = list[Any]


def indexed(doc: Document, titles: dict[str, dict[str, int]] | None = None) -> Indexed:
    """One document's stored fields and term counts (`titles`: the counts of guide titles already counted)."""
    stored = {k: doc[k] for k in STORED if k in doc}
    counts = []
    for field in FIELDS:
        text = str(doc[field])
        if field == "guide" and titles is not None:  # a guide's title is in each of its questions: counted once
            counts.append(titles.get(text) or titles.setdefault(text, dict(Counter(tokenize(text)))))
        else:
            counts.append(dict(Counter(tokenize(text))))
    return [stored, *counts]


def guide_entry(guide: Guide) -> list[Indexed]:
    """A guide's documents as an index takes them: the part of an index that is the guide's alone, so that a
    build makes it where the guide is and the cache keeps it (an index is merged from its guides' entries)."""
    titles: dict[str, dict[str, int]] = {}
    return [indexed(doc, titles) for doc in guide_documents(guide)]


def checked_entry(data: Any, url: str) -> list[Indexed]:
    """A guide's entry as read back (the cache is input like any other), for the guide at site path `url`;
    ValueError unless every document is the guide's or one of its questions', with counts of terms."""
    if not isinstance(data, list) or not data:
        raise ValueError("no documents")
    for number, doc in enumerate(data):
        if not isinstance(doc, list) or len(doc) != 1 + len(FIELDS):
            raise ValueError("a document of another shape")
        stored, *counts = doc
        if not isinstance(stored, dict) or not set(stored) <= _STORED_KEYS or stored.get("u") != url \
                or not all(isinstance(v, str) for v in stored.values()):
            raise ValueError("stored fields of another kind or guide")
        if ("a" in stored) != (number > 0) or (number and not _ANCHOR.fullmatch(stored["a"])):
            raise ValueError("an anchor that is not a question's")
        # json gives an object's keys as strings: its values must be counts
        if not all(isinstance(c, dict) and set(map(type, c.values())) <= {int} for c in counts):
            raise ValueError("term counts of another kind")
    return data


_STORED_KEYS = set(STORED)
_ANCHOR = re.compile(r"tg-line-[0-9]+")


def build_index(docs: list[Document]) -> str:
    """The index of these documents (numbered in this order): merge_index of their term counts."""
    titles: dict[str, dict[str, int]] = {}
    return merge_index([[indexed(doc, titles) for doc in docs]])


def _number(value: float) -> float | int:
    # JSON.stringify writes 3.0 as 3: the same text as MiniSearch's own toJSON() for the same numbers
    return int(value) if value.is_integer() else value


def merge_index(entries: Iterable[list[Indexed]]) -> str:
    """The JSON text MiniSearch 7's toJSON() gives after addAll() of the entries' documents, in their order
    (ids numbered in that order), with tokenize.py's rule as its tokenizer.

    As in MiniSearch, a field's length is its number of distinct terms and its average is kept as a running
    mean, in the same floating-point steps, so scores of the loaded index equal those of one MiniSearch
    indexes itself. Terms are written sorted.
    """
    # Keys are written as the JSON's strings from the start: a large index has a great many postings, and a
    # copy of them with their keys turned into strings would double what the build holds at its peak.
    postings: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    lengths: dict[str, list[int]] = {}
    stored: dict[str, dict[str, str]] = {}
    averages = [0.0] * len(FIELDS)
    short = 0
    for entry in entries:
        for doc in entry:
            key = str(short)
            stored[key] = doc[0]
            lengths[key] = row = []
            for field_id, counts in enumerate(doc[1:]):
                row.append(len(counts))
                averages[field_id] = (averages[field_id] * short + row[-1]) / (short + 1)
                name = _FIELD_KEYS[field_id]
                for term, n in counts.items():
                    postings[term].setdefault(name, {})[key] = n
            short += 1
    data = {
        "documentCount": short,
        "nextId": short,
        "documentIds": {str(n): n for n in range(short)},
        "fieldIds": {field: field_id for field_id, field in enumerate(FIELDS)},
        "fieldLength": lengths,
        "averageFieldLength": [_number(a) for a in averages],
        "storedFields": stored,
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
