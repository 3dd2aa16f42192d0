"""MkDocs' `url` filter, remembered per folder.

A page makes about 25 links (assets, feeds, header, teasers), and MkDocs works each one out from
scratch; yet the answer depends only on the link and the page's folder, and thousands of item
pages share a folder. A remembered link costs a fifth of working it out.

`marking` and `fill` let a piece of HTML that only differs between pages by its links (a
teaser) be rendered once: rendered while marking, its links stay marks with the site-relative
target, and `fill` makes them relative to each page that shows it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from jinja2 import pass_context
from markupsafe import Markup, escape
from jinja2.runtime import Context


# A link target between two control characters, which neither Markdown nor our templates write.
_MARK = re.compile("\x00([^\x00\x01]*)\x01")
_FULL_URL = ("https://", "http://")


class FolderUrls:
    def __init__(self, url_filter: Callable[[Context, str], str]) -> None:
        self._url = url_filter  # MkDocs' `url` filter
        self._known: dict[tuple[str, str | None, str | None], str] = {}
        self._filled: dict[tuple[str, str | None, str | None], str] = {}  # mark -> escaped link
        self._marking = False

    @pass_context
    def url(self, context: Context, value: Any) -> str:
        if self._marking:
            return f"\x00{value}\x01"
        value = str(value)
        if value.startswith(_FULL_URL) and "\\" not in value:
            return value  # MkDocs leaves a full URL as it is (the head's hreflang links: one per page)
        key = (value, *self._seen_from(context))
        url = self._known.get(key)
        if url is None:
            url = self._known[key] = self._url(context, value)
        return url

    @staticmethod
    def _seen_from(context: Context) -> tuple[str | None, str | None]:
        # What MkDocs makes links relative to (mkdocs.utils.get_relative_url): the page's URL,
        # or its folder if the URL ends in a file name (with a dot); without a page, base_url.
        page = context["page"]
        if page is None:
            return None, context["base_url"]
        head, _, last = page.url.rpartition("/")
        return (head if "." in last else page.url), None

    @contextmanager
    def marking(self) -> Iterator[None]:
        """Within: links come out as marks, for `fill`."""
        self._marking = True
        try:
            yield
        finally:
            self._marking = False

    def fill(self, context: Context, html: str) -> str:
        """`html` (from an autoescaping template) with each mark replaced by its link as seen from
        the page being rendered: the same text the template would have written for that page."""
        seen_from = self._seen_from(context)

        def link(mark: re.Match) -> str:
            key = (mark[1], *seen_from)
            text = self._filled.get(key)
            if text is None:
                target = Markup(mark[1]).unescape()
                text = self._filled[key] = str(escape(self.url(context, target)))
            return text

        return _MARK.sub(link, html)
