"""Every shortcut the build takes for speed, behind one switch.

    CLUSTER_SITE_SPEED=0 mkdocs build             # the plain libraries: same site, byte for byte, slower
    CLUSTER_SITE_SPEED=frames,urls mkdocs build   # only these shortcuts (bench/shortcuts.py)

The build (mkdocs_build/site_build.py) gets a `Shortcuts` from `install()`, or a `Plain`
(mkdocs_build/plain.py, the interface this layer implements), and calls it where a build, a
language, a page and the templates start; `Plain` leaves everything as MkDocs,
mkdocs-static-i18n and Jinja make it. Each shortcut kept here saved at least 3 % of a build's wall time in paired builds of 2,000 items
per kind and language, or of the live preview's time to show an edit (bench/README.md has the
measurements, and those of the ones dropped):

- `loading` (parallel.py): content with 400 or more item files of a kind read by two processes;
- `languages` (other_languages.py): the languages after the default one built in a second
  process (CLUSTER_SITE_JOBS=1 keeps one process for both);
- `markdown` (markdown_render.py): one Markdown converter per language instead of one per page,
  without the pattern scans that cannot find anything;
- `frames` (page_frame.py): Material's frame rendered once per template and folder, per page
  only what differs, and its header once per frame with the page title and links filled in;
- `urls` (folder_urls.py): MkDocs' `url` filter remembered per folder;
- `reload`: templates are not checked for changes on each page (Jinja's `auto_reload`);
- `templates` (template_cache.py): compiled templates kept in memory between builds (each
  language, and each rebuild of `mkdocs serve`), and in the user's cache folder for the next
  process, through Jinja's public bytecode cache. A large build hardly sees it; the live preview
  and a build of a small site do (bench/README.md).
- `preview` (preview.py, preview_pages.py): the live preview (`mkdocs serve --dirty`, `make
  serve`) renders only the pages an edit changed, reads only the content files that changed, lists the theme's files
  once (theme_files.py), and writes the search index after the page shows. A full build does
  not use it.
- `watcher` (watcher.py): the live preview's server learns of an edit from the system instead
  of looking at every watched file twice a second (CLUSTER_SITE_WATCH=poll: MkDocs' way).

`markdown`, `frames`, `watcher` and `preview` (theme_files.py) reach past public API and check
themselves against the library while the build runs (see their modules); all that change output
are compared with the plain libraries by tests/test_speed.py, and `preview` and `watcher` by
tests/test_preview.py.
Every use of a library's private name is in this folder (tests/test_platform.py checks).
Deleting this folder leaves a correct, slower build: `mkdocs_build.plain.shortcuts()` then
returns a `Plain` (tests/test_platform.py builds the site without it).
"""

from __future__ import annotations

import functools
import os
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..content import Languages
from ..mkdocs_build.plain import SPEED_SWITCH, LanguagesElsewhere, Plain, quiet_dirty_notice
from ..site_model import SiteModel
from . import parallel
from . import template_cache as templates
from .folder_urls import FolderUrls
from .markdown_render import SharedMarkdown
from .other_languages import OtherLanguages
from .page_frame import framed_template
from .preview import KeptPage, preview_for
from .preview_pages import LanguagePreview, begin_site
from .theme_files import list_once
from .watcher import native_watcher

SHORTCUTS = ("loading", "languages", "markdown", "frames", "urls", "reload", "templates", "preview", "watcher")


class SpeedSettingError(ValueError):
    """CLUSTER_SITE_SPEED or CLUSTER_SITE_JOBS has a value that means nothing."""


class Shortcuts(Plain):
    """The build with the shortcuts `names`; each method says where it departs from `Plain`."""

    def __init__(self, names: frozenset[str], second_process: bool, preview_of: str | None = None) -> None:
        self.names = names
        self.second_process = second_process and "languages" in names
        if second_process and "loading" in names:
            self.in_parts = functools.partial(parallel.in_two, at_least=400)
        self.preview = preview_for(preview_of) if preview_of is not None and "preview" in names else None
        if self.preview is not None:
            self.read_files = self.preview.read_files
            if self.preview.site:
                self.in_parts = None  # only changed files are read: no second process (nor a fork beside the search worker)
        self.markdown: SharedMarkdown | None = None
        self.site_digest = ""  # what every page of this build shares (preview_pages.begin_site)
        self.recording = False  # a language's record has begun: a failure drops every record

    def begin(self, config: MkDocsConfig, languages: Languages, previewing: bool) -> None:
        if self.preview is None:
            super().begin(config, languages, previewing)
            return
        quiet_dirty_notice()  # as Plain does, but the folder is kept:
        self.preview.start(languages)  # its record says what to write again

    def begin_site(self, site: SiteModel, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.site_digest = begin_site(self.preview, site, config)

    def remembered(self, name: str, make: Callable[[], str]) -> str:
        return self.preview.remembered(name, make) if self.preview is not None else make()

    def reports_translations(self) -> bool:
        return self.preview is None or not self.preview.records  # the preview: when it starts, not on each edit

    def prepare_theme(self, theme: Any) -> None:
        if self.preview is not None:
            list_once(theme, self.preview.remembered("theme files", dict))

    def other_languages(self, config: MkDocsConfig, languages: list[str], result: Callable[[], Any]) -> LanguagesElsewhere | None:
        if not self.second_process or not languages:
            return None
        if self.preview is not None and self.preview.has_records(languages):
            return None  # a preview's later builds render a few pages: no second process needed
        return OtherLanguages(config, languages, result)

    def start_language(self, config: MkDocsConfig) -> None:
        if "markdown" in self.names:
            self.markdown = SharedMarkdown(config)

    def begin_language_preview(self, lang: str, files: Files, site_dir: str) -> LanguagePreview | None:
        if self.preview is None:
            return None
        self.recording = True
        return LanguagePreview(self.preview, self.site_digest, lang, files, site_dir)

    def is_kept(self, file: File) -> bool:
        return isinstance(file, KeptPage)

    def prepare_page(self, page: Page) -> None:
        if self.markdown is not None:
            page.render = functools.partial(self.markdown.render, page)  # type: ignore[method-assign]  # the shortcut itself

    def prepare_environment(self, env: Any, nav: Any) -> None:
        if "reload" in self.names:
            # Each build (and each `mkdocs serve` rebuild) gets a new environment: no need to
            # check every template file for changes on each of thousands of page renders.
            env.auto_reload = False
        if "templates" in self.names:
            templates.TEMPLATES.folder = templates.user_cache_folder()
            env.bytecode_cache = templates.TEMPLATES
        if "frames" in self.names:
            # Pages in the navigation highlight their own entry: rendered whole.
            env.template_class = framed_template({page.file.src_uri for page in nav.pages})
        if "urls" in self.names:
            env.filters["url"] = FolderUrls(env.filters["url"]).url

    def unchanged(self, name: str, value: Any) -> bool:
        return self.preview is not None and self.preview.unchanged(name, value)

    def joined_other_languages(self) -> None:
        if self.preview is not None:
            self.preview.take_spooled_later()

    def built(self) -> None:
        if self.preview is not None:
            self.preview.collect_later()

    def failed(self) -> None:
        if self.preview is not None and self.recording:
            # The output was being written (a content error stops the build before): the next
            # build renders everything into an empty folder.
            self.preview.forget()

    def shutdown(self) -> None:
        if self.preview is not None:
            self.preview.wait_for_search()

    def prepare_server(self, server: Any, watch: list[str]) -> Any:
        return native_watcher(server, watch) if "watcher" in self.names else server


def install(preview_of: str | None = None) -> Plain:
    """The shortcuts for one build, as CLUSTER_SITE_SPEED (1, the default: all; 0: none; or the
    names of some) and CLUSTER_SITE_JOBS say; SpeedSettingError for a value that means nothing.
    `preview_of`: the output folder of a live preview that keeps its previous output (--dirty)."""
    value = os.environ.get(SPEED_SWITCH, "1").strip() or "1"
    names = set(SHORTCUTS) if value == "1" else set() if value == "0" else {n.strip() for n in value.split(",") if n.strip()}
    unknown = sorted(names - set(SHORTCUTS))
    if unknown or not (names or value == "0"):
        raise SpeedSettingError(f"{SPEED_SWITCH}={value!r}: expected 1 (all shortcuts, the default), 0 (plain libraries) "
                                f"or some of {', '.join(SHORTCUTS)}" + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    if not names:
        return Plain()
    try:
        return Shortcuts(frozenset(names), parallel.enabled(), preview_of)
    except parallel.WorkerFailed as error:
        raise SpeedSettingError(str(error))


__all__ = ["SHORTCUTS", "Shortcuts", "SpeedSettingError", "install"]
