"""The generator's theme layer: its templates, partials and static files (cluster_site/theme/),
between a site's own `overrides/` (theme.custom_dir) and Material's. A site changes one template
by putting a file of the same name into its `overrides/`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME = Path(__file__).resolve().parent.parent / "theme"


def add_generator_theme(config: MkDocsConfig) -> None:
    """Every language's `on_config`: the generator's folder right after the site's own (or first)."""
    folders = config.theme.dirs  # mkdocs-static-i18n may have put a folder of its own first
    custom = config.theme.custom_dir
    if str(THEME) not in folders:
        folders.insert(folders.index(custom) + 1 if custom in folders else 0, str(THEME))


def template_folders(config: MkDocsConfig) -> list[Path]:
    """The site's overrides/ (if any) and the generator's theme: the templates that are ours."""
    return [Path(folder) for folder in (config.theme.custom_dir, THEME) if folder]


def own_templates(config: MkDocsConfig) -> set[str]:
    """Names of our templates (HTML and XSL): they escape what they print; main.html extends
    Material's base.html, whose blocks print Material's own markup."""
    names = set()
    for folder in template_folders(config):
        names |= {p.relative_to(folder).as_posix() for p in (*folder.rglob("*.html"), *folder.rglob("*.xsl"))}
    return names - {"main.html"}
