"""MkDocs' `Page.render`, with one Markdown converter per language instead of one per page.

MkDocs builds a new `markdown.Markdown` (with every extension) for each page: about a fifth of
the Markdown time on a site of thousands of small news items and events. This does what
`mkdocs.structure.pages.Page.render` does in MkDocs 1.6.1 (pinned), on one converter that is
reset between pages; MkDocs' own per-page processors (relative links, anchors, title) are
registered anew for each page, replacing the previous page's under the same names.

It uses MkDocs' private page processors, so it checks itself against MkDocs at run time: the
first page of each language is rendered both ways, and if anything differs every page is
rendered by MkDocs itself (and the build says so).

It also spares Python-Markdown scans that cannot find anything: plain text is handed back from
the inline processor at once, instead of through fourteen pattern scans that cannot match it
(`skip_plain_text`); the slow patterns and processors first look for a character they need
(`skip_hopeless_scans`); the table of contents is built as HTML only where a text places it.
Each of these is tied to the exact pattern or class it was written for and leaves anything else
alone.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
import xml.etree.ElementTree as etree
from typing import Any, Iterator

import markdown
from markdown.extensions import md_in_html, tables
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from .. import LOGGER

log = logging.getLogger(LOGGER)


class SharedMarkdown:
    def __init__(self, config: Any) -> None:
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        skip_hopeless_scans(self.md)
        skip_plain_text(self.md)
        self._toc_marker = ""  # the text's place for the table of contents, if any (see below)
        self._toc_in_text = False
        if "toc" in self.md.treeprocessors:
            self._build_toc_html_only_where_shown(self.md.treeprocessors["toc"])
        self._checked = False
        self._as_mkdocs = False  # True: MkDocs' own Page.render for every page

    def render(self, page: mkdocs_pages.Page, config: Any, files: Any) -> None:
        if self._as_mkdocs:
            return mkdocs_pages.Page.render(page, config, files)
        if not self._checked:
            self._checked = True
            with _quiet(mkdocs_pages.log):  # its warnings come once, from the render that counts
                mkdocs_pages.Page.render(page, config, files)
            expected = _rendered(page)
            self._render(page, config, files)
            if _rendered(page) != expected:
                log.info("Rendering Markdown as MkDocs does (one converter per page): the shared "
                         f"converter rendered {page.file.src_uri} differently")
                self._as_mkdocs = True
                mkdocs_pages.Page.render(page, config, files)
            return None
        return self._render(page, config, files)

    def _render(self, page: mkdocs_pages.Page, config: Any, files: Any) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self.md
        md.reset()
        self._toc_in_text = bool(self._toc_marker) and self._toc_marker in page.markdown
        if self._toc_marker:  # the toc extension walks the whole text looking for its marker
            md.treeprocessors["toc"].marker = self._toc_marker if self._toc_in_text else ""
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors


    def _build_toc_html_only_where_shown(self, toc: Any) -> None:
        # The toc extension builds the table of contents as HTML (`md.toc`) for every page;
        # MkDocs and Material only read its `toc_tokens`. The HTML is built only where the
        # text places it (its `[TOC]` marker).
        build_toc_div = toc.build_toc_div
        self._toc_marker = toc.marker

        def toc_div(toc_tokens: list) -> Any:
            if self._toc_in_text:
                return build_toc_div(toc_tokens)
            return etree.Element("div")

        toc.build_toc_div = toc_div  # on this instance only


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    drop = lambda record: False
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def _rendered(page: mkdocs_pages.Page) -> tuple:
    """What Page.render leaves on a page."""
    return (page.content, str(page.toc), getattr(page, "_title_from_render", None), page.present_anchor_ids,
            getattr(page, "links_to_anchors", None))


# Every inline pattern of Python-Markdown (with the extensions that add none) needs one of these
# in a piece of text to match it. Text with none of them, most of a page's prose, comes out of
# the fourteen pattern scans as it went in: it is given back at once. (name: the exact pattern, as
# Python-Markdown 3.11 registers it; a changed pattern turns this off)
_INLINE_PATTERNS = {
    "backtick": r'(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)',  # `
    "escape": r'\\(.)',  # \\
    "reference": r'(?<!\!)\[',  # [
    "link": r'(?<!\!)\[',  # [
    "image_link": r'\!\[',  # ![
    "image_reference": r'\!\[',  # ![
    "short_reference": r'(?<!\!)\[',  # [
    "short_image_ref": r'\!\[',  # ![
    "autolink": r'<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>',  # <
    "automail": r'<([^<> !]+@[^@<> ]+)>',  # <
    "linebreak": r'  \n',  # two spaces and a line break
    "html": (  # <
        r'''(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?'''
        r'''|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)'''
    ),
    "entity": r'(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)',  # &
    "em_strong": r"\*|_",  # * or _ (the delimiters Python-Markdown registers itself)
}
_ANY_INLINE_NEEDLE = re.compile(r"[`\\\[<&*_]|  \n")


# Python-Markdown tries every inline pattern on every piece of text and every block pattern on
# every block. A pattern that starts with a lookbehind, an anchor or an alternation makes the
# regex engine try each position of the text in turn: the backtick pattern alone was a tenth of
# the Markdown time on ordinary prose. None of these patterns can match text that lacks all of
# its needles, and `needle in text` costs next to nothing. The exact pattern is part of each
# entry: a pattern an extension or a new Python-Markdown version replaced is left alone.
# (registry, name, attribute, pattern, needles: a match contains at least one of them)
_FENCE = (  # fenced_code's opening and closing fences: three or more ` or ~
    '\n(?P<fence>^(?:~{3,}|`{3,}))[ ]*                          # opening fence\n'
    '((\\{(?P<attrs>[^\\n]*)\\})|                                # (optional {attrs} or\n'
    '(\\.?(?P<lang>[\\w#.+-]*)[ ]*)?                            # optional (.)lang\n'
    '(hl_lines=(?P<quot>"|\')(?P<hl_lines>.*?)(?P=quot)[ ]*)?) # optional hl_lines)\n'
    '\\n                                                       # newline (end of opening fence)\n'
    '(?P<code>.*?)(?<=\\n)                                     # the code block\n'
    '(?P=fence)[ ]*$                                          # closing fence\n'
)
_NEEDLES = (
    ("inline", "backtick", "compiled_re", _INLINE_PATTERNS["backtick"], ("`",)),
    ("inline", "reference", "compiled_re", _INLINE_PATTERNS["reference"], ("[",)),
    ("inline", "link", "compiled_re", _INLINE_PATTERNS["link"], ("[",)),
    ("inline", "short_reference", "compiled_re", _INLINE_PATTERNS["short_reference"], ("[",)),
    ("inline", "em_strong", "compiled_re", _INLINE_PATTERNS["em_strong"], ("*", "_")),
    ("block", "admonition", "RE", r'(?:^|\n)!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)', ("!!!",)),
    ("block", "hashheader", "RE", r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)", ("#",)),
    ("block", "setextheader", "RE", r"^.*?\n(?:=+|-+)[ ]*(\n|$)", ("\n=", "\n-")),
    ("block", "hr", "SEARCH_RE", r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$",
     ("-", "_", "*")),
    ("block", "quote", "RE", r"(^|\n)[ ]{0,3}>[ ]?(.*)", (">",)),
    ("pre", "fenced_code_block", "FENCED_BLOCK_RE", _FENCE, ("```", "~~~")),
)


class _NeedleFirst:
    """A compiled pattern that answers "no match" at once for text without any of its needles."""

    __slots__ = ("regex", "needles")

    def __init__(self, regex: re.Pattern, needles: tuple[str, ...]) -> None:
        self.regex, self.needles = regex, needles

    def _may_match(self, text: str) -> bool:
        for needle in self.needles:
            if needle in text:
                return True
        return False

    def search(self, text: str, *args: int) -> re.Match | None:
        return self.regex.search(text, *args) if self._may_match(text) else None

    def match(self, text: str, *args: int) -> re.Match | None:
        return self.regex.match(text, *args) if self._may_match(text) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match]:
        return self.regex.finditer(text, *args) if self._may_match(text) else iter(())

    def __getattr__(self, name: str) -> Any:  # anything else: the pattern itself
        return getattr(self.regex, name)


def skip_hopeless_scans(md: markdown.Markdown) -> list[str]:
    """Put a needle check before the slow patterns of `md`; returns the names it applied to."""
    registries = {"inline": md.inlinePatterns, "block": md.parser.blockprocessors, "pre": md.preprocessors}
    applied = []
    for registry, name, attribute, pattern, needles in _NEEDLES:
        if name not in registries[registry]:
            continue
        processor = registries[registry][name]
        regex = getattr(processor, attribute, None)
        if isinstance(regex, re.Pattern) and regex.pattern == pattern:
            setattr(processor, attribute, _NeedleFirst(regex, needles))  # on this instance only
            applied.append(name)
    for registry, name, classes, method, needles, nothing_found in _METHOD_NEEDLES:
        processor = registries[registry][name] if name in registries[registry] else None
        if type(processor) in classes:
            setattr(processor, method, _needle_first(getattr(processor, method), needles, nothing_found))
            applied.append(name)
    return applied


# Processors that look at the whole text or block in Python first, and only do something if it
# has one of the needles; without any, what they would return. (registry, name, the classes
# whose method this holds for, method, needles, what it returns for (the whole) text without them)
# - html_block: Python's HTMLParser over the whole text; without "<" or "&" it is all data.
# - table: splits the block's first row into cells; a row without "|" is not a table row.
_METHOD_NEEDLES = (
    ("pre", "html_block", (md_in_html.HtmlBlockPreprocessor, markdown.preprocessors.HtmlBlockPreprocessor),
     "run", ("<", "&"), lambda text: text.split("\n")),
    ("block", "table", (tables.TableProcessor,), "test", ("|",), lambda block: False),
)


def _needle_first(method: Any, needles: tuple[str, ...], nothing_found: Any) -> Any:
    def run(*args: Any) -> Any:
        text = args[-1] if isinstance(args[-1], str) else "\n".join(args[-1])
        for needle in needles:
            if needle in text:
                return method(*args)
        return nothing_found(text)

    return run


def skip_plain_text(md: markdown.Markdown) -> bool:
    """Give plain text back at once from `md`'s inline processor; whether it applied.

    Only if every inline pattern is one of `_INLINE_PATTERNS`, unchanged: an extension that adds
    or replaces one (its needles unknown here) leaves every text to all the patterns.
    """
    patterns = md.inlinePatterns
    present = [name for name in _INLINE_PATTERNS if name in patterns]
    if "inline" not in md.treeprocessors or len(present) != len(patterns):
        return False
    for name in present:
        regex = getattr(patterns[name], "compiled_re", None)
        if getattr(regex, "pattern", None) != _INLINE_PATTERNS[name]:
            return False
    inline = md.treeprocessors["inline"]
    handle_inline = inline._InlineProcessor__handleInline  # what the processor calls on each text

    def handle_text(data: str, patternIndex: int = 0) -> str:
        if _ANY_INLINE_NEEDLE.search(data) is None:
            return data
        return handle_inline(data, patternIndex)

    inline._InlineProcessor__handleInline = handle_text  # on this instance only
    return True
