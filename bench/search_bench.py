"""Search budget: gzipped bytes of the search scripts and of each index, and query times in headless Chromium.

    python bench/search_bench.py [--corpus ../shared/corpus/kore] [--copies 20] [--runs 3]

For the corpus (1x) and `--copies` copies of it (bench.py's scale_corpus): every index's size raw and
gzipped (level 6, a web server's usual; level 9 beside it), what a first query downloads (the three scripts
and that index), the time from first focus to a usable index (fetch, JSON.parse, MiniSearch.loadJSON), and
the median and 95th percentile of search calls timed in the page with performance.now() (search.js's
search(): plan, MiniSearch's search, the per-guide cap), and of a whole keystroke (input event to the
results in the DOM, without paint). Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import scale_corpus  # noqa: E402 (after the sys.path lines)
from tests.browser.harness import browser_missing_reason, chromium, serve  # noqa: E402 (after the sys.path lines)
from tests.browser.search_site import copy_search_assets, write_indexes, write_page  # noqa: E402 (after the sys.path lines)
from topicgen.config import Config  # noqa: E402 (after the sys.path lines)
from topicgen.reading.collect import read_collection  # noqa: E402 (after the sys.path lines)

SCRIPTS = ("minisearch.js", "tokenize.js", "search.js")
STATIC = ROOT / "themes" / "default" / "static" / "search"
# Typed by readers: whole words, words being typed, two-word queries, typos, nothing to find.
ENGLISH = ["dialog", "dialog task", "train", "training", "trai", "intent", "intents", "knowledge graph",
           "batch test", "alert task", "small talk", "sentiment", "digital views", "environment variables",
           "interruptions", "utterance testing", "botkit", "publish", "channel", "web sdk", "session",
           "contanment", "conversation flow", "how to create", "xyzzy", "agent transfer", "analytics", "nlp"]
JAPANESE = ["ナレッジ抽出", "ナレッジグラフ", "アラートタスク", "バッチテスト", "ストーリ", "スモールトーク",
            "センチメント", "デジタルビュー", "発話テスト", "環境変数", "割り込み", "挨拶", "公開", "感情",
            "ﾊﾞｯﾁﾃｽﾄ", "セッションの管理", "ボットのバージョン", "チャネル", "インテント", "トレーニング方法",
            "ボット", "設定方法", "dialog", "training", "ポポポ"]

TIMING = """async (queries) => {
  const box = TopicgenSearch.boxes[0];
  const t0 = performance.now();
  box.input.focus();
  await box.prepare();
  const load = performance.now() - t0;
  const calls = [], keys = [];
  for (let round = 0; round < %d; round++) {
    for (const q of queries) {
      let t = performance.now();
      TopicgenSearch.search(box.engine.ms, box.engine.tok, q);
      calls.push(performance.now() - t);
      t = performance.now();
      box.input.value = q;
      box.input.dispatchEvent(new Event("input"));
      keys.push(performance.now() - t);
    }
  }
  return {load, calls, keys, shown: box.options.length};
}"""


def gz(data: bytes, level: int = 6) -> int:
    return len(gzip.compress(data, level, mtime=0))


def site_for(src: Path, site: Path) -> list[str]:
    """Indexes of every guide below `src` and a search page beside each; the index paths."""
    copy_search_assets(site)
    paths = write_indexes(site, read_collection(src, Config()).guides)
    for path in paths:
        write_page(site / path, site, path.split("/")[2])
    return paths


def measure(port: int, browser: object, folder: str, paths: list[str], runs: int) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{port}/{folder}/{Path(path).parent.as_posix()}/search-test.html")
        queries = JAPANESE if "/ja/" in path else ENGLISH
        result = page.evaluate(TIMING % runs, queries)
        page.close()
        rows.append({"path": path, **result})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "kore")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="rounds of the query list per index")
    args = parser.parse_args()
    if not args.corpus.is_dir() or browser_missing_reason():
        print(f"needs {args.corpus} and Chromium: {browser_missing_reason() or 'no corpus'}", file=sys.stderr)
        return 2
    scripts = {name: (STATIC / name).read_bytes() for name in SCRIPTS}
    script_gz = sum(gz(b) for b in scripts.values())
    print("script         raw KB   gz-6 KB   gz-9 KB")
    for name, data in scripts.items():
        print(f"{name:14} {len(data) / 1024:6.1f}   {gz(data) / 1024:7.1f}   {gz(data, 9) / 1024:7.1f}")
    print(f"{'all three':14} {sum(map(len, scripts.values())) / 1024:6.1f}   {script_gz / 1024:7.1f}   "
          f"{sum(gz(b, 9) for b in scripts.values()) / 1024:7.1f}")
    css = (STATIC / "search.css").read_bytes()  # loaded with the page, not on focus
    print(f"{'search.css':14} {len(css) / 1024:6.1f}   {gz(css) / 1024:7.1f}   {gz(css, 9) / 1024:7.1f}")
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        root = Path(tmp)
        sites = {}
        for label, copies in (("1x", 1), (f"{args.copies}x", args.copies)):
            src = args.corpus
            if copies > 1:
                src = root / f"corpus{copies}"
                scale_corpus(args.corpus, src, copies)
            t0 = time.perf_counter()
            sites[label] = site_for(src, root / f"site-{label}")
            print(f"{label}: parsed and indexed in {time.perf_counter() - t0:.1f} s")
        print()
        print(f"{'corpus':5} {'index':44} {'docs':>6} {'raw KB':>8} {'gz-6 KB':>8} {'gz-9 KB':>8} "
              f"{'first KB':>8} {'load ms':>8} {'query ms':>9} {'p95':>6} {'key ms':>7} {'p95':>6}")
        with serve(root) as port, chromium() as browser:
            for label, paths in sites.items():
                for row in measure(port, browser, f"site-{label}", paths, args.runs):
                    data = (root / f"site-{label}" / str(row["path"])).read_bytes()
                    calls, keys = sorted(row["calls"]), sorted(row["keys"])  # type: ignore[type-var]
                    docs = data.count(b'"u":')
                    print(f"{label:5} {row['path']!s:44} {docs:6} {len(data) / 1024:8.0f} {gz(data) / 1024:8.1f} "
                          f"{gz(data, 9) / 1024:8.1f} {(gz(data) + script_gz) / 1024:8.1f} "
                          f"{row['load']:8.0f} {statistics.median(calls):9.2f} {_p95(calls):6.2f} "
                          f"{statistics.median(keys):7.2f} {_p95(keys):6.2f}")
    print(f"\nquery ms: search() alone; key ms: an input event until the results are in the DOM; "
          f"{args.runs} rounds of {len(ENGLISH)} English / {len(JAPANESE)} Japanese queries per index")
    return 0


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))]


if __name__ == "__main__":
    sys.exit(main())
