"""`topicgen new DIR` and `topicgen new guide PERMALINK`: a project that builds strict, guides where permalinks say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from topicgen import __version__
from topicgen.cli import main
from topicgen.config import _SETTINGS, load_config
from topicgen.reading.permalink import parse_permalink

SAMPLE = "myproduct/topic-guide/{lang}/latest/Getting Started"


def new_project(runner, folder: Path, *args: str):
    result = runner.invoke(main, ["new", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result


def page(site: Path, permalink: str) -> str:
    return (site / permalink / "index.html").read_text(encoding="utf-8")


def test_a_new_project_builds_strict_with_every_construct_on_its_pages(runner, tmp_path, monkeypatch):
    result = new_project(runner, tmp_path / "mysite", "--languages", "en,ja")
    assert result.stdout.splitlines()[-1] == f"next: cd {tmp_path / 'mysite'} && topicgen serve --open"
    monkeypatch.chdir(tmp_path / "mysite")
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    assert ", 0 warnings\n" in built.stderr and "warning:" not in built.stderr
    assert "translations: all current" in built.stderr  # the ja sample has every item of the en one
    for lang, answer, link, tour in [
        ("en", "How do I create an account?", "How do I import my data?", "Take the guided tour of My Product"),
        ("ja", "アカウントを作成するには?", "データをインポートするには?", "My Product のガイドツアーを見る"),
    ]:
        html = page(Path("build"), SAMPLE.format(lang=lang))
        assert html.count('class="tg-section tg-intro" open') == 1
        assert html.count('class="tg-faq tg-faq-answer"') == 2 and f"<summary>{answer}</summary>" in html
        assert 'class="tg-read-more"' in html and '"action": "faq"' in html  # read more, and the unlinked answer
        assert re.search(rf'<li class="tg-faq tg-faq-link"[^>]*>\s*<a href="https://docs\.example\.com/[^"]*"[^>]*>'
                         rf"<span>{re.escape(link)}</span>", html)
        assert re.search(rf'<button type="button" class="tg-tour"[^>]*"topicId": "getting-started"[^>]*>.*{tour}', html)
        assert html.count('class="tg-video"') == 3 and 'class="tg-section tg-videos"' in html  # intro + 2 videos
        for kind in ("documentation", "academy", "link"):
            assert html.count(f'class="tg-card tg-card-{kind}"') == 1
        assert 'src="../../../../../images/video-cover.svg"' in html and "<!--" not in html
    assert (Path("build") / "images" / "video-cover.svg").is_file() and (Path("build") / "images/community.svg").is_file()


def test_the_new_project_has_a_config_that_explains_every_setting(runner, tmp_path):
    new_project(runner, tmp_path / "p", "--languages", "ja,en,no")
    text = (tmp_path / "p" / "topicgen.yml").read_text(encoding="utf-8")
    config = load_config(tmp_path / "p" / "topicgen.yml")
    assert config.languages == ("ja", "en", "no") and config.default_language == "ja" and not config.warnings
    for key in _SETTINGS:  # a key someone adds to the table must be explained here too
        assert re.search(rf"^#? ?\s*{re.escape(key.rsplit('.', 1)[-1])}:", text, re.M), f"topicgen.yml lacks `{key}`"
    # Every commented-out setting is a valid one: uncommented, the file still loads, without a warning.
    (tmp_path / "p" / "theme").mkdir(exist_ok=True)  # `no` has no UI strings in the default theme: made
    (tmp_path / "p" / "all.yml").write_text(re.sub(r"^# (\s*[a-z_]+:)", r"\1", text, flags=re.M), encoding="utf-8")
    everything = load_config(tmp_path / "p" / "all.yml")
    assert not everything.warnings and everything.theme and everything.base_url
    ignored = (tmp_path / "p" / ".gitignore").read_text(encoding="utf-8").split()
    assert "/build/" in ignored and "/.topicgen-cache/" in ignored


def test_the_workflow_builds_strict_with_annotations_then_publishes_with_pages(runner, tmp_path):
    new_project(runner, tmp_path / "p")
    flow = yaml.safe_load((tmp_path / "p" / ".github/workflows/topicgen.yml").read_text(encoding="utf-8"))
    on = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"] and "pull_request" in on
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    runs = [s["run"] for s in steps if "run" in s]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"] and steps[0]["with"]["fetch-depth"] == 0
    assert runs == [f'pip install "topicgen=={__version__}"', "topicgen build --strict --format github"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "build" and steps.index(upload) == len(steps) - 1
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "pull_request" in deploy["if"] and deploy["environment"]["name"] == "github-pages"


def test_one_sample_guide_per_language_english_text_where_the_template_has_none(runner, tmp_path):
    new_project(runner, tmp_path / "p", "--languages", "ko,ja")
    guides = sorted(p.relative_to(tmp_path / "p/guides").as_posix() for p in (tmp_path / "p/guides").rglob("*.md"))
    assert guides == ["myproduct/topic-guide/ja/latest/gettingstarted.md", "myproduct/topic-guide/ko/latest/gettingstarted.md"]
    korean = (tmp_path / "p/guides" / guides[1]).read_text(encoding="utf-8")
    assert "permalink: myproduct/topic-guide/ko/latest/Getting Started" in korean and "How do I create" in korean


def test_a_folder_that_is_not_empty_is_refused_unless_forced_and_no_file_is_overwritten(runner, tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "topicgen.yml").write_text("site_title: Mine\n", encoding="utf-8")
    refused = runner.invoke(main, ["new", str(tmp_path / "p")])
    assert refused.exit_code == 1 and "is not empty; --force" in refused.stderr
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["topicgen.yml"]
    forced = new_project(runner, tmp_path / "p", "--force")
    assert f"kept {tmp_path / 'p' / 'topicgen.yml'} (a file is already there)" in forced.stdout
    assert (tmp_path / "p" / "topicgen.yml").read_text(encoding="utf-8") == "site_title: Mine\n"
    assert (tmp_path / "p" / ".gitignore").is_file() and (tmp_path / "p/guides/images/video-cover.svg").is_file()
    (tmp_path / "p" / ".gitignore").unlink()
    (tmp_path / "p" / ".gitignore").symlink_to(tmp_path / "elsewhere")  # a link is never followed
    new_project(runner, tmp_path / "p", "--force")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--languages", "en,English"], "`English` is not a language code"),
    (["--languages", " , "], "give at least one language code"),
    (["--no-such-option"], "No such option"),
])
def test_bad_options_are_usage_errors(runner, tmp_path, args, message):
    result = runner.invoke(main, ["new", str(tmp_path / "p"), *args])
    assert result.exit_code == 2 and message in result.stderr and not (tmp_path / "p").exists()


def test_a_file_in_place_of_the_folder_is_refused(runner, tmp_path):
    (tmp_path / "p").write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["new", str(tmp_path / "p")])
    assert result.exit_code == 1 and "is a file, not a folder" in result.stderr


@pytest.fixture
def project(runner, tmp_path, monkeypatch) -> Path:
    new_project(runner, tmp_path / "p", "--languages", "en,ja")
    monkeypatch.chdir(tmp_path / "p")
    return tmp_path / "p"


@pytest.mark.parametrize(("permalink", "path"), [
    ("myproduct/topic-guide/en/latest/Billing", "myproduct/topic-guide/en/latest/billing.md"),
    ("myproduct/topic-guide/en/latest/Plan & Usage", "myproduct/topic-guide/en/latest/planusage.md"),
    ("other/topic-guide/ja/v2.0/請求書 FAQ", "other/topic-guide/ja/v2.0/請求書faq.md"),
    ("myproduct/topic-guide/en/latest/admin/Roles", "myproduct/topic-guide/en/latest/admin/roles.md"),
])
def test_new_guide_is_placed_by_its_permalink_and_builds_strict(runner, project, permalink, path):
    result = runner.invoke(main, ["new", "guide", permalink])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"created guides/{path} (permalink {permalink})\n"
    text = (project / "guides" / path).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    title = permalink.rsplit("/", 1)[-1]
    assert front == {"title": title, "permalink": permalink} and f"\n###### {title}\n" in text
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0 and "0 warnings" in built.stderr, built.output
    assert f"<summary>{'アカウントを作成するには?' if '/ja/' in permalink else 'How do I create an account?'}</summary>" \
        in page(Path("build"), permalink)


def test_new_guide_takes_a_title_and_works_from_a_folder_inside_the_project(runner, project, monkeypatch):
    monkeypatch.chdir(project / "guides" / "myproduct")
    result = runner.invoke(main, ["new", "guide", "myproduct/topic-guide/en/latest/Faq", "--title", "Billing: FAQ"])
    assert result.exit_code == 0 and result.stdout.startswith("created topic-guide/en/latest/faq.md "), result.output
    text = (project / "guides/myproduct/topic-guide/en/latest/faq.md").read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "Billing: FAQ" and "\n###### Billing: FAQ\n" in text


def test_new_guide_refuses_a_permalink_in_use_with_the_guide_that_uses_it(runner, project):
    sample = "guides/myproduct/topic-guide/en/latest/gettingstarted.md"
    for permalink, says in [(SAMPLE.format(lang="en"), "is already used by this guide"),
                            ("myproduct/topic-guide/en/latest/getting started",
                             "differs only in case from `myproduct/topic-guide/en/latest/Getting Started`, used by")]:
        result = runner.invoke(main, ["new", "guide", permalink])
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"{sample}:6: error: permalink `{permalink}` {says}")
    assert len(list(Path("guides").rglob("*.md"))) == 2


def test_new_guide_never_overwrites_a_file_another_permalink_names(runner, project):
    assert runner.invoke(main, ["new", "guide", "myproduct/topic-guide/en/latest/Plan & Usage"]).exit_code == 0
    before = Path("guides/myproduct/topic-guide/en/latest/planusage.md").read_bytes()
    result = runner.invoke(main, ["new", "guide", "myproduct/topic-guide/en/latest/Plan Usage"])
    assert result.exit_code == 0  # the permalink is free: the guide gets the next free file name
    assert result.stdout.startswith("created guides/myproduct/topic-guide/en/latest/planusage-2.md (permalink "
                                    "myproduct/topic-guide/en/latest/Plan Usage)")
    assert Path("guides/myproduct/topic-guide/en/latest/planusage.md").read_bytes() == before
    assert runner.invoke(main, ["build", "--strict"]).exit_code == 0


@pytest.mark.parametrize("permalink", [
    "myproduct/en/latest/Billing",  # not the pattern: the build warns
    "myproduct/topic-guide/en/latest/../../../../x",
    "https://example.com/topic-guide/en/latest/x",
    "myproduct/topic-guide/en/latest/a\tb",
    "myproduct\\topic-guide\\en\\latest\\x",
    "myproduct//topic-guide/en/latest/x",
    "myproduct/topic-guide/en/latest/ x ",
    "",
])
def test_new_guide_refuses_what_the_build_refuses_or_warns_about_with_its_message(runner, project, permalink):
    try:
        _, warnings = parse_permalink(permalink, 0)
        expected = warnings[0]
    except Exception as err:  # SourceError: what the build reports as an error
        expected = str(err)
    result = runner.invoke(main, ["new", "guide", permalink])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for 'PERMALINK': {expected}" in result.stderr
    assert len(list(Path("guides").rglob("*.md"))) == 2


@pytest.mark.parametrize(("permalink", "message"), [
    ("_drafts/topic-guide/en/latest/x", "the folder `_drafts` would hold the guide"),
    ("myproduct/topic-guide/en/.old/x", "the folder `.old` would hold the guide"),
    ("myproduct/topic-guide/en/latest/&?!", "the name `&?!` has no letter or digit"),
])
def test_new_guide_refuses_a_permalink_whose_file_the_build_would_not_read(runner, project, permalink, message):
    result = runner.invoke(main, ["new", "guide", permalink])
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_new_guide_outside_a_project_says_how_to_make_one(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["new", "guide", "p/topic-guide/en/latest/x"])
    assert result.exit_code == 1 and "not inside a topicgen project" in result.stderr
    assert "`topicgen new DIR` makes a project" in result.stderr and not list(tmp_path.rglob("*.md"))


def test_new_guide_in_a_language_the_config_does_not_list_notes_it(runner, project):
    result = runner.invoke(main, ["new", "guide", "myproduct/topic-guide/ko/latest/Billing"])
    assert result.exit_code == 0
    assert "topicgen: note: `ko` is not one of the `languages` of topicgen.yml (en, ja)" in result.stderr


def test_help_lists_every_command_with_its_whole_first_sentence(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    shown = runner.invoke(main, ["--help"]).stdout
    for name, command in main.commands.items():
        first = (command.help or "").split("\n\n")[0]
        line = next(x for x in shown.splitlines() if x.split()[:1] == [name])
        assert line.split(None, 1)[1] == " ".join(first.split()), f"`{name}` is cut off in --help: {line!r}"
    assert not [x for x in shown.split("Commands:")[1].splitlines() if x.endswith("...")]
    new = runner.invoke(main, ["new", "--help"]).stdout
    assert "topicgen new DIR [--languages en,ja] [--force]" in new and "topicgen new guide PERMALINK" in new
