"""The one place that reads mkdocs-static-i18n: its declared languages, and the one being built.

The plugin owns the build loop: it builds the default language first, then, from its own
`on_post_build`, each further language with `build: true`, in the order mkdocs.yml lists them.
Every event from `on_config` on therefore runs once per language. Nothing here changes the
plugin's state (speed/other_languages.py uses the declared `build` option, nothing else).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..content import Languages

PLUGIN = "i18n"


def languages(config: MkDocsConfig) -> Languages:
    """The languages built, the default one first (as mkdocs.yml's plugin options declare them)."""
    plugin = config.plugins[PLUGIN]
    default = plugin.default_language
    codes = tuple(lang.locale for lang in plugin.config.languages if lang.build)
    return Languages((default,) + tuple(code for code in codes if code != default), default)


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's name as mkdocs.yml gives it ("Deutsch"), for the editing page."""
    return {lang.locale: lang.name for lang in config.plugins[PLUGIN].config.languages}


def language_being_built(config: MkDocsConfig) -> str:
    """The language of this pass, after the plugin's `on_config` (priority -100) has switched to it.
    The plugin hands the same value to templates as `i18n_current_language`."""
    return config.plugins[PLUGIN].current_language
