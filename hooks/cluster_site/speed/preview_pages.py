"""The live preview's bookkeeping for one language's build: which generated pages keep their
previous output, what each rendered page was made of, and what the next build needs of this one.

A build of the preview begins with `begin_site` (if more than news and events changed, it
starts afresh); each language then gets a `LanguagePreview` from the shortcuts, which the build
asks at each step where the plain build would render or write everything (preview.py says how
a record is kept between builds; page_inputs.py what a page is made of).
"""

from __future__ import annotations

import functools
import logging
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import page_inputs
from ..content import linked_pages
from ..mkdocs_build import theme
from ..outputs import search, social
from ..pages import VirtualPage
from ..site_model import SiteModel
from ..site_view import SiteView
from .preview import KeptPage, LanguageRecord, PageRecord, Preview
from .. import LOGGER

if TYPE_CHECKING:
    from ..mkdocs_build.site_build import LanguageBuild, SiteBuild

log = logging.getLogger(LOGGER)


def begin_site(preview: Preview, site: SiteModel, config: MkDocsConfig) -> str:
    """A build of the live preview has read the content: if more than news and events changed,
    everything is built again. What every page shares (page_inputs.site_digest)."""
    folders = [*theme.template_folders(config), site.content.root / "hooks"]
    digest = page_inputs.site_digest(
        site.content, site.today, Path(config.config_file_path), folders, Path(config.docs_dir),
        [config.site_url, config.use_directory_urls, config.extra.get("feed_size")])
    if preview.site and (preview.site != digest or not preview.has_records(list(site.languages.codes))):
        log.info("Preview: everything is built again (mkdocs.yml, a template, a hand-written page's title or "
                 "site-wide content changed, or the last build failed)")
        preview.wait_for_search()  # also the spooled records' reading: its feed parts go with the rest
        preview.forget()
        utils.clean_directory(config.site_dir)
    preview.begin(digest)
    switchers = preview.remembered("language switchers", dict)  # made anew when the texts change
    if not preview.unchanged("pages of each language", site.shape()):
        switchers.clear()
    site.switchers = switchers
    return digest


def _always() -> bool:
    return True


class LanguagePreview:
    """One language's build of the live preview: what it keeps, and the record it leaves."""

    def __init__(self, preview: Preview, site_digest: str, lang: str, files: Files, site_dir: str) -> None:
        """The record begins. The hand-written pages are always rendered (their templates may
        show anything); the previous redirects go before any page is written (all are written
        anew, and a page may take one's place)."""
        self.preview = preview
        self.lang = lang
        self.previous = preview.record(lang)  # what the previous build left, if anything
        self.record = LanguageRecord(site_digest)  # what this build leaves for the next
        self.inputs: dict[str, tuple] = {}  # src_uri -> page_inputs.page_inputs
        self.recorders: dict[str, page_inputs.RecordingView] = {}  # src_uri -> its questions, while rendered
        self.kept = 0  # generated pages whose previous output is still right
        for file in files.documentation_pages():  # no generated page is in the list yet
            file.is_modified = _always  # type: ignore[method-assign]  # what MkDocs asks each file under --dirty
        for path in self.previous.redirects if self.previous is not None else ():
            (Path(site_dir) / path).unlink(missing_ok=True)

    def linked_pages(self, config: MkDocsConfig, files: Files, site: SiteModel) -> set[str]:
        """The keys of the generated pages that the navigation, a hand-written page or an item's
        text links to: MkDocs must know these to write the links, even when it does not render them."""
        languages = site.languages.codes
        linked: set[str] = set()

        def walk(entry: Any) -> None:
            if isinstance(entry, str):
                linked.update(linked_pages(f"[]({entry})", "", languages))
            elif isinstance(entry, (dict, list)):
                for value in entry.values() if isinstance(entry, dict) else entry:
                    walk(value)

        walk(config.nav or [])
        for file in files.documentation_pages():
            if file.abs_src_path is not None:
                text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
                linked |= linked_pages(text, posixpath.dirname(file.src_uri), languages)
        for kind in ("news", "events"):
            for versions in getattr(site.content, kind).values():
                for item in versions.values():
                    linked |= linked_pages(item.body, kind, languages)
        return linked

    def kept_page(self, src_uri: str, page: VirtualPage, dest_uri: str, config: MkDocsConfig,
                  build: SiteBuild, language: LanguageBuild) -> bool:
        """Whether a generated page's previous output is still right (then what the build
        collects from it comes from the record); False: render it."""
        view, previous = language.view, self.previous
        url = dest_uri[: -len("index.html")] if config.use_directory_urls else dest_uri
        inputs = page_inputs.page_inputs(page, build.site.alternates(view.lang, url, config.site_url or ""))
        self.inputs[src_uri] = inputs
        before = previous.pages.get(src_uri) if previous is not None and previous.site == self.record.site else None
        if before is None or before.inputs != inputs:
            return False
        answers = page_inputs.same_answers(view, before.questions)
        if answers is None:
            return False
        # Recorded with this build's objects: the next build compares mostly identities (a record
        # from the second process, unpickled, holds copies that compare field by field).
        before.inputs, before.questions = inputs, answers
        self.record.pages[src_uri] = before
        self.kept += 1
        build.page_urls.setdefault(view.lang, []).append(before.url)
        if before.search is not None:
            language.search.put(before.search)
        if before.body_html is not None:
            language.item_html[page.key] = before.body_html
        return True

    def kept_file(self, config: MkDocsConfig, src_uri: str) -> File:
        """The file of a kept page that MkDocs must know (it is linked to), but not render."""
        return KeptPage.generated(config, src_uri, content="")

    def recording_view(self, src_uri: str, view: SiteView) -> SiteView:
        """The view a generated page's templates get: it notes what they ask."""
        recorder = self.recorders[src_uri] = page_inputs.RecordingView(view)
        return cast("SiteView", recorder)  # answers as the view does (it passes every question on)

    def record_page(self, language: LanguageBuild, src_uri: str, url: str, dest_uri: str,
                    document: tuple[str, str] | None) -> None:
        """What a rendered page was made of, for the next build."""
        generated = language.pages.get(src_uri)
        card = social.card_path(url)
        entry = PageRecord(
            inputs=self.inputs.get(src_uri), questions=self.recorders.pop(src_uri).recorded() if src_uri in self.recorders else [],
            url=url, dest=dest_uri, search=document, card=card if card in language.cards else None,
            body_html=language.item_html.get(generated.key) if generated is not None and generated.template == "news_item.html" else None)
        (self.record.pages if generated is not None else self.record.hand_written)[src_uri] = entry

    def feed_parts(self) -> tuple[Any, dict[str, bytes] | None]:
        """The feed parts earlier builds made, and the feeds the previous build wrote (write_feeds)."""
        return self.preview.feed_parts, self.previous.feeds if self.previous is not None else None

    def remove_pages_gone(self, site_dir: Path) -> None:
        """The pages (and their cards) the previous build wrote and this one has not: a deleted
        item's, say."""
        record, previous = self.record, self.previous
        if previous is None:
            return
        written = {path for pages in (record.pages, record.hand_written) for entry in pages.values()
                   for path in (entry.dest, entry.card) if path is not None}
        for pages, now in ((previous.pages, record.pages), (previous.hand_written, record.hand_written)):
            for src_uri, entry in pages.items():
                if src_uri not in now:
                    for path in (entry.dest, entry.card):
                        if path is not None and path not in written:  # another page may have its address now
                            (site_dir / path).unlink(missing_ok=True)

    def write_search_index(self, index: search.SearchIndex, bundle: Path) -> None:
        """After an edit, in the background (the edited page shows first; an error is logged
        there); in the session's first build, now. Beside the old bundle, which it then replaces."""
        if self.previous is not None:
            self.preview.search_later(self.lang, functools.partial(self._replace_search_index, index, bundle, True))
        else:
            self.preview.wait_for_search()  # an earlier build's, still being written
            self._replace_search_index(index, bundle)

    def _replace_search_index(self, index: search.SearchIndex, bundle: Path, in_background: bool = False) -> None:
        search.replace_index(index, bundle, in_background)
        log.info(f"Search index ({self.lang}) written")

    def finish(self, site_dir: Path, feeds: dict[str, bytes], moved: set[str]) -> None:
        """Remove the feeds the previous build wrote and this one did not (a tag's that has no
        items left), and leave the record for the next build."""
        record, previous = self.record, self.previous
        record.feeds, record.redirects = feeds, moved
        if previous is not None:
            for path in previous.feeds.keys() - feeds.keys():
                (site_dir / path).unlink(missing_ok=True)
        self.preview.keep(self.lang, record)
        log.info(f"Preview ({self.lang}): {len(record.pages) - self.kept} pages rendered, {self.kept} kept "
                 f"(and {len(record.hand_written)} hand-written ones rendered)")
