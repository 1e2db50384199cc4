"""Benchmark: topicgen full, no-change and one-change builds at 1x and 20x the corpus, beside Jekyll and Hugo.

    python bench/bench.py [--corpus ../shared/corpus/kore] [--runs 5] [--scale 20] [--work DIR]

Every figure is the median wall-clock time of --runs runs of the command as a user types it (a new process
each time, start-up included), side by side on this machine; peak memory is the largest resident set of
any run (of the process and the workers it waited for). Jekyll (with jekyll-commonmark, UNSAFE, as the Kore
site builds these guides) and Hugo are measured when installed, on the same files with minimal layouts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "kore"
_PERMALINK = re.compile(r"^(permalink:[ \t]*)(.*?)([ \t]*)$", re.M)


def scale_corpus(corpus: Path, dest: Path, copies: int) -> int:
    """`copies` copies of every guide of `corpus` under dest/copyNN/, each permalink made distinct by a
    `-cNN` suffix on its last segment; other files (images) once, at the same place. Returns the guide count."""
    count = 0
    for path in sorted(corpus.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(corpus)
        if path.suffix.lower() not in (".md", ".markdown"):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / rel)
            continue
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        for i in range(copies):
            target = dest / f"copy{i:02d}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_distinct(text, i).encode("utf-8", "surrogateescape"))
            count += 1
    return count


def _distinct(text: str, i: int) -> str:
    """The guide with `-cNN` on its permalink (front matter only; a guide without one is left as it is)."""
    head = re.match(r"\ufeff?---[ \t]*\r?\n(.*?)\n(?:---|\.\.\.)[ \t]*\r?$", text, re.S | re.M)
    if not head:
        return text
    m = _PERMALINK.search(text, head.start(1), head.end(1))
    if not m or not m.group(2).strip():
        return text
    value = m.group(2).rstrip("\r")
    end = value.rstrip("/")
    new = f"{end}-c{i:02d}{value[len(end):]}"
    return text[: m.start(2)] + new + text[m.start(2) + len(value):]


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (KiB) of one command; its output is discarded, failure is fatal."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss


def measure(runs: int, before: Callable[[int], None], cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Median seconds and peak RSS over `runs` runs; `before(i)` prepares run i (not timed)."""
    times, peak = [], 0
    for i in range(runs):
        before(i)
        elapsed, rss = run(cmd, cwd)
        times.append(elapsed)
        peak = max(peak, rss)
    return statistics.median(times), peak


def topicgen_cases(src: Path, out: Path, runs: int, edit: Path) -> dict[str, tuple[float, int]]:
    """Full (no output, no cache), no-change and one-change builds of `src`."""
    cmd = [sys.executable, "-m", "topicgen", "build", "--src", str(src), "--out", str(out)]
    original = edit.read_bytes()
    results = {"full": measure(runs, lambda i: shutil.rmtree(out, ignore_errors=True), [*cmd, "--no-cache"])}
    run(cmd)
    results["no-change"] = measure(runs, lambda i: None, cmd)

    def change(i: int) -> None:  # one guide's intro text edited, as a writer would
        edit.write_bytes(original.replace(b"Check out", f"Edit {i}: check out".encode(), 1)
                         if b"Check out" in original else original + f"\nEdit {i}\n".encode())
    try:
        results["one-change"] = measure(runs, change, cmd)
    finally:
        edit.write_bytes(original)
    return results


def jekyll_site(src: Path, site: Path) -> None:
    """A Jekyll source folder: the guides, CommonMark with UNSAFE, one minimal layout."""
    shutil.copytree(src, site)
    (site / "_layouts").mkdir()
    (site / "_includes").mkdir()
    (site / "_includes" / "links.html").write_text("")  # a few guides include it on the Kore site
    (site / "_layouts" / "default.html").write_text(
        "<!doctype html><html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n")
    (site / "_config.yml").write_text(
        "plugins: [jekyll-commonmark]\nmarkdown: CommonMark\n"
        "commonmark:\n  options: [UNSAFE]\n  extensions: [table, strikethrough, autolink]\n"
        "defaults:\n  - scope: {path: \"\"}\n    values: {layout: default}\nexclude: [LICENSE, NOTICE]\n")


def hugo_site(src: Path, site: Path) -> None:
    """A Hugo site: the guides as content (goldmark, unsafe HTML), minimal single and list layouts."""
    shutil.copytree(src, site / "content")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n")
    (layouts / "list.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
        "{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n")
    (site / "config.toml").write_text(
        'baseURL = "http://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n")


def others(src: Path, work: Path, runs: int) -> dict[str, tuple[float, int] | None]:
    """Full builds by Jekyll and Hugo (caches removed before each run), None where not installed."""
    found: dict[str, tuple[float, int] | None] = {"jekyll": None, "hugo": None}
    if shutil.which("jekyll"):
        site, dest = work / "jekyll", work / "jekyll-out"
        jekyll_site(src, site)

        def clean(i: int) -> None:
            shutil.rmtree(dest, ignore_errors=True)
            shutil.rmtree(site / ".jekyll-cache", ignore_errors=True)
        found["jekyll"] = measure(runs, clean, ["jekyll", "build", "-s", str(site), "-d", str(dest), "--quiet"])
    if shutil.which("hugo"):
        site = work / "hugo"
        hugo_site(src, site)

        def clean_hugo(i: int) -> None:
            shutil.rmtree(site / "public", ignore_errors=True)
            shutil.rmtree(site / "resources", ignore_errors=True)
        found["hugo"] = measure(runs, clean_hugo, ["hugo", "-s", str(site), "--quiet"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of guides (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure, the median is shown (default: 5)")
    parser.add_argument("--scale", type=int, default=20, help="copies in the scaled corpus (default: 20)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed after)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"bench: corpus folder {args.corpus} not found; pass --corpus")
    work = args.work or Path(tempfile.mkdtemp(prefix="topicgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        small, big = work / "src-1x", work / f"src-{args.scale}x"
        shutil.rmtree(small, ignore_errors=True)
        shutil.rmtree(big, ignore_errors=True)
        n1 = scale_corpus(args.corpus, small, 1)
        n20 = scale_corpus(args.corpus, big, args.scale)
        edit1 = _a_guide(small)
        edit20 = _a_guide(big)
        print(f"corpus: {n1} guides; scaled: {n20} guides; {args.runs} runs each, medians; "
              f"{os.cpu_count()} cores", flush=True)
        t1 = topicgen_cases(small, work / "out-1x", args.runs, edit1)
        t20 = topicgen_cases(big, work / f"out-{args.scale}x", max(3, args.runs // 2), edit20)
        o1 = others(small, work / "others-1x", args.runs)
        o20 = others(big, work / f"others-{args.scale}x", max(3, args.runs // 2))
        print(table(t1, t20, o1, o20, args.scale))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def _a_guide(src: Path) -> Path:
    guides = sorted(p for p in src.rglob("*.md") if b"Check out" in p.read_bytes())
    return guides[len(guides) // 2]


def table(t1: dict, t20: dict, o1: dict, o20: dict, scale: int) -> str:
    def s(v: tuple[float, int] | None) -> str:
        return f"{v[0]:.3f} s" if v else "not installed"

    def mb(v: tuple[float, int] | None) -> str:
        return f"{v[1] / 1024:.0f} MB" if v else "-"

    full = t1["full"][0]
    rows = [
        "| build | topicgen | peak RSS | ratio |",
        "|---|---|---|---|",
        f"| full, 1x | {s(t1['full'])} | {mb(t1['full'])} | 1.00 |",
        f"| no change, 1x | {s(t1['no-change'])} | {mb(t1['no-change'])} | {t1['no-change'][0] / full:.2f} of full |",
        f"| one guide changed, 1x | {s(t1['one-change'])} | {mb(t1['one-change'])} | "
        f"{t1['one-change'][0] / full:.2f} of full |",
        f"| full, {scale}x | {s(t20['full'])} | {mb(t20['full'])} | {t20['full'][0] / full:.1f}x the 1x time |",
        f"| no change, {scale}x | {s(t20['no-change'])} | {mb(t20['no-change'])} | "
        f"{t20['no-change'][0] / t20['full'][0]:.2f} of full |",
        f"| one guide changed, {scale}x | {s(t20['one-change'])} | {mb(t20['one-change'])} | "
        f"{t20['one-change'][0] / t20['full'][0]:.2f} of full |",
        "",
        "| full build, side by side | 1x | peak RSS | " + f"{scale}x | peak RSS |",
        "|---|---|---|---|---|",
        f"| topicgen | {s(t1['full'])} | {mb(t1['full'])} | {s(t20['full'])} | {mb(t20['full'])} |",
    ]
    for name, label in (("jekyll", "Jekyll 4 + CommonMark (UNSAFE)"), ("hugo", "Hugo")):
        ratio = f" ({o1[name][0] / full:.2f}x topicgen's time)" if o1[name] else ""
        rows.append(f"| {label} | {s(o1[name])}{ratio} | {mb(o1[name])} | {s(o20[name])} | {mb(o20[name])} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
