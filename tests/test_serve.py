"""`topicgen serve` end to end: a real server on a free port, permalinks, live edits, bad edits, traversal, SIGINT."""

from __future__ import annotations

import http.client
import io
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from topicgen.cli import main
from topicgen.serve.http import contained, split_path
from topicgen.serve.inject import inject, overlay
from topicgen.serve.preview import Preview, State

from .conftest import GUIDES, ROOT
from .serve_process import PLAN_USAGE, ServeProcess

KO_PLAN = Path("guides/platform/topic-guide/ko/latest/planusage.md")
OLD_QUESTION = "What is Allowed Sessions?"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(GUIDES, tmp_path / "guides")
    return tmp_path


@pytest.fixture
def server(project: Path):
    proc = ServeProcess(project, "--src", "guides")
    yield proc
    proc.kill()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the real server -----------------------------------------------------------------------------------------


def test_permalink_with_and_without_slash(server):
    status, headers, body = server.get(PLAN_USAGE)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert OLD_QUESTION in body
    assert 'id="topicgen-livereload"' in body  # served pages carry the reload script...
    status, headers, body = server.get(PLAN_USAGE.rstrip("/"))
    assert status == 301  # ...and the slash-less form redirects to the one canonical URL
    assert headers["Location"] == PLAN_USAGE
    status, headers, _ = server.get(PLAN_USAGE.rstrip("/") + "?a=1")
    assert (status, headers["Location"]) == (301, PLAN_USAGE + "?a=1")
    # `&` need not be encoded in a path, and a client may send it either way.
    assert server.get("/platform/topic-guide/ko/latest/Plan%20&%20Usage/")[0] == 200
    status, headers, body = server.get(PLAN_USAGE, method="HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 1000


def test_missing_pages_and_assets(server):
    status, _, body = server.get("/platform/topic-guide/ko/latest/No%20Such%20Guide/")
    assert status == 404 and 'id="topicgen-livereload"' in body
    status, headers, _ = server.get("/assets/topic.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert server.get("/assets/topic.css/")[0] == 404  # a file is not a folder
    assert server.get("/.topicgen-output")[0] == 404  # the writer's marker and cache are not the site
    assert server.get("/__topicgen/livereload.js")[0] == 200
    assert server.get("/__topicgen/nothing")[0] == 404


def test_built_output_never_contains_the_reload_script(runner, project):
    out = project / "out"
    result = runner.invoke(main, ["build", "--src", str(project / "guides"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "__topicgen" not in text and "topicgen-livereload" not in text, page


def test_edit_appears_without_restart(server, project):
    edit(project / KO_PLAN, OLD_QUESTION, "What are Allowed Sessions, edited?")
    took, body = server.poll(PLAN_USAGE, lambda b: "Allowed Sessions, edited?" in b)
    print(f"\nedit visible over HTTP after {took * 1000:.0f} ms (bundled guides)")
    assert OLD_QUESTION not in body
    server.wait_output("after a change to guides/platform/topic-guide/ko/latest/planusage.md")  # names the file


def test_the_search_index_follows_an_edit_without_another_reload(server, project):
    index = "/platform/topic-guide/ko/latest/search-index.json"
    version = server.status()["version"]
    edit(project / KO_PLAN, OLD_QUESTION, "What are Allowed Sessions, reindexed?")
    server.poll(PLAN_USAGE, lambda b: "reindexed?" in b)
    took, body = server.poll(index, lambda b: "reindexed?" in b)
    assert OLD_QUESTION not in body
    status = server.status()
    assert status["version"] != version and not status["errors"]
    time.sleep(0.5)
    assert server.status()["version"] == status["version"], "no second reload for the index"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_indexes_caught_up_after_an_edit_equal_a_full_build_s(project):
    preview = Preview(project / "guides", None, project / "site", io.StringIO())
    preview.rebuild()
    index = project / "site" / "platform/topic-guide/ko/latest/search-index.json"
    before = index.read_bytes()
    edit(project / KO_PLAN, OLD_QUESTION, "What are Allowed Sessions, reindexed?")
    preview.rebuild("planusage.md")
    assert index.read_bytes() == before and preview.memory.later is not None, "the page first, the index later"
    preview.catch_up(lambda: True)  # a save is waiting: left to the build for it
    assert index.read_bytes() == before and preview.memory.later is None
    preview.rebuild("planusage.md")  # nothing changed, but the index is still behind
    version = preview.state.version
    preview.catch_up()
    assert b"reindexed?" in index.read_bytes() and preview.state.version == version
    fresh = project / "fresh"
    result = CliRunner().invoke(main, ["build", "--src", str(project / "guides"), "--out", str(fresh), "--no-cache"])
    assert result.exit_code == 0, result.output
    site = _files(project / "site")
    assert {k: v for k, v in _files(fresh).items() if k != "sitemap.xml"} == site, "the preview has no sitemap"
    preview.rebuild("planusage.md")
    assert preview.memory.later is None and _files(project / "site") == site, "nothing left to do"


def test_events_stream_announces_each_build(server, project):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/__topicgen/events")
    resp = conn.getresponse()
    assert resp.getheader("Content-Type") == "text/event-stream"

    def next_version() -> tuple[str, str]:
        while True:
            line = resp.fp.readline().decode()
            if line.startswith("data: "):
                version, reload = line[6:].split()
                return version, reload

    first, reload = next_version()
    assert first == server.status()["version"] and reload == first  # the first build: nothing to patch from
    edit(project / KO_PLAN, OLD_QUESTION, "Edited once?")
    second, reload = next_version()
    # A guide's Markdown changed, no file the site copies: open pages may take the edit in place.
    assert second != first and reload == first
    (project / "guides" / "images" / "docIcon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>",
                                                               encoding="utf-8")
    third, reload = next_version()
    assert third != second and reload == third  # a copied image changed what the page loads: tabs reload
    conn.close()


def test_the_first_build_shows_its_progress_and_rebuilds_do_not(tmp_path):
    """`topicgen serve` shows `topicgen build`'s progress on its first build, the whole site; a save's rebuild
    would only flash it."""
    from contextlib import contextmanager

    shown: list[tuple[str, int]] = []

    @contextmanager
    def progress(label, total):
        shown.append((label, total))
        yield lambda n: None

    shutil.copytree(GUIDES, tmp_path / "guides")
    guides = len(list((tmp_path / "guides").rglob("*.md")))
    preview = Preview(tmp_path / "guides", None, tmp_path / "site", io.StringIO(), progress)
    assert not preview.rebuild().errors
    assert [label for label, _ in shown] == ["reading", "rendering"] and shown[0][1] == guides
    pages = [p for p in (tmp_path / "site").rglob("*") if p.suffix in (".html", ".txt")]  # robots.txt too
    assert shown[1][1] == len(pages) > guides
    edit(tmp_path / KO_PLAN, OLD_QUESTION, "Edited?")
    assert not preview.rebuild().errors and len(shown) == 2


def test_open_pages_reload_only_for_builds_that_change_a_copied_file(tmp_path):
    shutil.copytree(GUIDES, tmp_path / "guides")
    preview = Preview(tmp_path / "guides", None, tmp_path / "site", io.StringIO())
    first = preview.rebuild()
    assert first.reload == first.version
    edit(tmp_path / KO_PLAN, OLD_QUESTION, "Edited?")
    assert preview.rebuild().reload == first.version
    (tmp_path / "guides" / "4913").write_text("")  # an editor's temporary file (vim's): the site has no copy
    assert preview.rebuild().reload == first.version
    edit(tmp_path / KO_PLAN, "title: Plan", "title: [Plan")  # a failed build writes nothing
    assert preview.rebuild().reload == first.version
    edit(tmp_path / KO_PLAN, "title: [Plan", "title: Plan")
    (tmp_path / "guides" / "images" / "docIcon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    changed = preview.rebuild()
    assert changed.reload == changed.version and not changed.errors
    edit(tmp_path / KO_PLAN, "Edited?", "Edited again?")
    assert preview.rebuild().reload == changed.version


def test_bad_yaml_keeps_last_good_page_with_overlay_then_recovers(server, project):
    version = server.status()["version"]
    edit(project / KO_PLAN, "title: Plan & Usage", "title: [Plan & Usage")
    status = server.wait_version_change(version)
    assert not status["ok"]
    assert any("planusage.md:2: error:" in e and "YAML" in e for e in status["errors"]), status
    code, _, body = server.get(PLAN_USAGE)
    assert code == 200 and OLD_QUESTION in body  # the last good page, still served...
    assert 'id="topicgen-overlay"' in body  # ...under the overlay naming file and line
    assert "guides/platform/topic-guide/ko/latest/planusage.md:2: error:" in body
    server.wait_output("planusage.md:2: error:")  # and the terminal says it too

    edit(project / KO_PLAN, "title: [Plan & Usage", "title: Plan & Usage")
    edit(project / KO_PLAN, OLD_QUESTION, "Fixed and edited?")
    took, body = server.poll(PLAN_USAGE, lambda b: "Fixed and edited?" in b and "topicgen-overlay" not in b)
    assert server.status()["ok"]
    assert server.proc.poll() is None


def test_unclosed_tag_is_recovered_and_its_warning_shown_on_the_page(server, project):
    assert "topicgen-warnings" not in server.get(PLAN_USAGE)[2]
    path = project / KO_PLAN
    text = path.read_text(encoding="utf-8")
    at = text.index("</details>")
    path.write_text(text[:at] + text[at + len("</details>"):], encoding="utf-8")
    took, body = server.poll(PLAN_USAGE, lambda b: 'id="topicgen-warnings"' in b)
    box = body.split('id="topicgen-warnings"', 1)[1].split("</details>", 1)[0]
    assert "guides/platform/topic-guide/ko/latest/planusage.md:" in box and ": warning: " in box
    assert "not closed" in box
    assert "topicgen-overlay" not in body and OLD_QUESTION in body  # a warning: the page is rebuilt
    other = server.get("/platform/topic-guide/ja/latest/Plan%20%26%20Usage/")[2]
    assert "ko/latest/planusage.md" not in other  # another guide's page does not carry this guide's warnings


def test_overlay_escapes_error_text_from_guides(server, project):
    version = server.status()["version"]
    # Two guides at one permalink are an error quoting the permalink; in the overlay it must stay text.
    text = "---\ntitle: T\npermalink: <img src=x onerror=alert(1)>\n---\nText.\n"
    (project / "guides" / "a.md").write_text(text, encoding="utf-8")
    (project / "guides" / "b.md").write_text(text, encoding="utf-8")
    status = server.wait_version_change(version)
    while status["ok"]:  # the two files may arrive in two builds
        status = server.wait_version_change(status["version"])
    assert any("<img src=x" in e for e in status["errors"])
    _, _, body = server.get(PLAN_USAGE)
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<img src=x" not in body


def test_template_error_in_theme_then_fixed(project):
    theme = project / "theme"
    theme.mkdir()
    (project / "topicgen.yml").write_text("theme: theme\n", encoding="utf-8")
    proc = ServeProcess(project, "--src", "guides")
    try:
        assert proc.get(PLAN_USAGE)[0] == 200
        version = proc.status()["version"]
        (theme / "guide.html").write_text("line one\n{% if %}\n", encoding="utf-8")
        status = proc.wait_version_change(version)
        assert not status["ok"]
        assert any("guide.html:2: error:" in e for e in status["errors"]), status
        code, _, body = proc.get(PLAN_USAGE)
        assert code == 200 and OLD_QUESTION in body and "guide.html:2: error:" in body
        (theme / "guide.html").unlink()  # back to the default theme's template
        proc.poll(PLAN_USAGE, lambda b: OLD_QUESTION in b and "topicgen-overlay" not in b)
    finally:
        proc.kill()


@contextmanager
def serving_a_broken_config(project, broken: str):
    """The preview of `project` running, then its topicgen.yml replaced by `broken`: the process and the
    status of the build that failed on it."""
    config = project / "topicgen.yml"
    config.write_text("site_title: Preview\n", encoding="utf-8")
    proc = ServeProcess(project, "--src", "guides")
    try:
        version = proc.status()["version"]
        config.write_text(broken, encoding="utf-8")
        status = proc.wait_version_change(version)
        assert not status["ok"]
        yield proc, status
    finally:
        proc.kill()


def test_config_edits_are_watched(project):
    with serving_a_broken_config(project, "site_title: Preview\nbase_url: 42\n") as (proc, status):
        assert any(e.startswith("topicgen.yml:2: error:") for e in status["errors"]), status
        assert proc.get(PLAN_USAGE)[0] == 200  # still the last good site at the old base path
        (project / "topicgen.yml").write_text("base_url: https://docs.example.com/sub/path/\n", encoding="utf-8")
        took, body = proc.poll("/sub/path" + PLAN_USAGE, lambda b: OLD_QUESTION in b)
        assert proc.get(PLAN_USAGE)[0] == 404  # the site moved under the base path


def test_a_theme_folder_made_after_the_config_names_it_is_picked_up(project):
    with serving_a_broken_config(project, "site_title: Preview\ntheme: mytheme\n") as (proc, status):
        assert "`theme`" in status["errors"][0]
        (project / "mytheme" / "static").mkdir(parents=True)  # the folder, after the config that names it
        (project / "mytheme" / "static" / "topic.css").write_text("body { color: #123456 }\n", encoding="utf-8")
        proc.poll("/assets/topic.css", lambda b: "#123456" in b)
        # The build's files are in the served folder a moment before its state is published: wait for it.
        deadline = time.monotonic() + 30
        while not proc.status()["ok"] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.status()["ok"], proc.status()


def test_base_path_from_config(project):
    (project / "topicgen.yml").write_text("base_url: https://docs.example.com/sub/path/\n", encoding="utf-8")
    proc = ServeProcess(project, "--src", "guides")
    try:
        assert proc.base == "/sub/path/"  # the address it prints is where the site is
        status, _, body = proc.get("/sub/path" + PLAN_USAGE)
        assert status == 200 and OLD_QUESTION in body
        status, headers, _ = proc.get("/sub/path" + PLAN_USAGE.rstrip("/"))
        assert (status, headers["Location"]) == (301, "/sub/path" + PLAN_USAGE)
        assert proc.get(PLAN_USAGE)[0] == 404
        status, headers, _ = proc.get("/")
        assert (status, headers["Location"]) == (301, "/sub/path/")
    finally:
        proc.kill()


def test_a_base_path_in_other_scripts_is_served_and_redirected_to(project):
    (project / "topicgen.yml").write_text("base_url: https://docs.example.com/가이드/\n", encoding="utf-8")
    proc = ServeProcess(project, "--src", "guides")
    try:
        assert proc.base == "/%EA%B0%80%EC%9D%B4%EB%93%9C/"  # as a browser asks for it
        status, _, body = proc.get(proc.base.rstrip("/") + PLAN_USAGE)
        assert status == 200 and OLD_QUESTION in body
        status, headers, _ = proc.get("/")
        assert (status, headers["Location"]) == (301, proc.base)
    finally:
        proc.kill()


def test_first_build_fails_then_recovers(project):
    path = project / KO_PLAN
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title: Plan & Usage", "title: [oops"), encoding="utf-8")
    proc = ServeProcess(project, "--src", "guides")
    try:
        status, _, body = proc.get(PLAN_USAGE)
        assert status == 503 and 'id="topicgen-overlay"' in body and "planusage.md:2: error:" in body
        path.write_text(good, encoding="utf-8")
        proc.poll(PLAN_USAGE, lambda b: OLD_QUESTION in b and "topicgen-overlay" not in b)
    finally:
        proc.kill()


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
    "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%2Fsecret.txt", "/..\\secret.txt", "/..%5csecret.txt",
    "/platform/../../secret.txt", "/platform/%2e%2e/%2e%2e/secret.txt", "/./secret.txt",
    "/leak.txt", "/leakdir/secret.txt", "/leakdir/", "/%00/../secret.txt", "/secret.txt%00.html",
    "/%c0%ae%c0%ae/secret.txt", "/..;/secret.txt", "http://127.0.0.1/../secret.txt",
]


def test_traversal_never_leaves_the_site(server):
    secret = "TOPSECRET-5f1e"
    private = server.site.parent
    (private / "secret.txt").write_text(secret)  # beside the site, inside the server's own folder
    (server.tmp / "secret.txt").write_text(secret)
    (server.site / "leak.txt").symlink_to(private / "secret.txt")  # symlinks planted inside the site
    (server.site / "leakdir").symlink_to(private)
    absolute = [str(private / "secret.txt"), "/" + str(private / "secret.txt"),
                "/" + str(private / "secret.txt").replace("/", "%2f"), "//etc/passwd", "/%2fetc%2fpasswd"]
    for path in TRAVERSALS + absolute:
        response = server.raw(path)
        head = response.split(b"\r\n", 1)[0]
        assert secret.encode() not in response and b"root:x:0" not in response, path
        assert b" 200 " not in head, (path, head)
    assert server.get(PLAN_USAGE)[0] == 200  # and the site itself is still served


def test_unexpected_host_is_refused(server):
    # A page elsewhere that rebinds its name to 127.0.0.1 must not read the preview.
    assert server.get(PLAN_USAGE, headers={"Host": "evil.example:80"})[0] == 403
    assert server.get(PLAN_USAGE, headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_concurrent_requests_while_streams_are_open(server, project):
    streams = []
    for _ in range(3):  # open event streams hold a thread each; they must not block pages
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/__topicgen/events")
        conn.getresponse()
        streams.append(conn)
    results: list[int] = []

    def fetch() -> None:
        for _ in range(5):
            results.append(server.get(PLAN_USAGE)[0])

    threads = [threading.Thread(target=fetch) for _ in range(12)]
    for t in threads:
        t.start()
    edit(project / KO_PLAN, OLD_QUESTION, "During a rebuild?")  # a rebuild swapping folders meanwhile
    for t in threads:
        t.join(60)
    assert results == [200] * 60
    for conn in streams:
        conn.close()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_stops_cleanly(server, sig):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/__topicgen/events")  # an open tab must not keep it alive
    conn.getresponse()
    private = server.site.parent
    code, took = server.interrupt(sig)
    print(f"\nstopped {took * 1000:.0f} ms after {sig.name}")
    assert code in (0, 130)
    assert "Traceback" not in server.stderr
    assert not private.exists()  # the private build folder is removed
    conn.close()


def test_open_starts_the_browser_at_the_site(project):
    # webbrowser honours $BROWSER: a script that records the address stands in for the user's browser.
    opened = project / "opened.txt"
    script = project / "browser.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > "{opened}"\n')
    script.chmod(0o755)
    proc = ServeProcess(project, "--src", "guides", "--open", env={"BROWSER": f"{script} %s"})
    try:
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text().strip() == f"http://127.0.0.1:{proc.port}/"
    finally:
        proc.kill()


def test_port_in_use_is_a_clean_error(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "topicgen", "serve", "--src", "guides", "--port", str(port)],
                              cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- the pieces ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path, expected", [
    ("/", ([], True)),
    ("/a/b%20c/", (["a", "b c"], True)),
    ("/a/Plan%20%26%20Usage", (["a", "Plan & Usage"], False)),
    ("/a/%ED%94%8C", (["a", "플"], False)),
    ("/../x", None), ("/%2e%2E/x", None), ("/a/./b", None), ("/a%2fb", None), ("/a\\b", None),
    ("/a%5cb", None), ("/a%00b", None), ("//etc/passwd", None), ("/a//b", None), ("x/y", None),
    ("http://h/x", None), ("/%ff", None),
])
def test_split_path(path, expected):
    assert split_path(path) == expected


def test_contained_refuses_symlinks_out(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "page.html").write_text("x")
    (tmp_path / "outside.txt").write_text("secret")
    (site / "out").symlink_to(tmp_path / "outside.txt")
    (site / "in").symlink_to(site / "a" / "page.html")
    assert contained(site, ["a", "page.html"]) == (site / "a" / "page.html").resolve()
    assert contained(site, ["in"]) == (site / "a" / "page.html").resolve()  # a link inside the site is fine
    assert contained(site, ["out"]) is None
    assert contained(site, ["missing"]) is None


def test_inject_places_script_before_body_end_and_escapes_errors():
    state = State("v-1", None, "/", ("a.md:3: error: <script>alert(1)</script> & more",))
    page = inject(b"<html><body><p>x</p></BODY></html>", state)
    assert page.endswith(b"</BODY></html>")
    assert b'data-version="v-1"' in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page and b"<script>alert" not in page
    # Every page has the overlay's stylesheet, first in the box: an overlay patched in later is styled at once.
    assert inject(b"no body", State("v", None, "/")).startswith(
        b'no body<div data-topicgen-preview><link rel="stylesheet" href="/__topicgen/overlay.css"><script')
    assert page.count(b"overlay.css") == 1
    assert overlay(()) == ""


def test_the_injected_script_and_overlay_cannot_be_shadowed_by_a_guide_s_ids():
    state = State("v-2", None, "/", ("a.md:3: error: broken",))
    decoys = b'<p id="topicgen-livereload">x</p><b id="topicgen-overlay"></b><i id="topicgen-overlay-close"></i>'
    page = inject(b"<html><body>" + decoys + b"</body></html>", state, ("a.md:4: warning: w",))
    added = page.split(decoys, 1)[1]
    # All that the preview adds is in one element of its own, the script last, so that the script finds itself
    # (document.currentScript) and the overlay inside its parent, whatever ids the guide's elements carry.
    assert added.startswith(b"<div data-topicgen-preview>") and added.endswith(b"</script></div>\n</body></html>")
    assert added.count(b'id="topicgen-overlay"') == 1 and b'id="topicgen-warnings"' in added
    script = (Path(ROOT) / "topicgen" / "serve" / "livereload.js").read_text()
    assert "getElementById" not in script and "document.currentScript" in script
    css = re.sub(r"/\*.*?\*/", "", (Path(ROOT) / "topicgen" / "serve" / "overlay.css").read_text(), flags=re.S)
    rules = [rule.strip() for rule in re.findall(r"([^{};]+)\{", css) if "#topicgen-" in rule]  # the selectors
    assert rules and all(rule.startswith("[data-topicgen-preview] > #topicgen-") for rule in rules), rules


def test_idle_and_half_sent_connections_are_closed_and_the_server_keeps_answering(tmp_path, monkeypatch):
    import io

    from topicgen.serve.http import Handler, Server
    from topicgen.serve.preview import Preview

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "g.md").write_text("---\ntitle: G\npermalink: demo/topic-guide/en/latest/G\n---\nText.\n")
    preview = Preview(tmp_path / "src", None, tmp_path / "site", io.StringIO())
    preview.rebuild()
    monkeypatch.setattr(Handler, "timeout", 3.0)  # 10 s in use; the test need not wait that long
    server = Server(("127.0.0.1", 0), Handler)
    server.preview, server.check_host = preview, True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]

    def get() -> float:
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/demo/topic-guide/en/latest/G/")
        assert conn.getresponse().status == 200
        conn.close()
        return time.monotonic() - started

    try:
        idle = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(200)]
        half = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(200)]
        for i, sock in enumerate(half):
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never the blank line that ends a request
            if i % 3 == 0:
                sock.shutdown(socket.SHUT_WR)  # the client went away mid-request: nothing is sent back
        assert get() < 5  # hundreds of silent sockets do not keep pages from being served
        started = time.monotonic()
        for sock in idle + half:
            assert sock.recv(1024) == b""  # closed by the server (timed out, or gone), never answered
        assert time.monotonic() - started < 15
        for sock in idle + half:
            sock.close()
        assert max(get() for _ in range(5)) < 5
    finally:
        server.shutdown()
        server.server_close()


def test_a_request_trickled_a_byte_at_a_time_is_cut_off_at_its_deadline(tmp_path, monkeypatch):
    import io

    from topicgen.serve.http import Handler, Server
    from topicgen.serve.preview import Preview

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "g.md").write_text("---\ntitle: G\npermalink: demo/topic-guide/en/latest/G\n---\nText.\n")
    preview = Preview(tmp_path / "src", None, tmp_path / "site", io.StringIO())
    preview.rebuild()
    monkeypatch.setattr(Handler, "timeout", 2.0)
    monkeypatch.setattr(Handler, "request_deadline", 1.5)  # 30 s in use
    server = Server(("127.0.0.1", 0), Handler)
    server.preview, server.check_host = preview, True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    port = server.server_address[1]
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        started, cut = time.monotonic(), None
        for byte in b"GET /demo/topic-guide/en/latest/G/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
            try:
                sock.sendall(bytes([byte]))  # each byte well inside the 2 s a silent connection gets
            except OSError:
                cut = time.monotonic() - started
                break
            time.sleep(0.1)
        if cut is None:
            assert sock.recv(1024) == b""  # closed, never answered
            cut = time.monotonic() - started
        assert cut < 6  # the 1.5 s deadline, not the 15 s the trickle would take
        sock.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)  # a normal request is not cut off
        conn.request("GET", "/demo/topic-guide/en/latest/G/")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_swapped_out_during_a_build_is_waited_for_not_answered_404(tmp_path):
    """A commit renames a changed page's file out and the new one in: a request between the two renames, while
    the build runs, gets the new page once it is done (its folder is there all along, its index.html is not)."""
    from topicgen.serve.http import Handler, Server

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "g.md").write_text("---\ntitle: G\npermalink: demo/topic-guide/en/latest/G\n---\nText.\n")
    preview = Preview(tmp_path / "src", None, tmp_path / "site", io.StringIO())
    preview.rebuild()
    server = Server(("127.0.0.1", 0), Handler)
    server.preview, server.check_host = preview, True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    page = tmp_path / "site" / "demo/topic-guide/en/latest/G/index.html"
    text = page.read_bytes()
    try:
        with preview.changed:
            preview.building = True
        page.unlink()  # between the commit's two renames

        def finish() -> None:
            time.sleep(0.3)
            page.write_bytes(text)
            with preview.changed:
                preview.building = False
                preview.changed.notify_all()

        threading.Thread(target=finish).start()
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        conn.request("GET", "/demo/topic-guide/en/latest/G/")
        resp = conn.getresponse()
        assert resp.status == 200 and b"Text." in resp.read()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
