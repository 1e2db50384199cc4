"""`topicgen.yml`: the site's settings, validated key by key (all errors at once, unknown keys warned)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from topicgen.diagnostics import Diagnostic
from topicgen.errors import ConfigError

CONFIG_NAME = "topicgen.yml"
CACHE_NAME = ".topicgen-cache"


def _default_theme() -> Path:
    """The default theme: inside the package when installed, else themes/default of the source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "themes" / "default"
    return installed if installed.is_dir() else here.parent / "themes" / "default"


DEFAULT_THEME = _default_theme()


@dataclass(frozen=True, slots=True)
class Config:
    """Site settings; every field has a safe default, so a project needs no config file."""

    site_title: str = "Topic Guides"
    base_url: str = ""  # absolute, e.g. https://docs.example.com/guides/ ; "" means root-relative only
    theme: str | None = None  # a folder whose templates and assets override the default theme's
    languages: tuple[str, ...] = ("en", "ja", "ko")
    default_language: str = "en"
    parent_origin: str = "'self'"  # embed.parent_origin: where postMessage events may go
    raw_html: bool = False  # trust writers: skip the HTML sanitizer
    cache_dir: str = CACHE_NAME  # the build cache; relative paths are read from the project folder
    path: Path | None = None  # the file it was read from
    warnings: tuple[Diagnostic, ...] = field(default=())

    def __post_init__(self) -> None:
        # Checked here too, so a value from the command line (`--base-url`, set with `replace`) is validated
        # like one from topicgen.yml.
        if self.base_url and not _BASE_URL.match(self.base_url):
            raise ConfigError(f"`base_url` (--base-url): `{self.base_url}` must be an absolute http(s) URL "
                              "such as https://docs.example.com/guides/")

    @property
    def base_path(self) -> str:
        """The path part of base_url, with slashes at both ends: `/` or `/sub/path/`."""
        m = re.match(r"^[a-z][a-z0-9+.-]*://[^/]*(/.*)?$", self.base_url, re.I)
        path = (m.group(1) if m else self.base_url) or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"

    @property
    def theme_folders(self) -> list[Path]:
        """Where templates, static files and strings are looked up, the project's theme first."""
        return [Path(self.theme), DEFAULT_THEME] if self.theme else [DEFAULT_THEME]

    @property
    def cache_path(self) -> Path:
        """The cache folder: `cache_dir` read from the config file's folder, else from the current one."""
        return (self.path.parent if self.path is not None else Path()) / self.cache_dir


_BASE_URL = re.compile(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", re.I)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_KEYS = {"site_title", "base_url", "theme", "languages", "default_language", "embed", "raw_html", "cache_dir"}


def load_config(path: Path | None, search_dir: Path | None = None) -> Config:
    """Read `path` (or `topicgen.yml` in `search_dir` if it exists); raise ConfigError naming every bad key."""
    if path is None and search_dir is not None and (search_dir / CONFIG_NAME).is_file():
        path = search_dir / CONFIG_NAME
    if path is None:
        return Config()
    import yaml  # only when there is a file to read: start-up is most of a build with nothing to do

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read: {err.strerror or err}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: error: not valid YAML: {getattr(err, 'problem', None) or err}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: error: the config must be a mapping of keys to values")
    return _validate(data, path)


def _validate(data: dict[str, Any], path: Path) -> Config:
    errors: list[str] = []
    warnings: list[Diagnostic] = []
    values: dict[str, Any] = {}
    text = path.read_text(encoding="utf-8")

    def line(key: str) -> int:
        m = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.M)
        return text.count("\n", 0, m.start()) + 1 if m else 1

    def err(key: str, msg: str) -> None:
        errors.append(f"{path}:{line(key)}: error: `{key}`: {msg}")

    for key in ("site_title", "default_language"):
        if key in data:
            if isinstance(data[key], str) and data[key].strip():
                values[key] = data[key].strip()
            else:
                err(key, "must be a non-empty text")
    if "base_url" in data:
        url = data["base_url"]
        if not isinstance(url, str) or (url.strip() and not _BASE_URL.match(url.strip())):
            err("base_url", "must be an absolute http(s) URL such as https://docs.example.com/guides/")
        else:
            values["base_url"] = url.strip().rstrip("/") + "/" if url.strip() else ""
    if "theme" in data:
        if isinstance(data["theme"], str) and data["theme"].strip():
            folder = (path.parent / data["theme"].strip()).resolve()
            if folder.is_dir():
                values["theme"] = str(folder)
            else:
                err("theme", f"`{data['theme']}` is not a folder (it is read relative to {path.name})")
        else:
            err("theme", "must be the path of a theme folder")
    if "languages" in data:
        langs = data["languages"]
        if isinstance(langs, list) and langs and all(isinstance(x, str) and _LANG.match(x.strip()) for x in langs):
            values["languages"] = tuple(dict.fromkeys(x.strip() for x in langs))
        else:
            err("languages", "must be a list of language codes such as [en, ja, ko]")
    if "cache_dir" in data:
        if isinstance(data["cache_dir"], str) and data["cache_dir"].strip():
            values["cache_dir"] = data["cache_dir"].strip()
        else:
            err("cache_dir", "must be the path of a folder (relative to the config file), such as .topicgen-cache")
    if "raw_html" in data:
        if isinstance(data["raw_html"], bool):
            values["raw_html"] = data["raw_html"]
        else:
            err("raw_html", "must be true or false")
    if "embed" in data:
        embed = data["embed"]
        if not isinstance(embed, dict):
            err("embed", "must be a mapping such as {parent_origin: https://app.example.com}")
        else:
            origin = embed.get("parent_origin")
            if origin is not None and not (isinstance(origin, str) and re.match(r"^(https?://[^/\s]+|'self')$", origin)):
                err("parent_origin", "must be an origin such as https://app.example.com (no path), or 'self'")
            elif origin is not None:
                values["parent_origin"] = origin
            warnings += [Diagnostic("warning", line(str(key)), f"unknown config key `embed.{key}`")
                         for key in embed if key != "parent_origin"]
    warnings = [Diagnostic("warning", line(str(k)), f"unknown config key `{k}`")
                for k in data if k not in _KEYS] + warnings
    if errors:
        raise ConfigError("\n".join(errors))
    config = replace(Config(), path=path, warnings=tuple(warnings), **values)
    if config.default_language not in config.languages:
        raise ConfigError(f"{path}:{line('default_language')}: error: `default_language`: "
                          f"`{config.default_language}` is not one of `languages` {list(config.languages)}")
    return config
