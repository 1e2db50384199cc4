"""What the preview adds to the pages it serves: the reload script, the error overlay, a guide's warnings."""

from __future__ import annotations

import html

from topicgen.serve.preview import State

INTERNAL = "/__topicgen/"  # the preview's own endpoints; never part of a built site
PREVIEW_ATTRIBUTE = "data-topicgen-preview"  # marks what the preview adds; the sanitizer keeps no data- attribute


def inject(data: bytes, state: State, warnings: tuple[str, ...] = ()) -> bytes:
    """The page with the reload script, the error overlay when the last build failed and the page's own
    warnings, before `</body>`."""
    script = (f'<script id="topicgen-livereload" src="{INTERNAL}livereload.js" '
              f'data-version="{html.escape(state.version)}" data-reload="{html.escape(state.reload)}" defer></script>')
    # One element around all of it: the script finds itself as document.currentScript and the overlay inside
    # its own parent, so that a guide's element with the same id (sanitized HTML keeps ids) cannot stand in
    # for them, and overlay.css styles only what is inside it. The stylesheet comes with every page, not with
    # the first overlay: an overlay patched into an open page is styled at once, not shown in the page's flow
    # at its bottom until its stylesheet has loaded.
    snippet = (f'<div {PREVIEW_ATTRIBUTE}><link rel="stylesheet" href="{INTERNAL}overlay.css">'
               + overlay(state.errors) + notice(warnings) + script + "</div>\n").encode("utf-8")
    at = data.lower().rfind(b"</body>")
    return data[:at] + snippet + data[at:] if at >= 0 else data + snippet


def overlay(errors: tuple[str, ...]) -> str:
    """The error box shown over the last good page; every error text is escaped, it comes from the guides."""
    if not errors:
        return ""
    items = "\n".join(html.escape(e) for e in errors)
    return ('<div id="topicgen-overlay" role="alert"><div class="topicgen-overlay-box">'
            '<p class="topicgen-overlay-title">topicgen: the last change did not build; '
            'this is the last good version of the page</p>'
            f'<pre class="topicgen-overlay-errors">{items}</pre>'
            '<button type="button" id="topicgen-overlay-close">Dismiss</button></div></div>\n')


def notice(warnings: tuple[str, ...]) -> str:
    """A folded box with the warnings of the guide on this page (escaped, like the overlay)."""
    if not warnings:
        return ""
    count = f"{len(warnings)} warning" + ("" if len(warnings) == 1 else "s")
    items = "\n".join(html.escape(w) for w in warnings)
    return ('<details id="topicgen-warnings">'
            f'<summary>topicgen: {count} in this guide</summary><pre>{items}</pre></details>\n')


def simple_page(title: str, text: str) -> bytes:
    """A page of the preview's own: a heading and one sentence."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'</head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>\n').encode()


def placeholder() -> bytes:
    """What is shown until a first build succeeds."""
    return simple_page("No build yet", "The first build failed; this page reloads once the errors are fixed.")


