"""The one place that reads mkdocs-static-i18n: its declared languages (from the loaded
configuration, or from mkdocs.yml as plain YAML for the `cluster-site` command), the one being
built, and the language it gave a file.

The plugin owns the build loop: it builds the default language first, then, from its own
`on_post_build`, each further language with `build: true`, in the order mkdocs.yml lists them.
Every event from `on_config` on therefore runs once per language. Nothing here changes the
plugin's state (speed/other_languages.py uses the declared `build` option, nothing else).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..content import Languages

if TYPE_CHECKING:  # imports no engine: the `cluster-site` command reads mkdocs.yml without one
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

PLUGIN = "i18n"


def plugin(config: MkDocsConfig) -> Any:
    """The plugin itself: speed/other_languages.py runs its post-build step in a second process."""
    return config.plugins[PLUGIN]


def languages(config: MkDocsConfig) -> Languages:
    """The languages built, the default one first (as mkdocs.yml's plugin options declare them)."""
    i18n = plugin(config)
    default = i18n.default_language
    codes = tuple(lang.locale for lang in i18n.config.languages if lang.build)
    return Languages((default,) + tuple(code for code in codes if code != default), default)


def languages_in_yaml(config: dict[str, Any]) -> Languages | None:
    """The languages built, from mkdocs.yml read as plain YAML (no engine loaded): each entry
    without `build: false`, the one marked `default` first. None without the plugin or a default.
    Simpler than the plugin's own reading (no `build_only_locale`), which the build uses."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            declared = [lang for lang in (entry[PLUGIN] or {}).get("languages") or [] if lang.get("build", True)]
            default = next((lang["locale"] for lang in declared if lang.get("default")), None)
            if default is None:
                return None
            return Languages((default,) + tuple(lang["locale"] for lang in declared if lang["locale"] != default), default)
    return None


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's name as mkdocs.yml gives it ("Deutsch"), for the editing page."""
    return {lang.locale: lang.name for lang in plugin(config).config.languages}


def language_being_built(config: MkDocsConfig) -> str:
    """The language of this pass, after the plugin's `on_config` (priority -100) has switched to it.
    The plugin hands the same value to templates as `i18n_current_language`."""
    return plugin(config).current_language


def set_alternates(config: MkDocsConfig, alternates: list[dict[str, Any]]) -> None:
    """The hreflang links Material's head writes (`config.extra.alternate`), ours instead of the
    plugin's. The plugin keeps its own in the item `extra["alternate"]` and rewrites it as it
    builds; Jinja looks up an attribute before an item, so an attribute of that name is what
    the templates see, whatever the plugin does with the item."""
    setattr(config.extra, "alternate", alternates)


def file_language(file: File) -> str | None:
    """The language the plugin gave a file of docs/ (its `File.locale`): the page's own, or the
    default language's where it fell back to it. None for a file the plugin did not list."""
    return getattr(file, "locale", None)
