"""One sitemap for all languages, with hreflang alternates (and x-default) per page."""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import quoteattr, escape

from ..site_view import without_index


def _remainder(url: str, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    rest = url[len(prefix):] if url.startswith(prefix) else url
    return "" if rest in ("./", ".") else rest


def render(site_url: str, languages: tuple[str, ...], page_urls: dict[str, list[str]]) -> str:
    default = languages[0]
    by_page: dict[str, dict[str, str]] = {}
    for lang in languages:
        for url in page_urls.get(lang, []):
            rest = _remainder(url, lang, default)
            by_page.setdefault(rest, {})[lang] = site_url + without_index(url)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for rest in sorted(by_page):
        versions = by_page[rest]
        for lang in languages:
            if lang not in versions:
                continue
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(versions[lang])}</loc>")
            for alt in languages:
                if alt in versions:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href={quoteattr(versions[alt])}/>')
            if default in versions:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(versions[default])}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(site_dir: Path, site_url: str, languages: tuple[str, ...], page_urls: dict[str, list[str]]) -> None:
    xml = render(site_url, languages, page_urls).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(xml)
    # mtime=0 and no file name: the .gz is byte-identical across builds.
    with open(site_dir / "sitemap.xml.gz", "wb") as raw:
        with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(xml)
