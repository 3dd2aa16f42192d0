"""One build of the site (every language), and the pass of each language through MkDocs.

`SiteBuild` is made in the default language's `on_config`: it loads the content into the site
model once, and holds what the languages' passes share (what the HTML allowlist found, the
pages written, the other languages' process). `LanguageBuild` is one language's pass: its view
of the site model, its generated pages, and what its pages hand to the outputs written after it
(feeds, search index, social cards).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.utils.yaml import yaml_load
from yaml import YAMLError

from ..content import missing_operator_facts
from ..content.problems import ContentError, Problem
from ..editors import cms
from ..editors.translation_status import translation_status
from ..outputs import brand, social
from ..outputs.search import SearchIndex
from ..outputs.feeds import FEED_SIZE
from ..pages import VirtualPage
from ..site_model import SiteModel, build_date, configured_page_size, load_site
from ..site_view import DEFAULT_PAGE_SIZE, SiteView
from . import i18n_plugin
from .command import Command
from .plain import LanguagePreview, LanguagesElsewhere, Plain, SecondProcessFailed, shortcuts
from .. import LOGGER

if TYPE_CHECKING:
    from jinja2 import Environment

log = logging.getLogger(LOGGER)


def page_size(config: MkDocsConfig, key: str = "page_size", default: int = DEFAULT_PAGE_SIZE) -> int:
    """mkdocs.yml's extra.page_size (or feed_size); PluginError naming a wrong value."""
    try:
        return configured_page_size(dict(config.extra), key, default)
    except ValueError as error:
        raise PluginError(str(error))


def public_address(config: MkDocsConfig, serving: bool) -> str:
    """The site's address without scheme (www.example.org/path), as mkdocs.yml gives it:
    `mkdocs serve` puts its own in config.site_url, but the preview's social cards show what the
    published ones will (and are the same pictures, drawn once for both). mkdocs.yml is read
    again with MkDocs' own loader (its !ENV tags and INHERIT)."""
    site_url = config.site_url or ""
    if serving:
        try:
            with open(config.config_file_path, encoding="utf-8") as file:
                site_url = (yaml_load(file) or {}).get("site_url") or site_url
        except (OSError, ValueError, YAMLError, AttributeError):  # MkDocs has read the file already
            pass
    address = urlsplit(str(site_url))
    return (address.netloc + address.path).rstrip("/")


@dataclass
class LanguageBuild:
    """One language's pass through MkDocs."""

    view: SiteView
    pages: dict[str, VirtualPage] = field(default_factory=dict)  # src_uri -> generated page
    item_html: dict[str, str] = field(default_factory=dict)  # news key -> rendered body, for the feeds
    search: SearchIndex = field(default_factory=SearchIndex)  # this language's searchable pages
    cards: dict[str, social.Card] = field(default_factory=dict)  # site path -> social card
    env: Environment | None = None  # this language's templates (on_env)
    nav: Navigation | None = None  # kept for rendering this language's 404 page
    preview: LanguagePreview | None = None  # the live preview's bookkeeping: which pages it keeps

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def is_default(self) -> bool:
        return self.view.lang == self.view.default


class SiteBuild:
    """What one build (all languages) shares between MkDocs' events."""

    def __init__(self, command: Command, config: MkDocsConfig, site: SiteModel, speed: Plain) -> None:
        self.command = command
        self.site = site
        self.speed = speed
        self.root = site.content.root  # the folder of mkdocs.yml, absolute
        self.address = public_address(config, command.serving)  # as the social cards show it
        self.cms = _cms_settings(config)  # the editing page /admin/, unless `extra.cms: false`
        self.cms_styles: list[str] = []  # the site's stylesheets, for the editing page's preview
        self.unsafe: list[Problem] = []  # what the HTML allowlist forbids in rendered pages (all languages)
        self.page_urls: dict[str, list[str]] = {}  # language -> site-relative page URLs built
        self.other_languages: LanguagesElsewhere | None = None  # a process building them, if any
        self.passes: list[LanguageBuild] = []  # the languages being built: each further one inside the default one's
        self.processing = "mkdocs.yml"  # the file being worked on, named if the build crashes

    @classmethod
    def begin(cls, command: Command, config: MkDocsConfig) -> SiteBuild:
        """The default language's `on_config`: read and check all content (a problem is named
        before site/ is touched), and report what the operator has yet to fill in."""
        command.stage_output(config)
        languages = i18n_plugin.languages(config)
        try:
            speed = command.speed = shortcuts(config.site_dir if command.previewing else None)
        except ValueError as error:  # speed.SpeedSettingError: CLUSTER_SITE_SPEED or CLUSTER_SITE_JOBS means nothing
            raise PluginError(str(error))
        speed.begin(config, languages, command.previewing)
        root = Path(config.config_file_path).resolve().parent  # absolute, as MkDocs makes docs_dir
        try:
            site = load_site(root, languages, Path(config.docs_dir), build_date(), config.use_directory_urls,
                             page_size(config), in_parts=speed.in_parts, read_files=speed.read_files)
            page_size(config, "feed_size", FEED_SIZE)  # a wrong value is named before anything is built
        except ContentError as error:
            command.stop_on(error)
        build = cls(command, config, site, speed)
        speed.begin_site(site, config)
        speed.prepare_theme(config.theme)
        build.report_to_operator(config)
        return build

    def report_to_operator(self, config: MkDocsConfig) -> None:
        """What the operator has yet to fill in, and the translations' status: reported, never
        fatal (INFO: `--strict` fails on warnings)."""
        for fact in missing_operator_facts(self.site.content):
            log.info(f"Operator must fill in: {fact.format()}")
        if self.cms is not None and not self.cms.repo:
            log.info("Operator must fill in: mkdocs.yml: extra.cms.repo: the GitHub repository (owner/name) "
                     "the editing page /admin/ commits to (until then it works with `make edit` only)")
        if self.speed.reports_translations():  # details: `cluster-site translations`
            for status in translation_status(self.root, self.site.content, Path(config.docs_dir)):
                log.info(f"Translation {status.format()}")

    def start_language(self, config: MkDocsConfig) -> LanguageBuild:
        """Each language's `on_config`: its view, brand and templates."""
        view = self.site.views[i18n_plugin.language_being_built(config)]
        language = LanguageBuild(view)
        self.passes.append(language)
        # Logo, favicon and colours from content/site.yml (brand), not from mkdocs.yml or code.
        site_brand = self.site.content.site.brand
        config.theme["logo"] = site_brand.logo
        config.theme["favicon"] = site_brand.favicon
        if brand.PATH not in config.extra_css:
            config.extra_css.insert(0, brand.PATH)  # before cluster.css, which reads its properties
        # One sitemap for all languages at the end (site_outputs.py), one 404 page per language.
        config.theme.static_templates.discard("sitemap.xml")
        if language.is_default:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        i18n_plugin.set_alternates(config, [])  # set per page (page_context.py)
        return language

    @property
    def current(self) -> LanguageBuild:
        """The language being built."""
        assert self.passes, "a language's on_config comes first"
        return self.passes[-1]

    def end_language(self) -> bool:
        """A language's pass ends; whether it was the outermost one, inside which
        mkdocs-static-i18n has built the others (then the whole site is built)."""
        self.passes.pop()
        return not self.passes

    def start_other_languages(self, config: MkDocsConfig) -> None:
        """The default language's files are known: the others may be built meanwhile (speed layer)."""
        languages = self.site.languages
        others = [lang for lang in languages.codes if lang != languages.default]
        self.other_languages = self.speed.other_languages(config, others, self.other_languages_report)

    def other_languages_report(self) -> dict[str, Any]:
        """What the process that builds the other languages reports back (as JSON)."""
        default = self.site.languages.default
        return {"page_urls": {lang: urls for lang, urls in self.page_urls.items() if lang != default},
                "unsafe": [[p.path, p.line, p.field, p.code, list(p.args)] for p in self.unsafe]}

    def join_other_languages(self) -> None:
        """Wait for the second process, and take over what it found."""
        worker, self.other_languages = self.other_languages, None
        if worker is None:
            return
        try:
            report = worker.join()
        except SecondProcessFailed as error:
            raise PluginError(f"Building the other languages failed: {error}")
        self.page_urls.update(report["page_urls"])
        self.unsafe += [Problem(path, line, field, code, tuple(args)) for path, line, field, code, args in report["unsafe"]]
        self.speed.joined_other_languages()

    def failed(self) -> None:
        """The build failed: no process goes on writing into it, nor leaves a record of it."""
        if self.other_languages is not None:
            self.other_languages.cancel()
            self.other_languages = None
        self.speed.failed()


def _cms_settings(config: MkDocsConfig) -> cms.CmsSettings | None:
    try:
        return cms.CmsSettings.from_extra(config.extra.get("cms"))
    except (TypeError, ValueError) as error:
        raise PluginError(str(error))
