"""The project template (the real files under `project/`) and what is filled in when it is copied."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from topicgen.config import DEFAULT_THEME
from topicgen.errors import TopicgenError

TEMPLATE = Path(__file__).resolve().parent / "project"
SOURCES = "guides"  # the sources folder of a project, beside its topicgen.yml
# The sample guide: one per language of a new project, and the text every `topicgen new guide` starts from.
PRODUCT, VERSION, NAME, SLUG = "myproduct", "latest", "Getting Started", "gettingstarted"
_FALLBACK = "en"  # a language the template has no text in gets the English guide, to be translated
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


class ScaffoldError(TopicgenError):
    """`topicgen new` refuses: the folder is not empty, the permalink is taken, the file exists."""


def guide_path(product: str, lang: str, version: str, slug: str) -> str:
    """Where a guide's file goes below the sources folder, as the sources are laid out."""
    return f"{product}/topic-guide/{lang}/{version}/{slug}.md"


def sample_guide(lang: str) -> str:
    """The text of the sample guide in `lang`, or in English when the template has none in it."""
    path = TEMPLATE / SOURCES / guide_path(PRODUCT, lang, VERSION, SLUG)
    if not path.is_file():
        path = TEMPLATE / SOURCES / guide_path(PRODUCT, _FALLBACK, VERSION, SLUG)
    return path.read_text(encoding="utf-8")


def fill_guide(text: str, permalink: str, title: str | None = None) -> str:
    """The sample guide at `permalink`; with a `title`, it becomes the title and the `######` heading too."""
    m = _FRONT.match(text)
    assert m, "the template's guides start with front matter"
    front = _set_key(m.group(1), "permalink", permalink)
    body = text[m.end() :]
    if title is not None:
        front = _set_key(front, "title", title)
        body = re.sub(r"^###### .*$", lambda _: f"###### {title}", body, count=1, flags=re.M)
    return f"---\n{front}---\n{body}"


def fill_config(text: str, languages: list[str]) -> str:
    """The template's topicgen.yml with `languages` set, the first of them the default language."""
    listed = ", ".join(yaml_scalar(code) for code in languages)
    text = _set_key(text, "languages", f"[{listed}]", raw=True)
    return _set_key(text, "default_language", languages[0])


def yaml_scalar(value: str) -> str:
    """`value` as YAML reads it back: plain when it can be (`Plan & Usage`), else double-quoted (`no`, `a: b`)."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _set_key(text: str, key: str, value: str, raw: bool = False) -> str:
    """`text` with the value of its top-level `key:` line replaced (the template has each key once)."""
    shown = value if raw else yaml_scalar(value)
    new, count = re.subn(rf"^{re.escape(key)}:.*$", lambda _: f"{key}: {shown}", text, count=1, flags=re.M)
    assert count == 1, f"the template sets `{key}`"
    return new


def create(path: Path, data: bytes) -> bool:
    """Write a new file at `path`; False, with nothing written, when anything is there already (even a link)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb") as f:  # O_EXCL: never overwrites, never follows a link
            f.write(data)
    except FileExistsError:
        return False
    return True


def strings_to_translate(lang: str) -> bytes:
    """A theme's UI strings file for `lang`, which the default theme has none in: its English strings, to be
    translated, so that the pages in it are no warning."""
    english = (DEFAULT_THEME / "strings" / "en.yml").read_text(encoding="utf-8").split("\n", 1)[1]  # no 1st comment
    return (f"# UI strings of the pages in `{lang}`: the default theme has none in this language, so these are\n"
            f"# its English ones; translate each value (keep the keys, and the {{placeholders}} in braces).\n"
            + english).encode("utf-8")
