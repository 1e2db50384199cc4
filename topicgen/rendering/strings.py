"""UI strings of a theme, one YAML file per language (`strings/<lang>.yml`), project theme over default."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from topicgen.diagnostics import Diagnostic
from topicgen.errors import ConfigError
from topicgen.rendering.locale import plural_category
from topicgen.yamltext import DuplicateKey, key_line, load, problem

FALLBACK = "en"  # every key the templates use exists in the default theme's English file


class Strings:
    """Looks a key up in the page's language, then the site's default language, then English."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders  # highest priority first, like the template loader
        self._cache: dict[str, dict[str, str]] = {}
        self._tables: dict[tuple[str, str], dict[str, str]] = {}
        self._files: dict[str, bool] = {}

    def table(self, lang: str | None, default_language: str = FALLBACK) -> dict[str, str]:
        """All strings for `lang`, with the fallbacks filled in (a new dict: the caller may change it)."""
        return dict(self._table(lang, default_language))

    def _table(self, lang: str | None, default_language: str) -> dict[str, str]:
        key = (lang or default_language, default_language)
        merged = self._tables.get(key)
        if merged is None:  # every page asks, for its own language and each one its switcher names
            merged = {}
            for code in dict.fromkeys((FALLBACK, default_language, key[0])):
                merged.update(self._load(code))
            self._tables[key] = merged
        return merged

    def has_file(self, lang: str) -> bool:
        """Whether a theme folder has a strings file for `lang` (else its pages use the fallback's strings).
        Looked for once, like the files are read once: a listing asks for each count it shows."""
        if lang not in self._files:
            self._files[lang] = any(_safe(folder / "strings" / f"{lang}.yml") for folder in self.folders)
        return self._files[lang]

    def plural(self, key: str, count: int, lang: str | None, default_language: str = FALLBACK) -> str:
        """`<key>_<category>` for `count` ({count} filled in), by the plural rule of the language whose strings
        are used (a language without a strings file reads the default language's, so it takes its rule too)."""
        code = lang if lang and self.has_file(lang) else default_language
        table = self._table(lang, default_language)
        text = table.get(f"{key}_{plural_category(code, count)}") or table.get(f"{key}_other", f"{{count}} {key}")
        return text.replace("{count}", str(count))

    def problems(self) -> list[tuple[str, Diagnostic]]:
        """Warnings for the strings files of the project's theme folders (all but the last, the default theme),
        one per string `_problem` finds, at its line."""
        *own, default = self.folders
        english = _read(default / "strings" / f"{FALLBACK}.yml")
        found: list[tuple[str, Diagnostic]] = []
        for folder in own:
            templates = "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.html")))
            for file in sorted((folder / "strings").glob("*.yml")):
                text = file.read_text(encoding="utf-8", errors="replace")
                found += [(str(file), Diagnostic("warning", key_line(text, key), f"UI string `{key}`{said}"))
                          for key, value in _read(file).items() if (said := _problem(key, value, english, templates))]
        return found

    def _load(self, lang: str) -> dict[str, str]:
        if lang not in self._cache:
            merged: dict[str, str] = {}
            for folder in reversed(self.folders):
                merged.update(_read(folder / "strings" / f"{lang}.yml"))
            self._cache[lang] = merged
        return self._cache[lang]


_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's plural categories


def _problem(key: str, value: str, english: dict[str, str], templates: str) -> str | None:
    """What is wrong with a project theme's string, said after its key: a key that neither the default theme's
    `english` strings have (or a plural form of one) nor its `templates` name (misspelt, it is ignored and the
    page shows the default text), or a `{placeholder}` the key's English text does not have, or a brace left
    open (the page shows either as written)."""
    base, _, category = key.rpartition("_")
    other = english.get(f"{base}_other") if category in _CATEGORIES else None
    if key not in english and other is None and key not in templates:
        return " is no key of the theme's (the default theme's strings/en.yml lists them): ignored"
    wanted = set(_PLACEHOLDER.findall(english.get(key) or other or ""))
    stray = [name for name in dict.fromkeys(_PLACEHOLDER.findall(value)) if wanted and name not in wanted]
    if not stray and value.count("{") == value.count("}"):
        return None
    said = f"`{{{stray[0]}}}` is no placeholder of it" if stray else "a `{` or `}` is left unpaired"
    return f": {said} (it takes {', '.join(f'`{{{n}}}`' for n in sorted(wanted)) or 'none'}); shown as written"


def _safe(path: Path) -> bool:
    # A lang code comes from guides' permalinks, so a name like `../x` must not reach the file system.
    return "/" not in path.stem and not path.stem.startswith(".") and path.is_file()


def _read(path: Path) -> dict[str, str]:
    if not _safe(path):
        return {}
    try:
        data = load(path.read_text(encoding="utf-8"))
    except DuplicateKey as err:
        raise ConfigError.at(path, err.again + 1, f"UI string `{err.key}` is given twice (also on line "
                             f"{err.first + 1}); remove one of them") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError.at(path, 0, f"UI strings file cannot be read: {err}") from None
    except yaml.YAMLError as err:
        line, said = problem(err)
        raise ConfigError.at(path, line + 1 if line is not None else 0,
                             f"UI strings file is not readable YAML: {said}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, (str, int, float)) for v in data.values()):
        raise ConfigError.at(path, 1, "UI strings file must map each key to a text")
    return {str(k): str(v) for k, v in data.items()}
