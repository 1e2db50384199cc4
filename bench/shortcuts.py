"""Benchmark: what each speed shortcut saves, by turning it off, on full (cold) builds of the corpus.

    python bench/shortcuts.py [--corpus ../shared/corpus/kore] [--runs 7] [--scale 1]

Each round builds the corpus once with every variant, taking turns; a variant is topicgen with one shortcut
turned off in the process that runs it (the code is patched before the build, nothing else changes):

- `no fast path`: every markdown fragment goes to Python-Markdown (parsing.markdown.plain_paragraphs off);
- `no precompiled templates`: Jinja compiles the default theme's templates (the shipped ones unused);
- `one process`: no worker processes (TOPICGEN_JOBS=1);
- `no gc.freeze`: the collection left in the cycle collector's passes (pipeline._thawed_at_end).

Prints the median wall time and CPU time (workers included) of each, and its ratio to the build with every
shortcut on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_CORPUS, Aside, scale_corpus, settle  # noqa: E402

VARIANTS = {
    "every shortcut on": "",
    "no fast path": "import topicgen.parsing.markdown as m; m.plain_paragraphs = lambda text: None",
    "no precompiled templates": "import topicgen.rendering.theme as t; t._read_stamp = lambda: 'none'",
    "one process": "import os; os.environ['TOPICGEN_JOBS'] = '1'",
    "no gc.freeze": "import gc; gc.freeze = lambda: None",
}


def command(patch: str, src: Path, out: Path) -> list[str]:
    """topicgen build, with `patch` applied first in the same process."""
    script = f"{patch}\nimport sys\nfrom topicgen.cli import main\nsys.argv = ['topicgen'] + sys.argv[1:]\nmain()"
    return [sys.executable, "-c", script, "build", "--src", str(src), "--out", str(out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="topicgen-shortcuts-"))
    aside = Aside(work / "aside")
    try:
        src = work / "src"
        scale_corpus(args.corpus, src, args.scale)
        times: dict[str, list[float]] = {name: [] for name in VARIANTS}
        cpu: dict[str, list[float]] = {name: [] for name in VARIANTS}  # user and system, workers included
        for i in range(args.runs + 1):  # the first round is not counted: programs read from disk
            for name, patch in VARIANTS.items():
                aside(work / "out")
                aside(work / ".topicgen-cache")
                settle()
                started = time.perf_counter()
                proc = subprocess.Popen(command(patch, src, work / "out"), cwd=work, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(proc.pid, 0)
                if os.waitstatus_to_exitcode(status):
                    sys.exit(f"shortcuts: the build `{name}` failed")
                if i:
                    times[name].append(time.perf_counter() - started)
                    cpu[name].append(usage.ru_utime + usage.ru_stime)
        base, base_cpu = statistics.median(times["every shortcut on"]), statistics.median(cpu["every shortcut on"])
        print(f"| full build, {args.scale}x, median of {args.runs} | time | / every shortcut on | CPU | / every "
              "shortcut on |\n|---|---|---|---|---|")
        for name, t in times.items():
            c = statistics.median(cpu[name])
            print(f"| {name} | {statistics.median(t):.3f} s | {statistics.median(t) / base:.2f} | {c:.2f} s | "
                  f"{c / base_cpu:.2f} |")
    finally:
        aside.clear()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
