"""The command line: parse options, call the build, turn results into messages and exit codes."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import click

from topicgen import __version__
from topicgen.build import build as run_build
from topicgen.build import load
from topicgen.config import Config, load_config
from topicgen.errors import TopicgenError
from topicgen.report import Reporter

_SRC = click.option("--src", type=click.Path(exists=True, file_okay=False, path_type=Path), default="guides",
                    show_default=True, help="Folder of guide sources.")
_CONFIG = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                       help="Config file (default: topicgen.yml in the current folder, if any).")
_STRICT = click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "github"]), default=None,
                       help="How diagnostics are printed (default: github inside GitHub Actions, else text).")


@click.group()
@click.version_option(__version__, prog_name="topicgen")
def main() -> None:
    """topicgen: topic guides into a typed model, JSON and a static site."""


def run() -> None:
    """The `topicgen` program: the command line, then an immediate exit.

    Python's normal exit frees every object one by one (about 0.1 s after a build of 6,000 guides) for no
    one's benefit; every command has closed its files, removed its temporary folders and flushed its output
    by the time it returns, so the process ends at once instead. Tests call `main` and are not affected.
    """
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`topicgen export | head`): nothing more to say
            code = code or 1
    os._exit(code)


def _config(path: Path | None, **overrides: object) -> Config:
    config = load_config(path, Path())  # relative, so messages name `topicgen.yml` as the user sees it
    return replace(config, **{k: v for k, v in overrides.items() if v is not None})


def _fail(err: TopicgenError) -> None:
    message = str(err)
    click.echo(message if ": error: " in message else f"topicgen: error: {message}", err=True)
    sys.exit(1)


@main.command()
@_SRC
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="build", show_default=True,
              help="Output folder; updated only when the build succeeds.")
@_CONFIG
@_STRICT
@_FORMAT
@click.option("--base-url", help="Absolute URL the site is published at, e.g. https://host/sub/path/.")
@click.option("--no-cache", is_flag=True,
              help="Build everything from scratch, ignoring the cache in <out>/.topicgen-cache (a fresh one is written).")
def build(src: Path, out: Path, config_path: Path | None, strict: bool, fmt: str | None,
          base_url: str | None, no_cache: bool) -> None:
    """Build every guide into themed pages at <out>/<permalink>/index.html."""
    started = time.perf_counter()
    reporter = Reporter(Reporter.default_format(fmt))
    try:
        config = _config(config_path, base_url=base_url.rstrip("/") + "/" if base_url else None)
        result = run_build(src, out, config, reporter, strict=strict, src_label=str(src),
                           use_cache=not no_cache, progress=_progress_bar() if _interactive() else None)
    except TopicgenError as err:
        _fail(err)
        return
    except OSError as err:  # the disk, not the input: say which file and why, the old output is untouched
        _fail(TopicgenError(f"cannot write the site: {err.filename or out}: {err.strerror or err}"))
        return
    elapsed = time.perf_counter() - started
    if result.recovery_note:
        click.echo(f"topicgen: note: {result.recovery_note}", err=True)
    if result.cache_note:
        click.echo(f"topicgen: note: the build cache in {out} is {result.cache_note}; it was rebuilt", err=True)
    if not result.written:
        click.echo(f"build failed: {reporter.summary()}; {out} left as it was", err=True)
        sys.exit(1)
    warnings = f"{reporter.warnings} warning" + ("" if reporter.warnings == 1 else "s")
    click.echo(f"built {result.pages} pages in {elapsed:.2f} s ({result.rebuilt} rebuilt, "
               f"{result.unchanged} unchanged), {warnings}", err=True)


def _interactive() -> bool:
    """A person is watching: standard error is a terminal and this is not a CI job."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def _progress_bar():  # -> Progress (topicgen.incremental), a factory of click progress bars
    """Progress bars on standard error, for steps with enough items to take a noticeable time."""
    from contextlib import contextmanager

    @contextmanager
    def bar(label: str, total: int):
        if total < 500:  # a few hundred items take well under a second: a bar would only flicker
            yield lambda n: None
            return
        with click.progressbar(length=total, label=label, file=sys.stderr, width=30) as progress:
            yield progress.update

    return bar


@main.command()
@_SRC
@_CONFIG
@_STRICT
@_FORMAT
def check(src: Path, config_path: Path | None, strict: bool, fmt: str | None) -> None:
    """Parse every guide and report problems; nothing is written."""
    reporter = Reporter(Reporter.default_format(fmt))
    try:
        collection = load(src, _config(config_path), reporter, str(src))
    except TopicgenError as err:
        _fail(err)
        return
    click.echo(f"checked {len(collection.guides)} guides, {len(collection.skipped)} skipped: "
               f"{reporter.summary()}", err=True)
    sys.exit(1 if reporter.failed(strict) else 0)


@main.command()
@_SRC
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Export format.")
@click.option("--out", default="-", show_default=True, help="File to write, or - for standard output.")
@_CONFIG
@_STRICT
def export(src: Path, fmt: str, out: str, config_path: Path | None, strict: bool) -> None:
    """Write the model of every guide as JSON (the contract is in the README).

    Guides with errors are listed under "skipped" with the reason; the exit code is then 1.
    """
    reporter = Reporter(Reporter.default_format(None))
    try:
        collection = load(src, _config(config_path), reporter, str(src))
    except TopicgenError as err:
        _fail(err)
        return
    from topicgen.export import export_json  # imports the parser: not needed by a build with nothing to do

    text = export_json(collection)
    if out == "-":
        click.echo(text, nl=False)
    else:
        try:
            _write_atomic(Path(out), text)
        except OSError as err:
            _fail(TopicgenError(f"cannot write {out}: {err.strerror or err}"))
    sys.exit(1 if reporter.failed(strict) else 0)


@main.command()
@_SRC
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the preview on this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@_CONFIG
def serve(src: Path, host: str, port: int, open_browser: bool, config_path: Path | None) -> None:
    """Preview the site: build into a private folder, serve it, rebuild and reload tabs on every change."""
    from topicgen import serve as preview  # watchfiles is only needed here; keeps other commands quick to start

    try:
        code = preview.serve(src, host=host, port=port, open_browser=open_browser, config_path=config_path)
    except TopicgenError as err:
        _fail(err)
        return
    sys.exit(code)


def _write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only `export --out` needs it

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
