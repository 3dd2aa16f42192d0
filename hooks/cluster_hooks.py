"""MkDocs hooks: the joints between MkDocs, mkdocs-static-i18n and the site model.

The data's way: content files -> validated models -> one site model (cluster_site.site_model,
built once in on_config) -> templates -> HTML. Each event below reads from the model and does
one visible thing; the logic lives in cluster_site and is testable without MkDocs.

mkdocs-static-i18n runs one build per language (default language first, the others from its
own on_post_build), so every event but on_startup and on_shutdown runs once per language. The
shortcuts for speed are one layer (cluster_site/speed/), which `speed.install()` returns; with
CLUSTER_SITE_SPEED=0 the build uses the plain libraries.
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs import utils
from mkdocs.structure.files import File, Files
from mkdocs.utils.yaml import yaml_load
from yaml import YAMLError

from cluster_site import page_inputs, safe_html, speed, theme_language
from cluster_site.content import Languages, linked_pages, missing_operator_facts, source_files
from cluster_site.content.problems import ContentError, Problem, text
from cluster_site.editors import cms
from cluster_site.editors.translation_status import translation_status
from cluster_site.outputs import brand, images, markup, redirects, search, sitemap, social, structured
from cluster_site.outputs.feeds import FEED_SIZE, absolute_links, subscription, write_feeds
from cluster_site.pages import VirtualPage
from cluster_site.site_model import SiteModel, build_date, configured_page_size, load_site
from cluster_site.site_view import DEFAULT_PAGE_SIZE, SiteView, without_index
from cluster_site.staged_output import StagedOutput

log = logging.getLogger("mkdocs.plugins.cluster_site")
IMAGE_CACHE = ".cache/images"  # under the project root; safe to delete
CARD_CACHE = ".cache/social"
CMS_BUNDLE = ".cache/decap-cms"  # Decap CMS's prebuilt bundle, fetched by `make build`


class _State:
    """What one `mkdocs build` (all languages) shares between events."""

    def __init__(self) -> None:
        self.site: SiteModel | None = None  # built once, in the default language's on_config
        self.today = build_date()
        self.speed: speed.Plain = speed.Plain()
        self.view: SiteView | None = None  # the language being built
        self.pages: dict[str, VirtualPage] = {}  # src_uri -> generated page (current language)
        self.item_html: dict[str, str] = {}  # news key -> rendered body, for the feeds (current language)
        self.search = search.SearchIndex()  # this language's searchable pages
        self.cards: dict[str, social.Card] = {}  # site path -> social card (current language)
        self.page_urls: dict[str, list[str]] = {}  # language -> site-relative page URLs built
        self.env = None
        self.nav = None
        self.other_languages: speed.OtherLanguages | None = None  # a process building them, if any
        self.cms: cms.CmsSettings | None = None  # the editing page /admin/, unless `extra.cms: false`
        self.cms_styles: list[str] = []  # the site's stylesheets, for the CMS's preview
        self.address = ""  # the published site's address without scheme, as its social cards show it
        self.unsafe: list[Problem] = []  # what the HTML allowlist forbids in rendered pages (all languages)
        # The live preview (speed.Preview): what every page shares, this language's pages' own
        # inputs and recorded questions, and the record this language's build leaves.
        self.site_digest = ""
        self.inputs: dict[str, tuple] = {}  # src_uri -> page_inputs.page_inputs
        self.recorders: dict[str, page_inputs.RecordingView] = {}  # src_uri -> its questions, while rendered
        self.record: speed.LanguageRecord | None = None  # what this language's build leaves for the next
        self.previous: speed.LanguageRecord | None = None  # what the previous build left
        self.kept = 0  # generated pages of this language whose previous output is still right
        self.processing = "mkdocs.yml"  # the file being worked on, named if the build crashes


class _Run:
    """One `mkdocs build` (or serve) command, from on_startup to on_shutdown."""

    def __init__(self, command: str | None = None, dirty: bool = False) -> None:
        self.command = command
        # `mkdocs serve --clean` announces itself as "build"; its output is a temporary folder
        # that its server reads, and its live reload is an inline script.
        self.serving = command == "serve" or sys.argv[1:2] == ["serve"]
        # `mkdocs serve --dirty` keeps the previous output; MkDocs loads these hooks anew for each
        # rebuild without on_startup, so the command line says it (as it does to mkdocs-static-i18n).
        self.dirty = dirty or "--dirty" in sys.argv or "--dirtyreload" in sys.argv
        self.output: StagedOutput | None = None  # where the build writes until it has succeeded
        self.config = None
        self.finished = False  # every language built, sitemap written
        self.failed = False


state = _State()
run = _Run()


def _i18n(config):
    return config.plugins["i18n"]


def _languages(config) -> Languages:
    plugin = _i18n(config)
    codes = tuple(lang.locale for lang in plugin.config.languages if lang.build)
    default = plugin.default_language
    return Languages((default,) + tuple(c for c in codes if c != default), default)


# --- config: validate content once, then set up each language -------------------------


def _page_size(config, key: str = "page_size", default: int = DEFAULT_PAGE_SIZE) -> int:
    try:
        return configured_page_size(config.extra, key, default)
    except ValueError as error:
        raise PluginError(str(error))


def on_startup(command, dirty):
    global run
    run = _Run(command, dirty)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the language
def on_config(config):
    plugin = _i18n(config)
    if not plugin.building:  # the first (default-language) pass of a build: start afresh
        global state
        state = _State()
        if run.command in ("build", "gh-deploy") and not run.serving and run.output is None:
            # Everything is written beside site/ and replaces it only at the very end (on_shutdown).
            run.output, run.config = StagedOutput(Path(config.site_dir), run.dirty), config
            config.site_dir = str(run.output.staging)
        try:  # a wrong setting is named before site/ is touched
            state.speed = speed.install(preview_of=config.site_dir if run.serving and run.dirty else None)
        except speed.SpeedSettingError as error:
            raise PluginError(str(error))
        if run.serving and run.dirty:
            speed.quiet_dirty_notice()
            if state.speed.preview is None:
                utils.clean_directory(config.site_dir)  # without the preview's record, a dirty build would go stale
            else:
                state.speed.preview.start(_languages(config))
        root = Path(config.config_file_path).resolve().parent  # absolute, as MkDocs makes docs_dir
        try:
            state.site = load_site(root, _languages(config), Path(config.docs_dir), state.today,
                                   config.use_directory_urls, _page_size(config), in_parts=state.speed.in_parts,
                                   read_files=state.speed.read_files)
            _page_size(config, "feed_size", FEED_SIZE)  # a wrong value is named before anything is built
        except ContentError as error:
            raise PluginError(f"Content has {len(error.problems)} problem(s); nothing was built:\n{error.report()}")
        content = state.site.content
        state.address = _public_address(config)
        if state.speed.preview is not None:
            _begin_preview(config, root)
        state.speed.prepare_theme(config.theme)
        for fact in missing_operator_facts(content):
            log.info(f"Operator must fill in: {fact.format()}")
        state.cms = _cms_settings(config)
        if state.cms is not None and state.cms.repo is None:
            log.info("Operator must fill in: mkdocs.yml: extra.cms.repo: the GitHub repository (owner/name) "
                     "the editing page /admin/ commits to (until then it works with `make edit` only)")
        # Reported, never fatal (INFO: `--strict` fails on warnings); details: `cluster-site translations`.
        # The live preview reports them when it starts, not again on each edit.
        if state.speed.preview is None or not state.speed.preview.records:
            for status in translation_status(root, content, Path(config.docs_dir)):
                log.info(f"Translation {status.format()}")
    lang = plugin.current_language
    state.view = state.site.views[lang]
    _apply_brand(config)
    # We write one sitemap for all languages at the end, and one 404 page per language.
    config.theme.static_templates.discard("sitemap.xml")
    if lang == state.view.default:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    config.extra.alternate = []
    return config


def _begin_preview(config, root: Path) -> None:
    """A build of the live preview begins: if more than news and events changed, it starts afresh."""
    preview = state.speed.preview
    folders = [Path(folder) for folder in (config.theme.custom_dir, root / "hooks") if folder]
    state.site_digest = page_inputs.site_digest(
        state.site.content, state.today, Path(config.config_file_path), folders, Path(config.docs_dir),
        [config.site_url, config.use_directory_urls, config.extra.get("feed_size")])
    if preview.site and (preview.site != state.site_digest or not preview.has_records(list(state.site.languages.codes))):
        log.info("Preview: everything is built again (mkdocs.yml, a template, a hand-written page's title or "
                 "site-wide content changed, or the last build failed)")
        preview.wait_for_search()  # also the spooled records' reading: its feed parts go with the rest
        preview.forget()
        utils.clean_directory(config.site_dir)
    preview.begin(state.site_digest)
    switchers = preview.remembered("language switchers", dict)  # made anew when the texts change
    if not preview.unchanged("pages of each language", state.site.shape()):
        switchers.clear()
    state.site.switchers = switchers


def _public_address(config) -> str:
    """The site's address without scheme (www.example.org/path), as mkdocs.yml gives it:
    `mkdocs serve` puts its own in config.site_url, but the preview's social cards show what the
    published ones will (and are the same pictures, drawn once for both)."""
    site_url = config.site_url or ""
    if run.serving:
        try:
            with open(config.config_file_path, encoding="utf-8") as file:
                site_url = (yaml_load(file) or {}).get("site_url") or site_url
        except (OSError, ValueError, YAMLError, AttributeError):  # MkDocs has read the file already
            pass
    address = urlsplit(str(site_url))
    return (address.netloc + address.path).rstrip("/")


def _cms_settings(config) -> cms.CmsSettings | None:
    try:
        return cms.CmsSettings.from_extra(config.extra.get("cms"))
    except (TypeError, ValueError) as error:
        raise PluginError(str(error))


def _apply_brand(config) -> None:
    """Logo, favicon and colours from content/site.yml (brand), not from mkdocs.yml or code."""
    site_brand = state.site.content.site.brand
    config.theme["logo"] = site_brand.logo
    config.theme["favicon"] = site_brand.favicon
    if brand.PATH not in config.extra_css:
        config.extra_css.insert(0, brand.PATH)  # before cluster.css, which reads its properties


# --- the other languages: maybe built meanwhile, in a second process (speed layer) -------


def _other_languages_result() -> dict:
    """What the process that builds the other languages reports back (as JSON)."""
    return {"page_urls": {lang: urls for lang, urls in state.page_urls.items() if lang != state.site.languages.default},
            "unsafe": [[p.path, p.line, p.field, p.code, list(p.args)] for p in state.unsafe]}


@event_priority(100)  # first: MkDocs has just cleaned site_dir, nothing is written yet
def _start_other_languages(files: Files, config) -> Files:
    if not _i18n(config).building:
        languages = state.site.languages
        others = [lang for lang in languages.codes if lang != languages.default]
        state.other_languages = state.speed.other_languages(config, others, _other_languages_result)
    return files


def on_build_error(error):
    run.failed = True  # site/ stays as it was (on_shutdown)
    if state.other_languages is not None:  # leave no process writing into a failed build (nor leaving a record)
        state.other_languages.cancel()
        state.other_languages = None
    if state.speed.preview is not None and state.record is not None:
        # The output was being written (a content error stops the build before): the next
        # build renders everything into an empty folder.
        state.speed.preview.forget()
    if isinstance(error, MkDocsException) or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG):
        return  # a message of its own already; with --verbose, MkDocs shows the traceback
    where = state.processing
    if getattr(error, "lineno", None) and getattr(error, "filename", None):  # a template's mistake
        where = f"{where} ({error.filename}:{error.lineno})"
    raise PluginError(text("crash", None, where, f"{type(error).__name__}: {error}"))


def on_serve(server, config, builder):
    return state.speed.prepare_server(server, [str(path) for path in config.watch])


def on_shutdown():
    """Publish the finished build in place of site/, or leave site/ as it was."""
    if state.speed.preview is not None:
        state.speed.preview.wait_for_search()  # before MkDocs' server deletes its folder
    if run.output is None:
        return
    output, run.output = run.output, None
    if run.finished and not run.failed:
        output.publish()
    else:
        output.discard()
    run.config.site_dir = str(output.site_dir)  # gh-deploy reads it next


# --- files: add the generated pages of this language ----------------------------------


def _meta(page: VirtualPage) -> dict[str, str]:
    """What a generated page's front matter would say (keys in sorted order, as YAML loads them)."""
    # Material writes page titles and descriptions into HTML unescaped: escape them here.
    meta = {"template": page.template, "title": str(escape(page.title))}
    if page.description:
        meta["description"] = str(escape(page.description))
    return dict(sorted(meta.items()))


@event_priority(-200)  # after mkdocs-static-i18n has built its per-language file list
def _add_generated_pages(files: Files, config) -> Files:
    view = state.view
    state.pages = {}
    state.item_html = {}
    state.search = search.SearchIndex()
    state.cards = {}
    state.speed.start_language(config)
    if view.lang == view.default:  # written once, beside the other assets
        files.append(File.generated(config, brand.PATH, content=brand.css(state.site.content.site.brand)))
        _add_image_versions(files, config)
    _drop_image_originals(files)
    _drop_editor_files(files)
    template = files.get_file_from_path("feed.xsl")  # a template of ours (overrides/), not a file of the site
    if template is not None:
        files.remove(template)
    _add_editing_page(files, config, view.lang == view.default)
    preview = state.speed.preview
    if preview is not None:
        _start_preview_record(files, preview, Path(config.site_dir))
    existing = {file.src_uri for file in files}
    linked = _linked_pages(config, files) if preview is not None else set()
    for page in state.site.pages[view.lang].values():
        src_uri = f"{page.key}.{view.lang}.md"
        dest_uri = posixpath.join(view.prefix(), page.key + ("/index.html" if config.use_directory_urls else ".html"))
        kept = _kept_page(src_uri, page, dest_uri, config) if preview is not None else None
        if kept and page.key not in linked:
            # MkDocs need not know a page it would neither render nor link to: with thousands
            # of pages, what it does for each file is most of what an edit costs.
            state.pages[src_uri] = page
            continue
        # No front matter for MkDocs to parse as YAML (thousands of pages): on_page_markdown
        # gives the page its meta. The leading blank line tells MkDocs there is none.
        file = (speed.KeptPage if kept else File).generated(config, src_uri, content="" if kept else "\n" + page.body)
        file.dest_uri = dest_uri
        if src_uri in existing:
            raise PluginError(f"Generated page {src_uri} clashes with a file in docs/")
        files.append(file)
        state.pages[src_uri] = page
    return files


# --- the live preview: keep what an edit did not change (speed/preview.py) --------------


def _linked_pages(config, files: Files) -> set[str]:
    """The keys of the generated pages that the navigation, a hand-written page or an item's
    text links to: MkDocs must know these to write the links, even when it does not render them."""
    languages = state.site.languages.codes
    linked: set[str] = set()

    def walk(entry) -> None:
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
    content = state.site.content
    for kind in ("news", "events"):
        for versions in getattr(content, kind).values():
            for item in versions.values():
                linked |= linked_pages(item.body, kind, languages)
    return linked


def _start_preview_record(files: Files, preview: speed.Preview, site_dir: Path) -> None:
    """This language's record begins. The hand-written pages are always rendered (their
    templates may show anything); the previous redirects go before any page is written (all
    are written anew, and a page may take one's place)."""
    state.previous = preview.record(state.view.lang)
    state.record = speed.LanguageRecord(state.site_digest)
    state.inputs, state.recorders, state.kept = {}, {}, 0
    for file in files.documentation_pages():  # no generated page is in the list yet
        file.is_modified = _always  # what MkDocs asks each file under --dirty
    for path in state.previous.redirects if state.previous is not None else ():
        (site_dir / path).unlink(missing_ok=True)


def _always() -> bool:
    return True


def _kept_page(src_uri: str, page: VirtualPage, dest_uri: str, config) -> speed.PageRecord | None:
    """The record of a generated page whose previous output is still right, or None: render it."""
    view, previous = state.view, state.previous
    url = dest_uri[: -len("index.html")] if config.use_directory_urls else dest_uri
    inputs = page_inputs.page_inputs(page, state.site.alternates(view.lang, url, config.site_url or ""))
    state.inputs[src_uri] = inputs
    before = previous.pages.get(src_uri) if previous is not None and previous.site == state.site_digest else None
    if before is None or before.inputs != inputs:
        return None
    answers = page_inputs.same_answers(view, before.questions)
    if answers is None:
        return None
    # Recorded with this build's objects: the next build compares mostly identities (a record
    # from the second process, unpickled, holds copies that compare field by field).
    before.inputs, before.questions = inputs, answers
    state.record.pages[src_uri] = before
    state.kept += 1
    state.page_urls.setdefault(view.lang, []).append(before.url)
    if before.search is not None:
        state.search.put(before.search)
    if before.body_html is not None:
        state.item_html[page.key] = before.body_html
    return before


def _record_page(page, output_document: tuple[str, str] | None) -> None:
    """What a rendered page was made of, for the next build of the preview."""
    if state.record is None:
        return
    src_uri = page.file.src_uri
    generated = state.pages.get(src_uri)
    card = social.card_path(page.url)
    entry = speed.PageRecord(
        inputs=state.inputs.get(src_uri), questions=state.recorders.pop(src_uri).recorded() if src_uri in state.recorders else [],
        url=page.url, dest=page.file.dest_uri, search=output_document, card=card if card in state.cards else None,
        body_html=state.item_html.get(generated.key) if generated is not None and generated.template == "news_item.html" else None)
    (state.record.pages if generated is not None else state.record.hand_written)[src_uri] = entry


def _remove_pages_gone(site_dir: Path) -> None:
    """The pages (and their cards) the previous build of the preview wrote and this one has not:
    a deleted item's, say. Before the redirects: a renamed item's old address becomes one."""
    record, previous = state.record, state.previous
    written = {path for pages in (record.pages, record.hand_written) for entry in pages.values()
               for path in (entry.dest, entry.card) if path is not None}
    for pages, now in ((previous.pages, record.pages), (previous.hand_written, record.hand_written)):
        for src_uri, entry in pages.items():
            if src_uri not in now:
                for path in (entry.dest, entry.card):
                    if path is not None and path not in written:  # another page may have its address now
                        (site_dir / path).unlink(missing_ok=True)


def _finish_preview_record(site_dir: Path, feeds: dict[str, bytes], moved: set[str]) -> None:
    """Remove the feeds the previous build wrote and this one did not (a tag's that has no items
    left), and leave the record for the next build."""
    record, previous = state.record, state.previous
    record.feeds, record.redirects = feeds, moved
    if previous is not None:
        for path in previous.feeds.keys() - feeds.keys():
            (site_dir / path).unlink(missing_ok=True)
    state.speed.preview.keep(state.view.lang, record)
    log.info(f"Preview ({state.view.lang}): {len(record.pages) - state.kept} pages rendered, {state.kept} kept "
             f"(and {len(record.hand_written)} hand-written ones rendered)")


def _drop_editor_files(files: Files) -> None:
    """What an editor or the system left under docs/ or overrides/ (index.md~, main.html~,
    .DS_Store) is not published: MkDocs would copy it as a static file."""
    for file in [file for file in files if source_files.is_editor_file(posixpath.basename(file.src_uri))]:
        files.remove(file)


def _add_image_versions(files: Files, config) -> None:
    """The responsive versions of the images content names (encoded once, then from the cache),
    in place of the original files, which may be large and carry camera data."""
    if not state.site.pictures:
        return
    state.processing = "images"
    root = state.site.content.root
    versions, encoded, problems = images.encode(state.site.pictures, Path(config.docs_dir), root / IMAGE_CACHE)
    if problems:
        error = ContentError(problems)
        raise PluginError(f"Content has {len(error.problems)} problem(s); nothing was built:\n{error.report()}")
    log.info(f"Images: {len(state.site.pictures)}, encoded anew: {encoded} (the others from {IMAGE_CACHE})")
    for path, data in sorted(versions.items()):
        files.append(File.generated(config, path, content=data))


def _add_editing_page(files: Files, config, default_language: bool) -> None:
    """/admin/ (once, beside the default language): Decap CMS, its configuration from the
    content models, its preview script; index.html is written after the language is built."""
    scripts = [files.get_file_from_path(f"admin/{name}") for name in ("guard.js", "preview.js")]  # from overrides/
    if state.cms is None or not default_language:
        for script in scripts:
            if script is not None:
                files.remove(script)
        return
    root = state.site.content.root
    bundle = Path(os.environ.get("CLUSTER_SITE_CMS_BUNDLE") or root / CMS_BUNDLE)
    names = cms.bundle_files(bundle)
    if not names:
        raise PluginError(f"The editing page /admin/ needs Decap CMS in {bundle}: run `make build` (it fetches "
                          "the pinned version), or set `cms: false` under `extra:` in mkdocs.yml for a site without it.")
    for name in names:
        file = File(name, str(bundle), config.site_dir, config.use_directory_urls)
        file.dest_uri = f"admin/{name}"
        files.append(file)
    plugin = _i18n(config)
    language_names = {lang.locale: lang.name for lang in plugin.config.languages}
    def settings() -> str:
        return cms.render(cms.config_for(state.site.content, state.cms, language_names, state.view.t))

    preview = state.speed.preview  # the form changes only with the models, tags and texts
    text = preview.remembered("admin/config.yml", settings) if preview is not None else settings()
    files.append(File.generated(config, "admin/config.yml", content=text))
    sheets = [f.src_uri for f in files if fnmatch.fnmatch(f.src_uri, "assets/stylesheets/*.min.css")]
    state.cms_styles = ["../" + uri for uri in dict.fromkeys((*sorted(sheets), brand.PATH, *config.extra_css))]


def _write_editing_page(config) -> None:
    view = state.view
    if state.cms is None or view.lang != view.default:
        return
    page = state.env.get_template("admin/index.html").render(
        t=view.t, lang=view.lang, site_name=config.site_name, styles=state.cms_styles,
        favicon=state.site.content.site.brand.favicon,
        policy=None if run.serving else cms.content_security_policy(state.cms))
    (Path(config.site_dir) / "admin" / "index.html").write_text(page, encoding="utf-8")


def _drop_image_originals(files: Files) -> None:
    for src in state.site.pictures:
        original = files.get_file_from_path(src)
        if original is not None:
            files.remove(original)


on_files = CombinedEvent(_start_other_languages, _add_generated_pages)


@event_priority(100)  # before any other plugin looks at the page
def on_page_markdown(markdown, page, config, files):
    generated = state.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta = _meta(generated)
    else:  # Material writes a page's title, description and author into HTML unescaped
        page.meta = {key: str(escape(value)) if isinstance(value, str) and key != "template" else value
                     for key, value in page.meta.items()}
    return markdown


def _processing(page) -> str:
    """The file a page comes from, for a message if the build crashes on it."""
    generated = state.pages.get(page.file.src_uri)
    item = generated.data.get("item") if generated is not None else None
    if item is not None:
        return item.path
    if generated is not None:
        return f"{generated.template} ({page.file.src_uri})"
    return safe_html.relative_path(page.file.abs_src_path, state.site.content.root)


def on_pre_page(page, config, files):
    state.processing = _processing(page)  # Markdown is rendered next
    state.speed.prepare_page(page)
    return page


def _unsafe_markup(html: str, page, generated: VirtualPage | None) -> list[Problem]:
    """What the allowlist forbids in this page's rendered Markdown, located in its source file."""
    if not html:
        return []
    if generated is not None:
        item = generated.data.get("item")
        return safe_html.problems_in(html, item.path, item.body, item.body_line) if item is not None and generated.body else []
    if getattr(page.file, "locale", state.view.lang) != state.view.lang:
        return []  # a fallback page: its own language's build reports it
    root = state.site.content.root
    return safe_html.problems_in(html, safe_html.relative_path(page.file.abs_src_path, root), page.file.content_string)


def on_page_content(html, page, config, files):
    generated = state.pages.get(page.file.src_uri)
    # Found problems stop the build at its end (all languages reported); the sanitizer makes
    # sure nothing it forbids reaches a page, a feed or the search index in any case.
    state.unsafe += _unsafe_markup(html, page, generated)
    html = safe_html.sanitize(html)
    if generated is not None and generated.template == "news_item.html":
        # The feeds reuse the page's HTML (same Markdown extensions, rendered once).
        state.item_html[generated.key] = absolute_links(html, (config.site_url or "") + page.url)
    return html


def on_nav(nav, config, files):
    state.nav = nav  # kept for rendering this language's 404 page
    for page in nav.pages:
        generated = state.pages.get(page.file.src_uri)
        if generated is not None and isinstance(page.file, speed.KeptPage):
            # Not rendered in this build of the preview, but named in the navigation of those that are.
            page.meta = _meta(generated)
            page.title = page.meta["title"]
    return nav


def on_env(env, config, files):
    # MkDocs renders without autoescaping; our own templates escape everything they print
    # (content may contain "<" or "&"), Material's templates stay as they are.
    overrides = Path(config.theme.custom_dir)
    ours = {p.relative_to(overrides).as_posix() for p in (*overrides.rglob("*.html"), *overrides.rglob("*.xsl"))} - {"main.html"}
    env.autoescape = lambda name: name in ours
    theme_language.add_missing_language(env, config.theme["language"])
    state.speed.prepare_environment(env, state.nav)
    state.env = env
    return env


# --- pages: data for the templates, and the language switcher -------------------------


def _context(context, page_url: str, config, source_lang: str | None, tag: str | None = None, view=None):
    view = view or state.view  # a page of the live preview gets a view that notes what it asks
    # Not while serving: the live preview injects an inline script of its own.
    context["content_security_policy"] = None if run.serving else safe_html.content_security_policy()
    alternates = state.site.alternates(view.lang, page_url, config.site_url or "")
    # Material's head writes config.extra.alternate as hreflang links (absolute here);
    # our partials/alternate.html uses the relative "href" so the switcher also works
    # from the file system. Reset per page: the plugin leaves stale values on pages it
    # does not know.
    # hreflang only names real translations; the switcher also offers the stand-ins.
    config.extra.alternate = [alt for alt in alternates if alt["exists"]]
    context["site_view"] = view
    context["t"] = view.t
    context["is_home"] = False
    context["alternates"] = alternates
    context["x_default"] = alternates[0]["link"] if alternates[0]["exists"] else None
    context["source_lang"] = source_lang if source_lang != view.lang else None
    # A tag's page offers (and announces) the tag's feeds; every other page the whole site's.
    context["feeds"] = subscription(view, config.site_url or "", config.site_name, tag)
    return context


@event_priority(-200)
def on_page_context(context, page, config, nav):
    generated = state.pages.get(page.file.src_uri)
    if generated is not None:
        context.update(generated.data)
        source_lang = generated.source_lang
    else:  # a hand-written page from docs/; mkdocs-static-i18n may have fallen back
        source_lang = getattr(page.file, "locale", None)
    state.processing = _processing(page)  # its template is rendered next
    state.page_urls.setdefault(state.view.lang, []).append(page.url)
    view = state.view
    if state.record is not None and generated is not None:
        view = state.recorders[page.file.src_uri] = page_inputs.RecordingView(state.view)
    template = generated.template if generated is not None else page.meta.get("template", "")
    context["structured_data"] = structured.for_page(
        view, template, context.get("item"), page.canonical_url or "", config.site_url or "")
    home = page.url in ("", "./", state.view.url(""))  # in every language (Page.is_homepage: the default one's only)
    context["social_card"] = _social_card(page, config, home)
    tag = generated.data.get("tag") if generated is not None and generated.template == "tag.html" else None
    context = _context(context, page.url, config, source_lang, tag, view)
    context["is_home"] = home
    return context


def _social_card(page, config, home: bool) -> dict[str, str] | None:
    """The picture a shared link to this page shows (drawn after the language is built)."""
    if not config.extra.get("social_cards", True) or not page.title:
        return None
    view, site = state.view, state.site.content.site
    # The home page's title is the page's name ("Startseite"); its card says what the cluster does.
    title = view.t.pick(site.tagline) if home else Markup(page.title).striptags()
    path = social.card_path(page.url)
    state.cards[path] = social.Card(title, config.site_name, site.short_name, site.brand.primary, site.brand.accent,
                                    state.address)
    return {"url": (config.site_url or "") + path, "alt": title, "width": social.WIDTH, "height": social.HEIGHT}


@event_priority(-200)
def on_template_context(context, template_name, config):
    if template_name == "404.html":
        return _context(context, "", config, None)
    return context


def on_post_page(output, page, config):
    output = markup.repair(output)  # valid HTML (Nu checker) where Material's markup is not
    document = state.search.add(page.url, output)
    _record_page(page, document)
    return output


def on_post_template(output_content, template_name, config):
    return markup.repair(output_content)


# --- post build: one 404 per language; at the very end, the sitemap -------------------


def _write_404(config) -> None:
    """mkdocs-static-i18n would leave one 404 for all languages (the last one built)."""
    view = state.view
    if view.lang == view.default:
        return  # MkDocs writes the default language's 404.html itself
    from mkdocs.commands.build import _build_theme_template

    # Render into the language folder by pointing site_dir there for this one template.
    site_dir = config.site_dir
    config.site_dir = str(Path(site_dir) / view.lang)
    try:
        _build_theme_template("404.html", state.env, Files([]), config, state.nav)
    finally:
        config.site_dir = site_dir


def _per_language(config) -> None:
    state.processing = f"{state.view.lang}: 404.html"
    _write_404(config)
    state.processing = f"{state.view.lang}: admin/index.html"
    _write_editing_page(config)
    site_dir = Path(config.site_dir)
    state.processing = f"{state.view.lang}: social cards"
    drawn = social.write(site_dir, state.cards, state.site.content.root / CARD_CACHE)
    log.info(f"Social cards ({state.view.lang}): {len(state.cards)}, drawn anew: {drawn} (the others from {CARD_CACHE})")
    state.processing = f"{state.view.lang}: feeds, redirects, search index"
    previous, preview = state.previous, state.speed.preview
    feeds = write_feeds(site_dir, state.view, config.site_url or "", config.site_name, state.item_html,
                        _feed_stylesheet(config), _page_size(config, "feed_size", FEED_SIZE),
                        preview.feed_parts if preview is not None else None, previous.feeds if previous is not None else None)
    if previous is not None:
        _remove_pages_gone(site_dir)
    moved = redirects.write(site_dir, state.view, config.site_url or "")
    bundle = site_dir / state.view.prefix() / "pagefind"
    if preview is None:
        try:
            state.search.write(bundle)
        except search.SearchIndexError as error:
            raise PluginError(str(error))
    elif previous is not None:  # the edited page shows first; an error is logged there
        preview.search_later(state.view.lang, functools.partial(_replace_search_index, state.search, bundle, state.view.lang, in_background=True))
    else:
        preview.wait_for_search()  # an earlier build's, still being written
        try:
            _replace_search_index(state.search, bundle, state.view.lang)
        except search.SearchIndexError as error:
            raise PluginError(str(error))
    if state.record is not None:
        _finish_preview_record(site_dir, feeds, moved)
    config.extra.alternate = []  # no stale switcher links into the next language's build


def _replace_search_index(index: search.SearchIndex, bundle: Path, lang: str, in_background: bool = False) -> None:
    """The preview's search index: written beside the old one, which it then replaces
    (Pagefind's file names change with the content). SearchIndexError if Pagefind fails."""
    fresh, old = bundle.with_name(bundle.name + ".new"), bundle.with_name(bundle.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index.write(fresh, in_background)
    except search.SearchIndexError:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    log.info(f"Search index ({lang}) written")


def _feed_stylesheet(config) -> str:
    """feed.xsl for this language: a feed opened in a browser reads as a page of the site."""
    view = state.view
    root = urlsplit(config.site_url or "/").path or "/"  # feeds sit in different folders: links from the root
    pattern = view.t.long_date_pattern()  # a language without its own feed.date: babel's long date
    return state.env.get_template("feed.xsl").render(
        t=view.t, lang=view.lang, site_name=config.site_name, root=root, brand_css=brand.PATH,
        favicon=state.site.content.site.brand.favicon,
        home=without_index(view.url("")), subscribe=view.url("subscribe"),
        date_parts=[part for part in re.split(r"(\{day\}|\{month\}|\{year\})", pattern) if part],
        months=list(view.t.month_names().items()))


def _final(config) -> None:
    if state.other_languages is not None:
        worker, state.other_languages = state.other_languages, None
        try:
            result = worker.join()
        except speed.WorkerFailed as error:
            raise PluginError(f"Building the other languages failed: {error}")
        state.page_urls.update(result["page_urls"])
        state.unsafe += [Problem(path, line, field, code, tuple(args)) for path, line, field, code, args in result["unsafe"]]
        if state.speed.preview is not None:
            state.speed.preview.take_spooled_later()
    elif _i18n(config).building:
        return  # a nested per-language build: the outer build finishes the job
    if state.unsafe:
        problems = ContentError(state.unsafe)
        raise PluginError(f"Content has {len(problems.problems)} problem(s); nothing was published:\n{problems.report()}")
    site_dir, site_url = Path(config.site_dir), config.site_url or ""
    preview = state.speed.preview
    if preview is None or not preview.unchanged("sitemap", (site_url, {lang: sorted(urls) for lang, urls in state.page_urls.items()})):
        sitemap.write(site_dir, site_url, state.view.languages, state.page_urls)
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    # Response headers for hosts that read such a file (Netlify, Cloudflare Pages); the same
    # policy is in every page's <meta http-equiv>, which GitHub Pages and the file system use.
    own = {"admin": cms.content_security_policy(state.cms)} if state.cms is not None else {}
    (site_dir / "_headers").write_text(safe_html.headers_file(own), encoding="utf-8")
    if preview is not None:
        preview.collect_later()
    run.finished = True


on_post_build = CombinedEvent(event_priority(0)(_per_language), event_priority(-200)(_final))
