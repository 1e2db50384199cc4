"""The command line: options parsed, the command's step called, results turned into messages and exit codes."""

from __future__ import annotations

import io
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from topicgen import __version__
from topicgen.baseurl import BASE_URL_RULE, base_url_problem, normal_base_url
from topicgen.build import build
from topicgen.config import Config, load_config
from topicgen.diagnostics import Reporter, plural
from topicgen.errors import ConfigError, TopicgenError
from topicgen.options import BuildOptions, located, report_config


class _Folder(click.Path):
    """A folder that exists. click refuses a file there, but takes what is neither a file nor a folder (a
    device such as /dev/null, a pipe), which the build then read as a folder that is gone."""

    def __init__(self) -> None:
        super().__init__(exists=True, file_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if not os.path.isdir(path):
            self.fail(f"'{click.format_filename(value)}' is not a folder.", param, ctx)
        return path


_SRC = click.option("--src", type=_Folder(), default="guides", show_default=True, help="Folder of guide sources.")
_CONFIG = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                       help="Config file (default: topicgen.yml in the current folder, if any).")
_STRICT = click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "github"]), default=None,
                       help="How diagnostics are printed (default: github inside GitHub Actions, else text).")


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--base-url` with one trailing slash, as the site uses it; not a URL the site can be at: a usage error.
    An empty one (`--base-url ""`) is no base URL, whatever topicgen.yml says."""
    if value is None:
        return None
    if not value.strip():
        return ""
    url = normal_base_url(value)
    if url is None:
        raise click.BadParameter(f"`{value}` {base_url_problem(value) or 'must be ' + BASE_URL_RULE}")
    return url


_BASE_URL = click.option("--base-url", callback=_base_url,
                         help="Absolute URL the site is published at, e.g. https://host/sub/path/.")


class _Command(click.Command):
    """A command that says a stray argument before it checks any option's default: `topicgen build docs`
    hears that the sources folder is given with --src, not that a folder `guides` does not exist."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not any(isinstance(p, click.Argument) for p in self.params):
            _, extra, _ = self.make_parser(ctx).parse_args(args=list(args))
            if extra:
                hint = (f"; the sources folder is given with --src: topicgen {self.name} --src {extra[0]}"
                        if any(p.name == "src" for p in self.params) and "--src" not in args else "")
                ctx.fail(f"Got unexpected extra argument{'s' if len(extra) > 1 else ''} ({' '.join(extra)}){hint}")
        return super().parse_args(ctx, args)


class _Group(click.Group):
    command_class = _Command


@click.group(cls=_Group, context_settings={"max_content_width": 100})
@click.version_option(__version__, prog_name="topicgen")
def main() -> None:
    """topicgen: topic guides into a typed model, JSON and a static site.

    New here? `topicgen new mysite` makes a project that builds as it is; docs/tutorial.md goes on from there.
    """


def run() -> None:
    """The `topicgen` program."""
    main()


def _config(path: Path | None, **overrides: Any) -> Config:
    config = load_config(path, Path())  # relative, so messages name `topicgen.yml` as the user sees it
    return replace(config, **{k: v for k, v in overrides.items() if v is not None})


def _fail(err: TopicgenError | OSError, doing: str = "", reporter: Reporter | None = None) -> None:
    """Say `err` and exit 1; a config error's problems through the reporter of a command, in its format (a
    GitHub annotation on each line, as the config's warnings are when it has no error)."""
    if isinstance(err, OSError):  # the disk, not the input: say which file and why
        err = TopicgenError(f"cannot {doing}: {err.filename or ''}: {err.strerror or err}".replace(": : ", ": "))
    if isinstance(err, ConfigError) and err.found:
        if reporter is not None:
            reporter.emit_all(list(err.found))
        else:
            click.echo(str(err), err=True)
        sys.exit(1)
    lines = [line if ": error: " in line else f"topicgen: error: {line}" for line in str(err).splitlines()]
    click.echo("\n".join(lines or ["topicgen: error: failed"]), err=True)
    sys.exit(1)


@main.command("build")
@_SRC
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="build", show_default=True,
              help="Output folder; updated only when the build succeeds.")
@_CONFIG
@_STRICT
@_FORMAT
@_BASE_URL
@click.option("--no-cache", is_flag=True,
              help="Build everything afresh, ignoring the build cache (a new one is written).")
def build_command(src: Path, out: Path, config_path: Path | None, strict: bool, fmt: str | None,
                  base_url: str | None, no_cache: bool) -> None:
    """Build the guides into a static site (default: build/).

    Every guide becomes <out>/<permalink>/index.html, with indexes, a sitemap and a 404 page; the output
    folder changes only when the whole build succeeds.
    """
    started = time.perf_counter()
    reporter = Reporter(Reporter.default_format(fmt))
    try:
        config = _config(config_path, base_url=base_url)
        progress = _progress_bar if _interactive() else None
        result = build(BuildOptions(src, out, config, strict, not no_cache, str(src), progress), reporter)
    except (TopicgenError, OSError) as err:
        _fail(err, "write the site", reporter)
        return
    for note in result.notes:
        click.echo(f"topicgen: note: {note}", err=True)
    if not result.written:
        click.echo(f"build failed: {reporter.summary()}; {out} left as it was", err=True)
        sys.exit(1)
    click.echo(f"built {plural(result.pages, 'page')} in {time.perf_counter() - started:.2f} s "
               f"({plural(result.files_written, 'file')} written, {result.unchanged} unchanged), "
               f"{plural(reporter.warnings, 'warning')}", err=True)
    if result.translations is not None and result.translations.entries:  # a site in one language has none
        click.echo(result.translations.line(), err=True)


def _interactive() -> bool:
    """A person is watching: standard error is a terminal and this is not a CI job."""
    return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def _progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error, for steps long enough to be worth one."""
    if total < 500:  # a few hundred items take well under a second: a bar would only flicker
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, width=30) as bar:
        yield bar.update


@main.command()
@_SRC
@_CONFIG
@_STRICT
@_FORMAT
@_BASE_URL
def check(src: Path, config_path: Path | None, strict: bool, fmt: str | None, base_url: str | None) -> None:
    """Report every problem build would report; write nothing."""
    from topicgen.pipeline import check_site

    reporter = Reporter(Reporter.default_format(fmt))
    try:
        config = _config(config_path, base_url=base_url)
        options = BuildOptions(src, Path("build"), config, strict, label=str(src))
        collection, _ = check_site(options, reporter)
    except TopicgenError as err:
        _fail(err, reporter=reporter)
        return
    click.echo(f"checked {plural(len(collection.guides), 'guide')}, {len(collection.skipped)} skipped: "
               f"{reporter.summary()}", err=True)
    sys.exit(1 if reporter.failed(strict) else 0)


@main.command()
@_SRC
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Export format.")
@click.option("--out", default="-", show_default=True, callback=lambda _c, _p, v: _named(v),
              help="File to write, or - for standard output.")
@_CONFIG
@_STRICT
def export(src: Path, fmt: str, out: str, config_path: Path | None, strict: bool) -> None:
    """Write the model of every guide as JSON.

    Guides with errors are listed under "skipped", and the command exits 1.
    """
    from topicgen.output.export import export_json, write_export
    from topicgen.pipeline import check_site

    reporter = Reporter(Reporter.default_format(None))
    try:
        config = _config(config_path, sitemap=False)  # the model alone: the site's sitemap is no concern of it
        options = BuildOptions(src, Path("build"), config, strict, label=str(src))
        collection, plan = check_site(options, reporter)
        text = export_json(collection, config, plan.diagnostics)
        if out == "-":
            click.echo(text, nl=False)
        else:
            write_export(Path(out), text, src, collection)
    except (TopicgenError, OSError) as err:
        _fail(err, "write to standard output" if out == "-" else f"write {out}", reporter)
        return
    sys.exit(1 if reporter.failed(strict) else 0)


@main.command()
@_SRC
@_CONFIG
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default=None,
              help="Problems as diagnostics (text, github) or the report as JSON on standard output "
                   "(default: github inside GitHub Actions, else text).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) when any translation has a problem.")
def translations(src: Path, config_path: Path | None, fmt: str | None, strict: bool) -> None:
    """Check each translation against its source-language guide.

    Reports translations that are missing, orphaned, untranslated, drifted or outdated (outdated: from the
    git history, inside a work tree).
    """
    from topicgen.pipeline import check_site
    from topicgen.translations.output import diagnostics, report_json
    from topicgen.translations.report import counts, site_report

    reporter = Reporter(Reporter.default_format(fmt if fmt != "json" else None))
    try:
        options = BuildOptions(src, Path("build"), _config(config_path), label=str(src))
        report_config(options.config, reporter)  # a misspelt `languages` changes what the report judges
        # Only read errors are said here (a guide that cannot be read counts as absent); the rest is check's.
        collection, _ = check_site(options, Reporter(stream=io.StringIO()))
        reporter.emit_all([(p, d) for p, d in located(options, collection.diagnostics()) if d.severity == "error"])
        report = site_report(collection.infos, options.config, src)
    except TopicgenError as err:
        _fail(err, reporter=reporter)
        return
    if fmt == "json":
        try:
            click.echo(report_json(report), nl=False)
        except OSError as err:  # a full disk, a closed pipe
            _fail(err, "write the report")
    else:
        reporter.emit_all(located(options, diagnostics(report, options.shown)))
    found = counts(report)
    click.echo(found.line(), err=True)
    sys.exit(1 if reporter.errors or (strict and any(e.problems for e in report.entries)) else 0)


@main.command()
@_SRC
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the preview on this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@_CONFIG
def serve(src: Path, host: str, port: int, open_browser: bool, config_path: Path | None) -> None:
    """Preview the site, rebuilt and reloaded on every save.

    The site is built into a private folder (never build/), served, and rebuilt on every change of the
    sources, the theme or the config; open tabs reload.
    """
    from topicgen.serve.server import serve as preview

    try:
        code = preview(src, host=host, port=port, open_browser=open_browser, config_path=config_path,
                       progress=_progress_bar if _interactive() else None)
    except TopicgenError as err:
        _fail(err)
        return
    sys.exit(code)


def _no_title() -> str:
    raise click.BadParameter("must be a text (leave --title out for the permalink's name)")


def _no_folder() -> Path:
    raise click.BadParameter("must name a folder, such as mysite (or . for the current one)")


def _named(value: str) -> str:
    if not value.strip():
        raise click.BadParameter("must name a file, or be - for standard output")
    if value != "-" and os.path.isdir(value):  # a wrong argument, as `build --out FILE` is
        raise click.BadParameter(f"{value} is a folder; give the export's file name, such as "
                                 f"{value.rstrip('/')}/model.json")
    return value


class _NewGroup(click.Group):
    """`new DIR` and `new guide PERMALINK`: anything but a subcommand's name goes to `new project`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["project", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_NewGroup, subcommand_metavar="DIR | guide PERMALINK")
def new() -> None:
    """Start a project (new DIR) or a guide (new guide PERMALINK).

    \b
    topicgen new DIR [--languages en,ja] [--force]
        A project in DIR: topicgen.yml with every setting explained, a sample guide per language that
        shows every part of a topic guide, images/, .gitignore and a GitHub Pages workflow.
    topicgen new guide PERMALINK [--title TEXT]
        Inside a project: a new guide from the sample, at the file its permalink implies
        (guides/<product>/topic-guide/<lang>/<version>/<name>.md).

    Neither ever overwrites a file. (`topicgen new project DIR` is the long form of the first, for a
    folder named `guide`.)
    """


@new.command("project")
@click.argument("folder", metavar="DIR", type=click.Path(),  # a text first: click makes `.` of ""
                callback=lambda _c, _p, v: Path(v) if v.strip() else _no_folder())
@click.option("--languages", default="en", show_default=True, metavar="CODES",
              help="Languages of the project, comma-separated; the first is the default one.")
@click.option("--force", is_flag=True, help="Add the project's files to a folder that is not empty (none is "
                                            "overwritten).")
def new_project_command(folder: Path, languages: str, force: bool) -> None:
    """Make a project in DIR that builds with no warnings."""
    from topicgen.scaffold.project import new_project, parse_languages
    from topicgen.scaffold.template import ScaffoldError

    try:
        codes = parse_languages(languages)
    except ScaffoldError as err:
        raise click.BadParameter(str(err), param_hint="'--languages'") from None
    try:
        written = new_project(folder, codes, force)
    except (TopicgenError, OSError) as err:
        _fail(err, f"write the project in {folder}")
        return
    for file in written:
        click.echo(f"created {file.path}" if file.created else f"kept {file.path} (a file is already there)")
    shown = str(folder) if folder.is_absolute() or not str(folder).startswith("-") else f"./{folder}"  # not an option
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(shown)} && "
    click.echo(f"next: {where}topicgen serve --open")


@new.command("guide")
@click.argument("permalink")
@click.option("--title", help="The guide's title and heading (default: the permalink's name).",
              callback=lambda _c, _p, v: _no_title() if v is not None and not v.strip() else v)
@click.option("--src", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of guide sources (default: guides/ beside the project's topicgen.yml).")
def new_guide_command(permalink: str, title: str | None, src: Path | None) -> None:
    """Write a new guide at PERMALINK, inside a project.

    PERMALINK is <product>/topic-guide/<lang>/<version>/<name>; the guide is written to
    <src>/<product>/topic-guide/<lang>/<version>/<name>.md, the name in lower-case letters and digits.
    A permalink already in use, or one the build would warn about, is refused.
    """
    from topicgen.scaffold.guide import BadPermalink, new_guide

    try:
        made = new_guide(permalink, Path.cwd(), src, title)
    except BadPermalink as err:
        raise click.BadParameter(str(err), param_hint="'PERMALINK'") from None
    except (TopicgenError, OSError) as err:
        _fail(err, "write the guide")
        return
    click.echo(f"created {os.path.relpath(made.path)} (permalink {made.permalink})")
    for note in made.notes:
        click.echo(f"topicgen: note: {note}", err=True)
