"""The Jinja2 environment: a project's theme folder over the default theme, its helpers and static assets."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from topicgen.config import Config
from topicgen.errors import TopicgenError
from topicgen.reading.images import is_external
from topicgen.rendering.strings import Strings

_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


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
    return quote(rel, safe="/")


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


@jinja2.pass_context
def strings(ctx: Any, lang: str | None = None) -> dict[str, str]:
    """The theme's UI strings for `lang` (default: the page's), falling back to the default language, then en."""
    theme: Theme = ctx["__theme__"]
    return theme.strings.table(lang or ctx.get("lang"), ctx["config"].default_language)


class Theme:
    """Finds templates and static files: the project's theme first, then the default theme."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.folders = config.theme_folders
        self.strings = Strings(self.folders)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.folders]),
            autoescape=True,  # titles and text from guides are data, never markup
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Theme lives for one build: its templates are not looked at again
        )
        self.env.globals.update(media=media, href=href, strings=strings, __theme__=self)
        self.env.filters["localize"] = localize
        self.env.tests["external"] = is_external

    def render(self, template: str, folder: str, data: dict[str, Any], absolute: bool = False) -> str:
        """The text of the page in `folder` (its site path); a failure becomes a TemplateError with its line.

        The page's links are relative to its folder, or with `absolute` start at the site's base path (for
        404.html, which a server shows at any depth).
        """
        base = self.config.base_path
        url = (lambda target: base + quote(target, safe="/")) if absolute else (
            lambda target: relative_url(folder, target))
        context = {"config": self.config, "url": url,
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


def _template_frame(err: BaseException, fallback: str) -> tuple[str, int]:
    tb = err.__traceback__
    found = (fallback, 0)
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((*_TEMPLATE_SUFFIXES, ".j2")):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
