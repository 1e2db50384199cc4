"""The typed, immutable content model: what a topic guide is, once parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from topicgen.diagnostics import Diagnostic, Severity  # noqa: F401 (part of the model: re-exported)


@dataclass(frozen=True, slots=True)
class Permalink:
    """A guide's permalink, `<product>/topic-guide/<lang>/<version>/<name>`, split into its parts."""

    path: str  # normalized: repeated slashes collapsed, no outer slashes
    product: str | None
    lang: str | None
    version: str | None
    name: str | None

    @property
    def sibling_key(self) -> tuple[str | None, str | None, str | None]:
        """What translations share: everything but the language segment."""
        return (self.product, self.version, self.name)


@dataclass(frozen=True, slots=True)
class Video:
    """An introduction video or one entry of the Videos section: `[![title](thumbnail)](url)`."""

    line: int
    title: str
    thumbnail: str | None
    url: str | None
    heading: str
    description: str  # plain text
    description_html: str


FaqKind = Literal["answer", "link", "tour"]


@dataclass(frozen=True, slots=True)
class Faq:
    """One question of the FAQs section: an accordion with an answer, a link, or a guided tour."""

    line: int
    kind: FaqKind
    question: str  # plain text
    url: str | None
    answer_html: str | None  # only for kind "answer"
    topic_id: str | None  # only for kind "tour"
    open: bool  # expanded by default
    external: bool = True  # False for `no-doc-ext-link`: the answer has no page to leave for
    doc_link: bool = True  # False for `no-doc-link`: the link icon is hidden


ResourceKind = Literal["documentation", "academy", "link"]


@dataclass(frozen=True, slots=True)
class Resource:
    """A card outside the accordions, pointing at documentation, an academy course or another page."""

    line: int
    kind: ResourceKind
    text: str  # plain text, label removed ("Check out our indepth documentation ...")
    url: str | None
    title: str  # "Documentation", "Academy" or the card's own heading
    image: str | None


@dataclass(frozen=True, slots=True)
class IntroSection:
    """`<details class="introduction-video">`: one video with heading and description."""

    line: int
    open: bool
    video: Video
    label: str = ""  # the writer's own `<summary>`, shown for the theme's "Introduction"; "" when it says that
    kind: Literal["intro"] = "intro"


@dataclass(frozen=True, slots=True)
class FaqSection:
    """`<details><summary>FAQs</summary>`: the questions."""

    line: int
    open: bool
    items: tuple[Faq, ...]
    kind: Literal["faqs"] = "faqs"


@dataclass(frozen=True, slots=True)
class VideoSection:
    """`<details><summary>Videos</summary>`: `<details-video>` entries."""

    line: int
    open: bool
    videos: tuple[Video, ...]
    kind: Literal["videos"] = "videos"


@dataclass(frozen=True, slots=True)
class ResourceSection:
    """A run of documentation / academy / link cards."""

    line: int
    items: tuple[Resource, ...]
    open: bool = True
    kind: Literal["resources"] = "resources"


@dataclass(frozen=True, slots=True)
class MarkdownSection:
    """Free markdown between the structured sections, rendered to HTML."""

    line: int
    html: str
    open: bool = True
    kind: Literal["markdown"] = "markdown"


Section = IntroSection | FaqSection | VideoSection | ResourceSection | MarkdownSection


@dataclass(frozen=True, slots=True)
class Guide:
    """One topic guide: front matter, heading, summary and its sections in source order."""

    source: str  # path relative to the source folder, with "/"
    title: str
    permalink: Permalink
    heading: str  # the `######` heading, else the title
    summary: str  # the intro paragraph as plain text ("" when there is none)
    summary_html: str
    sections: tuple[Section, ...]
    extra: tuple[tuple[str, object], ...] = ()  # other front matter keys, in source order
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # The images its HTML shows (`<img>` in the summary, markdown, answers and video descriptions), each
    # with the line its address is written on; thumbnails and card images are their items' own.
    shown_images: tuple[tuple[int, str], ...] = ()
    permalink_line: int = 1  # the line of its front matter's `permalink:`
    # The links its HTML shows (`<a href>` in the same places), each with the line its address is written on.
    shown_links: tuple[tuple[int, str], ...] = ()

    @property
    def intro(self) -> Video | None:
        """The introduction video, if the guide has one (the first, if a writer put two)."""
        return next((s.video for s in self.sections if isinstance(s, IntroSection)), None)

    @property
    def faqs(self) -> tuple[Faq, ...]:
        """Every question, across FAQ sections, in source order."""
        return tuple(f for s in self.sections if isinstance(s, FaqSection) for f in s.items)

    @property
    def videos(self) -> tuple[Video, ...]:
        """Every video of the Videos sections."""
        return tuple(v for s in self.sections if isinstance(s, VideoSection) for v in s.videos)

    @property
    def resources(self) -> tuple[Resource, ...]:
        """Every card, in source order."""
        return tuple(r for s in self.sections if isinstance(s, ResourceSection) for r in s.items)


ItemKind = Literal["answer", "link", "tour", "intro", "video", "documentation", "academy", "card"]


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a guide as its info lists it: a question (answer, link, tour), a video or a card."""

    kind: ItemKind  # a question's kind, `intro` or `video`, a card's kind (`card` for a plain link card)
    ref: str | None  # its URL (a tour's topic id)
    text: str  # the question, the video's heading (else title), the card's text (else title)
    line: int


@dataclass(frozen=True, slots=True)
class GuideInfo:
    """What the site shows of a guide beyond its own page, and what planning the site reads of it.

    Small beside the whole guide: a build plans every page from these, and only the guides whose own
    pages it renders are needed whole (the cache keeps both).
    """

    source: str
    title: str
    permalink: Permalink
    heading: str
    summary: str
    links: tuple[tuple[int, str], ...]  # its relative links (URLs of videos, questions, cards and in its HTML),
    # each once, with the line it is first written on, in that order
    images: tuple[tuple[int, str], ...]  # its local image references, with the line each is written on
    items: tuple[Item, ...] = ()  # its questions, videos and cards, in source order within each
    diagnostics: tuple[Diagnostic, ...] = ()
    permalink_line: int = 1  # where its `permalink:` is: what a message about two guides' permalinks points at

    def count(self, *kinds: ItemKind) -> int:
        """How many of its items are of these kinds."""
        return sum(1 for item in self.items if item.kind in kinds)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source file that is not a guide, or a guide that could not be read, and why."""

    source: str
    reason: str
    diagnostics: tuple[Diagnostic, ...] = ()
