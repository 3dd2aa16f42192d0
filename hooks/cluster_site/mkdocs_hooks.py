"""The generator's MkDocs hooks: each event of a build, handed to the one function of `cluster_site`
that does its job. A site's hooks/cluster_hooks.py imports them (mkdocs.yml `hooks:`).

The data's way: content files -> validated models -> one site model (cluster_site.site_model,
built in the default language's on_config) -> templates -> HTML. What each event does is in
cluster_site/mkdocs_build/ (its __init__ has the map); everything it reads comes from the site model.

mkdocs-static-i18n owns the build loop: it builds the default language, then, from its own
on_post_build, each further language, so every event from on_config on runs once per language.
A second engine that keeps MkDocs 1.x's plugin API (ProperDocs) runs these same hooks.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from cluster_site.editors.preview_errors import ErrorsInTheBrowser
from cluster_site.mkdocs_build import generated_files, i18n_plugin, page_context, site_outputs, theme
from cluster_site.mkdocs_build.command import Command
from cluster_site.mkdocs_build.site_build import SiteBuild
from cluster_site.outputs import markup

# The one handle MkDocs needs to reach the build: this process's command, which holds the build
# under way (mkdocs-static-i18n runs every event from on_config on once per language).
this_command = Command()


def build() -> SiteBuild:
    assert this_command.build is not None, "on_config makes the build"
    return this_command.build


def on_startup(command: str, dirty: bool) -> None:
    this_command.start(command, dirty)


# --- a build, and each language's pass ----------------------------------------------------


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if i18n_plugin.language_being_built(config) == i18n_plugin.languages(config).default:
        # Each build starts with the default language: the content read afresh. Until it is, no
        # build is under way (a content error must not fail the previous one: on_build_error).
        this_command.build = None
        this_command.build = SiteBuild.begin(this_command, config)
    theme.add_generator_theme(config)  # the generator's templates under the site's overrides/
    build().start_language(config)
    return config


@event_priority(100)  # first: MkDocs has just cleaned site_dir, nothing is written yet
def _start_other_languages(files: Files, config: MkDocsConfig) -> Files:
    if build().current.is_default:
        build().start_other_languages(config)
    return files


@event_priority(-200)  # after mkdocs-static-i18n has made this language's file list
def _add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    return generated_files.add_generated_files(build(), files, config)


on_files = CombinedEvent(_start_other_languages, _add_generated_files)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    page_context.name_kept_pages(build(), nav)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    page_context.prepare_templates(build(), env, config)
    return env


# --- each page -------------------------------------------------------------------------------


@event_priority(100)  # before any other plugin looks at the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page_context.give_meta(build().current, page)
    return markdown


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    build().processing = page_context.source_of(build(), page)  # its Markdown is rendered next
    build().speed.prepare_page(page)
    return page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return page_context.checked_html(build(), html, page, config)


@event_priority(-200)  # after mkdocs-static-i18n's and Material's context
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    build().processing = page_context.source_of(build(), page)  # its template is rendered next
    return page_context.page_context(build(), context, page, config)


@event_priority(-200)
def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        return page_context.shared_context(build(), context, "", config, None)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return page_context.finished_page(build().current, output, page)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return markup.repair(output_content)


# --- after the pages: each language's outputs; once every language is built, the site's -------


@event_priority(0)  # before mkdocs-static-i18n (-100) builds the next language
def _write_language_outputs(config: MkDocsConfig) -> None:
    site_outputs.write_language_outputs(build(), config)


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages inside this pass
def _write_site_outputs(config: MkDocsConfig) -> None:
    if build().end_language():
        site_outputs.write_site_outputs(build(), config)


on_post_build = CombinedEvent(_write_language_outputs, _write_site_outputs)


def on_build_error(error: Exception) -> None:
    this_command.build_failed(error)  # site/ stays as it was; the reason named, without a traceback


# --- the command ------------------------------------------------------------------------------


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    server = build().speed.prepare_server(server, [str(path) for path in config.watch])
    return ErrorsInTheBrowser.install(server, this_command)  # a failed rebuild named on every page served


def on_shutdown() -> None:
    this_command.finish()  # site/ replaced by the finished build, or left as it was
