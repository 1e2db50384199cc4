"""Benchmark: topicgen full, no-change and one-change builds at 1x and 20x the corpus, beside Jekyll and Hugo.

    python bench/bench.py [--corpus ../shared/corpus/kore] [--runs 5] [--scale 20] [--work DIR]

Every figure is the median wall-clock time of --runs runs of the command as a user types it (a new process
each time, start-up included); peak memory is the largest resident set of any run (of the process and the
workers it waited for). Jekyll (with jekyll-commonmark, UNSAFE, as the Kore site builds these guides) and Hugo
are measured when installed, on the same files with minimal layouts. Full builds take turns (topicgen, Jekyll,
Hugo, then again), so that the machine's slow moments fall on all of them alike, and the ratio shown is the
median of each round's ratio to topicgen's time. Then `topicgen serve`'s edit-to-visible time in Chromium, and
last the figures issue 17 sets goals for, each beside its target.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded from a file by the tests
from corpus import DEFAULT_CORPUS, ROOT, Aside, scale_corpus, settle  # noqa: E402


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
        settle()
        elapsed, rss = run(cmd, cwd)
        times.append(elapsed)
        peak = max(peak, rss)
    return statistics.median(times), peak


def topicgen_cases(src: Path, out: Path, runs: int, edit: Path, aside: Aside) -> dict[str, tuple[float, int]]:
    """No-change and one-change builds of `src` (the full build is measured side by side with the others)."""
    cmd = _topicgen(src, out)
    original = edit.read_bytes()
    aside(out)
    aside(_cache(out))
    run(cmd, out.parent)
    run(cmd, out.parent)
    results = {"no-change": measure(runs, lambda i: None, cmd, out.parent)}

    def change(i: int) -> None:  # one guide's intro text edited, as a writer would
        edit.write_bytes(original.replace(b"Check out", f"Edit {i}: check out".encode(), 1)
                         if b"Check out" in original else original + f"\nEdit {i}\n".encode())
    try:
        results["one-change"] = measure(runs, change, cmd, out.parent)
    finally:
        edit.write_bytes(original)
    return results


KORE_LAYOUT = ROOT.parent / "shared" / "reference" / "kore-topic-layout"


def jekyll_site(src: Path, site: Path, kore: bool = False) -> None:
    """A Jekyll source folder: the guides, CommonMark with UNSAFE, and one layout: a minimal one, or the Kore
    docs' own topic layout (`kore`), as the Kore site builds these guides today."""
    shutil.copytree(src, site)
    (site / "_layouts").mkdir()
    (site / "_includes").mkdir()
    (site / "_includes" / "links.html").write_text("")  # a few guides include it on the Kore site
    (site / "_includes" / "head.html").write_text("<meta charset=\"utf-8\"><title>{{ page.title }}</title>\n")
    if kore:
        (site / "_layouts" / "default.html").write_text((KORE_LAYOUT / "topic.html").read_text(encoding="utf-8"))
        (site / "css" / "layouts" / "topic").mkdir(parents=True)
        shutil.copyfile(KORE_LAYOUT / "topic.css", site / "css" / "layouts" / "topic" / "topic.css")
        return
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


def others(src: Path, work: Path, aside: Aside) -> dict[str, tuple[list[str], Callable[[int], None], Path | None]]:
    """Full-build commands for Jekyll and Hugo where installed, each with what to clear before a run."""
    found: dict[str, tuple[list[str], Callable[[int], None], Path | None]] = {}
    layouts = [("jekyll", False)] + ([("jekyll-kore", True)] if KORE_LAYOUT.is_dir() else [])
    for name, kore in layouts if shutil.which("jekyll") else []:
        site, dest = work / name, work / f"{name}-out"
        shutil.rmtree(site, ignore_errors=True)
        jekyll_site(src, site, kore)

        def clean(i: int, site: Path = site, dest: Path = dest) -> None:  # bound now: `site` is reused below
            aside(dest)
            aside(site / ".jekyll-cache")
        found[name] = (["jekyll", "build", "-s", str(site), "-d", str(dest), "--quiet"], clean, None)
    if shutil.which("hugo"):
        site = work / "hugo"
        shutil.rmtree(site, ignore_errors=True)
        hugo_site(src, site)

        def clean_hugo(i: int, site: Path = site) -> None:
            aside(site / "public")
            aside(site / "resources")
        found["hugo"] = (["hugo", "-s", str(site), "--quiet"], clean_hugo, None)
    return found


def side_by_side(src: Path, out: Path, work: Path, runs: int, aside: Aside) -> dict[str, tuple[float, int, float]]:
    """Full builds of `src` by topicgen, Jekyll and Hugo, taking turns in each round so that the machine's
    slow and fast moments fall on all of them: per tool the median time, the peak RSS and the median of the
    per-round ratios of its time to topicgen's."""
    def fresh(i: int) -> None:  # as in CI on a fresh checkout: no output, no cache
        aside(out)
        aside(_cache(out))

    tools: dict[str, tuple[list[str], Callable[[int], None], Path | None]] = {
        "topicgen": (_topicgen(src, out), fresh, out.parent),
        **others(src, work, aside),
    }
    times: dict[str, list[float]] = {name: [] for name in tools}
    peak: dict[str, int] = {name: 0 for name in tools}
    for cmd, before, cwd in tools.values():  # one untimed round: first runs read their programs from disk
        before(-1)
        run(cmd, cwd)
    for i in range(runs):
        for name, (cmd, before, cwd) in tools.items():
            before(i)
            settle()
            elapsed, rss = run(cmd, cwd)
            times[name].append(elapsed)
            peak[name] = max(peak[name], rss)
    return {name: (statistics.median(t), peak[name],
                   statistics.median(a / b for a, b in zip(t, times["topicgen"]))) for name, t in times.items()}


def _topicgen(src: Path, out: Path) -> list[str]:
    """topicgen as a user runs it; from the output's parent folder, where its cache goes (see _cache). With a
    base URL, as a published site is built: the sitemap and the pages' absolute links are part of the work."""
    return [sys.executable, "-m", "topicgen", "build", "--src", str(src), "--out", str(out),
            "--base-url", "https://docs.example.com/guides/"]


def _cache(out: Path) -> Path:
    """topicgen's cache: `.topicgen-cache` in the folder it runs from, the output's parent here."""
    return out.parent / ".topicgen-cache"


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
    # topicgen's bytecode, as `pip install` leaves it: an editable install (or PYTHONDONTWRITEBYTECODE, set on
    # some machines) would otherwise compile topicgen's modules from source at every start.
    import topicgen
    compileall.compile_dir(Path(topicgen.__file__).parent, quiet=1)
    aside = Aside(work / "aside")  # see Aside: nothing is deleted until the end
    try:
        small, big = work / "src-1x", work / f"src-{args.scale}x"
        shutil.rmtree(small, ignore_errors=True)
        shutil.rmtree(big, ignore_errors=True)
        for folder in (work / "1x", work / f"{args.scale}x"):
            folder.mkdir(exist_ok=True)
        n1 = scale_corpus(args.corpus, small, 1)
        n20 = scale_corpus(args.corpus, big, args.scale)
        big_runs = max(3, args.runs // 2)
        print(f"corpus: {n1} guides; scaled: {n20} guides; {args.runs} runs at 1x, {big_runs} at {args.scale}x, "
              f"medians; {os.cpu_count()} cores", flush=True)
        f1 = side_by_side(small, work / "1x" / "out", work / "others-1x", args.runs, aside)
        t1 = topicgen_cases(small, work / "1x" / "out", args.runs, _a_guide(small), aside)
        f20 = side_by_side(big, work / f"{args.scale}x" / "out", work / f"others-{args.scale}x", big_runs, aside)
        t20 = topicgen_cases(big, work / f"{args.scale}x" / "out", big_runs, _a_guide(big), aside)
        t1, t20 = {"full": f1["topicgen"][:2], **t1}, {"full": f20["topicgen"][:2], **t20}
        print(table(t1, t20, f1, f20, args.scale))
        text, serve = serve_table(small, big, work, args.scale)
        print(text, flush=True)
        print(goals(t1, t20, f1, f20, serve, args.scale))
    finally:
        aside.clear()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def serve_table(small: Path, big: Path, work: Path, scale: int) -> tuple[str, dict[str, float]]:
    """`topicgen serve`, edit to visible in headless Chromium (see serve_bench.py), at 1x and at `scale`: the
    table, and the median seconds by label."""
    try:
        from serve_bench import measure  # beside this file; needs playwright and /usr/bin/chromium

        from tests.browser.harness import browser_missing_reason
    except ImportError as err:
        return f"\nserve: not measured ({err})", {}
    if browser_missing_reason():
        return f"\nserve: not measured ({browser_missing_reason()})", {}
    rows = ["", "| serve, edit to visible in Chromium | each (ms) | median | patched in |", "|---|---|---|---|"]
    medians = {}
    for label, src in (("1x", small), (f"{scale}x", big)):
        project = work / f"serve-{label}"
        project.mkdir(exist_ok=True)
        link = project / "guides"
        if not link.exists():
            link.symlink_to(src, target_is_directory=True)
        _, times, in_place = measure(link, project, 5)
        medians[label] = statistics.median(times)
        rows.append(f"| {label} | {', '.join(f'{t * 1000:.0f}' for t in times)} | {medians[label] * 1000:.0f} "
                    f"| {in_place}/{len(times)} |")
    return "\n".join(rows), medians


def goals(t1: dict, t20: dict, f1: dict, f20: dict, serve: dict[str, float], scale: int) -> str:
    """Issue 17's figures as it states them, from this run, each beside its target."""
    def of(other: dict, name: str) -> float | None:  # topicgen's time over the other's, median of the rounds
        return 1 / other[name][2] if other.get(name) else None

    big = f"{scale}x"
    rows = [
        ("full 1x: topicgen's time / Jekyll's (Kore layout)", of(f1, "jekyll-kore"), 0.5, "{:.2f}", "at most"),
        (f"full {big}: topicgen's time / Jekyll's (Kore layout)", of(f20, "jekyll-kore"), 0.6, "{:.2f}", "at most"),
        (f"full {big}: topicgen's time / Hugo's", of(f20, "hugo"), 1.3, "{:.2f}", "at most"),
        (f"peak RSS, full {big} (MB)", t20["full"][1] / 1024, 135, "{:.0f}", "at most"),
        (f"full {big} / full 1x", t20["full"][0] / t1["full"][0], 20, "{:.1f}", "at most"),
        (f"one guide changed, {big} / full {big}", t20["one-change"][0] / t20["full"][0], 0.1, "{:.2f}", "at most"),
        ("serve 1x: edit to visible, median (ms)", serve["1x"] * 1000 if "1x" in serve else None, 150, "{:.0f}",
         "under"),
        (f"serve {big}: edit to visible, median (ms)", serve[big] * 1000 if big in serve else None, 300, "{:.0f}",
         "under"),
    ]
    lines = ["", "| issue 17's figure | target | this run | met |", "|---|---|---|---|"]
    for label, value, target, fmt, how in rows:
        met = "-" if value is None else "yes" if (value <= target if how == "at most" else value < target) else "no"
        shown = "not measured" if value is None else fmt.format(value)
        lines.append(f"| {label} | {how} {target} | {shown} | {met} |")
    return "\n".join(lines)


def _a_guide(src: Path) -> Path:
    guides = sorted(p for p in src.rglob("*.md") if b"Check out" in p.read_bytes())
    return guides[len(guides) // 2]


def table(t1: dict, t20: dict, f1: dict, f20: dict, scale: int) -> str:
    def s(v: tuple | None) -> str:
        return f"{v[0]:.3f} s" if v else "not installed"

    def mb(v: tuple | None) -> str:
        return f"{v[1] / 1024:.0f} MB" if v else "-"

    def ratio(v: tuple | None) -> str:
        return f"{v[2]:.2f}" if v else "-"

    full = t1["full"][0]
    rows = [
        "| build | topicgen | peak RSS | ratio |",
        "|---|---|---|---|",
        f"| full, 1x | {s(t1['full'])} | {mb(t1['full'])} | 1.00 |",
        f"| no change, 1x | {s(t1['no-change'])} | {mb(t1['no-change'])} | {t1['no-change'][0] / full:.2f} of full |",
        f"| one guide changed, 1x | {s(t1['one-change'])} | {mb(t1['one-change'])} | "
        f"{t1['one-change'][0] / full:.2f} of full, {t1['one-change'][0] / t1['no-change'][0]:.1f}x no change |",
        f"| full, {scale}x | {s(t20['full'])} | {mb(t20['full'])} | {t20['full'][0] / full:.1f}x the 1x time |",
        f"| no change, {scale}x | {s(t20['no-change'])} | {mb(t20['no-change'])} | "
        f"{t20['no-change'][0] / t20['full'][0]:.2f} of full |",
        f"| one guide changed, {scale}x | {s(t20['one-change'])} | {mb(t20['one-change'])} | "
        f"{t20['one-change'][0] / t20['full'][0]:.2f} of full, "
        f"{t20['one-change'][0] / t20['no-change'][0]:.1f}x no change |",
        "",
        f"| full build, side by side (taking turns) | 1x | time / topicgen's | peak RSS | {scale}x "
        "| time / topicgen's | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, label in (("topicgen", "topicgen (full theme, indexes, sitemap, JSON-LD)"),
                        ("jekyll", "Jekyll 4 + CommonMark (UNSAFE), minimal layout"),
                        ("jekyll-kore", "Jekyll 4 + CommonMark (UNSAFE), the Kore topic layout"),
                        ("hugo", "Hugo, minimal layouts")):
        a, b = f1.get(name), f20.get(name)
        rows.append(f"| {label} | {s(a)} | {ratio(a)} | {mb(a)} | {s(b)} | {ratio(b)} | {mb(b)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
