"""MkDocs' `Page.render`, with one Markdown converter per language instead of one per page.

MkDocs builds a new `markdown.Markdown` (with every extension) for each page: about a fifth of
the Markdown time on a site of thousands of small news items and events. This does what
`mkdocs.structure.pages.Page.render` does in MkDocs 1.6.1 (pinned), on one converter that is
reset between pages; MkDocs' own per-page processors (relative links, anchors, title) are
registered anew for each page, replacing the previous page's under the same names.

It uses MkDocs' private page processors, so it checks itself against MkDocs at run time: the
first page of each language is rendered both ways, and if anything differs every page is
rendered by MkDocs itself (and the build says so).

It also hands plain text back from Python-Markdown's inline processor at once, instead of
through fourteen pattern scans that cannot match it (`skip_plain_text`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.plugins.cluster_site")


class SharedMarkdown:
    def __init__(self, config: Any) -> None:
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        skip_plain_text(self.md)
        self._checked = False
        self._as_mkdocs = False  # True: MkDocs' own Page.render for every page

    def render(self, page: mkdocs_pages.Page, config: Any, files: Any) -> None:
        if self._as_mkdocs:
            return mkdocs_pages.Page.render(page, config, files)
        if not self._checked:
            self._checked = True
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
