"""Validated content -> one site model: every language's view and pages, built once per build.

`load_site` is the data's way up to the templates: content files are read and validated
(content/), each language gets its view (site_view.py) and generated pages (pages.py), and the
links in texts are checked against those pages; every problem found on the way is raised
together. The hooks read from the model; nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from . import safe_html
from .content import Content, ContentError, InParts, ReadFiles, Languages, cross_problems, link_problems, read_content
from .content.models import TIME_ZONE
from .outputs import images
from .pages import VirtualPage, virtual_pages
from .site_view import DEFAULT_PAGE_SIZE, SiteView, without_index


def build_date() -> dt.date:
    """The one date a build depends on: SOURCE_DATE_EPOCH if set, else today (in TIME_ZONE).

    It decides which news items are published and which events are upcoming.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else int(time.time())
    return dt.datetime.fromtimestamp(seconds, tz=TIME_ZONE).date()


def configured_page_size(extra: dict, key: str = "page_size", default: int = DEFAULT_PAGE_SIZE) -> int:
    """Entries per listing page (mkdocs.yml's extra.page_size), or per feed (`key="feed_size"`);
    ValueError if it is not a whole number of at least 1."""
    size = extra.get(key, default)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"mkdocs.yml: extra.{key}: expected a whole number of at least 1, got {size!r}")
    return size


def _generated_key(remainder: str) -> str:
    """The key of a generated page from its URL without language prefix (news/page/2.html)."""
    for ending in ("/index.html", ".html", "/"):
        if remainder.endswith(ending):
            return remainder[: -len(ending)]
    return remainder


class SiteModel:
    """The whole site of one build: per language its view and its generated pages."""

    def __init__(self, content: Content, today: dt.date, use_directory_urls: bool = False,
                 page_size: int = DEFAULT_PAGE_SIZE, pictures: dict[str, images.Picture] | None = None) -> None:
        self.content = content
        self.languages = content.languages
        self.today = today  # the build's date (build_date)
        self.pictures = pictures or {}  # the images content names, by path under docs/
        self.views: dict[str, SiteView] = {
            lang: SiteView(content, lang, today, use_directory_urls, page_size, self.pictures)
            for lang in self.languages.codes}
        # Every language's pages up front: the switcher must know which pages exist elsewhere,
        # and the link check which pages the default language has.
        self.pages: dict[str, dict[str, VirtualPage]] = {
            lang: {page.key: page for page in virtual_pages(view)} for lang, view in self.views.items()}
        # Each page's language switcher, once worked out; the live preview hands over the previous
        # build's while `shape()` and the texts are the same (speed/preview_pages.py).
        self.switchers: dict[tuple[str, str, str], list[dict[str, Any]]] = {}

    def shape(self) -> dict[str, dict[str, str | None]]:
        """Which generated pages each language has, and their parents: what the language
        switchers depend on, besides the texts and settings."""
        return {lang: {key: page.parent for key, page in pages.items()} for lang, pages in self.pages.items()}

    def page_keys(self, lang: str | None = None) -> set[str]:
        return set(self.pages[lang or self.languages.default])

    def counterpart(self, here: str, remainder: str, lang: str) -> tuple[str, bool]:
        """A page's URL (without prefix) in `lang`, seen from language `here`, and whether the
        page itself exists there.

        Hand-written pages exist in every language (mkdocs-static-i18n falls back). A generated
        page may not (a tag without items in that language): then its listing stands in.
        """
        pages_here, key = self.pages[here], _generated_key(remainder)
        if key not in pages_here:
            return remainder, True
        there = self.pages[lang]
        target: str | None = key
        while target is not None and target not in there:
            target = pages_here[target].parent if target in pages_here else None
        if target is None:
            return "", False
        view = self.views[here]
        return view.url(target, lang)[len(view.prefix(lang)):], target == key

    def alternates(self, lang: str, page_url: str, site_url: str) -> list[dict[str, Any]]:
        """The language switcher's entries for a page of language `lang` at `page_url`."""
        known = self.switchers.get((lang, page_url, site_url))
        if known is None:
            known = self.switchers[lang, page_url, site_url] = self._alternates(lang, page_url, site_url)
        return known

    def _alternates(self, lang: str, page_url: str, site_url: str) -> list[dict[str, Any]]:
        view = self.views[lang]
        remainder = page_url[len(view.prefix()):] if page_url.startswith(view.prefix()) else page_url
        if remainder in ("", "./", "."):
            remainder = ""
        alternates = []
        for other in view.languages:
            target, exists = self.counterpart(lang, remainder, other) if remainder else ("", True)
            alternates.append({
                "name": view.t.language_name(other, in_own_language=True),
                "lang": other,
                "href": (view.prefix(other) + target) or "./",
                "link": site_url + view.prefix(other) + without_index(target),
                "current": other == lang,
                "exists": exists,
            })
        return alternates


def load_site(root: Path, languages: Languages, docs_dir: Path | None, today: dt.date | None = None,
              use_directory_urls: bool = False, page_size: int = DEFAULT_PAGE_SIZE, markdown: Any = None,
              in_parts: InParts | None = None, read_files: ReadFiles | None = None) -> SiteModel:
    """Read and check all content, build the site model, check the links between pages;
    ContentError with every problem found, if any.

    With a `markdown` converter every text is also rendered and checked against the HTML
    allowlist (`cluster-site check`; the build checks the pages it renders anyway, see
    safe_html.py). `in_parts`, `read_files`: how to read the item files, and which are known
    already (content.load.read_content).
    """
    content, problems = read_content(root, languages, docs_dir, in_parts, read_files)
    if content is None:
        raise ContentError(problems)
    problems += cross_problems(content, docs_dir)
    pictures, image_problems = images.plan(content, docs_dir, today or build_date())
    problems += image_problems
    site = SiteModel(content, today or build_date(), use_directory_urls, page_size, pictures)
    problems += link_problems(content, site.page_keys(), docs_dir)
    if markdown is not None:
        problems += safe_html.markdown_problems(content, docs_dir, markdown)
    if problems:
        raise ContentError(problems)
    return site
