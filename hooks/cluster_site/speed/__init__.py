"""Every shortcut the build takes for speed, behind one switch.

    CLUSTER_SITE_SPEED=0 mkdocs build             # the plain libraries: same site, byte for byte, slower
    CLUSTER_SITE_SPEED=frames,urls mkdocs build   # only these shortcuts (bench/shortcuts.py)

The hooks (hooks/cluster_hooks.py) get a `Shortcuts` or a `Plain` from `install()` and call it
where a build, a language, a page and the templates start; `Plain` leaves everything as MkDocs, mkdocs-static-i18n and Jinja make it. Each
shortcut kept here saved at least 3 % of a build's wall time in paired builds of 2,000 items
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
- `preview` (preview.py): the live preview (`mkdocs serve --dirty`, `make serve`) renders only
  the pages an edit changed, reads only the content files that changed, lists the theme's files
  once (theme_files.py), and writes the search index after the page shows. A full build does
  not use it.
- `watcher` (watcher.py): the live preview's server learns of an edit from the system instead
  of looking at every watched file twice a second (CLUSTER_SITE_WATCH=poll: MkDocs' way).

`markdown`, `frames`, `watcher` and `preview` (theme_files.py) reach past public API and check
themselves against the library while the build runs (see their modules); all that change output
are compared with the plain libraries by tests/test_speed.py, and `preview` and `watcher` by
tests/test_preview.py.
Deleting this folder, with `install()` replaced by a `Plain`, leaves a correct, slower build.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Callable

from ..content import InParts, ReadFiles
from . import parallel
from . import template_cache as templates
from .folder_urls import FolderUrls
from .markdown_render import SharedMarkdown
from .other_languages import OtherLanguages, WorkerFailed
from .page_frame import framed_template
from .theme_files import list_once
from .preview import KeptPage, LanguageRecord, PageRecord, Preview, preview_for, quiet_dirty_notice
from .watcher import native_watcher

SWITCH = "CLUSTER_SITE_SPEED"
SHORTCUTS = ("loading", "languages", "markdown", "frames", "urls", "reload", "templates", "preview", "watcher")


class SpeedSettingError(ValueError):
    """CLUSTER_SITE_SPEED or CLUSTER_SITE_JOBS has a value that means nothing."""


class Plain:
    """The build without shortcuts."""

    in_parts: InParts | None = None  # how content reads its item files (content.load.read_content)
    read_files: ReadFiles | None = None  # which of them are known from the previous build
    preview: Preview | None = None  # the live preview's record of its previous build: render only what changed

    def other_languages(self, config: Any, languages: list[str], result: Callable[[], Any]) -> OtherLanguages | None:
        """A process building `languages` meanwhile, or None: mkdocs-static-i18n builds them."""
        return None

    def start_language(self, config: Any) -> None:
        """A language's build begins (its files are known)."""

    def prepare_page(self, page: Any) -> None:
        """A page's Markdown is about to be rendered."""

    def prepare_theme(self, theme: Any) -> None:
        """A build's theme (mkdocs.theme.Theme), before MkDocs makes its template environments."""

    def prepare_environment(self, env: Any, nav: Any) -> None:
        """A language's templates are about to be rendered."""

    def prepare_server(self, server: Any, watch: list[str]) -> Any:
        """`mkdocs serve`'s server, before it starts; `watch`: the paths it will watch too (mkdocs.yml's `watch:`)."""
        return server


class Shortcuts(Plain):
    def __init__(self, names: frozenset[str], second_process: bool, preview_of: str | None = None) -> None:
        self.names = names
        self.second_process = second_process and "languages" in names
        if second_process and "loading" in names:
            self.in_parts = functools.partial(parallel.in_two, at_least=400)
        if preview_of is not None and "preview" in names:
            self.preview = preview_for(preview_of)
            self.read_files = self.preview.read_files
            if self.preview.site:
                self.in_parts = None  # only changed files are read: no second process (nor a fork beside the search worker)
        self.markdown: SharedMarkdown | None = None

    def other_languages(self, config: Any, languages: list[str], result: Callable[[], Any]) -> OtherLanguages | None:
        if not self.second_process or not languages:
            return None
        if self.preview is not None and self.preview.has_records(languages):
            return None  # a preview's later builds render a few pages: no second process needed
        return OtherLanguages(config, languages, result)

    def start_language(self, config: Any) -> None:
        if "markdown" in self.names:
            self.markdown = SharedMarkdown(config)

    def prepare_page(self, page: Any) -> None:
        if self.markdown is not None:
            page.render = functools.partial(self.markdown.render, page)

    def prepare_theme(self, theme: Any) -> None:
        if self.preview is not None:
            list_once(theme, self.preview.remembered("theme files", dict))

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

    def prepare_server(self, server: Any, watch: list[str]) -> Any:
        return native_watcher(server, watch) if "watcher" in self.names else server


def install(preview_of: str | None = None) -> Plain:
    """The shortcuts for one build, as CLUSTER_SITE_SPEED (1, the default: all; 0: none; or the
    names of some) and CLUSTER_SITE_JOBS say; SpeedSettingError for a value that means nothing.
    `preview_of`: the output folder of a live preview that keeps its previous output (--dirty)."""
    value = os.environ.get(SWITCH, "1").strip() or "1"
    names = set(SHORTCUTS) if value == "1" else set() if value == "0" else {n.strip() for n in value.split(",") if n.strip()}
    unknown = sorted(names - set(SHORTCUTS))
    if unknown or not (names or value == "0"):
        raise SpeedSettingError(f"{SWITCH}={value!r}: expected 1 (all shortcuts, the default), 0 (plain libraries) "
                                f"or some of {', '.join(SHORTCUTS)}" + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    if not names:
        return Plain()
    try:
        return Shortcuts(frozenset(names), parallel.enabled(), preview_of)
    except parallel.WorkerFailed as error:
        raise SpeedSettingError(str(error))


__all__ = ["SHORTCUTS", "KeptPage", "LanguageRecord", "PageRecord", "Plain", "Preview", "Shortcuts", "SpeedSettingError",
           "WorkerFailed", "install", "quiet_dirty_notice"]
