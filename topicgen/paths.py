"""Where topicgen's bundled files live (cheap to import: a build with nothing to do needs only this)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _default_theme() -> Path:
    """The default theme: inside the package when installed, else themes/default of the source checkout."""
    installed = _HERE / "themes" / "default"
    return installed if installed.is_dir() else _HERE.parent / "themes" / "default"


DEFAULT_THEME = _default_theme()
