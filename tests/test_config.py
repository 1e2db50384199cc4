"""topicgen.yml: defaults, validation naming the key, unknown keys warned, embed origin reaching the pages."""

from __future__ import annotations

import re

import pytest

from topicgen.cli import main
from topicgen.config import Config, load_config
from topicgen.errors import ConfigError

from .conftest import GUIDES
from .test_site import build


def write(tmp_path, text: str):
    path = tmp_path / "topicgen.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_no_file(tmp_path):
    config = load_config(None, tmp_path)
    assert config == Config() and config.parent_origin == "'self'" and config.base_path == "/"


def test_values_are_read(tmp_path):
    (tmp_path / "th").mkdir()
    config = load_config(write(tmp_path, "site_title: Guides\nbase_url: https://h.example/a/b\ntheme: th\n"
                                         "languages: [ja, en]\ndefault_language: ja\n"
                                         "embed:\n  parent_origin: https://app.example.com\n"))
    assert config.base_url == "https://h.example/a/b/" and config.base_path == "/a/b/"
    assert config.languages == ("ja", "en") and config.default_language == "ja"
    assert config.parent_origin == "https://app.example.com" and config.theme == str((tmp_path / "th").resolve())


@pytest.mark.parametrize("text, message", [
    ("base_url: docs.example.com\n", "`base_url`: must be an absolute http(s) URL"),
    ("base_url: /sub/path/\n", "`base_url`: must be an absolute http(s) URL"),
    ("theme: nowhere\n", "`theme`: `nowhere` is not a folder"),
    ("languages: [en, 'x y']\n", "`languages`: `x y` is not a language code such as en, ja or pt-BR"),
    ("languages: [en]\ndefault_language: ko\n", "`default_language`: `ko` is not one of `languages`"),
    ("embed:\n  parent_origin: '*'\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: https://a.example/path\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: 'https://*'\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: 'https://*.example.com'\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: https://user:secret@app.example.com\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: https://app.example.com?x=1\n", "`parent_origin`: must be one origin"),
    ("embed:\n  parent_origin: \"https://app.example.com\\n\"\n", "`parent_origin`: must be one origin"),
    ("base_url: \"https://h.example/a\\u0001b/\"\n", "`base_url`: has a space or a control character"),
    ("embed: yes\n", "`embed`: must be a mapping"),
    ("site_title: ''\n", "`site_title`: must be a non-empty text"),
])
def test_bad_values_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")
                       .replace("*", r"\*")):
        load_config(write(tmp_path, text))


@pytest.mark.parametrize(("url", "said"), [
    ("https://docs.example.com/guides/?x=1", "has a query (`?x=1`)"),
    ("https://docs.example.com/guides/#top", "has a fragment (`#top`)"),
    ("https://u:p@docs.example.com/", "has a user name or password (`u:p@`)"),
    ("https://docs.example.com:99999/", "has port 99999, over 65535"),
    ("https://docs.example.com:x/", "has a port that is not a number (`x`)"),
    ("https://docs.example.com/a b/", "has a space or a control character"),
    ("https://docs.example.com/a{b}/", "has `{` in its path, which a URL cannot hold as it is; write it as %7B"),
    ("https://1.2.3.4.5/", "has a host that is neither a name nor an IPv4 address (`1.2.3.4.5`)"),
    ("https:///guides/", "has no host"),
])
def test_a_bad_base_url_is_said_by_what_is_wrong_with_it(tmp_path, runner, url, said):
    """The config file's key and `--base-url` name the problem, not only the rule the value often meets."""
    with pytest.raises(ConfigError, match=re.escape(f"topicgen.yml:1: error: `base_url`: {said}")):
        load_config(write(tmp_path, f"base_url: \"{url}\"\n"))
    result = runner.invoke(main, ["check", "--src", str(GUIDES), "--base-url", url])
    assert result.exit_code == 2 and f"Invalid value for '--base-url': `{url}` {said}" in result.stderr, result.stderr


@pytest.mark.parametrize(("value", "said"), [
    ("42", "`42` is not a URL: it must be an absolute http(s) URL"),
    ("null", "has no value; give an absolute http(s) URL"),
    ("[https://docs.example.com/]", "a list is not a URL"),
])
def test_a_base_url_that_is_no_text_is_said_as_yaml_read_it(tmp_path, value, said):
    with pytest.raises(ConfigError, match=re.escape(f"`base_url`: {said}")):
        load_config(write(tmp_path, f"base_url: {value}\n"))


@pytest.mark.parametrize(("value", "said"), [
    ("[EN, ja]", "`EN` is not a language code such as en, ja or pt-BR; write `en`"),
    ("[en, ja, 3]", "`3` is not a language code such as en, ja or pt-BR"),
    ("[en, fr_FR]", "`fr_FR` is not a language code such as en, ja or pt-BR"),
])
def test_a_bad_language_is_named(tmp_path, value, said):
    with pytest.raises(ConfigError, match=re.escape(f"`languages`: {said}")):
        load_config(write(tmp_path, f"languages: {value}\n"))


@pytest.mark.parametrize("origin, read", [("https://app.example.com", "https://app.example.com"),
                                          ("HTTPS://App.Example.com:8443", "https://app.example.com:8443"),
                                          ("http://[::1]:3000", "http://[::1]:3000"), ("'self'", "'self'")])
def test_an_origin_is_scheme_host_and_port(tmp_path, origin, read):
    assert load_config(write(tmp_path, f"embed:\n  parent_origin: \"{origin}\"\n")).parent_origin == read


def test_unknown_keys_warn_with_their_line(tmp_path):
    config = load_config(write(tmp_path, "site_title: G\nsite_titel: typo\nembed:\n  parent: x\n"))
    assert [(d.line, d.message) for d in config.warnings] == [(2, "unknown config key `site_titel`"),
                                                             (4, "unknown config key `embed.parent`")]


def test_cli_base_url_is_validated_like_the_file():
    with pytest.raises(ConfigError, match="--base-url"):
        Config(base_url="ftp://x.example/")


@pytest.mark.parametrize(("given", "kept"), [
    ("https://例え.jp/ドキュメント", "https://xn--r8jz45g.jp/%E3%83%89%E3%82%AD%E3%83%A5%E3%83%A1%E3%83%B3%E3%83%88/"),
    ("https://docs.example.com/가이드/", "https://docs.example.com/%EA%B0%80%EC%9D%B4%EB%93%9C/"),
    ("http://例え.jp:8080/a%20b/é/", "http://xn--r8jz45g.jp:8080/a%20b/%C3%A9/"),  # escapes already there kept
    ("https://docs.example.com/sub/", "https://docs.example.com/sub/"),
])
def test_a_base_url_in_other_scripts_is_kept_as_browsers_send_it(tmp_path, given, kept):
    assert load_config(write(tmp_path, f"base_url: \"{given}\"\n")).base_url == kept


@pytest.mark.parametrize(("given", "kept"), [
    ("HTTPS://DOCS.Example.com/Guides/", "https://docs.example.com/Guides/"),  # a path is not case-blind
    ("https://docs.example.com/../x/", "https://docs.example.com/x/"),
    ("https://docs.example.com/a/./b/../c", "https://docs.example.com/a/c/"),
    ("https://docs.example.com/a/%2e%2E/b/", "https://docs.example.com/b/"),
    ("http://[::ABCD]:8080/g/", "http://[::abcd]:8080/g/"),
])
def test_a_base_url_s_scheme_host_and_dots_are_written_as_browsers_send_them(tmp_path, given, kept):
    assert load_config(write(tmp_path, f"base_url: \"{given}\"\n")).base_url == kept


@pytest.mark.parametrize("url", ["https://docs.example.com/%zz/", "https://docs.example.com/a%2/", "https://x.com/%"])
def test_a_base_url_with_a_bad_percent_escape_is_refused(tmp_path, url):
    with pytest.raises(ConfigError, match="is no percent-escape"):
        load_config(write(tmp_path, f"base_url: \"{url}\"\n"))


def test_a_site_under_a_base_url_with_dots_and_capitals_writes_the_address_browsers_send(tmp_path, runner):
    out = tmp_path / "site"
    assert build(runner, GUIDES, out, "--base-url", "HTTPS://DOCS.Example.com/../x/").exit_code == 0
    assert (out / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == \
        "Sitemap: https://docs.example.com/x/sitemap.xml"
    page = (out / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://docs.example.com/x/platform/' in page
    assert 'href="/x/assets/' in (out / "404.html").read_text(encoding="utf-8")


def test_a_base_url_whose_host_is_no_name_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="base_url"):
        load_config(write(tmp_path, "base_url: https://bad..例/\n"))


def test_every_absolute_url_of_a_site_under_a_base_url_in_other_scripts_is_ascii(tmp_path, runner):
    config = write(tmp_path, "base_url: https://例え.jp/가이드/\n")
    out = tmp_path / "site"
    assert build(runner, GUIDES, out, "--config", str(config)).exit_code == 0
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs and all(loc.isascii() and loc.startswith("https://xn--r8jz45g.jp/%EA%B0%80") for loc in locs)
    page = (out / "platform/topic-guide/ko/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:href|content)="(https?://[^"]*)"', page)
    assert any("canonical" in m for m in re.findall(r'<link rel="canonical"[^>]*>', page))
    assert urls and all(u.isascii() for u in urls), [u for u in urls if not u.isascii()]


def test_parent_origin_reaches_every_page(tmp_path, runner):
    config = write(tmp_path, "embed:\n  parent_origin: https://app.example.com\n")
    out = tmp_path / "site"
    assert build(runner, GUIDES, out, "--config", str(config)).exit_code == 0
    page = (out / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert 'data-tg-origin="https://app.example.com"' in page
    default = tmp_path / "default"
    assert build(runner, GUIDES, default).exit_code == 0
    page = (default / "platform/topic-guide/en/latest/Plan & Usage/index.html").read_text(encoding="utf-8")
    assert 'data-tg-origin="/"' in page  # the page's own origin: nothing leaves for a foreign parent


def _two_versions(tmp_path):
    src = tmp_path / "src"
    for version in ("latest", "v2"):
        (src / version).mkdir(parents=True)
        (src / version / "a.md").write_text(f"---\ntitle: A\npermalink: bots/topic-guide/en/{version}/a\n---\nText.\n",
                                            encoding="utf-8")
    return src


@pytest.mark.parametrize(("text", "said"), [
    ("products: {bost: Bots}\ncurrent_version: {bost: v2}\n",
     ["topicgen.yml:1: warning: `products`: no guide has product `bost` (the guides' products: bots)",
      "topicgen.yml:2: warning: `current_version`: no guide has product `bost` (the guides' products: bots)"]),
    ("current_version: v99\n",
     ["topicgen.yml:1: warning: `current_version`: no guide has version `v99` (the guides' versions: latest, v2)"]),
    ("current_version:\n  \"*\": latest\n  bots: v3\n",
     ["topicgen.yml:3: warning: `current_version`: product `bots` has no version `v3` (its versions: latest, v2)"]),
    ("products:\n  bots: Bots\ncurrent_version: {bots: v2, \"*\": v9}\n", []),  # no other product takes v9
])
def test_a_product_or_version_no_guide_has_is_warned_at_its_line(tmp_path, runner, monkeypatch, text, said):
    src = _two_versions(tmp_path)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text + "sitemap: false\n")
    result = runner.invoke(main, ["check", "--src", str(src)])
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("topicgen.yml:")] == said, result.stderr
