"""Valid HTML (Nu Html Checker), and what search engines and link previews read from every page."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _pages(site):
    return sorted(p.relative_to(site.site).as_posix() for p in site.public_pages())


def test_every_html_file_passes_the_nu_html_checker(site):
    java = shutil.which("java")
    assert java and VNU.is_file(), "`make test` installs Java and vnu-jar"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site.site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [(m.get("url", "").split("/site/")[-1], m.get("lastLine"), m["message"]) for m in messages if m["type"] == "error"]
    assert errors == [], errors[:20]
    assert len(_pages(site)) > 60


def test_nu_checker_harness_reports_a_planted_error(tmp_path):
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="de"><title>x</title><p tabindex="">x</p></html>', encoding="utf-8")
    result = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]


def test_titles_and_descriptions_are_unique_and_in_the_page_language(site):
    titles, descriptions = Counter(), Counter()
    names = {"de": "Cluster Dekarbonisierung der Industrie", "en": "Cluster Decarbonisation of Industry"}
    for path in _pages(site):
        if path.endswith("404.html"):
            continue
        doc = site.html(path)
        title = doc.findtext(".//title")
        titles[title] += 1
        # One separator everywhere; the home page is the site's name alone, in each language.
        name = names["en" if path.startswith("en/") else "de"]
        is_home = path in ("index.html", "en/index.html")
        assert title == name if is_home else (title.endswith(" – " + name) and " - " not in title), (path, title)
        description = doc.cssselect('meta[name="description"]')
        assert description and description[0].get("content").strip(), path
        descriptions[description[0].get("content")] += 1
        lang = doc.get("lang")
        assert lang == ("en" if path.startswith("en/") else "de"), path
        assert doc.cssselect('meta[property="og:locale"]')[0].get("content").startswith(lang), path
    assert [t for t, n in titles.items() if n > 1] == []
    # Descriptions repeat only where a page is honestly a list of the same kind.
    assert max(descriptions.values()) <= 3, descriptions.most_common(3)


@pytest.mark.parametrize("path", ["index.html", "en/about.html", "news/2022-10-21-go-cluster-jahrestreffen.html",
                                  "en/events/2022-10-20-go-cluster-jahrestreffen.html", "tags/europa.html"])
def test_canonical_hreflang_open_graph_and_twitter(site, path):
    doc = site.html(path)
    base = "https://www.cluster-dekarbonisierung.de/"
    canonical = doc.cssselect('link[rel="canonical"]')[0].get("href")
    assert canonical.startswith(base)
    langs = {l.get("hreflang"): l.get("href") for l in doc.cssselect('link[rel="alternate"][hreflang]')}
    assert {"de", "en", "x-default"} <= set(langs) and all(h.startswith(base) for h in langs.values())
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.cssselect("meta[property], meta[name]")}
    for key in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale", "twitter:card", "twitter:title"):
        assert meta.get(key), (path, key)
    assert meta["og:url"] == canonical


def _json_ld(site, path):
    scripts = site.html(path).cssselect('script[type="application/ld+json"]')
    assert len(scripts) == 1, path
    return json.loads(scripts[0].text)


# The shapes schema.org and search engines expect (required properties per type).
SHAPES = {
    "Organization": {"name"},
    # datePublished only where the source gives one (test_truthful_pages.py checks it is absent otherwise).
    "NewsArticle": {"headline", "publisher", "url"},
    "Event": {"name", "startDate", "location", "eventAttendanceMode", "eventStatus"},
    "Place": {"name"},
    "VirtualLocation": {"url"},
    "PostalAddress": set(),
    "CreativeWork": {"publisher"},  # what a report by others is based on (isBasedOn)
}


def _check_shape(node, where):
    if isinstance(node, list):
        for x in node:
            _check_shape(x, where)
    elif isinstance(node, dict):
        if "@type" in node:
            assert node["@type"] in SHAPES, (where, node["@type"])
            missing = SHAPES[node["@type"]] - set(node)
            assert not missing, (where, node["@type"], missing)
        for value in node.values():
            _check_shape(value, where)


@pytest.mark.parametrize("path, kind", [
    ("index.html", "Organization"), ("en/index.html", "Organization"),
    ("news/2022-10-21-go-cluster-jahrestreffen.html", "NewsArticle"),
    ("en/news/2023-11-09-clusters-meet-regions-duesseldorf.html", "NewsArticle"),
    ("events/2022-10-20-go-cluster-jahrestreffen.html", "Event"),
    ("en/events/2023-11-08-clusters-meet-regions-duesseldorf.html", "Event"),
])
def test_structured_data_has_the_schema_org_shape(site, path, kind):
    data = _json_ld(site, path)
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    _check_shape(data, path)
    if kind == "Event":
        online = "2022-10-20" in path
        assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode")
        assert data["location"]["@type"] == ("VirtualLocation" if online else "Place")
    if kind == "NewsArticle":
        assert data["inLanguage"] == ("en" if path.startswith("en/") else "de")
        assert ("datePublished" in data) == ("2022-10-21" in path)  # Düsseldorf's source gives no date
    if kind == "Organization":
        assert len(data["member"]) == 4 and data["foundingDate"] == "2021-11-11"
        assert data["url"].startswith("https://")


def test_robots_txt_points_to_the_sitemap(site):
    robots = (site.site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://www.cluster-dekarbonisierung.de/sitemap.xml" in robots
    assert "Disallow: /\n" not in robots


def test_pages_run_no_script_but_search(site):
    # Structured data is data, not a script; only the search page loads Pagefind's module.
    for path in _pages(site):
        scripts = [s for s in site.html(path).cssselect("script") if s.get("type") != "application/ld+json"]
        if path.endswith("search.html"):
            assert [s.get("type") for s in scripts] == ["module"], path
        else:
            assert scripts == [], path
