"""What search engines read: absolute URLs, hreflang alternates, FAQPage JSON-LD and the sitemap's list."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from topicgen.config import Config
from topicgen.model import Guide


def absolute_url(config: Config, target: str) -> str:
    """`target` (a site path, no leading slash) under base_url, percent-encoded; root-relative without base_url."""
    return (config.base_url or "/") + url_quote(target)


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch  # what quote(path, safe="/") leaves as it is


@functools.lru_cache(maxsize=65536)  # a guide's path is quoted for its page, its translations', the sitemap
def url_quote(path: str) -> str:
    """quote(path, safe="/")."""
    return path if _URL_SAFE(path) else quote(path, safe="/")


def faq_jsonld(guide: Guide, shown: Callable[[str], str] = str) -> dict[str, Any] | None:
    """schema.org FAQPage for the guide's answer items, each answer's HTML as `shown` makes it (the page's
    links and images); None when it has no answer with text."""
    entities = [
        {"@type": "Question", "name": faq.question,
         "acceptedAnswer": {"@type": "Answer", "text": shown(faq.answer_html).strip()}}
        for faq in guide.faqs
        if faq.kind == "answer" and faq.question and faq.answer_html and faq.answer_html.strip()
    ]
    if not entities:
        return None
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}
    if guide.permalink.lang:
        data["inLanguage"] = guide.permalink.lang
    return data


def script_json(data: object) -> str:
    """JSON safe inside `<script>`: `<`, `>` and `&` escaped, so `</script>` in an answer cannot end the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
