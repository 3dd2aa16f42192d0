"""What each page's templates get: a generated page's data from the site model, the language
switcher, feeds, structured data and social card; and what its rendered Markdown hands on
(checked against the HTML allowlist, and a news item's body for the feeds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import safe_html, theme_language
from ..content.problems import Problem
from ..outputs import markup, social, structured
from ..outputs.feeds import absolute_links, subscription
from ..pages import VirtualPage
from ..site_view import SiteView
from . import i18n_plugin, theme
from .site_build import LanguageBuild, SiteBuild


def meta(page: VirtualPage) -> dict[str, str]:
    """What a generated page's front matter would say (keys in sorted order, as YAML loads them)."""
    # Material writes page titles and descriptions into HTML unescaped: escape them here.
    fields = {"template": page.template, "title": str(escape(page.title))}
    if page.description:
        fields["description"] = str(escape(page.description))
    return dict(sorted(fields.items()))


def give_meta(language: LanguageBuild, page: Page) -> None:
    """A generated page's meta from the model; a hand-written page's, escaped (Material writes
    a page's title, description and author into HTML unescaped)."""
    generated = language.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta = meta(generated)
    else:
        page.meta = {key: str(escape(value)) if isinstance(value, str) and key != "template" else value
                     for key, value in page.meta.items()}


def source_of(build: SiteBuild, page: Page) -> str:
    """The file a page comes from, for a message if the build crashes on it."""
    generated = build.current.pages.get(page.file.src_uri)
    item = generated.data.get("item") if generated is not None else None
    if item is not None:
        return item.path
    if generated is not None:
        return f"{generated.template} ({page.file.src_uri})"
    return safe_html.relative_path(page.file.abs_src_path or page.file.src_uri, build.site.content.root)


def checked_html(build: SiteBuild, html: str, page: Page, config: MkDocsConfig) -> str:
    """A page's rendered Markdown, through the HTML allowlist. What it forbids is collected and
    stops the build at its end (all languages reported); nothing forbidden reaches a page, a
    feed or the search index in any case."""
    language = build.current
    generated = language.pages.get(page.file.src_uri)
    build.unsafe += _unsafe_markup(build, html, page, generated)
    html = safe_html.sanitize(html)
    if generated is not None and generated.template == "news_item.html":
        # The feeds reuse the page's HTML (same Markdown extensions, rendered once).
        language.item_html[generated.key] = absolute_links(html, (config.site_url or "") + page.url)
    return html


def _unsafe_markup(build: SiteBuild, html: str, page: Page, generated: VirtualPage | None) -> list[Problem]:
    """What the allowlist forbids in this page's rendered Markdown, located in its source file."""
    if not html:
        return []
    if generated is not None:
        item = generated.data.get("item")
        return safe_html.problems_in(html, item.path, item.body, item.body_line) if item is not None and generated.body else []
    if i18n_plugin.file_language(page.file) not in (None, build.current.lang):
        return []  # a fallback page: its own language's build reports it
    root = build.site.content.root
    return safe_html.problems_in(html, safe_html.relative_path(page.file.abs_src_path or page.file.src_uri, root),
                                 page.file.content_string)


def page_context(build: SiteBuild, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """A page's template context: a generated page's data, and what every page shows."""
    language = build.current
    generated = language.pages.get(page.file.src_uri)
    if generated is not None:
        context.update(generated.data)
        source_lang = generated.source_lang
    else:  # a hand-written page from docs/; mkdocs-static-i18n may have fallen back to the default's
        source_lang = i18n_plugin.file_language(page.file)
    build.page_urls.setdefault(language.lang, []).append(page.url)
    view: SiteView = language.view
    if language.preview is not None and generated is not None:
        view = language.preview.recording_view(page.file.src_uri, view)  # notes what the page asks
    template = generated.template if generated is not None else page.meta.get("template", "")
    context["structured_data"] = structured.for_page(
        view, template, context.get("item"), page.canonical_url or "", config.site_url or "")
    home = page.url in ("", "./", language.view.url(""))  # in every language (Page.is_homepage: the default one's only)
    context["social_card"] = _social_card(build, page, config, home)
    tag = generated.data.get("tag") if generated is not None and generated.template == "tag.html" else None
    context = shared_context(build, context, page.url, config, source_lang, tag, view)
    context["is_home"] = home
    return context


def shared_context(build: SiteBuild, context: dict[str, Any], page_url: str, config: MkDocsConfig,
                   source_lang: str | None, tag: str | None = None, view: SiteView | None = None) -> dict[str, Any]:
    """What every page's templates get, the 404 page's too."""
    view = view or build.current.view
    # Not while serving: the live preview injects an inline script of its own.
    context["content_security_policy"] = None if build.command.serving else safe_html.content_security_policy()
    alternates = build.site.alternates(view.lang, page_url, config.site_url or "")
    # Material's head writes config.extra.alternate as hreflang links (absolute here); our
    # partials/alternate.html uses the relative "href" so the switcher also works from the file
    # system. Reset per page: mkdocs-static-i18n leaves stale values on pages it does not know.
    # hreflang only names real translations; the switcher also offers the stand-ins.
    i18n_plugin.set_alternates(config, [alt for alt in alternates if alt["exists"]])
    context["site_view"] = view
    context["t"] = view.t
    context["is_home"] = False
    context["alternates"] = alternates
    context["x_default"] = alternates[0]["link"] if alternates[0]["exists"] else None
    context["source_lang"] = source_lang if source_lang != view.lang else None
    # A tag's page offers (and announces) the tag's feeds; every other page the whole site's.
    context["feeds"] = subscription(view, config.site_url or "", config.site_name, tag)
    return context


def _social_card(build: SiteBuild, page: Page, config: MkDocsConfig, home: bool) -> dict[str, Any] | None:
    """The picture a shared link to this page shows (drawn after the language is built)."""
    if not config.extra.get("social_cards", True) or not page.title:
        return None
    language, site = build.current, build.site.content.site
    # The home page's title is the page's name ("Startseite"); its card says what the cluster does.
    title = (language.view.t.pick(site.tagline) or config.site_name) if home else Markup(page.title).striptags()
    path = social.card_path(page.url)
    language.cards[path] = social.Card(title, config.site_name, site.short_name, site.brand.primary, site.brand.accent,
                                       build.address)
    return {"url": (config.site_url or "") + path, "alt": title, "width": social.WIDTH, "height": social.HEIGHT}


def name_kept_pages(build: SiteBuild, nav: Navigation) -> None:
    """Pages the live preview does not render in this build, but names in the navigation of
    those it does: their titles from the model."""
    language = build.current
    language.nav = nav  # kept for rendering this language's 404 page
    for page in nav.pages:
        generated = language.pages.get(page.file.src_uri)
        if generated is not None and build.speed.is_kept(page.file):
            page.meta = meta(generated)
            page.title = page.meta["title"]


def prepare_templates(build: SiteBuild, env: Environment, config: MkDocsConfig) -> None:
    """This language's template environment. MkDocs renders without autoescaping; our own
    templates (the generator's theme and a site's overrides/) escape everything they print
    (content may contain "<" or "&"), Material's templates stay as they are."""
    ours = theme.own_templates(config)
    env.autoescape = lambda name: name in ours
    theme_language.add_missing_language(env, config.theme["language"])
    build.speed.prepare_environment(env, build.current.nav)
    build.current.env = env


def finished_page(language: LanguageBuild, output: str, page: Page) -> str:
    """A page's HTML as it is written: valid (Nu checker) where Material's markup is not, in its
    language's search index, and noted by the live preview."""
    output = markup.repair(output)
    document = language.search.add(page.url, output)
    if language.preview is not None:
        language.preview.record_page(language, page.file.src_uri, page.url, page.file.dest_uri, document)
    return output
