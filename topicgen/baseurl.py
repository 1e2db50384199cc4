"""What a base URL may be, what is wrong with one that is not, and how it is written: as browsers send it."""

from __future__ import annotations

import re

BASE_URL_RULE = "an absolute http(s) URL such as https://docs.example.com/guides/"


def normal_base_url(text: str) -> str | None:
    """`text` as `base_url` holds it (one trailing slash), or None when it is not one (base_url_problem says
    why): the config file's key and the commands' `--base-url` are read by it."""
    if base_url_problem(text):
        return None
    return _as_sent(text.rstrip("/") + "/")


def base_url_problem(url: str) -> str | None:
    """What makes `url` no base URL, said so as to follow it or the key (`has a query`), or None when it is one.

    No space or control character: the URL is written as it is into robots.txt, a text file of lines. No
    user name or password: they would be published in robots.txt and every canonical link. No query or
    fragment: pages are at paths under it. No character a URL cannot hold as it is."""
    from urllib.parse import urlsplit

    if not re.match(r"https?://", url, re.I):
        return f"must be {BASE_URL_RULE}"
    if re.search(r"[\s\x00-\x1f\x7f]", url):
        return "has a space or a control character (it is written as it is into robots.txt); write a space as %20"
    try:
        parts = urlsplit(url)
    except ValueError:  # a `[` with no IPv6 address and `]` after it
        return "has a host that is neither a name nor an [IPv6] address"
    if "@" in parts.netloc:
        return (f"has a user name or password (`{parts.netloc.rpartition('@')[0]}@`), which every page and "
                "robots.txt would publish; remove it")
    if "?" in url:
        return f"has a query (`?{parts.query}`); remove it: the pages are at paths under the base URL"
    if "#" in url:
        return f"has a fragment (`#{parts.fragment}`); remove it: the pages are at paths under the base URL"
    bad = re.search(r'[<>"`{}|\\^]', parts.path)
    if bad:
        return (f"has `{bad[0]}` in its path, which a URL cannot hold as it is; write it as "
                f"%{ord(bad[0]):02X}")
    escape = re.search(r"%(?![0-9A-Fa-f]{2})", parts.netloc + parts.path)
    if escape:
        said = (parts.netloc + parts.path)[escape.start():escape.start() + 3]
        return f"has `{said}`, which is no percent-escape (% and two hex digits); write a % itself as %25"
    return host_problem(url)


def _as_sent(url: str) -> str | None:
    """The URL as a browser sends it, so that every page, the sitemap and the preview's redirects write it
    one way: the scheme and host in lower case, a host in other scripts in IDNA (`例え.jp`: `xn--r8jz45g.jp`),
    the path's `.` and `..` segments resolved (`/a/../b/`: `/b/`), its other characters percent-encoded as
    UTF-8 (`%` escapes already there are kept). None when the host is no IDNA name."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    # The host, and `:port` if any (always matched); an [IPv6] address holds colons of its own.
    host, port = re.fullmatch(r"(\[[^\]]*\]|[^:]*)(.*)", parts.netloc).groups()  # type: ignore[union-attr]
    try:
        host = (host if host.isascii() else host.encode("idna").decode("ascii")).lower()
    except UnicodeError:
        return None
    path = quote(_without_dots(parts.path), safe="/%!$&'()*+,;=:@-._~")
    return urlunsplit((parts.scheme.lower(), host + port, path, "", ""))


def _without_dots(path: str) -> str:
    """A folder's `path` (`/` at its end) with its `.` and `..` segments (`%2e` too) resolved as a browser
    does: a `..` at the root stays there (`/../x/`: `/x/`)."""
    kept: list[str] = []
    for segment in path.split("/")[1:]:
        dots = segment.lower().replace("%2e", ".")
        if dots == ".." and kept:
            kept.pop()
        elif dots not in (".", ".."):
            kept.append(segment)
    return "/" + "/".join(kept)


def host_problem(url: str) -> str | None:
    """What keeps a browser from reading the URL's host and port as one: a port over 65535, no host, a host
    that ends in a number but is no IPv4 address (`1.2.3.4.5` is neither a name nor an address), or one in
    other scripts that is no IDNA name. None when there is nothing."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "has a host that is neither a name nor an [IPv6] address"
    try:
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        port = parts.netloc.rpartition(":")[2]
        return f"has port {port}, over 65535" if port.isdigit() else f"has a port that is not a number (`{port}`)"
    host = parts.hostname or ""
    if not host:
        return "has no host, such as docs.example.com in https://docs.example.com/guides/"
    if host.startswith("[") or ":" in host:
        return None  # an [IPv6] address: urlsplit (and for an origin, config's _ORIGIN) checked its form
    if host.rsplit(".", 1)[-1].isdigit():
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return f"has a host that is neither a name nor an IPv4 address (`{host}`)"
    if not host.isascii():
        try:
            host.encode("idna")
        except UnicodeError:
            return f"has a host that is no name a browser can look up (`{host}` cannot be written in IDNA)"
    return None
