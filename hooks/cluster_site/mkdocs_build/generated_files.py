"""A language's files for MkDocs: the generated pages of the site model as virtual files (nothing
is written into docs/), the brand's stylesheet and the images' responsive versions, minus what
must not be published (image originals, editors' backup files, our feed.xsl template)."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..content import source_files
from ..content.problems import ContentError
from ..editors import editing_page
from ..outputs import brand, images
from .site_build import LanguageBuild, SiteBuild
from .. import LOGGER

log = logging.getLogger(LOGGER)
IMAGE_CACHE = ".cache/images"  # under the project root; safe to delete


def add_generated_files(build: SiteBuild, files: Files, config: MkDocsConfig) -> Files:
    """After mkdocs-static-i18n has made this language's file list."""
    language = build.current
    build.speed.start_language(config)
    if language.is_default:  # written once, beside the other assets
        files.append(File.generated(config, brand.PATH, content=brand.css(build.site.content.site.brand)))
        _add_image_versions(build, files, config)
    _drop_unpublished(build, files)
    editing_page.add_files(build, files, config)
    language.preview = build.speed.begin_language_preview(language.lang, files, config.site_dir)
    _add_generated_pages(build, language, files, config)
    return files


def _add_generated_pages(build: SiteBuild, language: LanguageBuild, files: Files, config: MkDocsConfig) -> None:
    view, preview = language.view, language.preview
    existing = {file.src_uri for file in files}
    linked = preview.linked_pages(config, files, build.site) if preview is not None else set()
    for page in build.site.pages[view.lang].values():
        src_uri = f"{page.key}.{view.lang}.md"
        dest_uri = posixpath.join(view.prefix(), page.key + ("/index.html" if config.use_directory_urls else ".html"))
        kept = preview.kept_page(src_uri, page, dest_uri, config, build, language) if preview is not None else False
        if kept and page.key not in linked:
            # MkDocs need not know a page it would neither render nor link to: with thousands
            # of pages, what it does for each file is most of what an edit costs.
            language.pages[src_uri] = page
            continue
        # No front matter for MkDocs to parse as YAML (thousands of pages): on_page_markdown
        # gives the page its meta. The leading blank line tells MkDocs there is none.
        file = preview.kept_file(config, src_uri) if kept and preview is not None else File.generated(config, src_uri, content="\n" + page.body)
        file.dest_uri = dest_uri
        if src_uri in existing:
            raise PluginError(f"Generated page {src_uri} clashes with a file in docs/")
        files.append(file)
        language.pages[src_uri] = page


def _drop_unpublished(build: SiteBuild, files: Files) -> None:
    """Image originals (their versions replace them), what an editor or the system left under
    docs/ or overrides/ (index.md~, main.html~, .DS_Store: MkDocs would copy it as a static
    file), and feed.xsl, a template of ours (theme/), not a file of the site."""
    unpublished = [files.get_file_from_path(src) for src in build.site.pictures]
    unpublished += [file for file in files if source_files.is_editor_file(posixpath.basename(file.src_uri))]
    unpublished.append(files.get_file_from_path("feed.xsl"))
    for file in {id(file): file for file in unpublished if file is not None}.values():
        files.remove(file)


def _add_image_versions(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    """The responsive versions of the images content names (encoded once, then from the cache),
    in place of the original files, which may be large and carry camera data."""
    pictures = build.site.pictures
    if not pictures:
        return
    build.processing = "images"
    versions, encoded, problems = images.encode(pictures, Path(config.docs_dir), build.root / IMAGE_CACHE)
    if problems:
        build.command.stop_on(ContentError(problems))
    log.info(f"Images: {len(pictures)}, encoded anew: {encoded} (the others from {IMAGE_CACHE})")
    for path, data in sorted(versions.items()):
        files.append(File.generated(config, path, content=data))
