"""`topicgen.yml`: the site's settings, validated key by key (all errors at once, unknown keys warned)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicgen.baseurl import BASE_URL_RULE, base_url_problem, host_problem, normal_base_url
from topicgen.diagnostics import Diagnostic
from topicgen.errors import ConfigError

if TYPE_CHECKING:
    from topicgen.model import GuideInfo

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
    products: tuple[tuple[str, str], ...] = ()  # product code (a permalink's first part) to its display name
    current_version: tuple[tuple[str, str], ...] = ()  # product to its current version ("*": every product)
    logo: str | None = None  # an image file shown before the site title, copied to assets/
    footer: str = ""  # the text of every page's footer (a copyright line, say)
    embed_search: bool = False  # embed.search: show the search box inside the product's frame too
    sitemap: bool = True  # false: no sitemap.xml, and no warning that base_url is missing for one
    path: Path | None = None  # the file it was read from
    # The line of each entry of `products` and `current_version` (`products.platform`; `current_version.*`
    # for the version of every other product): what a warning that no guide has it points at.
    entry_lines: tuple[tuple[str, int], ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=())

    def __post_init__(self) -> None:
        # Checked here too, so a value from the command line (`--base-url`, set with `replace`) is validated
        # like one from topicgen.yml.
        if self.base_url and (problem := base_url_problem(self.base_url)):
            raise ConfigError(f"`base_url` (--base-url): `{self.base_url}` {problem}")

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

    def product_name(self, code: str) -> str:
        """The name a product is shown by everywhere: the config's, else its permalink code as written."""
        return dict(self.products).get(code, code)

    def current(self, product: str) -> str:
        """The version of `product` readers should be on (`latest` unless the config names another)."""
        versions = dict(self.current_version)
        return versions.get(product, versions.get("*", "latest"))

    @property
    def cache_path(self) -> Path:
        """The cache folder: `cache_dir` read from the config file's folder, else from the current one."""
        return (self.path.parent if self.path is not None else Path()) / self.cache_dir


_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# One exact origin: scheme, host (a name, an IPv4 address or an [IPv6] one) and an optional port, nothing else.
_ORIGIN = re.compile(r"^https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                     r"|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$", re.I)


def is_language_code(code: str) -> bool:
    """Whether `languages` accepts `code` (en, ja, pt-BR): `topicgen new` checks its `--languages` with it."""
    return bool(_LANG.match(code))


class _Bad(Exception):
    """A value the key cannot take; the message says what it must be."""


def _text(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be a non-empty text")
    return value.strip()


def _base_url(value: Any, path: Path) -> str:
    if isinstance(value, str) and not value.strip():
        return ""  # set but empty: no base URL
    if value is None:
        raise _Bad(f"has no value; give {BASE_URL_RULE}, or \"\" for none")
    if not isinstance(value, str):  # a number, true, a list: as YAML read it
        shown = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else \
            f"`{str(value).lower()}`"
        raise _Bad(f"{shown} is not a URL: it must be {BASE_URL_RULE}")
    url = normal_base_url(value.strip())
    if url is None:
        raise _Bad(base_url_problem(value.strip()) or f"must be {BASE_URL_RULE}")
    return url


def _theme(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be the path of a theme folder")
    folder = (path.parent / value.strip()).resolve()
    if not folder.is_dir():
        raise _Bad(f"`{value}` is not a folder (it is read relative to {path.name})")
    return str(folder)


def _languages(value: Any, path: Path) -> tuple[str, ...]:
    if not (isinstance(value, list) and value):
        raise _Bad("must be a list of language codes such as [en, ja, ko]")
    bad = [x for x in value if not (isinstance(x, str) and _LANG.match(x.strip()))]
    if bad:  # the first one named: `EN` is the build's language of its own, not `en`
        code = str(bad[0]).strip() if bad[0] is not None else "null"
        lower = f"; write `{code.lower()}`" if _LANG.match(code.lower()) else ""
        raise _Bad(f"`{code}` is not a language code such as en, ja or pt-BR{lower}")
    return tuple(dict.fromkeys(x.strip() for x in value))


def _flag(value: Any, path: Path) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _cache_dir(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be the path of a folder (relative to the config file), such as .topicgen-cache")
    return value.strip()


def _products(value: Any, path: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise _Bad("must map each product code to its name, such as {platform: XO Platform}")
    return tuple((str(k), v.strip()) for k, v in value.items())


def _current_version(value: Any, path: Path) -> tuple[tuple[str, str], ...]:
    # One version for every product, or one per product: `latest`, or {platform: v10, itassist: latest}.
    versions = list(value.values()) if isinstance(value, dict) else [value]
    number = next((v for v in versions if isinstance(v, (float, bool))), None)
    if number is not None:  # YAML reads `1.10` as the number 1.1, and `yes` as true: the version is lost
        raise _Bad(f"`{number}` is what YAML reads there, not the version as written: put the version in quotes "
                   "(current_version: \"1.10\")")
    if isinstance(value, (str, int)) and str(value).strip():
        return (("*", str(value).strip()),)
    if isinstance(value, dict) and value and all(isinstance(v, (str, int)) for v in value.values()):
        return tuple((str(k), str(v).strip()) for k, v in value.items())
    raise _Bad("must be a version such as latest, or a mapping of product codes to versions")


def _logo(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be the path of an image file")
    file = (path.parent / value.strip()).resolve()
    if not file.is_file() or file.suffix.lower() not in _LOGO_TYPES:
        raise _Bad(f"`{value}` is not an image file ({', '.join(_LOGO_TYPES)}; read relative to {path.name})")
    return str(file)


_LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


def _svg_logo(file: Path, written: str, line: int) -> Diagnostic | None:
    """A warning naming what the published copy of an SVG logo leaves out, as a guide's SVG image gets; an
    error if it is no SVG topicgen can publish. Published as it is, an SVG opened on its own runs its script
    on the site's origin."""
    from topicgen.parsing.svg import Refused, clean_svg

    try:
        removed = clean_svg(file.read_bytes()).removed
    except Refused as err:
        return Diagnostic("error", line, f"`logo`: `{written}` is not a safe SVG image: {err}")
    except OSError as err:
        return Diagnostic("error", line, f"`logo`: `{written}` cannot be read: {err.strerror or err}")
    if not removed:
        return None
    return Diagnostic("warning", line, f"`logo`: {', '.join(f'`{r}`' for r in removed)} removed from the copy of "
                                       f"`{written}` (an SVG opened on its own runs on the site's origin: no "
                                       "script, event handler, foreign content or outside reference is published)")


def _origin(value: Any, path: Path) -> str:
    if value == "'self'":
        return value
    origin = value.removesuffix("/") if isinstance(value, str) else ""  # as an address bar shows it
    if _ORIGIN.fullmatch(origin) and host_problem(origin) is None:
        return origin.lower()
    raise _Bad("must be one origin such as https://app.example.com (scheme, host and port only: no path, "
               "no wildcard, no user name or password), or 'self'")


# topicgen.yml's keys (nested ones dotted): the Config field each sets and how its value is read.
_SETTINGS: dict[str, tuple[str, Callable[[Any, Path], Any]]] = {
    "site_title": ("site_title", _text),
    "base_url": ("base_url", _base_url),
    "theme": ("theme", _theme),
    "languages": ("languages", _languages),
    "default_language": ("default_language", _text),
    "raw_html": ("raw_html", _flag),
    "cache_dir": ("cache_dir", _cache_dir),
    "products": ("products", _products),
    "current_version": ("current_version", _current_version),
    "logo": ("logo", _logo),
    "footer": ("footer", _text),
    "embed.parent_origin": ("parent_origin", _origin),
    "embed.search": ("embed_search", _flag),
    "sitemap": ("sitemap", _flag),
}
_SECTIONS = {"embed": "a mapping such as {parent_origin: https://app.example.com, search: true}"}


def load_config(path: Path | None, search_dir: Path | None = None) -> Config:
    """Read `path` (or `topicgen.yml` in `search_dir` if it exists); raise ConfigError naming every bad key."""
    if path is None and search_dir is not None and (search_dir / CONFIG_NAME).is_file():
        path = search_dir / CONFIG_NAME
    if path is None:
        return Config()
    import yaml  # here: a build with nothing to do and no config file is spared its import

    from topicgen.yamltext import DuplicateKey, load, problem

    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data = load(text) or {}
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ConfigError.at(path, line, f"not UTF-8 text: byte 0x{raw[err.start]:02x} cannot be decoded "
                             "(save the file as UTF-8)") from None
    except DuplicateKey as err:
        raise ConfigError.at(path, err.again + 1, f"`{err.key}` is given twice (also on line {err.first + 1}); "
                             "remove one of them") from None
    except yaml.YAMLError as err:
        at, said = problem(err)
        raise ConfigError.at(path, at + 1 if at is not None else 0, f"not valid YAML: {said}") from None
    if not isinstance(data, dict):
        raise ConfigError.at(path, 1, "the config must be a mapping of keys to values")
    return _validate(data, path, text)


def _flatten(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The values by dotted key (`embed.parent_origin`), and the sections that are not mappings."""
    flat: dict[str, Any] = {}
    bad: list[str] = []
    for key, value in data.items():
        if str(key) in _SECTIONS:
            if isinstance(value, dict):
                flat.update({f"{key}.{k}": v for k, v in value.items()})
            else:
                bad.append(str(key))
        else:
            flat[str(key)] = value
    return flat, bad


def _validate(data: dict[str, Any], path: Path, text: str) -> Config:
    from topicgen.yamltext import key_line

    def line(key: str) -> int:  # a nested key (`embed.search`) by its own name
        return key_line(text, key.rsplit(".", 1)[-1])

    flat, bad_sections = _flatten(data)
    found = [Diagnostic("error", line(k), f"`{k}`: must be {_SECTIONS[k]}") for k in bad_sections]
    values: dict[str, Any] = {}
    for key, value in flat.items():
        if key in _SETTINGS:
            field_name, read = _SETTINGS[key]
            try:
                values[field_name] = read(value, path)
            except _Bad as err:
                found.append(Diagnostic("error", line(key), f"`{key.rsplit('.', 1)[-1]}`: {err}"))
        else:
            found.append(Diagnostic("warning", line(key), f"unknown config key `{key}`"))
    if values.get("logo", "").lower().endswith(".svg"):
        found += filter(None, [_svg_logo(Path(values["logo"]), flat["logo"], line("logo"))])
    if all(key not in flat or key in values for key in ("languages", "default_language")):  # read, or left out
        found += _default_language(values, "default_language" in data, line)
    if any(d.severity == "error" for d in found):  # with the warnings: every problem of the file at once
        raise ConfigError(found=[(str(path), d) for d in sorted(found, key=lambda d: d.line)])
    entries = [(f"{key}.{name}", _entry_line(text, line(key), name) if isinstance(flat[key], dict) else line(key))
               for key in ("products", "current_version") for name, _ in values.get(key, ())]
    return replace(Config(), path=path, warnings=tuple(found), entry_lines=tuple(entries), **values)


def _default_language(values: dict[str, Any], default_given: bool, line: Callable[[str], int]) -> list[Diagnostic]:
    """An error when the default language is not one of the languages, said at the key the user wrote."""
    config = Config(**{k: v for k, v in values.items() if k in ("languages", "default_language")})
    if config.default_language in config.languages:
        return []
    if not default_given:
        return [Diagnostic("error", line("languages"), f"`languages`: {list(config.languages)} does not hold "
                           f"`{config.default_language}`, the default `default_language`; set `default_language` "
                           "to one of them")]
    return [Diagnostic("error", line("default_language"), f"`default_language`: `{config.default_language}` is "
                       f"not one of `languages` {list(config.languages)}")]


def _entry_line(text: str, section: int, name: str) -> int:
    """The line of the key `name` in the mapping that starts on line `section` (its own line, in a flow
    mapping such as `products: {platform: XO}`)."""
    from topicgen.yamltext import key_line

    return section - 1 + key_line("\n".join(text.splitlines()[section - 1:]), name)


def names_no_guide_has(config: Config, guides: Iterable[GuideInfo]) -> list[Diagnostic]:
    """Warnings for each product of `products` and `current_version`, and each current version, that none of
    `guides` has: a misspelt one changes nothing, without a word."""
    versions: dict[str, set[str]] = {}
    for p in (guide.permalink for guide in guides):
        if p.product and p.version:
            versions.setdefault(p.product, set()).add(p.version)
    current = dict(config.current_version)
    found: list[Diagnostic] = []
    for key, line in config.entry_lines:
        section, _, product = key.partition(".")
        if product == "*":  # the version of every product that has none of its own
            others = [p for p in versions if p not in current]
            if others and not any(current["*"] in versions[p] for p in others):
                had = sorted(set().union(*(versions[p] for p in others)))
                found.append(Diagnostic("warning", line, f"`current_version`: no guide has version `{current['*']}` "
                                                         f"(the guides' versions: {', '.join(had)})"))
        elif product not in versions:
            found.append(Diagnostic("warning", line, f"`{section}`: no guide has product `{product}` (the guides' "
                                                     f"products: {', '.join(sorted(versions)) or 'none'})"))
        elif section == "current_version" and current[product] not in versions[product]:
            found.append(Diagnostic("warning", line, f"`current_version`: product `{product}` has no version "
                                                     f"`{current[product]}` (its versions: "
                                                     f"{', '.join(sorted(versions[product]))})"))
    return found
