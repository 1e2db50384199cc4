"""SVG images made safe to publish: an allowlist of elements and attributes, no script, no outside reference."""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

# An SVG opened on its own is a document of the site's origin: any script in it runs there. Only what draws is
# kept (shapes, text, paint servers, clipping, masks, filters), referring to nothing outside the file.
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
_ELEMENTS = frozenset("""
    svg g defs symbol use title desc metadata switch view a
    path rect circle ellipse line polyline polygon text tspan textPath image
    linearGradient radialGradient stop pattern clipPath mask marker style
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
    feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
    feTurbulence
""".split())
_ATTRIBUTES = frozenset("""
    id class style lang tabindex role focusable version baseProfile viewBox preserveAspectRatio
    x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength transform
    fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility overflow
    clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits filter filterUnits primitiveUnits
    marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient
    gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
    patternUnits patternContentUnits patternTransform enable-background
    font-family font-size font-size-adjust font-weight font-style font-variant font-stretch text-anchor
    dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration
    writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust startOffset method spacing side
    color-interpolation color-interpolation-filters flood-color flood-opacity lighting-color
    shape-rendering text-rendering image-rendering paint-order vector-effect mix-blend-mode isolation
    transform-origin transform-box requiredFeatures requiredExtensions systemLanguage
    in in2 result stdDeviation edgeMode mode operator k1 k2 k3 k4 values type tableValues slope intercept
    amplitude exponent scale xChannelSelector yChannelSelector baseFrequency numOctaves seed stitchTiles
    order kernelMatrix divisor bias targetX targetY preserveAlpha kernelUnitLength surfaceScale
    diffuseConstant specularConstant specularExponent azimuth elevation z pointsAtX pointsAtY pointsAtZ
    limitingConeAngle radius
""".split())
_PREFIXES = ("data-", "aria-")  # inert by definition
_NAMESPACED = {(_XML, "space"), (_XML, "lang"), (_XLINK, "title")}
# A reference inside the file (`#id`), or, for an image, a picture in the file itself: nothing is fetched.
_LOCAL = re.compile(r"\s*#\S*\s*")
_PICTURE = re.compile(r"\s*data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*")
_LOCAL_URL = re.compile(r"url\(\s*[\"']?#[^\s\"')]*[\"']?\s*\)", re.I)
_URL = re.compile(r"url\(", re.I)
# CSS that could fetch or run anything once local url(#id) references are set aside; a backslash is refused
# because CSS escapes can spell any of these (`u\rl(`).
_CSS_RISK = re.compile(r"url\(|src\(|image-set\(|image\(|cross-fade\(|element\(|@import|@font-face|"
                       r"expression\s*\(|javascript:|binding\s*:|behavior\s*:|\\", re.I)


class Refused(Exception):
    """The file cannot be published as an SVG image at all; the message says why."""


def _name(name: str) -> tuple[str, str, str]:
    """Expat's `uri local prefix` as (namespace, local name, name as written)."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", name, name
    return parts[0], parts[1], f"{parts[2]}:{parts[1]}" if len(parts) == 3 else parts[1]


@dataclass(slots=True)
class _Cleaner:
    """Expat's events turned into the kept part of the document (`pieces`), noting what was `removed`."""

    pieces: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stack: list[int] = field(default_factory=list)  # per open element: where its start tag is, -1 if removed
    dropping: int = 0  # depth inside a removed element
    xlink: bool = False

    def start(self, name: str, attrs: list[str]) -> None:
        uri, local, shown = _name(name)
        if not self.stack and (uri, local) != (_SVG, "svg"):
            raise Refused("its root element is not `<svg>` in the SVG namespace")
        if self.dropping or uri != _SVG or local not in _ELEMENTS:
            if not self.dropping:
                self.removed.append(f"<{shown}>" if uri in (_SVG, "") or ":" in shown else f'<{shown} xmlns="{uri}">')
            self.dropping += 1
            self.stack.append(-1)
            return
        self.stack.append(len(self.pieces))
        self.pieces.append(f"<{local}{self._attributes(local, attrs)}>")

    def _attributes(self, element: str, attrs: list[str]) -> str:
        out = []
        for name, value in zip(attrs[::2], attrs[1::2]):
            uri, local, shown = _name(name)
            if local == "href" and uri in ("", _XLINK):
                kept = bool(_LOCAL.fullmatch(value) or (element in ("image", "feImage") and _PICTURE.fullmatch(value)))
                self.xlink |= kept and uri == _XLINK
                shown = "xlink:href" if uri else "href"
            elif uri:
                kept = (uri, local) in _NAMESPACED
                shown = f"{'xml' if uri == _XML else 'xlink'}:{local}" if kept else shown
            elif local == "style":
                kept = not _CSS_RISK.search(_LOCAL_URL.sub("", value))
            else:
                kept = (local in _ATTRIBUTES or local.startswith(_PREFIXES)) and not _URL.search(
                    _LOCAL_URL.sub("", value))
            if kept:
                out.append(f' {shown}="{_escape(value, True)}"')
            else:
                self.removed.append(f'{shown}="{value[:40]}"' if local in ("href", "style") or _URL.search(value)
                                    else f"{shown}=")
        return "".join(out)

    def end(self, name: str) -> None:
        at = self.stack.pop()
        if at < 0:
            self.dropping -= 1
            return
        local = _name(name)[1]
        if local == "style" and _CSS_RISK.search(_LOCAL_URL.sub("", "".join(self.pieces[at + 1:]))):
            del self.pieces[at:]  # a style sheet that could fetch a file: removed whole
            self.removed.append("<style> loading other files")
        elif at == len(self.pieces) - 1:
            self.pieces[-1] = self.pieces[-1][:-1] + "/>"  # nothing inside: an empty element
        else:
            self.pieces.append(f"</{local}>")

    def text(self, data: str) -> None:
        if self.stack and not self.dropping:
            self.pieces.append(_escape(data, False))

    def instruction(self, target: str, data: str) -> None:
        self.removed.append(f"<?{target}?>")  # `<?xml-stylesheet?>` loads a style sheet, or XSLT


def _escape(text: str, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:  # line breaks and tabs kept as written: a parser would make spaces of them
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


@dataclass(frozen=True, slots=True)
class CleanSvg:
    """What to publish of an SVG file: its own bytes when nothing had to go, else the kept part; `removed`
    names what was taken out (`<script>`, `onload=`, `href="https://…"`)."""

    data: bytes
    removed: tuple[str, ...] = ()


def clean_svg(data: bytes) -> CleanSvg:
    """The publishable form of an SVG image; Refused when it is not one (not XML, a DOCTYPE, another root)."""
    cleaner = _Cleaner()
    _parse(data, cleaner)
    if not cleaner.removed:
        return CleanSvg(data)
    root = cleaner.pieces[0]
    names = f' xmlns="{_SVG}"' + (f' xmlns:xlink="{_XLINK}"' if cleaner.xlink else "")
    cleaner.pieces[0] = root[:4] + names + root[4:]
    return CleanSvg("".join(cleaner.pieces).encode("utf-8") + b"\n", tuple(dict.fromkeys(cleaner.removed)))


def _parse(data: bytes, cleaner: _Cleaner) -> None:
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.ordered_attributes = True
    parser.buffer_text = True
    # No DTD: entities are the way to a billion laughs or to reading other files; an SVG needs none.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    parser.StartElementHandler = cleaner.start
    parser.EndElementHandler = cleaner.end
    parser.CharacterDataHandler = cleaner.text
    parser.ProcessingInstructionHandler = cleaner.instruction
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise Refused(f"it is not well-formed XML ({xml.parsers.expat.ErrorString(err.code)}, "
                      f"line {err.lineno})") from None
    except ValueError as err:  # an encoding expat does not read (UTF-7, Shift JIS): browsers may differ
        raise Refused(f"it is not well-formed XML ({err})") from None
    if not cleaner.pieces:
        raise Refused("it has no `<svg>` element")


def _no_doctype(*_args: object) -> None:
    raise Refused("it has a DOCTYPE, which can declare entities; an SVG image needs none")
