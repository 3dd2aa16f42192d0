"""The editing page /admin/ in the built site (once, beside the default language): Decap CMS's
bundle, its configuration made from the content models, the page's own scripts from the theme (theme/admin/),
and its index.html, written after the language is built. `extra.cms: false`: none of it."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..mkdocs_build import i18n_plugin
from ..outputs import brand
from . import cms, cms_bundle

if TYPE_CHECKING:
    from ..mkdocs_build.site_build import SiteBuild

SCRIPTS = ("guard.js", "preview.js")  # the page's own, in theme/admin/


def add_files(build: SiteBuild, files: Files, config: MkDocsConfig) -> None:
    scripts = [files.get_file_from_path(f"admin/{name}") for name in SCRIPTS]
    if build.cms is None or not build.current.is_default:
        for script in scripts:
            if script is not None:
                files.remove(script)
        return
    bundle = cms_bundle.folder_of(build.root)
    names = cms.bundle_files(bundle)
    if not names:
        raise PluginError(f"The editing page /admin/ needs Decap CMS in {bundle}: run `make build` or `cluster-site "
                          "cms-bundle` (they fetch the pinned version), or set `cms: false` under `extra:` in mkdocs.yml "
                          "for a site without it.")
    for name in names:
        file = File(name, str(bundle), config.site_dir, config.use_directory_urls)
        file.dest_uri = f"admin/{name}"
        files.append(file)
    cms_settings = build.cms

    def settings() -> str:  # the form changes only with the models, tags and texts
        return cms.render(cms.config_for(build.site.content, cms_settings, i18n_plugin.language_names(config), build.current.view.t))

    files.append(File.generated(config, "admin/config.yml", content=build.speed.remembered("admin/config.yml", settings)))
    sheets = [f.src_uri for f in files if fnmatch.fnmatch(f.src_uri, "assets/stylesheets/*.min.css")]
    build.cms_styles = ["../" + uri for uri in dict.fromkeys((*sorted(sheets), brand.PATH, *config.extra_css))]


def write_page(build: SiteBuild, config: MkDocsConfig) -> None:
    """admin/index.html, rendered with the default language's templates."""
    language = build.current
    if build.cms is None or not language.is_default:
        return
    view = language.view
    assert language.env is not None, "on_env has run"
    page = language.env.get_template("admin/index.html").render(
        t=view.t, lang=view.lang, site_name=config.site_name, styles=build.cms_styles,
        favicon=build.site.content.site.brand.favicon, repository=build.cms.repo,
        policy=None if build.command.serving else cms.content_security_policy(build.cms))
    (Path(config.site_dir) / "admin" / "index.html").write_text(page, encoding="utf-8")
