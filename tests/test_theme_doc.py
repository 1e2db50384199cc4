"""docs/theme.md describes what the default theme uses (variables, model fields, strings, CSS properties), and
its example of overriding a template works."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import jinja2
import pytest
import yaml
from jinja2 import meta, nodes

from topicgen import model
from topicgen.config import DEFAULT_THEME, Config
from topicgen.rendering.site import Link

from . import doc_session
from .doc_session import apply_diff, run, sessions

THEME_DOC = doc_session.ROOT / "docs" / "theme.md"
TEMPLATES = sorted(p.name for p in DEFAULT_THEME.iterdir() if p.suffix in (".html", ".xml", ".txt"))


@pytest.fixture(scope="module")
def doc() -> str:
    return THEME_DOC.read_text(encoding="utf-8")


def context_names(name: str) -> set[str]:
    """The names a template takes from its context: those it reads but never sets itself."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(DEFAULT_THEME)))
    tree = env.parse((DEFAULT_THEME / name).read_text(encoding="utf-8"))
    # find_undeclared_variables counts a name set inside a block or a macro as undeclared: those are left out.
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "store"}
    stored |= {n.target for n in tree.find_all(nodes.Import)}
    return meta.find_undeclared_variables(tree) - stored


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_variable_a_default_template_uses_is_described(doc, template):
    assert f"`{template}`" in doc, f"docs/theme.md does not name the template {template}"
    for name in sorted(context_names(template)):
        assert re.search(rf"^\| `{re.escape(name)}`( \||, )", doc, re.M), \
            f"{template} uses `{name}`, which docs/theme.md's tables do not describe"


@pytest.mark.parametrize("cls", [model.Guide, model.Permalink, model.IntroSection, model.FaqSection,
                                 model.VideoSection, model.ResourceSection, model.MarkdownSection, model.Faq,
                                 model.Video, model.Resource, model.GuideInfo, model.Item, model.Diagnostic, Link,
                                 Config], ids=lambda c: c.__name__)
def test_every_field_of_what_templates_receive_is_described(doc, cls):
    names = [f.name for f in dataclasses.fields(cls)]
    names += [n for n, v in vars(cls).items() if isinstance(v, property)]
    missing = [n for n in names if f"`{n}`" not in doc]
    assert not missing, f"docs/theme.md does not describe {cls.__name__}'s {missing}"


def test_every_ui_string_is_listed_with_its_english_text(doc):
    english = yaml.safe_load((DEFAULT_THEME / "strings" / "en.yml").read_text(encoding="utf-8"))
    rows = dict(re.findall(r"^\| `(\w+)` \| (.*?) \|", doc, re.M))
    assert {k: rows.get(k) for k in english} == english


def test_every_css_custom_property_is_listed_with_its_values(doc):
    css = (DEFAULT_THEME / "static" / "topic.css").read_text(encoding="utf-8")
    light = dict(re.findall(r"^\s*(--[\w-]+):\s*([^;]+);", css.split("@media (prefers-color-scheme: dark)")[0], re.M))
    dark_block = re.search(r"@media \(prefers-color-scheme: dark\) \{(.*?)\n\}", css, re.S).group(1)
    dark = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", dark_block))
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in doc.splitlines() if line.startswith("| `--")]
    rows = {c[0].strip("`"): (c[1], c[2]) for c in cells}
    assert set(rows) == set(light), "docs/theme.md's CSS table and topic.css's properties differ"
    for name, value in light.items():
        shown_light, shown_dark = rows[name]
        if shown_light.startswith("`"):  # the font stack is described, not quoted
            assert shown_light == f"`{value}`", name
        assert shown_dark == (f"`{dark[name]}`" if name in dark else ""), name


def test_the_example_of_overriding_base_html_works(doc, tmp_path, runner, monkeypatch):
    from topicgen.cli import main

    project = tmp_path / "p"
    assert runner.invoke(main, ["new", str(project)]).exit_code == 0
    (project / "topicgen.yml").write_text("theme: theme\nsitemap: false\n", encoding="utf-8")
    env = doc_session.shell_env(tmp_path)
    for kind, block in re.findall(r"^```(console|diff|css|yaml)\n(.*?)^```\n", doc.split("## Overriding one template")[1],
                                  re.M | re.S):
        if kind == "console":
            for command, shown in sessions(block):
                assert run(command, project, env) == (0, shown), command
        elif kind == "diff":
            apply_diff(project, block)
        elif kind == "css":
            (project / "theme/static/brand.css").write_text(block, encoding="utf-8")
        else:
            path = block.splitlines()[0].removeprefix("# ")
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text(block, encoding="utf-8")
    assert "theme/static/brand.css" in doc and (project / "theme/strings/en.yml").is_file()
    monkeypatch.chdir(project)
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    page = Path("build/myproduct/topic-guide/en/latest/Getting Started/index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../../../../../assets/brand.css">' in page and ">Read the full article<" in page
    assert Path("build/assets/brand.css").read_text(encoding="utf-8") == (project / "theme/static/brand.css").read_text()
    assert Path("build/assets/topic.css").read_bytes() == (DEFAULT_THEME / "static/topic.css").read_bytes()
