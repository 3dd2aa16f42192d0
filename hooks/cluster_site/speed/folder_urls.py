"""MkDocs' `url` filter, remembered per folder.

A page makes about 25 links (assets, feeds, header, teasers), and MkDocs works each one out from
scratch; yet the answer depends only on the link and the page's folder, and thousands of item
pages share a folder. A remembered link costs a fifth of working it out.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import pass_context
from jinja2.runtime import Context

_FULL_URL = ("https://", "http://")


class FolderUrls:
    def __init__(self, url_filter: Callable[[Context, str], str]) -> None:
        self._url = url_filter  # MkDocs' `url` filter
        self._known: dict[tuple[str, str | None, str | None], str] = {}

    @pass_context
    def url(self, context: Context, value: Any) -> str:
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
