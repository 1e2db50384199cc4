"""Inputs a fuzzing pass found handled badly: each now gets a clear message, and nothing is lost silently."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import sources
from topicgen import yamltext
from topicgen.cli import main
from topicgen.config import load_config
from topicgen.errors import ConfigError
from topicgen.rendering.strings import Strings

GUIDE = ("---\ntitle: {title}\npermalink: bots/topic-guide/en/latest/{title}\n---\n"
         "<details>\n<summary>FAQs</summary>\n<a class=\"doc-link\" href=\"/x\">Question?</a>\n</details>\n")


@pytest.mark.parametrize(("text", "key", "first", "again"), [
    ("a: 1\nb: 2\na: 3\n", "a", 0, 2),
    ("outer:\n  x: 1\n  x: 2\n", "x", 1, 2),
    ("m: {k: 1, k: 2}\n", "k", 0, 0),  # twice on one line is still twice
])
def test_a_key_given_twice_in_any_mapping_is_refused_with_both_lines(text, key, first, again) -> None:
    with pytest.raises(yamltext.DuplicateKey) as caught:
        yamltext.load(text)
    assert (caught.value.key, caught.value.first, caught.value.again) == (key, first, again)


def test_distinct_keys_and_a_merge_key_still_load_as_the_safe_loader_loads_them() -> None:
    import yaml

    for text in ("a: 1\nb: [1, 2]\nc: {d: e}\n", "1: a\n'1': b\n", "<<: {a: 1}\na: 2\n", "- a: 1\n- a: 2\n"):
        assert yamltext.load(text) == yaml.safe_load(text)


def test_a_front_matter_key_given_twice_is_an_error_at_its_second_line(runner, tmp_path) -> None:
    twice = GUIDE.format(title="Once").replace("title: Once\n", "title: Once\ntitle: Twice\n")
    src = sources(tmp_path, good=GUIDE.format(title="Good"), twice=twice)
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 1, result.output
    assert f"{src / 'twice.md'}:3: error: front matter gives `title` twice (also on line 2); remove one of them" \
        in result.stderr
    assert "checked 1 guide, 1 skipped" in result.stderr


def test_a_message_about_two_guides_names_the_other_as_the_first_is_named(runner, tmp_path) -> None:
    src = sources(tmp_path, a=GUIDE.format(title="Name"), b=GUIDE.format(title="NAME"),
                  c=GUIDE.format(title="Name").replace("title: Name", "title: Again"))
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert f"{src / 'a.md'}:3: warning: permalink `bots/topic-guide/en/latest/Name` differs only in case from " \
           f"{src / 'b.md'} (`bots/topic-guide/en/latest/NAME`)" in result.stderr
    assert f"{src / 'c.md'}:3: error: permalink `bots/topic-guide/en/latest/Name` is already used by " \
           f"{src / 'a.md'}; a page can only have one guide" in result.stderr


def test_a_config_key_given_twice_is_an_error_at_its_line(tmp_path) -> None:
    (tmp_path / "topicgen.yml").write_text("site_title: A\nlanguages: [en]\nsite_title: B\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "topicgen.yml")
    assert str(caught.value) == (f"{tmp_path / 'topicgen.yml'}:3: error: `site_title` is given twice (also on "
                                 "line 1); remove one of them")


def test_a_ui_string_given_twice_is_an_error_at_its_line(tmp_path) -> None:
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "en.yml").write_text("faqs: FAQ\nvideos: Videos\nfaqs: Questions\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"en\.yml:3: error: UI string `faqs` is given twice \(also on line 1\)"):
        Strings([tmp_path]).table("en")


def test_a_config_that_is_not_utf8_names_the_line_and_the_byte(runner, tmp_path) -> None:
    (tmp_path / "topicgen.yml").write_bytes(b"site_title: Caf\xe9\n")
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    result = runner.invoke(main, ["check", "--src", str(src), "--config", str(tmp_path / "topicgen.yml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"{tmp_path / 'topicgen.yml'}:1: error: not UTF-8 text: byte 0xe9 cannot be decoded (save the file "
            "as UTF-8)") in result.stderr


def test_a_guide_that_is_a_dangling_link_says_where_it_points(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    (src / "moved.md").symlink_to("old/moved.md")
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 1
    assert f"{src / 'moved.md'}: error: is a symbolic link to `old/moved.md`, which does not exist; not read" \
        in result.stderr


def test_the_export_file_is_readable_by_others_as_the_umask_allows(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    old = os.umask(0o022)
    try:
        result = runner.invoke(main, ["export", "--src", str(src), "--out", str(tmp_path / "model.json")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "model.json").stat().st_mode) == 0o644  # mkstemp made it 0600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".model.json")] == []


def test_a_new_project_in_a_language_the_theme_lacks_builds_strict_with_strings_to_translate(runner, tmp_path,
                                                                                            monkeypatch) -> None:
    made = runner.invoke(main, ["new", str(tmp_path / "p"), "--languages", "fr,en"])
    assert made.exit_code == 0, made.output
    assert f"created {tmp_path / 'p' / 'theme' / 'strings' / 'fr.yml'}" in made.stdout
    assert not (tmp_path / "p" / "theme" / "strings" / "en.yml").exists()  # the default theme has English
    french = (tmp_path / "p" / "theme" / "strings" / "fr.yml").read_text(encoding="utf-8")
    assert french.startswith("# UI strings of the pages in `fr`") and "\nfaqs: FAQs\n" in french
    monkeypatch.chdir(tmp_path / "p")
    assert load_config(Path("topicgen.yml")).theme == str(tmp_path / "p" / "theme")
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0 and ", 0 warnings\n" in built.stderr, built.output
    page = next(Path("build/myproduct/topic-guide/fr/latest").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and ">FAQs<" in page


def test_the_missing_strings_warning_names_the_language_the_pages_really_fall_back_to(runner, tmp_path) -> None:
    (tmp_path / "topicgen.yml").write_text("languages: [fr]\ndefault_language: fr\n", encoding="utf-8")
    text = GUIDE.format(title="Bonjour").replace("/en/", "/fr/")
    src = sources(tmp_path, bonjour=text)
    result = runner.invoke(main, ["check", "--src", str(src), "--config", str(tmp_path / "topicgen.yml")])
    assert ("no UI strings for language `fr` (strings/fr.yml in no theme folder): its pages show the `en` "
            "strings") in result.stderr  # it said `fr`, the language that has none


@pytest.mark.parametrize(("lang", "hint"), [("FR", "; write `fr`"), ("Français", "")])
def test_new_guide_refuses_a_language_that_is_not_a_code(runner, tmp_path, monkeypatch, lang, hint) -> None:
    assert runner.invoke(main, ["new", str(tmp_path / "p")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "p")
    result = runner.invoke(main, ["new", "guide", f"myproduct/topic-guide/{lang}/latest/Other"])
    assert result.exit_code == 2
    assert (f"`{lang}` is not a language code such as en, ja or pt-BR (the permalink's third segment){hint}"
            in result.stderr)
    assert not list(Path("guides").rglob("other.md"))


def test_export_into_a_pipe_writes_through_it_instead_of_putting_a_file_in_its_place(runner, tmp_path) -> None:
    import threading

    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    result = runner.invoke(main, ["export", "--src", str(src), "--out", str(pipe)])
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.lstat().st_mode)  # a rename had made a regular file of it (and of /dev/null)
    assert got and b'"title": "Good"' in got[0]


@pytest.mark.parametrize(("out", "code", "said"), [
    ("{tmp}", 2, "Invalid value for '--out': {tmp} is a folder; give the export's file name, such as "
                 "{tmp}/model.json"),
    ("", 2, "Invalid value for '--out': must name a file, or be - for standard output"),
])
def test_export_into_a_folder_or_nowhere_is_refused_plainly(runner, tmp_path, out, code, said) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    result = runner.invoke(main, ["export", "--src", str(src), "--out", out.format(tmp=tmp_path)])
    assert result.exit_code == code and said.format(tmp=tmp_path) in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]  # no temporary file left


def test_a_sources_folder_without_a_guide_is_an_error_and_the_site_is_left_as_it_was(runner, tmp_path) -> None:
    good = sources(tmp_path, good=GUIDE.format(title="Good"))
    site = tmp_path / "site"
    assert runner.invoke(main, ["build", "--src", str(good), "--out", str(site)]).exit_code == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    wrong = tmp_path / "docs"
    wrong.mkdir()
    (wrong / "good.mdx").write_text(GUIDE.format(title="Good"), encoding="utf-8")
    result = runner.invoke(main, ["build", "--src", str(wrong), "--out", str(site)])  # not even --strict
    assert result.exit_code == 1
    assert (f"topicgen: error: no guide in {wrong}: no file there ends in .md or .markdown (it has good.mdx); "
            "nothing is built") in result.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before  # an empty site had replaced it
    (wrong / "good.mdx").unlink()
    checked = runner.invoke(main, ["check", "--src", str(wrong)])
    assert checked.exit_code == 1 and "(it is empty); nothing is built" in checked.stderr


def test_a_link_to_a_folder_of_guides_is_warned_that_it_is_not_followed(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.md").write_text(GUIDE.format(title="Other"), encoding="utf-8")
    (src / "more").symlink_to(outside)
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 0
    assert (f"{src / 'more'}: warning: is a link to a folder, which topicgen does not follow (a link could lead out "
            "of the source folder, or round in a loop): the guides in it are not read") in result.stderr
    assert "checked 1 guide" in result.stderr


def test_an_svg_logo_is_published_without_its_script_and_warned_like_a_guide_s_svg(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                                       '<script>alert(2)</script><rect width="4" height="4"/></svg>', encoding="utf-8")
    config = tmp_path / "topicgen.yml"
    config.write_text("sitemap: false\nlogo: logo.svg\n", encoding="utf-8")
    args = ["build", "--src", str(src), "--out", str(tmp_path / "site"), "--config", str(config)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (f"{config}:2: warning: `logo`: `onload=`, `<script>` removed from the copy of `logo.svg`"
            in result.stderr)
    published = (tmp_path / "site" / "assets" / "logo.svg").read_text(encoding="utf-8")
    assert "script" not in published and "onload" not in published and '<rect width="4" height="4"/>' in published
    (tmp_path / "logo.svg").write_text("<html>not an svg</html>", encoding="utf-8")
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1 and f"{config}:2: error: `logo`: `logo.svg` is not a safe SVG image" in refused.stderr


@pytest.mark.parametrize(("url", "kept"), [
    ("https://docs.example.com/guides", "https://docs.example.com/guides/"),
    ("http://[::1]:8080/g/", "http://[::1]:8080/g/"),
    ("https://1.2.3.4/", "https://1.2.3.4/"),
    ("https://x.example:99999/", None),  # no port above 65535
    ("https://user:secret@x.example/", None),  # it would be published in robots.txt and every canonical link
    ("https://x.example/a<b>/", None),
    ("https://1.2.3.4.5/", None),  # neither a name nor an IPv4 address to a browser
])
def test_base_url_is_a_url_a_browser_reads_as_written(url, kept) -> None:
    from topicgen.baseurl import normal_base_url

    assert normal_base_url(url) == kept


@pytest.mark.parametrize(("value", "origin"), [
    ("https://app.example.com/", "https://app.example.com"),  # as an address bar shows it
    ("https://App.Example.com:8443", "https://app.example.com:8443"),
    ("https://app.example.com:99999", None),
    ("https://1.2.3.4.5.6", None),
])
def test_parent_origin_takes_an_address_bar_s_origin_and_refuses_one_postmessage_would(tmp_path, value,
                                                                                      origin) -> None:
    (tmp_path / "topicgen.yml").write_text(f"embed:\n  parent_origin: {value}\n", encoding="utf-8")
    if origin is not None:
        assert load_config(tmp_path / "topicgen.yml").parent_origin == origin
    else:
        with pytest.raises(ConfigError, match=r"topicgen\.yml:2: error: `parent_origin`: must be one origin"):
            load_config(tmp_path / "topicgen.yml")


@pytest.mark.parametrize("value", ["1.10", "{platform: 1.10}", "true"])
def test_a_current_version_yaml_reads_as_a_number_is_refused_not_changed(tmp_path, value) -> None:
    (tmp_path / "topicgen.yml").write_text(f"current_version: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"is what YAML reads there, not the version as written: put the version "
                                          r"in quotes"):
        load_config(tmp_path / "topicgen.yml")
    (tmp_path / "topicgen.yml").write_text('current_version: "1.10"\n', encoding="utf-8")
    assert load_config(tmp_path / "topicgen.yml").current_version == (("*", "1.10"),)


@pytest.mark.parametrize("command", ["check", "build", "translations"])
def test_config_errors_are_github_annotations_under_format_github(runner, tmp_path, monkeypatch, command) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    monkeypatch.chdir(tmp_path)
    Path("topicgen.yml").write_text("sitemap: 1\nsite_title: ''\n", encoding="utf-8")
    result = runner.invoke(main, [command, "--src", str(src), "--format", "github"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == ["::error file=topicgen.yml,line=1::`sitemap`: must be true or false",
                                              "::error file=topicgen.yml,line=2::`site_title`: must be a non-empty text"]


@pytest.mark.parametrize(("text", "said"), [
    ('site_title: "unterminated\nfooter: F\n\nproducts:\n  p: P\n',
     ":1: error: not valid YAML: found unexpected end of stream (while scanning a quoted scalar that starts on "
     "this line)"),
    ('site_title: X\nfooter: F\nembed: {parent_origin: "https://x.example/path"}\n', ":3: error: `parent_origin`:"),
    ("site_title: X\nlanguages: [ja]\n", ":2: error: `languages`: ['ja'] does not hold `en`, the default "
                                         "`default_language`; set `default_language` to one of them"),
])
def test_config_errors_name_the_line_to_fix(tmp_path, text, said) -> None:
    (tmp_path / "topicgen.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "topicgen.yml")
    assert said in str(caught.value), str(caught.value)


def test_a_key_inside_a_flow_mapping_is_warned_at_its_line(tmp_path) -> None:
    (tmp_path / "topicgen.yml").write_text("site_title: X\nsitemap: false\nembed: {serch: true}\n", encoding="utf-8")
    assert [(d.line, d.message) for d in load_config(tmp_path / "topicgen.yml").warnings] == [
        (3, "unknown config key `embed.serch`")]


def test_a_strings_file_that_is_not_yaml_names_the_line_it_starts_going_wrong(tmp_path) -> None:
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "en.yml").write_text('faqs: "FAQ\nvideos: Videos\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"en\.yml:1: error: UI strings file is not readable YAML: found unexpected "
                                          r"end of stream \(while scanning a quoted scalar that starts on this line\)"):
        Strings([tmp_path]).table("en")


def test_new_with_a_file_where_the_project_has_a_folder_writes_nothing(runner, tmp_path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "guides").write_text("x\n", encoding="utf-8")
    result = runner.invoke(main, ["new", str(tmp_path / "p"), "--force"])
    assert result.exit_code == 1
    assert (f"{tmp_path / 'p' / 'guides'} is a file where the project has a folder; move it away, then run "
            "topicgen new again (nothing was written)") in result.stderr
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["guides"]  # .gitignore and the workflow were written


def test_new_names_a_folder_the_next_line_can_cd_into(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(main, ["new", "--", "-site"])
    assert made.exit_code == 0 and made.stdout.splitlines()[-1] == "next: cd ./-site && topicgen serve --open"
    empty = runner.invoke(main, ["new", ""])
    assert empty.exit_code == 2 and "must name a folder, such as mysite" in empty.stderr


def test_a_page_in_a_language_written_right_to_left_says_so(runner, tmp_path) -> None:
    arabic = GUIDE.format(title="Marhaba").replace("/en/", "/ar/")
    src = sources(tmp_path, ar=arabic, en=GUIDE.format(title="Hello"))
    assert runner.invoke(main, ["build", "--src", str(src), "--out", str(tmp_path / "site")]).exit_code == 0
    pages = tmp_path / "site" / "bots" / "topic-guide"
    assert '<html lang="ar" dir="rtl" ' in (pages / "ar/latest/Marhaba/index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl" ' in (pages / "ar/latest/index.html").read_text(encoding="utf-8")
    assert '<html lang="en" data-tg-origin' in (pages / "en/latest/Hello/index.html").read_text(encoding="utf-8")


def test_a_misspelt_ui_string_or_placeholder_in_a_project_theme_is_warned_at_its_line(runner, tmp_path,
                                                                                       monkeypatch) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    (tmp_path / "theme" / "strings").mkdir(parents=True)
    (tmp_path / "theme" / "strings" / "en.yml").write_text(
        'fqas: x\nplay_video: "Play {titel}"\nsearch_results: "{count results"\nfaqs_one: "{count} Q"\n'
        "my_banner: Hello\n", encoding="utf-8")
    (tmp_path / "theme" / "banner.html").write_text("{{ strings().my_banner }}\n", encoding="utf-8")
    (tmp_path / "topicgen.yml").write_text("sitemap: false\ntheme: theme\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if "UI string" in line] == [
        "theme/strings/en.yml:1: warning: UI string `fqas` is no key of the theme's (the default theme's "
        "strings/en.yml lists them): ignored",
        "theme/strings/en.yml:2: warning: UI string `play_video`: `{titel}` is no placeholder of it (it takes "
        "`{title}`); shown as written",
        "theme/strings/en.yml:3: warning: UI string `search_results`: a `{` or `}` is left unpaired (it takes "
        "`{count}`); shown as written",
    ]  # faqs_one is a plural form of a key, my_banner a key of the project's own template


@pytest.mark.parametrize(("written", "read"), [("Yes", "True"), ("1.10", "1.1"), ("off", "False")])
def test_a_title_yaml_reads_as_a_number_or_a_boolean_is_an_error_not_a_changed_title(runner, tmp_path, written,
                                                                                     read) -> None:
    src = sources(tmp_path, t=GUIDE.format(title="T").replace("title: T", f"title: {written}"))
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 1
    assert (f"{src / 't.md'}:2: error: `title` is what YAML reads as `{read}`, not the text as written: put the "
            "title in quotes") in result.stderr


def test_an_empty_base_url_option_is_no_base_url_whatever_the_config_says(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    (tmp_path / "topicgen.yml").write_text("sitemap: false\nbase_url: https://docs.example/\n", encoding="utf-8")
    args = ["build", "--src", str(src), "--out", str(tmp_path / "site"), "--config", str(tmp_path / "topicgen.yml")]
    page = tmp_path / "site" / "bots/topic-guide/en/latest/Good/index.html"
    assert runner.invoke(main, args).exit_code == 0 and "https://docs.example/" in page.read_text(encoding="utf-8")
    assert runner.invoke(main, [*args, "--base-url", ""]).exit_code == 0
    assert "https://docs.example/" not in page.read_text(encoding="utf-8")  # it was kept without a word


def test_new_guide_with_an_empty_title_is_a_usage_error(runner, tmp_path, monkeypatch) -> None:
    assert runner.invoke(main, ["new", str(tmp_path / "p")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "p")
    result = runner.invoke(main, ["new", "guide", "myproduct/topic-guide/en/latest/Other", "--title", " "])
    assert result.exit_code == 2 and "Invalid value for '--title': must be a text" in result.stderr


BAD_AND_UNKNOWN = "sitemap: 1\nsite_titel: Docs\nfooter: F\nproducts: []\n"


@pytest.mark.parametrize("command", ["check", "build", "export", "translations"])
def test_a_config_with_errors_still_reports_its_unknown_keys_in_the_file_s_order(runner, tmp_path, monkeypatch,
                                                                                command) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    monkeypatch.chdir(tmp_path)
    Path("topicgen.yml").write_text(BAD_AND_UNKNOWN, encoding="utf-8")
    result = runner.invoke(main, [command, "--src", str(src)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "topicgen.yml:1: error: `sitemap`: must be true or false",
        "topicgen.yml:2: warning: unknown config key `site_titel`",
        "topicgen.yml:4: error: `products`: must map each product code to its name, such as {platform: XO "
        "Platform}"], result.stderr
    github = runner.invoke(main, [command, "--src", str(src)], env={"GITHUB_ACTIONS": "true"})
    assert github.stderr.splitlines()[1] == "::warning file=topicgen.yml,line=2::unknown config key `site_titel`"


def test_the_preview_shows_a_bad_config_s_warnings_and_counts_only_its_errors_as_errors(tmp_path) -> None:
    import io

    from topicgen.serve.preview import Preview

    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    (tmp_path / "topicgen.yml").write_text(BAD_AND_UNKNOWN, encoding="utf-8")
    said = io.StringIO()
    state = Preview(src, tmp_path / "topicgen.yml", tmp_path / "site", said).rebuild()
    assert [e.split(": error: ")[0] for e in state.errors] == [f"{tmp_path}/topicgen.yml:1",
                                                               f"{tmp_path}/topicgen.yml:4"]
    assert f"{tmp_path}/topicgen.yml:2: warning: unknown config key `site_titel`" in said.getvalue()


def test_a_config_error_keeps_its_lines_when_sent_back_from_a_worker() -> None:
    import pickle

    err = ConfigError.at("topicgen.yml", 3, "`footer`: must be a text")
    back = pickle.loads(pickle.dumps(err))
    assert back.found == err.found and str(back) == "topicgen.yml:3: error: `footer`: must be a text"


def test_the_default_language_is_judged_against_the_languages_only_when_those_could_be_read(tmp_path) -> None:
    config = tmp_path / "topicgen.yml"
    config.write_text("languages: fr\ndefault_language: fr\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config)
    assert [(d.line, d.message.split(":")[0]) for _, d in err.value.found] == [(1, "`languages`")]
    config.write_text("languages: [en, ja]\ndefault_language: fr\nsite_title: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config)
    assert [d.line for _, d in err.value.found] == [2, 3]


def test_the_export_gives_each_page_s_address_and_every_warning_the_build_gives(runner, tmp_path,
                                                                               monkeypatch) -> None:
    import json

    src = sources(tmp_path, good=GUIDE.format(title="Good") + "\n![missing](images/none.png)\n")
    monkeypatch.chdir(tmp_path)
    Path("topicgen.yml").write_text("base_url: https://docs.example.com/sub/path/\n", encoding="utf-8")
    result = runner.invoke(main, ["export", "--src", str(src)])
    (guide,) = json.loads(result.stdout)["guides"]
    assert guide["page"] == "https://docs.example.com/sub/path/bots/topic-guide/en/latest/Good/"
    exported = [f"{src}/good.md:{d['line']}: {d['severity']}: {d['message']}" for d in guide["diagnostics"]]
    checked = runner.invoke(main, ["check", "--src", str(src)]).stderr.splitlines()
    assert exported == [line for line in checked if line.startswith(f"{src}/good.md:")]
    assert [d["message"].split(" ")[:2] for d in guide["diagnostics"]] == [["image", "`images/none.png`"], ["link", "`/x`"]]


def test_the_export_refuses_to_replace_a_guide(runner, tmp_path) -> None:
    src = sources(tmp_path, good=GUIDE.format(title="Good"))
    before = (src / "good.md").read_bytes()
    result = runner.invoke(main, ["export", "--src", str(src), "--out", str(src / "good.md")])
    assert result.exit_code == 1 and (src / "good.md").read_bytes() == before
    assert f"--out {src}/good.md is one of the guides' sources; write the export elsewhere" in result.stderr


def test_new_guide_in_a_language_the_theme_lacks_writes_strings_and_the_project_builds_strict(runner, tmp_path,
                                                                                              monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["new", "site", "--languages", "en,ja"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "site")
    made = runner.invoke(main, ["new", "guide", "myproduct/topic-guide/fr/latest/Démarrer"])
    assert made.exit_code == 0
    assert ("topicgen: note: wrote theme/strings/fr.yml: the theme had no UI strings in `fr`; translate its "
            "English values; set `theme: theme` in topicgen.yml for the build to use it") in made.stderr
    config = Path("topicgen.yml")
    config.write_text(config.read_text(encoding="utf-8").replace("# theme: theme", "theme: theme"), encoding="utf-8")
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.stderr
