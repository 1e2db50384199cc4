"""Regenerate docs/screenshots/: the root index, a listing and a bundled guide (en and ja), at 390 px and 1280 px,
light and dark.

Run from the project root: `python docs/screenshots.py` (needs Debian's chromium and, for Japanese text,
fonts-noto-cjk).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import browser_missing_reason, chromium, offline, serve  # noqa: E402
from topicgen.build import build  # noqa: E402
from topicgen.config import Config  # noqa: E402
from topicgen.diagnostics import Reporter  # noqa: E402
from topicgen.options import BuildOptions  # noqa: E402

# (file name, site path, languages, widths): Dialog Editor has the intro video and a tour; Plan & Usage has
# answers translated into Japanese, shown with the first one open.
SHOTS = [("index", "", ("en",), (390, 1280)),
         ("listing", "platform/topic-guide/{lang}/latest/", ("en", "ja"), (390, 1280)),
         ("guide", "platform/topic-guide/{lang}/latest/Dialog Editor/", ("en", "ja"), (390, 1280)),
         ("answers", "platform/topic-guide/{lang}/latest/Plan & Usage/", ("en", "ja"), (390,))]
CONFIG = Config(products=(("platform", "XO Platform"), ("itassist", "IT Assist")),
                footer="Guides from the Kore.ai documentation, Apache-2.0.")
OUT = ROOT / "docs" / "screenshots"


def shoot(browser, url: str, target: Path, width: int, scheme: str) -> None:
    """One full-page screenshot with the FAQs and the first answer open, as a reader would have them."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  device_scale_factor=1, reduced_motion="reduce")  # no chevron caught mid-turn
    offline(context)
    page = context.new_page()
    page.goto(url)
    page.wait_for_timeout(200)  # topic.js has shown the listing's filter and any thumbnail's placeholder
    for closed in ("details.tg-faqs:not([open]) > summary", "details.tg-answer:not([open]) > summary"):
        if page.locator(closed).count():
            page.locator(closed).first.click()
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(target), full_page=True)
    context.close()


def main() -> int:
    reason = browser_missing_reason()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        config = replace(CONFIG, cache_dir=str(Path(tmp) / "cache"))
        result = build(BuildOptions(ROOT / "guides", site, config), Reporter())
        if not result.written:
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(Path(tmp)) as port, chromium() as browser:
            for name, path, langs, widths in SHOTS:
                for lang in langs:
                    for width in widths:
                        for scheme in ("light", "dark"):
                            target = OUT / f"{name}-{lang}-{width}-{scheme}.png"
                            shoot(browser, f"http://127.0.0.1:{port}/site/{quote(path.format(lang=lang))}",
                                  target, width, scheme)
                            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
