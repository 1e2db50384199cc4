"""docs/config.md describes every key topicgen.yml may hold, and its examples load as it says."""

from __future__ import annotations

import re

import pytest

from topicgen.config import _SETTINGS, load_config
from topicgen.errors import ConfigError

from .conftest import ROOT

CONFIG_DOC = ROOT / "docs" / "config.md"
BLOCK = re.compile(r"^```(yaml|text)\n(.*?)^```\n", re.M | re.S)


def test_every_key_of_the_settings_table_has_its_section_and_its_row():
    text = CONFIG_DOC.read_text(encoding="utf-8")
    for key in _SETTINGS:  # someone adding a key to config._SETTINGS documents it here too
        assert f"\n## `{key}`\n" in text, f"docs/config.md has no section for `{key}`"
        assert re.search(rf"^\| \[`{re.escape(key)}`\]", text, re.M), f"docs/config.md's table has no row for `{key}`"
    documented = re.findall(r"^## `([^`]+)`$", text, re.M)
    assert set(documented) == set(_SETTINGS), f"documented keys topicgen does not read: {set(documented) - set(_SETTINGS)}"


def test_the_full_example_loads_without_a_warning_and_the_bad_one_fails_as_shown(tmp_path):
    blocks = BLOCK.findall(CONFIG_DOC.read_text(encoding="utf-8"))
    (full, bad), shown = [t for k, t in blocks[:2]], blocks[2][1]
    (tmp_path / "theme").mkdir()
    (tmp_path / "topicgen.yml").write_text(full, encoding="utf-8")
    config = load_config(tmp_path / "topicgen.yml")
    assert not config.warnings and config.parent_origin == "https://app.example.com"
    (tmp_path / "topicgen.yml").write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "topicgen.yml")
    assert str(err.value).replace(str(tmp_path) + "/", "") == shown.strip()


def test_every_key_has_an_example_that_is_valid_on_its_own(tmp_path):
    sections = re.split(r"^## ", CONFIG_DOC.read_text(encoding="utf-8"), flags=re.M)[1:]
    (tmp_path / "theme").mkdir()
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")  # `logo`'s example names it
    for section in sections:
        key = section.split("`")[1]
        examples = [t for k, t in BLOCK.findall(section) if k == "yaml"]
        assert len(examples) == 1, f"`{key}` needs one example"
        (tmp_path / "topicgen.yml").write_text(examples[0], encoding="utf-8")
        config = load_config(tmp_path / "topicgen.yml")
        assert not config.warnings, key
