"""The Jinja2 environment: a project's theme folder over the default theme, its filters and static assets."""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
import sys
from importlib.machinery import SourceFileLoader
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]  # None without _json
from pathlib import Path
from types import CodeType
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from topicgen.errors import TopicgenError
from topicgen.i18n import Strings
from topicgen.images import is_external

from topicgen.paths import DEFAULT_THEME  # noqa: E402  (re-exported: the theme API names it)


class TemplateError(TopicgenError):
    """A theme template failed; the message names the template and line."""

    def __init__(self, template: str, line: int, message: str) -> None:
        super().__init__(f"{template}:{line}: error: {message}")
        self.template, self.line, self.message = template, line, message


def relative_url(from_dir: str, target: str) -> str:
    """A percent-encoded URL from the page folder `from_dir` to `target` (both site paths without a leading /).

    Relative links keep the site correct under any base path and when opened from disk.
    """
    trailing = target.endswith("/") or not target  # the site root is a folder too
    rel = _relpath(target, from_dir)
    if rel == ".":
        rel = "./"
    elif trailing:
        rel += "/"
    # Targets are site paths, never with a query or fragment: `#`, `?` and `&` in a permalink are encoded.
    return _quote(rel)


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for site paths, without its two getcwd() calls (it runs for every link of every page)."""
    to, at = _segments(target), _segments(start)
    common, most = 0, min(len(to), len(at))
    while common < most and to[common] == at[common]:
        common += 1
    return "/".join(("..",) * (len(at) - common) + to[common:]) or "."


# A page's folder is split once for all its links, and the theme's assets and the index pages are linked
# from every page: the segments of a path and the quoting of a relative URL are worth remembering.
@functools.lru_cache(maxsize=16384)
def _segments(path: str) -> tuple[str, ...]:
    parts = tuple(p for p in path.split("/") if p)
    if "." in parts or ".." in parts:  # what normpath would change; site paths seldom have them
        parts = tuple(p for p in posixpath.normpath("/" + path).split("/") if p)
    return parts


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~/-]*").fullmatch  # what quote(rel, safe="/") leaves as it is


@functools.lru_cache(maxsize=16384)
def _quote(rel: str) -> str:
    return rel if _URL_SAFE(rel) else quote(rel, safe="/")


_SRC_ATTR = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")', re.I)


@jinja2.pass_context
def media(ctx: Any, ref: str | None) -> str | None:
    """The URL of an image as the page must write it: external as is, a local one relative to the page,
    None when the image was not found (the template then shows its own placeholder)."""
    if not ref:
        return None
    if is_external(ref):
        return ref
    target = ctx.get("images", {}).get(ref)
    return ctx["url"](target) if target else None


@jinja2.pass_context
def href(ctx: Any, ref: str | None) -> str | None:
    """A guide's link as the page must write it: external as is, a page of the site relative to this page,
    None when it points nowhere (the template shows text instead of a broken link)."""
    if not ref:
        return None
    if is_external(ref) or ref.startswith("#"):
        return ref
    target = ctx.get("links", {}).get(ref)
    return ctx["url"](target) if target is not None else None


@jinja2.pass_context
def localize(ctx: Any, html: str | None) -> Markup:
    """Sanitized guide HTML with its local `<img src>` pointed at the copied image from this page's depth."""
    def repl(m: re.Match[str]) -> str:
        ref = m.group(2).replace("&amp;", "&")
        if is_external(ref):
            return m.group(0)
        found = media(ctx, ref)
        return f"{m.group(1)}{escape(found) if found else ''}{m.group(3)}"
    return Markup(_SRC_ATTR.sub(repl, html or ""))


_ENCODER = json.JSONEncoder(sort_keys=True)  # Jinja's default for `tojson`: json.dumps(value, sort_keys=True)


def _json(value: Any) -> str:
    """`_ENCODER.encode(value)`, calling the C encoder the way JSONEncoder.encode does, minus its checks."""
    if c_make_encoder is None:
        return _ENCODER.encode(value)
    return "".join(c_make_encoder({}, _ENCODER.default, encode_basestring_ascii, None, _ENCODER.key_separator,
                                  _ENCODER.item_separator, True, False, True)(value, 0))


@jinja2.pass_eval_context
def tojson(eval_ctx: Any, value: Any, indent: int | None = None) -> Markup:
    """Jinja's `tojson`, the same text and escapes: the default theme writes one for every item it marks."""
    if indent is not None:
        return jinja2.filters.do_tojson(eval_ctx, value, indent)
    return Markup(_json(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("'", "\\u0027"))


@jinja2.pass_context
def strings(ctx: Any, lang: str | None = None) -> dict[str, str]:
    """The theme's UI strings for `lang` (default: the page's), falling back to the default language, then en."""
    return ctx["__theme__"].strings.table(lang or ctx.get("lang"), ctx["config"].default_language)


_TEMPLATE_SUFFIXES = {".html", ".xml", ".txt"}


class Theme:
    """Finds templates and static files: the project's theme first, then the default theme."""

    def __init__(self, override: Path | None = None) -> None:
        self.folders = [p for p in (override, DEFAULT_THEME) if p is not None]
        self.strings = Strings(self.folders)
        self.env = jinja2.Environment(
            loader=_Loader([str(p) for p in self.folders]),
            autoescape=True,  # titles and text from guides are data, never markup
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Theme lives for one build: its templates are not looked at again
        )
        self.env.globals.update(media=media, href=href, strings=strings, __theme__=self)
        self.env.filters["localize"] = localize
        self.env.filters["tojson"] = tojson
        self.env.tests["external"] = is_external

    def render(self, template: str, context: dict[str, Any]) -> str:
        """The page text; a template failure becomes a TemplateError naming template and line."""
        if "t" not in context and "config" in context:  # the UI strings of the page's language
            context = {**context, "t": self.strings.table(context.get("lang"), context["config"].default_language)}
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(err.filename or err.name or template, err.lineno or 0, err.message or "syntax error") from None
        except jinja2.TemplateNotFound as err:
            raise TemplateError(template, 0, f"template `{err.name}` not found in {self._where()}") from None
        except Exception as err:  # an error raised while rendering: find the template frame for its line
            name, line = _template_frame(err, template)
            raise TemplateError(name, line, f"{type(err).__name__}: {err}") from None

    def preload(self) -> None:
        """Load every template at the top of the theme folders now (forked workers then inherit them).

        A template that cannot be loaded is left alone: it fails, with its message, where a page uses it.
        """
        for folder in self.folders:
            try:
                names = sorted(p.name for p in folder.iterdir() if p.suffix in _TEMPLATE_SUFFIXES and p.is_file())
            except OSError:
                continue
            for name in names:
                try:
                    self.env.get_template(name)
                except Exception:  # noqa: S112 (reported when a page is rendered with it)
                    continue

    def static_files(self) -> dict[str, Path]:
        """Asset path under `assets/` to file; a project's file wins over the default one of that name."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            if static.is_dir():
                for path in sorted(static.rglob("*")):
                    if path.is_file():
                        found[path.relative_to(static).as_posix()] = path
        return found

    def _where(self) -> str:
        return ", ".join(str(p) for p in self.folders)


# Compiling a template (Jinja's parser and code generator) takes longer than rendering it for every page
# of a site, so the default theme's templates come compiled: COMPILED holds Jinja's Python source for each,
# named after a key of everything the code depends on (Jinja's version, the environment's settings, the
# template's name and exact text). A template whose key has no file there (an edited template, a project's
# own, another Jinja) is compiled as usual. This is safe where a cache of compiled templates in the output
# or source folder would not be: the files are part of topicgen's package, written by its developers
# (`python -m topicgen.theme`) and read like its modules, never written by a build; and a key names the
# exact text it was compiled from, so a stale file is never used. tests/test_theme.py checks they are current.
COMPILED = DEFAULT_THEME / "_compiled"
# Code compiled here is kept for the next Theme (`topicgen serve` makes one per build): every Theme's
# environment has the same settings, filters and tests (which Jinja may call while compiling).
_CODE: dict[tuple[str, str], CodeType] = {}  # (key, file name) -> code


class _Loader(jinja2.FileSystemLoader):
    """Jinja's file loader, with each template's code taken from COMPILED or from an earlier Theme if it can."""

    def load(self, environment: jinja2.Environment, name: str, globals: Any = None) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        key = template_key(environment, name, source)
        code = _CODE.get((key, filename))
        if code is None:
            code = _shipped(name, key, filename) or environment.compile(source, name, filename)
            if len(_CODE) > 512:  # `topicgen serve` compiles every edit of a template: keep the recent ones
                _CODE.clear()
            _CODE[(key, filename)] = code
        return environment.template_class.from_code(environment, code, {} if globals is None else globals,
                                                    uptodate)


def template_key(environment: jinja2.Environment, name: str, source: str) -> str:
    """What Jinja's code for a template depends on: its version, the environment's syntax, name and text."""
    env = environment
    settings = (jinja2.__version__, env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
                repr(env.autoescape), env.finalize is None, sorted(env.extensions), type(env).__qualname__)
    return hashlib.sha256(repr((settings, name, source)).encode("utf-8")).hexdigest()[:32]


def _compiled_path(name: str, key: str) -> Path:
    return COMPILED / f"{name}-{key}.py"


def _shipped(name: str, key: str, filename: str) -> CodeType | None:
    """The code of a default template compiled in advance, as if compiled from `filename`; None if none."""
    if "/" in name:  # the default theme has no subfolders of templates
        return None
    path = _compiled_path(name, key)
    if not path.is_file():
        return None
    # Read like a module: Python keeps its bytecode in __pycache__ (pip writes it at install).
    code = SourceFileLoader(f"topicgen.themes.compiled.{key}", str(path)).get_code(None)
    return _renamed(code, filename) if code is not None else None


def _renamed(code: CodeType, filename: str) -> CodeType:
    # Jinja's tracebacks and TemplateError name the template by its code's file name, as if compiled from it.
    consts = tuple(_renamed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def compile_default_theme() -> list[Path]:
    """Write COMPILED afresh from the default theme's templates (after editing one); returns the files."""
    env = Theme(None).env
    names = sorted(p.name for p in DEFAULT_THEME.iterdir() if p.suffix in (".html", ".xml", ".txt"))
    COMPILED.mkdir(exist_ok=True)
    wanted = []
    for name in names:
        source = env.loader.get_source(env, name)[0]
        path = _compiled_path(name, template_key(env, name, source))
        path.write_text(env.compile(source, name, raw=True), encoding="utf-8", newline="\n")
        wanted.append(path)
    for old in COMPILED.glob("*.py"):
        if old not in wanted:
            old.unlink()
    return wanted


def _template_frame(err: BaseException, fallback: str) -> tuple[str, int]:
    tb = err.__traceback__
    found = (fallback, 0)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


if __name__ == "__main__":  # python -m topicgen.theme: after editing a template of the default theme
    for written in compile_default_theme():
        print(written, file=sys.stderr)
