"""From the guides to the pages of the site: where each page goes and what its template is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from topicgen.collection import Collection
from topicgen.config import Config
from topicgen.model import Guide
from topicgen.permalink import url_path


@dataclass(frozen=True, slots=True)
class Page:
    """One output page: its folder under the output (site path, no slashes at the ends), template, data."""

    folder: str
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    filename: str = "index.html"

    @property
    def output(self) -> str:
        """Path of the written file relative to the output folder."""
        return f"{self.folder}/{self.filename}" if self.folder else self.filename


def plan_pages(collection: Collection, config: Config) -> list[Page]:
    """Every page of the site, in a stable order."""
    guides = sorted(collection.guides, key=lambda g: g.permalink.path)
    pages = [Page(g.permalink.path, "guide.html", {"guide": g}) for g in guides]
    pages.append(Page("", "index.html", {"guides": guides}))
    return pages


def guide_url(guide: Guide) -> str:
    """Root-relative, percent-encoded site path of a guide."""
    return url_path(guide.permalink)
