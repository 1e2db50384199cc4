"""Benchmark: `topicgen serve`, edit to visible in headless Chromium, on the bundled guides and a corpus.

    python bench/serve_bench.py [--corpus ../shared/corpus/kore] [--edits 5] [--scale 1]

Starts the preview server on a copy of the guides, opens a guide in Debian's Chromium, then rewrites that
guide's title five times; each figure is the time from the file write until the open tab's title shows the
new text (the server noticed the change, rebuilt, told the tab, and the tab patched the new text in or
reloaded; the last column says how many edits were patched in). Needs playwright
(pip install -e '.[test]') and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import DEFAULT_CORPUS, scale_corpus  # noqa: E402  (bench/corpus.py, beside this file)

from tests.browser.harness import LOCAL_ONLY, chromium  # noqa: E402
from tests.serve_process import ServeProcess  # noqa: E402
from topicgen.config import Config  # noqa: E402
from topicgen.reading.collect import read_collection  # noqa: E402
from topicgen.reading.permalink import url_path  # noqa: E402

# In the open tab, before each write: the wall-clock time (ms) at which the title first shows `marker`, noted
# by the page itself when the title changes in place (the edit patched in).
_WATCH_TITLE = """marker => {
  window.__benchSeen = null;
  const note = () => {
    if (window.__benchSeen === null && document.title.includes(marker))
      window.__benchSeen = performance.timeOrigin + performance.now();
  };
  new MutationObserver(note).observe(document.documentElement, {subtree: true, childList: true, characterData: true});
}"""
# When the title was seen: as noted above, or, when the tab reloaded instead, when the new page's head was
# parsed (its navigation timing's domInteractive).
_SEEN = """() => window.__benchSeen != null ? window.__benchSeen
  : performance.timeOrigin + performance.getEntriesByType("navigation")[0].domInteractive"""


def wait_for(page, script: str, timeout: float = 60, every: float = 0.002) -> float:
    """Seconds until `script` is true in the page; survives the page reloading underneath."""
    from playwright.sync_api import Error

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if page.evaluate(script):
                return time.monotonic() - started
        except Error:  # the page is being replaced by its reload
            pass
        time.sleep(every)
    raise SystemExit(f"serve_bench: not true within {timeout} s: {script}")


def measure(src: Path, project: Path, edits: int) -> tuple[str, list[float], int]:
    """Edits of one guide's title, each timed from the write until the open tab shows it."""
    collection = read_collection(src, Config(cache_dir=str(project / "scratch-cache")))
    infos = [i for i in collection.infos if "title:" in (src / i.source).read_text(encoding="utf-8")]
    info = infos[len(infos) // 2]
    path = src / info.source
    proc = ServeProcess(project, "--src", src.name)
    try:
        with chromium(LOCAL_ONLY) as browser:  # not offline(): its interception would be part of the time
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{proc.port}{url_path(info.permalink)}")
            page.wait_for_function("document.readyState === 'complete'")
            times, in_place = [], 0
            text = path.read_text(encoding="utf-8")
            for n in range(edits):
                marker = f"edit-{n}-marker"
                wait_for(page, "window.topicgenLive === true")
                time.sleep(0.3)  # let the previous reload settle, as between a writer's saves
                page.evaluate(_WATCH_TITLE, marker)  # gone if the tab reloads
                started = time.time()
                path.write_text(text.replace("title:", f"title: {marker}", 1), encoding="utf-8")
                # Asked every 50 ms, not in a tight loop: on two cores, asking the browser every 2 ms took CPU
                # from the server's rebuild (docs/performance.md). The tab notes the time itself.
                wait_for(page, f"document.title.includes('{marker}')", every=0.05)
                seen = page.evaluate(_SEEN)
                times.append(seen / 1000 - started)
                in_place += page.evaluate("window.__benchSeen !== undefined")
    finally:
        proc.kill()
    if "--verbose" in sys.argv:
        print("".join(line for line in proc.lines if line.startswith("built")), file=sys.stderr)
    return info.source, times, in_place


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="copies of the corpus (bench.py's --scale)")
    parser.add_argument("--verbose", action="store_true", help="print the server's build lines")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="topicgen-serve-bench-"))
    try:
        sets = [("bundled guides", ROOT / "guides", 1)]
        if args.corpus.is_dir():
            sets.append((f"corpus x{args.scale}", args.corpus, args.scale))
        print("| guides | edited | edit to visible (ms), each | median | patched in |\n|---|---|---|---|---|")
        for label, src, scale in sets:
            project = work / label.replace(" ", "-")
            project.mkdir()
            scale_corpus(src, project / "guides", scale) if scale > 1 else shutil.copytree(src, project / "guides")
            source, times, in_place = measure(project / "guides", project, args.edits)
            each = ", ".join(f"{t * 1000:.0f}" for t in times)
            print(f"| {label} | {source} | {each} | {statistics.median(times) * 1000:.0f} | {in_place}/{len(times)} |",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
