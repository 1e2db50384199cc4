"""One read path: check, export and build report the same diagnostics, in the same order, on real guides."""

from __future__ import annotations

from pathlib import Path

import pytest

from topicgen.cli import main

from .conftest import GUIDES


def diagnostics(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line or ": error: " in line]


def reports(runner, src: Path, out: Path) -> dict[str, list[str]]:
    """Each command's diagnostics; build and check get a base URL, without which they warn of the missing
    sitemap, a warning about the site that export, which writes none, does not give."""
    found = {}
    base = ["--base-url", "https://docs.example/"]
    for name, args in (("check", ["check", *base]), ("export", ["export", "--out", str(out.parent / "e.json")]),
                       ("build", ["build", "--out", str(out), *base]),
                       ("build again", ["build", "--out", str(out), *base])):
        result = runner.invoke(main, [*args, "--src", str(src)])
        assert result.exit_code == 0, result.output
        found[name] = diagnostics(result.stderr)
    return found


@pytest.mark.parametrize("which", ["bundled", "corpus"])
def test_check_export_and_build_say_the_same(runner, tmp_path, which, request):
    src = GUIDES if which == "bundled" else request.getfixturevalue("corpus")
    found = reports(runner, src, tmp_path / "site")
    assert found["check"], "the guides have warnings to compare"
    assert found["check"] == found["export"] == found["build"] == found["build again"]
    if which == "bundled":  # image warnings come from the same read as the others
        assert sum("is not an image file" in line for line in found["check"]) == 3
