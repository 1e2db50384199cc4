"""`topicgen build`: nothing to do when nothing the last build read has changed; else the pipeline runs."""

from __future__ import annotations

from topicgen.cache.record import BuildRecord, inputs_key, load_record
from topicgen.cache.store import CacheUnusable, Store
from topicgen.diagnostics import Reporter
from topicgen.errors import OutputError
from topicgen.options import BuildOptions, BuildResult, report_config
from topicgen.output.folder import check_output_folder, locked
from topicgen.output.journal import recover


def build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    """Build the site; on errors (or warnings under --strict) the output folder is left as it was. A build
    into the same folder running in another process is waited for."""
    check_output_folder(options.out, options.src)
    cache = options.config.cache_path.resolve()
    if not options.config.raw_html and (cache == options.out.resolve() or options.out.resolve() in cache.parents):
        raise OutputError(f"the build cache {options.config.cache_path} is inside the output folder {options.out}, "
                          "where every build would remove it as a file the site does not hold; set cache_dir "
                          "to a folder outside it (the default, .topicgen-cache, is beside topicgen.yml)")

    def waiting() -> None:
        print(f"topicgen: note: another build is writing {options.out}; this one waits for it to end",
              file=reporter.stream, flush=True)

    with locked(options.out, waiting):
        return _build(options, reporter)


def _build(options: BuildOptions, reporter: Reporter) -> BuildResult:
    recovered = recover(options.out)  # a commit cut short by a kill is finished before anything reads the output
    notes = (recovered,) if recovered else ()
    if options.memory is not None:  # a long-running process was told what changed, and remembers the rest
        last, inputs = (options.memory.record if not recovered else None), ""
    else:
        inputs = inputs_key(options.src, options.config, options.label, skip=(options.out, options.config.cache_path))
        last = _last_build(options) if options.use_cache and not recovered else None
    if last is not None and last.inputs == inputs and inputs and last.output_intact(options.out):
        report_config(options.config, reporter)
        reporter.emit_all(last.diagnostics)  # the same input gives the same diagnostics
        if reporter.failed(options.strict):
            return BuildResult(0, False, notes=notes)
        return BuildResult(last.pages, True, 0, len(last.outputs), notes, translations=last.translations)
    # Jinja2, Markdown and the parser are imported here, not above: a build with nothing to do needs none of them.
    from topicgen.pipeline import build_site

    return build_site(options, reporter, inputs, last, notes)


def _last_build(options: BuildOptions) -> BuildRecord | None:
    """The record of the last build into the output folder, if the cache has one."""
    if options.config.raw_html:
        return None  # builds that trust writers' HTML use no cache
    try:
        with Store(options.config.cache_path, write=False).open() as store:
            return load_record(store, options.out)
    except CacheUnusable:
        return None  # the build says why
