"""The Jinja2 environment: a project's theme folder over the default theme, its helpers and static assets."""

from __future__ import annotations

import hashlib
import posixpath
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from topicgen.config import DEFAULT_THEME, Config
from topicgen.errors import TopicgenError
from topicgen.reading.images import is_external
from topicgen.rendering.locale import direction, language_name
from topicgen.rendering.parts import logo_target
from topicgen.rendering.seo import url_quote
from topicgen.rendering.strings import Strings

_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")
# The default theme's templates as Jinja's Environment.compile_templates writes them, loaded by its
# ModuleLoader: compiling them takes Jinja longer than rendering every page of a 300-guide site with them
# (docs/performance.md). STAMP names what they were compiled from; when it differs (an edited template,
# another Jinja), they are not used. Regenerate with `python -m topicgen.rendering.theme`.
COMPILED = DEFAULT_THEME / "_compiled"
# Templates are escaped for what they make: HTML pages and the XML sitemap (HTML's escaping is XML's too:
# `&amp;`, `&lt;`, `&#34;`), but not robots.txt, a plain text file whose only value, the sitemap's URL, has
# no line break or control character (config.py refuses them in base_url).
_PLAIN_TEXT = (".txt",)


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(_PLAIN_TEXT)


_ENV_SETTINGS: dict[str, Any] = {"autoescape": _autoescape, "undefined": jinja2.StrictUndefined,
                                 "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True,
                                 "auto_reload": False}


class TemplateError(TopicgenError):
    """A theme template failed; the message names the template and line."""

    def __init__(self, template: str, line: int, message: str) -> None:
        super().__init__(f"{template}:{line}: error: {message}")
        self.template, self.line, self.message = template, line, message

    def __reduce__(self) -> tuple[type, tuple[str, int, str]]:
        # Raised in a worker process, it is sent back to the build as its three parts.
        return (TemplateError, (self.template, self.line, self.message))


def relative_url(from_dir: str, target: str) -> str:
    """A percent-encoded URL from the page folder `from_dir` to `target` (site paths, no leading /).

    Relative links keep the site correct under any base path and when opened from disk.
    """
    trailing = target.endswith("/") or not target  # the site root is a folder too
    rel = posixpath.relpath("/" + target, "/" + from_dir)  # absolute, so no getcwd() is involved
    if rel == ".":
        rel = "./"
    elif trailing:
        rel += "/"
    # Targets are site paths, never with a query or fragment: `#`, `?` and `&` in a permalink are encoded.
    return url_quote(rel)


_SRC_ATTR = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")', re.I)
_HREF_ATTR = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"', re.I)


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
    if target is None:
        return None
    parts = urlsplit(ref)  # the path is the page's or file's; a query or `#faq` after it kept as written
    query, fragment = (f"?{parts.query}" if parts.query else ""), (f"#{parts.fragment}" if parts.fragment else "")
    return ctx["url"](target) + query + fragment


@jinja2.pass_context
def localize(ctx: Any, html: str | None) -> Markup:
    """Sanitized guide HTML with its local `<img src>` pointed at the copied image from this page's depth,
    and its local `<a href>` at the page or file of the site from there (a link to nothing loses its `href`:
    its text is shown without a link, as a question's link to nothing is)."""
    def image(m: re.Match[str]) -> str:
        ref = m.group(2).replace("&amp;", "&")
        if is_external(ref):
            return m.group(0)
        found = media(ctx, ref)
        return f"{m.group(1)}{escape(found) if found else ''}{m.group(3)}"

    def link(m: re.Match[str]) -> str:
        ref = m.group(2).replace("&amp;", "&")
        if is_external(ref) or ref.startswith("#"):
            return m.group(0)
        found = href(ctx, ref)
        return f'{m.group(1)} href="{escape(found)}"' if found else m.group(1)
    return Markup(_HREF_ATTR.sub(link, _SRC_ATTR.sub(image, html or "")))


@jinja2.pass_context
def strings(ctx: Any, lang: str | None = None) -> dict[str, str]:
    """The theme's UI strings for `lang` (default: the page's), falling back to the default language, then en."""
    theme: Theme = ctx["__theme__"]
    return theme.strings.table(lang or ctx.get("lang"), ctx["config"].default_language)


@jinja2.pass_context
def plural(ctx: Any, key: str, count: int) -> str:
    """The strings key's plural form for `count` in the page's language (`guides`: "1 guide", "85 guides")."""
    theme: Theme = ctx["__theme__"]
    return theme.strings.plural(key, count, ctx.get("lang"), ctx["config"].default_language)


class Theme:
    """Finds templates and static files: the project's theme first, then the default theme."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.folders = config.theme_folders
        self.strings = Strings(self.folders)
        # autoescape: titles and text from guides are data, never markup
        self.env = jinja2.Environment(loader=_loader(self.folders), **_ENV_SETTINGS)
        self.env.globals.update(media=media, href=href, strings=strings, plural=plural, language_name=language_name,
                                text_direction=direction, __theme__=self)
        self.env.filters["localize"] = localize
        self.env.tests["external"] = is_external

    def render(self, template: str, folder: str, data: dict[str, Any], absolute: bool = False) -> str:
        """The text of the page in `folder` (its site path); a failure becomes a TemplateError with its line.

        The page's links are relative to its folder, or with `absolute` start at the site's base path (for
        404.html, which a server shows at any depth).
        """
        context = {"config": self.config, "url": self.url(folder, absolute), "logo": logo_target(self.config),
                   "t": self.strings.table(data.get("lang"), self.config.default_language), **data}
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(err.filename or err.name or template, err.lineno or 0,
                                err.message or "syntax error") from None
        except jinja2.TemplateNotFound as err:
            raise TemplateError(template, 0, f"template `{err.name}` not found in {self._where()}") from None
        except TopicgenError:
            raise  # a strings file that is not YAML, say: its own message, with its own line
        except Exception as err:  # an error raised while rendering: find the template frame for its line
            name, line = _template_frame(err, template)
            raise TemplateError(name, line, f"{type(err).__name__}: {err}") from None

    def url(self, folder: str, absolute: bool = False) -> Callable[[str], str]:
        """The page's `url()`: a site path as the page in `folder` links to it (see render)."""
        base = self.config.base_path
        if absolute:
            return lambda target: base + url_quote(target)
        return lambda target: relative_url(folder, target)

    def load_templates(self) -> None:
        """Compile every template at the top of the theme folders now, before workers are forked to render.

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


_COMPILED_LOADERS: list[jinja2.ModuleLoader] = []  # one for the process: see _compiled_loader


def _loader(folders: list[Path]) -> jinja2.BaseLoader:
    """The project's templates first, then the default theme's, compiled in advance when they are current."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(f)) for f in folders if f != DEFAULT_THEME]
    if _stamp() == _read_stamp():
        loaders.append(_compiled_loader())
    loaders.append(jinja2.FileSystemLoader(str(DEFAULT_THEME)))
    return jinja2.ChoiceLoader(loaders)


def _compiled_loader() -> jinja2.ModuleLoader:
    # A ModuleLoader puts a weak proxy of its package in sys.modules; kept alive for the process (the shipped
    # files do not change), so that no dead proxy is ever left there for other code to trip over.
    if not _COMPILED_LOADERS:
        _COMPILED_LOADERS.append(jinja2.ModuleLoader(str(COMPILED)))
    return _COMPILED_LOADERS[0]


def _template_names() -> list[str]:
    return sorted(p.name for p in DEFAULT_THEME.iterdir() if p.suffix in _TEMPLATE_SUFFIXES and p.is_file())


def _stamp() -> str:
    """What the compiled templates depend on: Jinja's version, the settings, every default template's text."""
    settings = sorted((k, repr(_PLAIN_TEXT) if v is _autoescape else repr(v)) for k, v in _ENV_SETTINGS.items())
    h = hashlib.sha256(f"{jinja2.__version__}\n{settings}".encode())
    for name in _template_names():
        h.update(name.encode() + b"\0" + (DEFAULT_THEME / name).read_bytes() + b"\0")
    return h.hexdigest()


def _read_stamp() -> str:
    try:
        return (COMPILED / "STAMP").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def compile_default_theme() -> None:
    """Write COMPILED afresh from the default theme's templates (after editing one)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(DEFAULT_THEME)), **_ENV_SETTINGS)
    env.filters["localize"] = localize
    env.tests["external"] = is_external
    for old in COMPILED.glob("tmpl_*.py"):
        old.unlink()
    env.compile_templates(str(COMPILED), zip=None, filter_func=lambda name: name in _template_names())
    (COMPILED / "STAMP").write_text(_stamp() + "\n", encoding="ascii")


def _template_frame(err: BaseException, fallback: str) -> tuple[str, int]:
    """The template and line an error was raised at: the innermost frame Jinja maps back to a template."""
    tb = err.__traceback__
    found = (fallback, 0)
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((*_TEMPLATE_SUFFIXES, ".j2")):
            found = (code.co_filename, tb.tb_lineno)
        elif template is not None and template.name:
            found = (str(DEFAULT_THEME / template.name), template.get_corresponding_lineno(tb.tb_lineno))
        tb = tb.tb_next
    return found


if __name__ == "__main__":  # python -m topicgen.rendering.theme: after editing a template of the default theme
    compile_default_theme()
    print(f"compiled the default theme into {COMPILED}", file=sys.stderr)
