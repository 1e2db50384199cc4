"""A guide full of injection attempts builds into pages that run none of them."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from topicgen.cli import main

EVIL = """---
title: "<script>alert('title')</script> Evil \\" onmouseover=\\"alert(1)"
permalink: demo/topic-guide/en/latest/Evil
description: "</script><script>alert('desc')</script>"
---
#### Topic Guide
###### <img src=x onerror=alert('heading')> Heading

  Summary <script>alert('summary')</script> with <a href="javascript:alert('sum')">a link</a>.

<details class="introduction-video" open>
  <summary>Introduction</summary>

   [![<svg onload=alert('t')>](javascript:alert('thumb'))](javascript:alert('intro'))

  ##### Intro <iframe src="https://evil.example/"></iframe>
  Description <style>body{display:none}</style> <b onclick="alert('d')">bold</b>

</details>

<details>
  <summary>FAQs</summary>
<a class="nested-accordian-link" href="javascript:alert('wrapper')">
  <details class="nested-details">
  <summary>What <script>alert('q')</script>?</summary>

   Answer with <script>alert('answer')</script> and <img src="x" onerror="alert('img')">
   and [md link](javascript:alert('md')) and <a href="data:text/html,<script>alert(1)</script>">data</a>
   and <object data="evil.swf"></object><embed src="evil.swf"> <form action="https://evil.example"><input></form>

  </details>
</a>
<a class="doc-link" href=" JaVaScRiPt:alert('link')">
  Link question <script>alert('lq')</script>
</a>
<a class="doc-link tour-guide" topic-id="1&quot; onclick=&quot;alert(2)" href="vbscript:msgbox(1)">
  Tour
</a>
</details>

<details>
  <summary>Videos</summary>
  <details-video>
  [![v](images/x.png)](javascript:alert('video'))
  ##### V <script>alert('vh')</script>
  desc
  </details-video>
</details>

<a class="doc-link" href="javascript:alert('card')">

| Frontmatter | Required? |
|-------------|-------------|
| ![alt](javascript:alert('img')) | **Documentation**  <br /> Card <script>alert('card')</script> |

</a>

Free text <script>alert('free')</script> <a href="javascript:alert('free')" onclick="x()">x</a>
<iframe srcdoc="<script>alert(1)</script>"></iframe>
"""


class Audit(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            kind = attrs.get("type", "")
            src = attrs.get("src") or ""
            if kind == "application/ld+json":
                self._in_script = "ld"
            elif src and "://" not in src and not src.startswith("//"):
                self._in_script = "local"
            else:
                self.problems.append(f"script {attrs}")
        theirs = tag == "input" and attrs.get("class") in ("tg-search-input", "tg-filter-input")  # the theme's boxes
        if tag in ("iframe", "object", "embed", "style", "form", "input", "svg", "base") and not theirs:
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"handler {name}={value!r} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "data", "srcdoc") and value:
                v = "".join(value.split()).lower()
                if v.startswith(("javascript:", "data:", "vbscript:")) or name == "srcdoc":
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script == "ld":
            json.loads(data)  # must stay valid JSON: no `</script>` break-out
        elif self._in_script == "local" and data.strip():
            self.problems.append("inline code in a local script tag")


def test_injection_attempts_do_not_survive(tmp_path, runner):
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil.md").write_text(EVIL, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "removed unsafe" in result.stderr  # the writer is told, with a line
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        audit = Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], page.relative_to(out)
    guide = (out / "demo/topic-guide/en/latest/Evil/index.html").read_text(encoding="utf-8")
    assert "Link question" in guide and "Answer with" in guide  # the harmless text stays


def test_raw_html_switch_keeps_writers_html(tmp_path, runner, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text("---\ntitle: A\npermalink: demo/topic-guide/en/latest/A\n---\n"
                              "Text <span style=\"color:red\" data-x=\"1\">red</span>\n", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("raw_html: true\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "--src", "src", "--out", "out"])
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "out/demo/topic-guide/en/latest/A/index.html").read_text(encoding="utf-8")
    assert '<span style="color:red" data-x="1">red</span>' in page
