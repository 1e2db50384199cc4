"""`topicgen new DIR`: a project from the template, with a sample guide per language; no file overwritten."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from topicgen import __version__
from topicgen.config import CONFIG_NAME, DEFAULT_THEME, is_language_code
from topicgen.scaffold.template import (
    NAME,
    PRODUCT,
    SLUG,
    SOURCES,
    TEMPLATE,
    VERSION,
    ScaffoldError,
    create,
    fill_config,
    fill_guide,
    guide_path,
    sample_guide,
    strings_to_translate,
)

WORKFLOW = ".github/workflows/topicgen.yml"
THEME = "theme"  # the project theme folder, for the UI strings of a language the default theme lacks


@dataclass(frozen=True, slots=True)
class Written:
    """A file of the new project: where it is, and whether it was written (False: one was there, kept)."""

    path: Path
    created: bool


def parse_languages(text: str) -> list[str]:
    """`en,ja` as a list of language codes, each once; ScaffoldError naming a code `languages` refuses."""
    codes = list(dict.fromkeys(code.strip() for code in text.split(",") if code.strip()))
    if not codes:
        raise ScaffoldError("give at least one language code, such as en or en,ja")
    bad = [code for code in codes if not is_language_code(code)]
    if bad:
        raise ScaffoldError(f"`{bad[0]}` is not a language code such as en, ja or pt-BR")
    return codes


def new_project(folder: Path, languages: list[str], force: bool = False) -> list[Written]:
    """Make a project in `folder` (new or empty, or any folder with `force`); every file it wrote or kept."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ScaffoldError(f"{folder} is not empty; --force adds the project's files to it "
                            "(a file that is already there is kept as it is)")
    files = project_files(languages)
    for rel in files:  # a file where the project has a folder: said before any file is written
        blocker = next((p for p in (folder / rel).parents if p != folder and folder in p.parents and p.exists()
                        and not p.is_dir()), None)
        if blocker is not None:
            raise ScaffoldError(f"{blocker} is a file where the project has a folder; move it away, then run "
                                "topicgen new again (nothing was written)")
    return [Written(folder / rel, create(folder / rel, data)) for rel, data in files.items()]


def project_files(languages: list[str]) -> dict[str, bytes]:
    """Every file of a new project with these languages, by its path in the project, topicgen.yml first."""
    sample = f"{SOURCES}/{PRODUCT}/"  # the template's own guides: one is made per language below
    found = sorted(p for p in TEMPLATE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files = {rel: p.read_bytes() for p in found if not (rel := p.relative_to(TEMPLATE).as_posix()).startswith(sample)}
    files = {CONFIG_NAME: fill_config(files.pop(CONFIG_NAME).decode("utf-8"), languages).encode("utf-8"), **files}
    # The workflow installs the topicgen that made the project: what the project was checked with.
    files[WORKFLOW] = re.sub(rb"topicgen==[^\"\s]+", f"topicgen=={__version__}".encode(), files[WORKFLOW])
    for lang in languages:
        permalink = f"{PRODUCT}/topic-guide/{lang}/{VERSION}/{NAME}"
        text = fill_guide(sample_guide(lang), permalink)
        files[f"{SOURCES}/{guide_path(PRODUCT, lang, VERSION, SLUG)}"] = text.encode("utf-8")
    # A language the default theme has no UI strings for gets its own file in a project theme, in English
    # until translated: without it every build warns (and the workflow's --strict build fails) from day one.
    untranslated = [lang for lang in languages if not (DEFAULT_THEME / "strings" / f"{lang}.yml").is_file()]
    for lang in untranslated:
        files[f"{THEME}/strings/{lang}.yml"] = strings_to_translate(lang)
    if untranslated:
        config = files[CONFIG_NAME].decode("utf-8")
        config, count = re.subn(rf"^# theme: {THEME}$", f"theme: {THEME}", config, count=1, flags=re.M)
        assert count == 1, "the template has the theme setting commented out"
        files[CONFIG_NAME] = config.encode("utf-8")
    return files
