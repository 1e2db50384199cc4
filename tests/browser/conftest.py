"""Browser tests skip cleanly without Debian's chromium, unless TOPICGEN_REQUIRE_BROWSER=1 (CI) says fail."""

from __future__ import annotations

import os

import pytest

from .harness import browser_missing_reason


def pytest_collection_modifyitems(config, items):
    reason = browser_missing_reason()
    if reason is None:
        return
    required = os.environ.get("TOPICGEN_REQUIRE_BROWSER") == "1"
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            if required:
                item.add_marker(pytest.mark.usefixtures("_browser_required"))
            else:
                item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


@pytest.fixture
def _browser_required():
    pytest.fail(f"TOPICGEN_REQUIRE_BROWSER=1 but {browser_missing_reason()}")
