"""What is written after MkDocs has written a language's pages (its 404 page, the editing page,
social cards, feeds, redirects, search index), and, once every language is built, what the
whole site has once (sitemap, robots.txt, _headers)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from .. import safe_html
from ..content.problems import ContentError
from ..editors import cms, editing_page
from ..outputs import brand, feeds, redirects, search, sitemap, social
from . import i18n_plugin
from .site_build import LanguageBuild, SiteBuild, page_size
from .. import LOGGER

log = logging.getLogger(LOGGER)
CARD_CACHE = ".cache/social"  # under the project root; safe to delete


def write_language_outputs(build: SiteBuild, config: MkDocsConfig) -> None:
    language, site_dir = build.current, Path(config.site_dir)
    build.processing = f"{language.lang}: 404.html"
    _write_404(language, config)
    build.processing = f"{language.lang}: admin/index.html"
    editing_page.write_page(build, config)
    build.processing = f"{language.lang}: social cards"
    drawn = social.write(site_dir, language.cards, build.root / CARD_CACHE)
    log.info(f"Social cards ({language.lang}): {len(language.cards)}, drawn anew: {drawn} (the others from {CARD_CACHE})")
    build.processing = f"{language.lang}: feeds, redirects, search index"
    preview = language.preview
    written = feeds.write_feeds(site_dir, language.view, config.site_url or "", config.site_name, language.item_html,
                                _feed_stylesheet(build, language, config), page_size(config, "feed_size", feeds.FEED_SIZE),
                                *(preview.feed_parts() if preview is not None else (None, None)))
    if preview is not None:
        preview.remove_pages_gone(site_dir)  # before the redirects: a renamed item's old address becomes one
    moved = redirects.write(site_dir, language.view, config.site_url or "")
    bundle = site_dir / language.view.prefix() / "pagefind"
    try:
        if preview is None:
            language.search.write(bundle)
        else:
            preview.write_search_index(language.search, bundle)
    except search.SearchIndexError as error:
        raise PluginError(str(error))
    if preview is not None:
        preview.finish(site_dir, written, moved)
    i18n_plugin.set_alternates(config, [])  # no stale switcher links into the next language's build


def _write_404(language: LanguageBuild, config: MkDocsConfig) -> None:
    """The 404 page of a language after the default one, in its own folder (mkdocs-static-i18n
    would leave one for all, the last language's). MkDocs writes the default language's itself;
    this renders the theme's template as MkDocs does, through its public plugin events."""
    if language.is_default:
        return
    name = "404.html"
    assert language.env is not None and language.nav is not None, "on_env and on_nav have run"
    template = config.plugins.on_pre_template(language.env.get_template(name), template_name=name, config=config)
    # An error page links from the site's root, as MkDocs makes it (mkdocs/mkdocs#77, #1598).
    context = get_context(language.nav, Files([]), config, base_url=urlsplit(config.site_url or "/").path)
    context = config.plugins.on_template_context(context, template_name=name, config=config)
    output = config.plugins.on_post_template(template.render(context), template_name=name, config=config)
    utils.write_file(output.encode("utf-8"), str(Path(config.site_dir) / language.lang / name))


def _feed_stylesheet(build: SiteBuild, language: LanguageBuild, config: MkDocsConfig) -> str:
    assert language.env is not None, "on_env has run"
    return feeds.stylesheet(language.env.get_template("feed.xsl"), language.view, config.site_url or "", config.site_name,
                            brand.PATH, build.site.content.site.brand.favicon)


def write_site_outputs(build: SiteBuild, config: MkDocsConfig) -> None:
    """Every language is built (the others, maybe, by a second process): stop if the HTML
    allowlist found anything in any language, else write what the whole site has once."""
    build.join_other_languages()
    if build.unsafe:
        build.command.stop_on(ContentError(build.unsafe), nothing_was="published")
    site_dir, site_url = Path(config.site_dir), config.site_url or ""
    if not build.speed.unchanged("sitemap", (site_url, {lang: sorted(urls) for lang, urls in build.page_urls.items()})):
        sitemap.write(site_dir, site_url, build.site.languages.codes, build.page_urls)
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    # Response headers for hosts that read such a file (Netlify, Cloudflare Pages); the same
    # policy is in every page's <meta http-equiv>, which GitHub Pages and the file system use.
    own = {"admin": cms.content_security_policy(build.cms)} if build.cms is not None else {}
    (site_dir / "_headers").write_text(safe_html.headers_file(own), encoding="utf-8")
    build.speed.built()
    build.command.finished = True
