"""Hostile and unusual input (issue 12): each case is refused or made safe, with a diagnostic at its file and
line, the same in `check` as in `build`; nothing hangs, nothing is a traceback, nothing unsafe is published."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from topicgen.cli import main
from topicgen.output import folder
from topicgen.reading.permalink import OWN_PREFIX

from .conftest import GUIDES, ROOT, sources

LINE = re.compile(r"^(?P<path>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<sev>warning|error): (?P<msg>.+)$")
ANSWER = ('<details>\n<summary>FAQs</summary>\n<a class="nested-accordian-link" href="https://d.example/">\n'
          '<details class="nested-details">\n<summary>Q?</summary>\n\n{}\n</details>\n</a>\n</details>\n')


def guide(permalink: str = "demo/topic-guide/en/latest/G", body: str = "Text.\n", front: str = "") -> str:
    return f"---\ntitle: G\npermalink: \"{permalink}\"\n{front}---\n{body}"


def reported(output: str) -> list[tuple[str, int, str, str]]:
    """The diagnostics printed, as (file name, line, severity, message)."""
    return [(Path(m["path"]).name, int(m["line"] or 0), m["sev"], m["msg"])
            for m in map(LINE.match, output.splitlines()) if m]


def check_and_build(runner, src: Path, out: Path, *args: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    """The build's exit code and diagnostics, once `check` was seen to report exactly the same. A base URL is
    given, so the sitemap's warning about its absence is not among them."""
    args = ("--base-url", "https://docs.example/", *args)
    checked = runner.invoke(main, ["check", "--src", str(src), *args])
    built = runner.invoke(main, ["build", "--src", str(src), "--out", str(out), *args])
    for result in (checked, built):
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output
    assert reported(checked.stderr) == reported(built.stderr)
    assert checked.exit_code == built.exit_code
    return built.exit_code, reported(built.stderr)


def in_subprocess(cwd: Path, *args: str, memory: int = 2 << 30) -> subprocess.CompletedProcess[str]:
    """topicgen run as its own process under a memory limit and a time limit: a hang or a read of a whole
    special file is a failed test, not a stuck suite."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOPICGEN_JOBS": "1"}
    return subprocess.run([sys.executable, "-m", "topicgen", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=limit)


def sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.truncate(size)  # no disk space: the file system fills the holes with zeros when read


# --- special files in --src ------------------------------------------------------------------------------


def test_special_and_huge_sources_are_errors_that_never_block_or_exhaust_memory(tmp_path):
    src = sources(tmp_path, good=guide())
    os.mkfifo(src / "pipe.md")  # opening it for reading would wait for a writer forever
    os.symlink("/dev/zero", src / "zero.md")  # reading it never ends
    sparse(src / "huge.md", 6 << 30)  # 6 GB: reading it whole is a MemoryError
    sparse(src / "images" / "unused.png", 6 << 30)  # referenced by nothing
    os.mkfifo(src / "images" / "unused-pipe.png")
    os.symlink("/dev/zero", src / "images" / "unused-zero.png")
    results = {cmd: in_subprocess(tmp_path, *args) for cmd, args in {
        "check": ["check", "--src", "src"], "build": ["build", "--src", "src", "--out", "site"]}.items()}
    # (no base_url, so the site's warning that it has no sitemap comes last)
    for result in results.values():
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    got = reported(results["build"].stderr)
    assert got == reported(results["check"].stderr)
    assert [(name, line, sev) for name, line, sev, _ in got] == [("huge.md", 0, "error"), ("pipe.md", 0, "error"),
                                                                 ("zero.md", 0, "error"), ("topicgen", 0, "warning")]
    messages = " / ".join(msg for *_, msg in got)
    assert "6,442,450,944 bytes, more than the 16,777,216 a guide may have" in messages
    assert "not a regular file (a named pipe)" in messages and "link to a file outside the source folder" in messages
    assert not (tmp_path / "site").exists()  # an error: nothing is written
    for name in ("pipe.md", "zero.md", "huge.md"):
        (src / name).unlink()
    started = time.monotonic()
    result = in_subprocess(tmp_path, "build", "--src", "src", "--out", "site", "--base-url", "https://docs.example/")
    assert result.returncode == 0 and reported(result.stderr) == [], result.stderr
    assert time.monotonic() - started < 60  # the unreferenced 6 GB file is never read
    assert not (tmp_path / "site" / "images").exists()


def test_referenced_images_that_are_special_or_too_big_are_warned_and_not_copied(runner, tmp_path):
    body = "".join(f"![{name}](images/{name})\n\n" for name in ("ok.png", "pipe.png", "zero.png", "big.png",
                                                                 "folder.png", "missing.png"))
    src = sources(tmp_path, g=guide(body=body))
    (src / "images").mkdir()
    (src / "images" / "ok.png").write_bytes(b"\x89PNG ok")
    os.mkfifo(src / "images" / "pipe.png")
    os.symlink("/dev/zero", src / "images" / "zero.png")
    sparse(src / "images" / "big.png", 40 << 20)
    (src / "images" / "folder.png").mkdir()
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0
    assert [(line, msg) for _, line, _, msg in got] == [  # each image is warned at its own line
        (7, "image `images/pipe.png` is not a regular file (a named pipe); it is not copied"),
        (9, "image `images/zero.png` is outside the source folder; it is not copied"),
        (11, "image `images/big.png` is 41,943,040 bytes, more than the 33,554,432 an image may have; it is not copied"),
        (13, "image `images/folder.png` is not a regular file (a folder); it is not copied"),
        (15, "image `images/missing.png` not found (looked for images/missing.png in the source folder)")]
    assert sorted(p.name for p in (tmp_path / "site" / "images").iterdir()) == ["ok.png"]


def test_serve_with_a_fifo_in_the_source_folder_answers_and_stops_on_sigterm(tmp_path):
    import shutil
    import signal

    from .serve_process import PLAN_USAGE, ServeProcess

    shutil.copytree(GUIDES, tmp_path / "guides")
    os.mkfifo(tmp_path / "guides" / "pipe.md")
    os.mkfifo(tmp_path / "guides" / "images" / "pipe.png")  # not referenced: not even opened
    proc = ServeProcess(tmp_path, "--src", "guides")
    try:
        status = proc.status()
        assert not status["ok"] and any("pipe.md: error:" in e and "named pipe" in e for e in status["errors"])
        (tmp_path / "guides" / "pipe.md").unlink()  # fixed: the watcher rebuilds, and the site is served
        proc.poll(PLAN_USAGE, lambda body: "topicgen-overlay" not in body)
        private = proc.site.parent
        code, took = proc.interrupt(signal.SIGTERM)
        assert code == 0 and took < 10 and "Traceback" not in proc.stderr
        assert not private.exists()
    finally:
        proc.kill()


# --- YAML ---------------------------------------------------------------------------------------------------

BOMB = "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9 if p else ['lol'] * 9)}]\n"
               for p, n in zip(["", *"abcdefgh"], "abcdefghi"))  # 9**9 strings once expanded


def test_a_yaml_alias_bomb_is_refused_at_its_line_at_once(runner, tmp_path):
    assert len(BOMB) < 600
    src = sources(tmp_path, bomb=guide(front=BOMB))
    started = time.monotonic()
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert time.monotonic() - started < 20
    assert code == 1 and [(line, sev) for _, line, sev, _ in got] == [(5, "error")]
    assert "YAML alias `*a`" in got[0][3]


# --- names a file system cannot hold, and topicgen's own ----------------------------------------------------


@pytest.mark.parametrize("permalink, message", [
    ("demo/topic-guide/en/latest/" + "x" * 256, "a segment of 256 bytes"),
    ("demo/topic-guide/en/latest/" + "é" * 128, "a segment of 256 bytes"),
    ("/".join(["d" * 200] * 6), "1,205 bytes long"),
    (".topicgen-output", f"a segment starting with `{OWN_PREFIX}`"),
    (".topicgen-cache/state.pickle", f"a segment starting with `{OWN_PREFIX}`"),
    (".topicgen-cache", f"a segment starting with `{OWN_PREFIX}`"),
    ("demo/.topicgen-staging/x", f"a segment starting with `{OWN_PREFIX}`"),
    (".TOPICGEN-journal", f"a segment starting with `{OWN_PREFIX}`"),
])
def test_permalinks_no_file_system_holds_or_that_are_topicgen_s_own_are_errors_at_their_line(
        runner, tmp_path, permalink, message):
    src = sources(tmp_path, a=guide(permalink), ok=guide("demo/topic-guide/en/latest/OK"))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 1 and len(got) == 1
    name, line, sev, msg = got[0]
    assert (name, line, sev) == ("a.md", 3, "error") and message in msg, msg
    assert not (tmp_path / "site").exists()


def test_topicgen_s_own_output_entries_all_carry_the_prefix_permalinks_may_not_use():
    assert all(name.startswith(OWN_PREFIX) for name in folder.RESERVED)


@pytest.mark.parametrize("ref, message", [
    ("images/a%00.png", "has a name no file system can hold"),
    ("images/" + "a" * 300 + ".png", "has a name no file system can hold"),
    (".topicgen-staging/x.png", "folder named like topicgen's own"),
])
def test_image_names_a_file_system_cannot_hold_are_warnings_not_tracebacks(runner, tmp_path, ref, message):
    src = sources(tmp_path, g=guide(body=f"Text.\n\n![x]({ref})\n"))
    (src / ".topicgen-staging").mkdir()
    (src / ".topicgen-staging" / "x.png").write_bytes(b"png")
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0 and [(line, sev) for _, line, sev, _ in got] == [(7, "warning")]  # the image's line
    assert message in got[0][3]
    assert not (tmp_path / "site" / ".topicgen-staging").exists()


def test_permalinks_equal_but_for_unicode_normalization_are_warned_like_case_twins(runner, tmp_path):
    nfc, nfd = (unicodedata.normalize(form, "demo/topic-guide/en/latest/Café") for form in ("NFC", "NFD"))
    assert nfc != nfd
    src = sources(tmp_path, a=guide(nfc), b=guide(nfd), c=guide("demo/topic-guide/en/latest/Other"))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0 and [(name, line, sev) for name, line, sev, _ in got] == [("a.md", 3, "warning"),
                                                                               ("b.md", 3, "warning")]  # the permalink lines
    assert "differs only in Unicode normalization" in got[0][3] and "b.md" in got[0][3]
    assert "macOS" in got[0][3]


# --- SVG ----------------------------------------------------------------------------------------------------

EVIL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script>'
            '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(2)</script></body>'
            '</foreignObject><a href="javascript:alert(3)"><rect width="10" height="10"/></a></svg>')


def test_svg_images_are_copied_without_script_and_warned_at_the_guide_s_line(runner, tmp_path):
    body = ANSWER.format("![e](images/evil.svg)\n![c](images/clean.svg)\n![d](images/doctype.svg)\n![h](images/h.svg)")
    src = sources(tmp_path, g=guide(body=body), g2=guide("demo/topic-guide/en/latest/G2", body))
    (src / "images").mkdir()
    (src / "images" / "evil.svg").write_text(EVIL_SVG)
    clean = (GUIDES / "images" / "docIcon.svg").read_bytes()
    (src / "images" / "clean.svg").write_bytes(clean)
    (src / "images" / "doctype.svg").write_text('<!DOCTYPE svg [<!ENTITY x "x">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    (src / "images" / "h.svg").write_text("<html><script>alert(1)</script></html>")
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0
    # Each image's line; a cleaned SVG is said once, where it is first referenced, what is not copied everywhere.
    assert [(name, line) for name, line, _, _ in got] == [("g.md", 11), ("g.md", 13), ("g.md", 14),
                                                          ("g2.md", 13), ("g2.md", 14)]
    assert got[0][3].startswith("image `images/evil.svg`: `onload=`, `<script>`, `<foreignObject>`, "
                                '`href="javascript:alert(3)"` removed from the copy')
    assert "is not a safe SVG image: it has a DOCTYPE" in got[1][3] and "root element is not `<svg>`" in got[2][3]
    images = tmp_path / "site" / "images"
    assert sorted(p.name for p in images.iterdir()) == ["clean.svg", "evil.svg"]
    assert (images / "clean.svg").read_bytes() == clean
    published = (images / "evil.svg").read_text()
    assert "script" not in published and "onload" not in published and "javascript" not in published
    assert '<rect width="10" height="10"/>' in published


# --- frames -------------------------------------------------------------------------------------------------


def test_link_targets_other_than_blank_and_self_are_dropped_with_a_warning(runner, tmp_path):
    answer = ('<a href="https://a.example/" target="_top">top</a> <a href="https://b.example/" target="_parent">'
              'parent</a>\n<a href="https://c.example/" target="_blank">blank</a> '
              '<a href="https://d.example/" target="_self">self</a>\n[md](https://e.example/){: target="_top" }')
    src = sources(tmp_path, g=guide(body=ANSWER.format(answer)))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0 and [(line, msg.split(":")[0]) for _, line, _, msg in got] == [
        (11, 'removed `target="_top"`'), (11, 'removed `target="_parent"`'), (13, 'removed `target="_top"`')]
    page = (tmp_path / "site" / "demo/topic-guide/en/latest/G/index.html").read_text()
    assert "_top" not in page and "_parent" not in page
    assert 'href="https://c.example/" target="_blank"' in page and 'target="_self"' in page


def test_ids_the_theme_reserves_are_removed_from_guides_with_a_warning(runner, tmp_path):
    """A guide's `id="tg-line-11"` would take the place of the answer's anchor that search results link to,
    `tg-search-input` that of the search box, `tg-content` that of the skip link's target."""
    answer = ('<p id="tg-line-11">Answer.</p>\n<span id="mine">kept</span>\n\n'
              '#### More {: #tg-search-input }\n\n<div id=\'tg-content\'>x</div>')
    src = sources(tmp_path, g=guide(body=ANSWER.format(answer) + '\n<p id="tg-others">free</p>\n'))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0 and [(line, msg.split(":")[0]) for _, line, _, msg in got] == [
        (11, "removed the id `tg-line-11`"), (14, "removed the id `tg-search-input`"),
        (16, "removed the id `tg-content`"), (21, "removed the id `tg-others`")]
    page = (tmp_path / "site" / "demo/topic-guide/en/latest/G/index.html").read_text()
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids)), ids  # every id once: the theme's own are its own
    assert {"tg-content", "tg-search-input", "mine"} <= set(ids) and "tg-others" not in ids
    assert 'href="#tg-content"' in page and '<main id="tg-content"' in page


# --- escaping -----------------------------------------------------------------------------------------------


class _Messages(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.messages: list[dict] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("data-tg-message"):
            self.messages.append(json.loads(a["data-tg-message"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def test_entities_in_the_vocabulary_s_attributes_are_decoded_once(runner, tmp_path):
    faqs = ('<details>\n<summary>FAQs</summary>\n<a class="doc-link" href="https://d.example/?a=1&amp;b=2&copy=3">'
            'Link?</a>\n<a class="doc-link tour-guide" topic-id="a&amp;b&#39;c">Tour</a>\n'
            '<a class="doc-link" href="&#106;avascript:alert(1)">Sneaky?</a>\n</details>\n')
    src = sources(tmp_path, g=guide(body=faqs))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0 and [msg for *_, msg in got] == [
        "removed unsafe link `javascript:alert(1)`: only http, https, mailto, tel and relative links are kept"]
    raw = (tmp_path / "site" / "demo/topic-guide/en/latest/G/index.html").read_text()
    assert 'href="https://d.example/?a=1&amp;b=2&amp;copy=3"' in raw and "&amp;amp;" not in raw
    page = _Messages()
    page.feed(raw)
    assert "https://d.example/?a=1&b=2&copy=3" in page.hrefs
    assert {"action": "guidedTour", "selector": "topicGuide", "payload": {"topicId": "a&b'c"}} in page.messages
    exported = json.loads(runner.invoke(main, ["export", "--src", str(src), "--out", "-"]).stdout)
    assert [(f["url"], f["topic_id"]) for f in exported["guides"][0]["faqs"]] == [
        ("https://d.example/?a=1&b=2&copy=3", None), (None, "a&b'c"), (None, None)]


def test_robots_txt_is_text_and_the_sitemap_is_xml(runner, tmp_path):
    src = sources(tmp_path, g=guide("demo/topic-guide/en/latest/A & B <c>"))
    base = "https://host.example/a&b'/"
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site"), "--base-url", base])
    assert result.exit_code == 0, result.output
    robots = (tmp_path / "site" / "robots.txt").read_text()
    assert robots.splitlines()[-1] == f"Sitemap: {base}sitemap.xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(tmp_path / "site" / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert f"{base}demo/topic-guide/en/latest/A%20%26%20B%20%3Cc%3E/" in locs and all(u.startswith(base) for u in locs)


@pytest.mark.parametrize("base", ["https://host.example/a\n", "https://host.example/\x01/", "https://host.example/\tx/"])
def test_a_base_url_that_would_break_robots_txt_is_refused(runner, tmp_path, base):
    src = sources(tmp_path, g=guide())
    result = runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site"), "--base-url", base])
    assert result.exit_code == 2 and "Invalid value for '--base-url'" in result.output, result.output
    assert "has a space or a control character" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_the_export_is_strict_json_whatever_the_front_matter_holds(runner, tmp_path):
    front = ("score: .nan\nrange: [-.inf, 1, .inf]\nnested: {deep: [.NaN]}\nblob: !!binary aGVsbG8=\n"
             "tags: !!set {b, a}\nbig: 0x" + "f" * 4000 + "\nwhen: 2024-01-02\n")
    src = sources(tmp_path, g=guide(front=front))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 0
    odd = [(line, msg) for _, line, _, msg in got if "exported as null" in msg]
    assert odd == [(4, "front matter `score` holds `.nan`, which JSON has no number for: exported as null"),
                   (5, "front matter `range` holds `-.inf`, which JSON has no number for; `.inf`, which JSON has "
                       "no number for: exported as null"),
                   (6, "front matter `nested` holds `.nan`, which JSON has no number for: exported as null"),
                   (9, "front matter `big` holds a number of more than 4,000 digits, too long to write: "
                       "exported as null")]
    result = runner.invoke(main, ["export", "--src", str(src), "--out", "-"])

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    exported = json.loads(result.stdout, parse_constant=refuse)
    assert exported["guides"][0]["front_matter"] == {"score": None, "range": [None, 1, None],
                                                     "nested": {"deep": [None]}, "blob": "aGVsbG8=",
                                                     "tags": ["a", "b"], "big": None, "when": "2024-01-02"}


def test_a_number_too_long_for_python_is_an_error_at_its_line(runner, tmp_path):
    src = sources(tmp_path, g=guide(front="fine: 1\nlong: " + "9" * 5000 + "\n"),
                 t=f"---\ntitle: 0x{'f' * 5000}\npermalink: demo/topic-guide/en/latest/T\n---\nText.\n")
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 1 and [(name, line, sev) for name, line, sev, _ in got] == [("g.md", 5, "error"),
                                                                               ("t.md", 2, "error")]
    assert "more than 4,300 digits" in got[0][3] and "`title` is a number of more than 4,000 digits" in got[1][3]


def test_a_date_that_is_no_date_is_an_error_at_its_line(runner, tmp_path):
    src = sources(tmp_path, g=guide(front="fine: 2024-01-02\nrelease: 2024-00-10\n"),
                  t=guide("demo/topic-guide/en/latest/T", front="meta:\n  when: [1, 2024-02-30 10:00:00]\n"))
    code, got = check_and_build(runner, src, tmp_path / "site")
    assert code == 1 and [(name, line, sev) for name, line, sev, _ in got] == [("g.md", 5, "error"),
                                                                               ("t.md", 5, "error")]
    assert got[0][3] == ("front matter holds `2024-00-10`, which YAML reads as a date, and it is no date "
                         "(month must be in 1..12); quote it to keep it as text")
    assert "`2024-02-30 10:00:00`" in got[1][3] and "digits" not in got[1][3]
