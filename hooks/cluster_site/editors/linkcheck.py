"""Every internal link and anchor in the built site resolves (`cluster-site links site/`)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []  # (line, target)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "img", "script", "source", "video", "audio", "track", "iframe"):
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate") and urlsplit(attrs[name]).scheme:
                    continue
                self.links.append((self.getpos()[0], attrs[name]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site_dir: Path, base: str = "/") -> list[str]:
    """`file:line: target: what is wrong` for every internal link that does not resolve.

    `base` is the path of site_url ("/" for a site at a domain's root).
    """
    pages = {p.relative_to(site_dir).as_posix(): _parse(p) for p in sorted(site_dir.rglob("*.html"))}
    problems = []
    for name, page in pages.items():
        for line, target in page.links:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "tel:")):
                continue  # external: not ours to check here
            path = unquote(parts.path)
            if path.startswith("/"):
                # A 404 page is served at any address, so MkDocs writes its links absolute,
                # from the path of site_url (`base`).
                if posixpath.basename(name) != "404.html" or not path.startswith(base):
                    problems.append(f"{name}:{line}: {target}: absolute link (breaks under a sub-path)")
                    continue
                path, name_dir = path[len(base):], ""
            else:
                name_dir = posixpath.dirname(name)
            resolved = posixpath.normpath(posixpath.join(name_dir, path)) if path else name
            if resolved.startswith(".."):
                problems.append(f"{name}:{line}: {target}: leaves the site")
                continue
            file = site_dir / resolved
            if file.is_dir() or path.endswith("/"):
                resolved, file = posixpath.join(resolved, "index.html"), file / "index.html"
            if not file.is_file():
                problems.append(f"{name}:{line}: {target}: no such file")
                continue
            if parts.fragment and resolved in pages and unquote(parts.fragment) not in pages[resolved].ids:
                problems.append(f"{name}:{line}: {target}: no such anchor")
    return problems
