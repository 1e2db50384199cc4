"""Languages' own names and plural rules, from the Unicode CLDR data that Babel ships."""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError


@functools.lru_cache(maxsize=256)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@functools.lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """The language's name in that language (`fr`: français, `ja`: 日本語); the code itself when CLDR has none."""
    locale = _locale(code)
    name = locale.get_display_name(locale) if locale is not None else None
    return name or code


def direction(code: str) -> str:
    """`rtl` for a language written right to left (ar, he, fa, ur...), else `ltr` (also when CLDR has none)."""
    locale = _locale(code)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def plural_category(code: str, count: int) -> str:
    """CLDR's plural category of `count` in the language (`one`, `few`, `many`, `other`...; `other` if unknown)."""
    locale = _locale(code)
    return locale.plural_form(count) if locale is not None else "other"


def known(code: str) -> bool:
    """Whether CLDR knows the language (its name and plural rule are then its own)."""
    return _locale(code) is not None
