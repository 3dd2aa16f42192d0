"""MkDocs' `Page.render`, with one Markdown converter per build instead of one per page.

MkDocs builds a new `markdown.Markdown` (with every extension) for each page: about a fifth of
the Markdown time on a site of thousands of small news items and events. This does what
`mkdocs.structure.pages.Page.render` does in MkDocs 1.6.1 (pinned), on one converter that is
reset between pages; MkDocs' own per-page processors (relative links, anchors, title) are
registered anew for each page, replacing the previous page's under the same names.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc


class SharedMarkdown:
    def __init__(self, config: Any) -> None:
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})

    def render(self, page: mkdocs_pages.Page, config: Any, files: Any) -> None:
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
