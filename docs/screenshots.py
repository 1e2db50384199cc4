"""Regenerate docs/screenshots/: a bundled guide in en and ja, at 390 px and 1280 px, light and dark.

Run from the project root: `python docs/screenshots.py` (needs Debian's chromium and, for Japanese text,
fonts-noto-cjk).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import browser_missing_reason, chromium, offline, serve  # noqa: E402
from topicgen.build import build  # noqa: E402
from topicgen.config import Config  # noqa: E402
from topicgen.diagnostics import Reporter  # noqa: E402
from topicgen.options import BuildOptions  # noqa: E402

# (file name, permalink, widths): Dialog Editor has the intro video and a tour; Plan & Usage has answers
# translated into Japanese, shown with the first one open.
SHOTS = [("guide", "platform/topic-guide/{lang}/latest/Dialog Editor", (390, 1280)),
         ("answers", "platform/topic-guide/{lang}/latest/Plan & Usage", (390,))]
OUT = ROOT / "docs" / "screenshots"


def shoot(browser, url: str, target: Path, width: int, scheme: str) -> None:
    """One full-page screenshot with the FAQs and the first answer open, as a reader would have them."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  device_scale_factor=1, reduced_motion="reduce")  # no chevron caught mid-turn
    offline(context)
    page = context.new_page()
    page.goto(url)
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
        result = build(BuildOptions(ROOT / "guides", site, Config(cache_dir=str(Path(tmp) / "cache"))), Reporter())
        if not result.written:
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(Path(tmp)) as port, chromium() as browser:
            for name, permalink, widths in SHOTS:
                for lang in ("en", "ja"):
                    for width in widths:
                        for scheme in ("light", "dark"):
                            target = OUT / f"{name}-{lang}-{width}-{scheme}.png"
                            shoot(browser, f"http://127.0.0.1:{port}/site/{quote(permalink.format(lang=lang))}/",
                                  target, width, scheme)
                            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
