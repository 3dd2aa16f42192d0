"""The build without shortcuts: where the build hands over to the speed layer, and what happens
there without it (`Plain`: what MkDocs, mkdocs-static-i18n and Jinja do on their own).

The speed layer (cluster_site/speed/) subclasses `Plain`; `SiteBuild` asks `shortcuts()` for
one. With CLUSTER_SITE_SPEED=0, or with the folder speed/ deleted, every call below does what
its docstring says and nothing more: same site, byte for byte, slower.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from typing import TYPE_CHECKING, Any, Callable, Protocol

from mkdocs import utils
from mkdocs.commands import build as build_module
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..content import InParts, Languages, ReadFiles

if TYPE_CHECKING:
    from pathlib import Path

    from ..outputs.search import SearchIndex
    from ..pages import VirtualPage
    from ..site_model import SiteModel
    from ..site_view import SiteView
    from .site_build import LanguageBuild, SiteBuild


class SecondProcessFailed(RuntimeError):
    """The process that built the other languages failed; it has said why on stderr."""


class LanguagesElsewhere(Protocol):
    """The other languages, built meanwhile by a second process."""

    def join(self) -> Any:
        """What that process reported (SecondProcessFailed if it failed)."""

    def cancel(self) -> None: ...


class LanguagePreview(Protocol):
    """The live preview's bookkeeping for one language (speed/preview_pages.py): where the
    build would render or write everything, it asks this first."""

    def linked_pages(self, config: MkDocsConfig, files: Files, site: SiteModel) -> set[str]:
        """The generated pages something links to: MkDocs must know them even if kept."""

    def kept_page(self, src_uri: str, page: VirtualPage, dest_uri: str, config: MkDocsConfig,
                  build: SiteBuild, language: LanguageBuild) -> bool:
        """Whether a generated page keeps its previous output (what the build collects from it
        then comes from the record)."""

    def kept_file(self, config: MkDocsConfig, src_uri: str) -> File:
        """The file of a kept page that MkDocs must know, but not render."""

    def recording_view(self, src_uri: str, view: SiteView) -> SiteView:
        """The view a generated page's templates get (it notes what they ask)."""

    def record_page(self, language: LanguageBuild, src_uri: str, url: str, dest_uri: str,
                    document: tuple[str, str] | None) -> None:
        """What a rendered page was made of."""

    def feed_parts(self) -> tuple[Any, dict[str, bytes] | None]:
        """What write_feeds may reuse: earlier builds' feed parts, the feeds written before."""

    def remove_pages_gone(self, site_dir: Path) -> None:
        """The pages the previous build wrote and this one has not."""

    def write_search_index(self, index: SearchIndex, bundle: Path) -> None:
        """The language's search index, beside the old one (now, or after the build)."""

    def finish(self, site_dir: Path, feeds: dict[str, bytes], moved: set[str]) -> None:
        """The language is built: its record is left for the next build."""


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave pages stale (and `strict: true` stops on it),
    and that the folder may hold stale files; the preview makes sure it does not (and without
    the preview the output folder is emptied first), so these messages are not passed on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(("A 'dirty' build is being performed", "The directory contains stale files"))


DIRTY_NOTICE = _DirtyNotice()


def quiet_dirty_notice() -> None:
    """On the engine's own build logger (ProperDocs names it "properdocs.commands.build"); the
    same filter object each time, so it is added once."""
    build_module.log.addFilter(DIRTY_NOTICE)


class Plain:
    """The build without shortcuts."""

    in_parts: InParts | None = None  # how content reads its item files (content.load.read_content)
    read_files: ReadFiles | None = None  # which of them are known from the previous build

    def begin(self, config: MkDocsConfig, languages: Languages, previewing: bool) -> None:
        """A build begins, before content is read. The live preview (`mkdocs serve --dirty`)
        without a record of what it wrote: an empty folder, or pages would go stale."""
        if previewing:
            quiet_dirty_notice()
            utils.clean_directory(config.site_dir)

    def begin_site(self, site: SiteModel, config: MkDocsConfig) -> None:
        """The content has been read and checked."""

    def remembered(self, name: str, make: Callable[[], str]) -> str:
        """What `make()` gives (the preview: made again only when what every page shares changed)."""
        return make()

    def reports_translations(self) -> bool:
        """Whether this build lists the translations' status (the preview: its first build only)."""
        return True

    def prepare_theme(self, theme: Any) -> None:
        """A build's theme (mkdocs.theme.Theme), before MkDocs makes its template environments."""

    def other_languages(self, config: MkDocsConfig, languages: list[str], result: Callable[[], Any]) -> LanguagesElsewhere | None:
        """A process building `languages` meanwhile, or None: mkdocs-static-i18n builds them."""
        return None

    def start_language(self, config: MkDocsConfig) -> None:
        """A language's build begins (its files are known)."""

    def begin_language_preview(self, lang: str, files: Files, site_dir: str) -> LanguagePreview | None:
        """The live preview begins this language's record (the hand-written pages are marked for
        rendering, the previous redirects removed); its bookkeeping. None: render everything."""
        return None

    def is_kept(self, file: File) -> bool:
        """Whether a page's file is one the preview does not render again."""
        return False

    def prepare_page(self, page: Page) -> None:
        """A page's Markdown is about to be rendered."""

    def prepare_environment(self, env: Any, nav: Any) -> None:
        """A language's templates are about to be rendered."""

    def unchanged(self, name: str, value: Any) -> bool:
        """Whether an output made from `value` is still the one written (the preview): write it again if not."""
        return False

    def joined_other_languages(self) -> None:
        """The second process has built the other languages."""

    def built(self) -> None:
        """Every language is built, the sitemap written."""

    def failed(self) -> None:
        """The build failed."""

    def shutdown(self) -> None:
        """The command ends (MkDocs' server is about to remove its folder)."""

    def prepare_server(self, server: Any, watch: list[str]) -> Any:
        """`mkdocs serve`'s server, before it starts; `watch`: the paths it will watch too (mkdocs.yml's `watch:`)."""
        return server


# The speed layer's switch: 1 (all shortcuts, the default), 0 (none) or the names of some.
SPEED_SWITCH = "CLUSTER_SITE_SPEED"


def shortcuts(previewing_dir: str | None) -> Plain:
    """The speed layer's shortcuts for one build (CLUSTER_SITE_SPEED), or `Plain` without it.
    `previewing_dir`: the output folder of a live preview that keeps its previous output.
    ValueError for a setting that means nothing."""
    # Switched off, speed/ is not even imported: its modules reach into library internals at
    # import, and a library update that breaks those must leave `CLUSTER_SITE_SPEED=0` working.
    if os.environ.get(SPEED_SWITCH, "").strip() == "0":
        return Plain()
    if importlib.util.find_spec(f"{__package__.rpartition('.')[0]}.speed") is None:
        return Plain()  # the folder speed/ deleted: the plain libraries
    from .. import speed

    return speed.install(preview_of=previewing_dir)
