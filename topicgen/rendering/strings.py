"""UI strings of a theme, one YAML file per language (`strings/<lang>.yml`), project theme over default."""

from __future__ import annotations

from pathlib import Path

import yaml

from topicgen.errors import ConfigError
from topicgen.rendering.locale import plural_category
from topicgen.yamltext import DuplicateKey, load, problem

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

    def _load(self, lang: str) -> dict[str, str]:
        if lang not in self._cache:
            merged: dict[str, str] = {}
            for folder in reversed(self.folders):
                merged.update(_read(folder / "strings" / f"{lang}.yml"))
            self._cache[lang] = merged
        return self._cache[lang]


def _safe(path: Path) -> bool:
    # A lang code comes from guides' permalinks, so a name like `../x` must not reach the file system.
    return "/" not in path.stem and not path.stem.startswith(".") and path.is_file()


def _read(path: Path) -> dict[str, str]:
    if not _safe(path):
        return {}
    try:
        data = load(path.read_text(encoding="utf-8"))
    except DuplicateKey as err:
        raise ConfigError(f"{path}:{err.again + 1}: error: UI string `{err.key}` is given twice (also on line "
                          f"{err.first + 1}); remove one of them") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: error: UI strings file cannot be read: {err}") from None
    except yaml.YAMLError as err:
        line, said = problem(err)
        where = f"{path}:{line + 1}" if line is not None else str(path)
        raise ConfigError(f"{where}: error: UI strings file is not readable YAML: {said}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, (str, int, float)) for v in data.values()):
        raise ConfigError(f"{path}:1: error: UI strings file must map each key to a text")
    return {str(k): str(v) for k, v in data.items()}
