"""What editor Markdown may put on the site: an allowlist of elements, attributes and URL schemes.

Markdown passes raw HTML through and attr_list adds any attribute, so an editor's text could
carry script. Two things use the one allowlist below:

- `unsafe_parts(html)` finds what the allowlist forbids in rendered Markdown, so `cluster-site
  check` and the build report it as an error with file and line (an editor learns, instead of
  silently losing a link or a paragraph);
- `sanitize(html)` cleans every rendered page body with nh3 (the Rust sanitizer ammonia) before
  it reaches a page, a feed or the search index, whatever the check found.

HTML comments are not content: nh3 drops them without a word.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import nh3

from .content.problems import Problem

if TYPE_CHECKING:
    import markdown
from .content.source_files import MAX_TEXT_BYTES

# Python-Markdown's output plus the small inline and block elements editors use.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
})
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Markdown tables align columns with a style attribute; nothing else may be styled.
TABLE_ALIGNMENTS = ("left", "center", "right")
_ALIGN_STYLE = re.compile(r"^\s*text-align\s*:\s*(left|center|right)\s*;?\s*$", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers skip these inside a scheme


def sanitize(html: str) -> str:
    """`html` with everything outside the allowlist removed (text of removed elements kept,
    content of script and style dropped)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # links stay as the editor wrote them
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


def aligned_cell_styles() -> list[str]:
    """The style attribute values `sanitize` leaves on table cells, as nh3 writes them."""
    return [f"text-align:{align}" for align in TABLE_ALIGNMENTS]


def style_hashes() -> list[str]:
    """CSP source expressions that allow exactly those style attributes ('unsafe-hashes')."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" for style in aligned_cell_styles()]


@dataclass(frozen=True)
class UnsafePart:
    code: str  # message code: unsafe_element, unsafe_attribute, unsafe_url
    args: tuple[str, ...]
    needle: str  # what to look for in the Markdown source to find its line


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", url).lower())
    return match[1] if match else None


def _unsafe_url(url: str) -> UnsafePart | None:
    scheme = _scheme(url)
    if scheme is None or scheme in URL_SCHEMES:
        return None
    return UnsafePart("unsafe_url", (url[:60],), f"{scheme}:")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[UnsafePart] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(UnsafePart("unsafe_element", (tag,), f"<{tag}"))
            return
        allowed = GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed or (name == "style" and not _ALIGN_STYLE.match(value)):
                self.found.append(UnsafePart("unsafe_attribute", (name, tag), name))
            elif name in URL_ATTRIBUTES and (part := _unsafe_url(value)) is not None:
                self.found.append(part)

    handle_startendtag = handle_starttag


_MARKDOWN_URL = re.compile(r'(?:href|src)="([^"]*)"')


def unsafe_parts(html: str, markdown: str | None = None) -> list[UnsafePart]:
    """What `sanitize` would remove from `html` (comments aside), in document order.

    Given the `markdown` it was rendered from: without raw HTML ("<") or attribute lists ("{")
    Python-Markdown writes only allowed elements and attributes, so only its link and image
    addresses need a look, not a parse of the whole text."""
    if markdown is not None and "<" not in markdown and "{" not in markdown:
        parts = (_unsafe_url(unescape(url)) for url in _MARKDOWN_URL.findall(html))
        return [part for part in parts if part is not None]
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def problems_in(html: str, path: str, source: str, first_line: int = 1) -> list[Problem]:
    """`unsafe_parts` of `html` as problems of the file `path`, located in its Markdown `source`
    (whose first line is line `first_line` of the file). The n-th finding of a needle is put on
    the line of the n-th occurrence in the source; one that cannot be found, on the first line."""
    problems = []
    lowered = source.lower()
    searched_from: dict[str, int] = {}
    for part in unsafe_parts(html, source):
        needle = part.needle.lower()
        start = searched_from.get(needle, 0)
        index = lowered.find(needle, start)
        if index < 0:
            line = first_line
        else:
            searched_from[needle] = index + len(needle)
            line = first_line + source.count("\n", 0, index)
        problems.append(Problem(path, line, "", part.code, part.args))
    return problems


def relative_path(file: str | Path, root: Path) -> str:
    """A path for messages: relative to the project root where possible."""
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(file).as_posix()


# MkDocs adds these to the extensions a site configures.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


def markdown_converter(markdown_extensions: list | None) -> "markdown.Markdown":
    """A Markdown converter with the extensions of mkdocs.yml (as `markdown_extensions:` lists
    them: names, or one-key mappings of a name to its options), for checking without building."""
    import markdown

    names, configs = list(MKDOCS_EXTENSIONS), {}
    for entry in markdown_extensions or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def markdown_problems(content, docs_dir: Path | None, converter) -> list[Problem]:
    """What the allowlist forbids in every news and event text and every page under docs/, as
    the build would find it in the rendered pages."""
    from .content.load import docs_markdown_files
    from .content.parse import page_body

    problems = []
    for kind in ("news", "events"):
        for versions in getattr(content, kind).values():
            for item in versions.values():
                html = converter.reset().convert(item.body)
                problems += problems_in(html, item.path, item.body, item.body_line)
    for file in docs_markdown_files(docs_dir) if docs_dir is not None and docs_dir.is_dir() else ():
        if file.stat().st_size > MAX_TEXT_BYTES:
            continue  # reported where the file is read (source_files.py), never rendered
        body, first_line = page_body(file)
        html = converter.reset().convert(body)
        problems += problems_in(html, relative_path(file, content.root), body, first_line)
    return problems


# --- Content-Security-Policy: no script but the site's own files -----------------------------


def content_security_policy(meta: bool = True) -> str:
    """The policy every page carries. Inline script never runs (JSON-LD is data, not script);
    Pagefind's WebAssembly is allowed; the only inline styles are aligned table cells.
    `frame-ancestors` works only as a response header, so only the headers file has it."""
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-hashes' " + " ".join(style_hashes()),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if not meta:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


def headers_file(own_policies: dict[str, str] | None = None) -> str:
    """`_headers` for static hosts that read it (Netlify, Cloudflare Pages). Such hosts send the
    headers of every rule a path matches, and every policy sent applies. So `/*` carries only
    what holds for every file, the editing page included (frame-ancestors, which works only as a
    header); each HTML page carries the site's full policy in its own <meta>; the feeds, XML
    pages without a <meta>, get it here; a folder with a policy of its own (`own_policies`:
    the editing page /admin/) gets that one."""
    common = "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
    everywhere = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'"
    blocks = [f"/*\n  Content-Security-Policy: {everywhere}\n{common}",
              f"/feeds/*\n  Content-Security-Policy: {content_security_policy(meta=False)}\n"]
    blocks += [f"/{name}/*\n  Content-Security-Policy: {policy}\n" for name, policy in sorted((own_policies or {}).items())]
    return "\n".join(blocks)
