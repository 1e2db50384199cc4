"""SVG images: published without what could run script or fetch a file, clean ones byte for byte, or refused."""

from __future__ import annotations

import xml.parsers.expat

import pytest

from topicgen.parsing.svg import Refused, clean_svg

from .conftest import GUIDES

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
XHTML = "http://www.w3.org/1999/xhtml"

# (the file, what the warning names as removed, a text the copy keeps)
PAYLOADS = [
    (f'<svg {SVG} onload="alert(1)"><rect width="1"/></svg>', ["onload="], '<rect width="1"/>'),
    (f"<svg {SVG}><script>alert(1)</script><circle r='2'/></svg>", ["<script>"], '<circle r="2"/>'),
    (f'<svg {SVG}><script href="https://evil.example/x.js"/></svg>', ["<script>"], "<svg"),
    (f'<svg {SVG}><foreignObject><div xmlns="{XHTML}"><img src="x" onerror="alert(1)"/></div></foreignObject>'
     "<path d='M0 0'/></svg>", ["<foreignObject>"], '<path d="M0 0"/>'),
    (f'<svg {SVG}><g xmlns="{XHTML}"><script>alert(1)</script></g><g id="k"/></svg>', [f'<g xmlns="{XHTML}">'],
     '<g id="k"/>'),
    (f'<svg {SVG} xmlns:h="{XHTML}"><h:script>alert(1)</h:script></svg>', ["<h:script>"], "<svg"),
    (f'<svg {SVG} {XLINK}><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
     ['xlink:href="javascript:alert(1)"'], "<a><text>t</text></a>"),
    (f'<svg {SVG}><a href=" JavaScript:alert(1)"><text>t</text></a></svg>', ['href=" JavaScript:alert(1)"'], "<text>"),
    (f'<svg {SVG}><use href="https://evil.example/sprite.svg#i"/><use href="#i"/></svg>',
     ['href="https://evil.example/sprite.svg#i"'], '<use href="#i"/>'),
    (f'<svg {SVG}><image href="data:image/svg+xml;base64,PHN2Zz4="/><image href="data:image/png;base64,iVBO"/></svg>',
     ['href="data:image/svg+xml;base64,PHN2Zz4="'], '<image href="data:image/png;base64,iVBO"/>'),
    (f'<svg {SVG}><image href="photo.png"/></svg>', ['href="photo.png"'], "<image/>"),
    (f'<svg {SVG}><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="x"/>'
     "<rect/></svg>", ["<animate>", "<set>"], "<rect/>"),
    (f'<svg {SVG}><style>@import url(https://evil.example/x.css);</style><style>.a{{fill:url(#g)}}</style></svg>',
     ["<style> loading other files"], "<style>.a{fill:url(#g)}</style>"),
    (f'<svg {SVG}><style>.a{{background:u\\rl(https://evil.example/)}}</style></svg>', ["<style> loading other files"],
     "<svg"),
    (f'<svg {SVG}><rect style="fill:url(https://evil.example/p)" fill="url(#g)" mask="url(other.svg#m)"/></svg>',
     ['style="fill:url(https://evil.example/p)"', 'mask="url(other.svg#m)"'], '<rect fill="url(#g)"/>'),
    (f'<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?><svg {SVG}><rect/></svg>',
     ["<?xml-stylesheet?>"], "<rect/>"),
    (f'<svg {SVG} xmlns:ev="http://www.w3.org/2001/xml-events"><rect ev:event="click" xml:base="https://e.example/"'
     ' target="_top"/></svg>', ["ev:event=", "xml:base=", "target="], "<rect/>"),
]


def parsed(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """Every element of an XML document with its attributes, namespaces spelled out."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attrs: found.append((name, attrs))
    parser.Parse(data, True)
    return found


def assert_harmless(data: bytes) -> None:
    for name, attrs in parsed(data):
        uri, _, local = name.rpartition(" ")
        assert uri == "http://www.w3.org/2000/svg", name
        assert local not in ("script", "foreignObject", "animate", "set", "iframe", "handler"), name
        for key, value in attrs.items():
            assert not key.rpartition(" ")[2].lower().startswith("on"), key
            if key.endswith("href"):
                assert value.strip().startswith(("#", "data:image/png", "data:image/jpeg", "data:image/gif",
                                                  "data:image/webp")), (key, value)
            assert "javascript" not in value.lower() and "https://evil" not in value, (key, value)
    assert b"<?xml-stylesheet" not in data and b"evil.example" not in data


@pytest.mark.parametrize("svg, removed, kept", PAYLOADS, ids=[str(i) for i in range(len(PAYLOADS))])
def test_what_could_run_or_fetch_is_removed_and_named(svg, removed, kept):
    clean = clean_svg(svg.encode())
    assert list(clean.removed) == removed
    assert kept in clean.data.decode()
    assert_harmless(clean.data)
    assert clean_svg(clean.data).removed == ()  # what is published is clean: it would be published as it is


def test_clean_svgs_are_published_byte_for_byte():
    files = sorted((GUIDES / "images").glob("*.svg"))
    assert files
    for path in files:
        data = path.read_bytes()
        assert clean_svg(data).data is data, path
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<svg {SVG} {XLINK} viewBox="0 0 2 2" '
            'data-name="x" aria-label="y"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
            '</linearGradient></defs><use xlink:href="#r"/><text xml:space="preserve">a &amp; b</text></svg>')
    assert clean_svg(text.encode()).removed == ()


@pytest.mark.parametrize("svg, reason", [
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
     f"<svg {SVG}><text>&b;</text></svg>", "DOCTYPE"),
    (f'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg {SVG}/>', "DOCTYPE"),
    (f"<svg {SVG}><text>&xxe;</text></svg>", "not well-formed"),
    ("<html><body><script>alert(1)</script></body></html>", "root element is not `<svg>`"),
    ("<svg><script>alert(1)</script></svg>", "root element is not `<svg>`"),  # no namespace: no SVG at all
    ("GIF89a not xml", "not well-formed"),
    ("", "not well-formed"),
    ('<?xml version="1.0" encoding="UTF-7"?><svg/>', "not well-formed"),
])
def test_what_is_not_a_plain_svg_image_is_refused(svg, reason):
    with pytest.raises(Refused, match=reason):
        clean_svg(svg.encode())


def test_deep_and_big_files_are_cleaned_without_recursion():
    deep = f"<svg {SVG}>" + "<g>" * 50_000 + "<script>x</script>" + "</g>" * 50_000 + "</svg>"
    clean = clean_svg(deep.encode())
    assert clean.removed == ("<script>",) and clean.data.count(b"<g") == 50_000
