"""The Jinja2 environment: a project's theme folder over the default theme, its filters and static assets."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from topicgen.errors import TopicgenError

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"


class TemplateError(TopicgenError):
    """A theme template failed; the message names the template and line."""

    def __init__(self, template: str, line: int, message: str) -> None:
        super().__init__(f"{template}:{line}: error: {message}")
        self.template, self.line, self.message = template, line, message


def relative_url(from_dir: str, target: str) -> str:
    """A percent-encoded URL from the page folder `from_dir` to `target` (both site paths without a leading /).

    Relative links keep the site correct under any base path and when opened from disk.
    """
    trailing = target.endswith("/")
    rel = posixpath.relpath(target or ".", from_dir or ".")
    if rel == ".":
        rel = "./"
    elif trailing:
        rel += "/"
    return quote(rel, safe="/#?=&.-_~")


class Theme:
    """Finds templates and static files: the project's theme first, then the default theme."""

    def __init__(self, override: Path | None = None) -> None:
        self.folders = [p for p in (override, DEFAULT_THEME) if p is not None]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.folders]),
            autoescape=True,  # titles and text from guides are data, never markup
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def render(self, template: str, context: dict[str, Any]) -> str:
        """The page text; a template failure becomes a TemplateError naming template and line."""
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(err.filename or err.name or template, err.lineno or 0, err.message or "syntax error") from None
        except jinja2.TemplateNotFound as err:
            raise TemplateError(template, 0, f"template `{err.name}` not found in {self._where()}") from None
        except Exception as err:  # an error raised while rendering: find the template frame for its line
            name, line = _template_frame(err, template)
            raise TemplateError(name, line, f"{type(err).__name__}: {err}") from None

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
        if code.co_filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
