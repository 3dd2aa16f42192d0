"""Old addresses of renamed items -> small pages that send the visitor on (`aliases:` in an
item's front matter).

A redirect page is what a static host can serve everywhere: a meta refresh to the new address
(relative, so it works on any host and folder), a canonical link for search engines, noindex,
and a plain link for whoever's browser does not follow the refresh. Not in the sitemap or the
search index: only the new address is.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import escape

from ..safe_html import content_security_policy
from ..site_view import SiteView, without_index


def _file(view: SiteView, key: str) -> str:
    """The file a page key is written to, relative to the site folder."""
    url = view.url(key)
    return url + "index.html" if url.endswith("/") else url


def pages(view: SiteView, site_url: str) -> dict[str, str]:
    """Site-relative file -> HTML of every redirect page of this language."""
    result = {}
    for item in view.news + view.events:
        target_file = _file(view, item.key)
        for alias in item.front.aliases:
            path = _file(view, f"{item.kind}/{alias}")
            href = posixpath.relpath(view.url(item.key) if view.use_directory_urls else target_file, posixpath.dirname(path))
            if view.use_directory_urls:
                href += "/"
            title = escape(item.front.title)
            result[path] = (
                f'<!doctype html>\n<html lang="{view.lang}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy())}">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<title>{title}</title>\n<meta name="robots" content="noindex">\n'
                + (f'<link rel="canonical" href="{escape(site_url + without_index(view.url(item.key)))}">\n' if site_url else "") +
                f'<meta http-equiv="refresh" content="0; url={escape(href)}">\n</head>\n'
                f'<body>\n<p>{escape(view.t.t("redirect.moved"))} <a href="{escape(href)}">{title}</a></p>\n</body>\n</html>\n'
            )
    return result


def write(site_dir: Path, view: SiteView, site_url: str) -> set[str]:
    """Write the redirect pages; their paths, relative to `site_dir`."""
    written = pages(view, site_url)
    for path, html in written.items():
        file = site_dir / path
        if file.exists():  # the checks keep aliases off pages; never replace one in any case
            raise FileExistsError(f"{path}: an alias names an existing page")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    return set(written)
