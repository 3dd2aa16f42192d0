"""Listings, archives and what must never be published: built in temporary copies with generated items."""

from __future__ import annotations

import datetime as dt
import gzip
from posixpath import dirname, join, normpath

import feedparser
import icalendar
import pytest

from conftest import EPOCH, run_build, run_cli

BUILD_DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()  # the day of EPOCH


def _write_news(project, slug, lang, title, date, body="Text.", **front):
    extra = "".join(f"{key}: {value}\n" for key, value in front.items())
    path = project / "content" / "news" / f"{slug}.{lang}.md"
    path.write_text(f"---\ntitle: '{title}'\ndate: {date}\nsummary: Zusammenfassung {slug}.\n{extra}---\n\n{body}\n", encoding="utf-8")


def _set_page_size(project, size):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "page_size: 10" in text
    config.write_text(text.replace("page_size: 10", f"page_size: {size}"), encoding="utf-8")


def _teaser_links(build, path):
    doc = build.html(path)
    return [normpath(join(dirname(path), a.get("href"))) for a in doc.cssselect("article.cluster-teaser h2 a")]


def _listing(build, first):
    """Follow rel=next from the first page; return [(path, [item paths])]."""
    pages, path = [], first
    while path:
        assert path not in [p for p, _ in pages], "pager loops"
        pages.append((path, _teaser_links(build, path)))
        nxt = build.html(path).cssselect('.cluster-pager a[rel="next"]')
        path = normpath(join(dirname(path), nxt[0].get("href"))) if nxt else None
    return pages


def test_pagination_with_many_items_in_both_languages(project):
    _set_page_size(project, 4)
    # 23 generated German items in 2025, 9 of them translated: English has fewer pages.
    for n in range(23):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=7 * n)
        _write_news(project, f"{day}-meldung-{n}", "de", f"Meldung Nummer {n}", day, tags="[wasserstoff]")
        if n < 9:
            _write_news(project, f"{day}-meldung-{n}", "en", f"Item number {n}", day, tags="[wasserstoff]")
    build = run_build(project)
    assert build.result.returncode == 0, build.output

    for prefix, expected in (("", 23 + 3), ("en/", 9 + 3)):
        pages = _listing(build, f"{prefix}news.html")
        assert len(pages) == -(-expected // 4)
        assert all(len(items) == 4 for _, items in pages[:-1]) and 1 <= len(pages[-1][1]) <= 4
        assert [p for p, _ in pages][1:] == [f"{prefix}news/page/{n}.html" for n in range(2, len(pages) + 1)]
        links = [link for _, items in pages for link in items]
        assert len(links) == len(set(links)) == expected, "every item exactly once"
        dates = [build.html(link).cssselect(".cluster-meta time")[0].get("datetime") for link in links]
        assert dates == sorted(dates, reverse=True), "newest first across pages"
        # rel=prev walks back; every page has its own title; the current page is marked.
        titles = [build.html(p).findtext(".//title") for p, _ in pages]
        assert len(set(titles)) == len(titles)
        last = pages[-1][0]
        assert build.html(last).cssselect('.cluster-pager a[aria-current="page"]')[0].text == str(len(pages))
        assert build.html(last).cssselect('.cluster-pager a[rel="prev"]')

    # German page 7 has no English counterpart: the switcher goes to the English listing,
    # and the head names no English alternate for it.
    de_last = "news/page/7.html"
    doc = build.html(de_last)
    switch = {a.get("hreflang"): a.get("href") for a in doc.cssselect(".cluster-languages a")}
    target = normpath(join(dirname(de_last), switch["en"]))
    assert (build.site / target).is_file() and target == "en/news.html"
    assert not doc.cssselect('head link[rel="alternate"][hreflang="en"]')
    # Page 2 exists in both: the switcher keeps the page.
    doc = build.html("news/page/2.html")
    switch = {a.get("hreflang"): a.get("href") for a in doc.cssselect(".cluster-languages a")}
    assert normpath(join("news/page", switch["en"])) == "en/news/page/2.html"

    # Year archive 2025 (paginated too) holds exactly the 2025 items; the sitemap has all pages.
    year = _listing(build, "news/2025.html")
    assert sum(len(items) for _, items in year) == 23
    assert all("/2025-" in link for _, items in year for link in items)
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/page/7.html</loc>" in sitemap and "/en/news/page/3.html</loc>" in sitemap
    assert "/en/news/page/4.html" not in sitemap

    # The tag page lists news and events with the tag, paginated, every one once.
    tagged = _listing(build, "tags/wasserstoff.html")
    links = [link for _, items in tagged for link in items]
    assert len(links) == len(set(links)) >= 23


def test_article_pages_link_previous_and_next(site):
    first, middle, last = (
        "news/2021-09-23-go-cluster-virtuelles-clustertreffen.html",
        "news/2022-10-21-go-cluster-jahrestreffen.html",
        "news/2023-11-09-clusters-meet-regions-duesseldorf.html",
    )
    for prefix in ("", "en/"):
        nav = site.html(prefix + middle).cssselect("nav.cluster-neighbours")[0]
        newer = nav.cssselect('a[rel="prev"]')[0].get("href")
        older = nav.cssselect('a[rel="next"]')[0].get("href")
        assert normpath(join(dirname(prefix + middle), newer)) == prefix + last
        assert normpath(join(dirname(prefix + middle), older)) == prefix + first
        assert not site.html(prefix + last).cssselect('nav.cluster-neighbours a[rel="prev"]')
        assert not site.html(prefix + first).cssselect('nav.cluster-neighbours a[rel="next"]')
    event = site.html("events/2022-10-20-go-cluster-jahrestreffen.html").cssselect("nav.cluster-neighbours")[0]
    assert "2021-11-11" in event.cssselect('a[rel="prev"]')[0].get("href")
    assert "2023-11-08" in event.cssselect('a[rel="next"]')[0].get("href")


def test_year_archives_and_tag_pages_in_both_languages(site):
    for prefix in ("", "en/"):
        for year in (2021, 2022, 2023):
            news = _teaser_links(site, f"{prefix}news/{year}.html")
            assert news and all(f"/{year}-" in link for link in news)
            events = _teaser_links(site, f"{prefix}events/{year}.html")
            assert events and all(f"/{year}-" in link for link in events)
        assert not (site.site / f"{prefix}news/2024.html").exists()
        # Past events stay reachable: events page -> year archive -> event.
        years = site.html(f"{prefix}events.html").cssselect("nav.cluster-years a")
        assert [a.text for a in years] == ["2025", "2023", "2022", "2021"]
        index = site.html(f"{prefix}tags.html").cssselect(".cluster-tag-index a")
        assert len(index) >= 4
        for a in index:
            target = normpath(join(dirname(f"{prefix}tags.html"), a.get("href")))
            assert site.html(target).cssselect("article.cluster-teaser"), target
    # Tag labels on an item link to the tag page in the item's language.
    labels = site.html("en/news/2023-11-09-clusters-meet-regions-duesseldorf.html").cssselect(".cluster-tags a")
    assert "Europe" in [a.text for a in labels]


def test_drafts_and_future_items_are_nowhere(project):
    marker_draft, marker_future, marker_event = "Entwurfsgeheimnis", "Zukunftsmeldung", "Entwurfstermin"
    (project / "content" / "tags.yml").write_text(
        (project / "content" / "tags.yml").read_text(encoding="utf-8") + "nur-entwurf:\n  label: {de: Nur Entwurf, en: Draft only}\n",
        encoding="utf-8")
    _write_news(project, "2026-01-05-entwurf", "de", marker_draft, "2026-01-05", body=marker_draft, draft="true", tags="[nur-entwurf]")
    _write_news(project, "2026-01-05-entwurf", "en", marker_draft, "2026-01-05", body=marker_draft, draft="true", tags="[nur-entwurf]")
    future = BUILD_DAY + dt.timedelta(days=40)
    _write_news(project, f"{future}-zukunft", "de", marker_future, future, body=marker_future, tags="[nur-entwurf]")
    (project / "content" / "events" / "2027-03-01-entwurf.de.md").write_text(
        f"---\ntitle: {marker_event}\nstart: 2027-03-01\nonline: true\nsummary: {marker_event}.\ndraft: true\ntags: [nur-entwurf]\n---\n\n{marker_event}\n",
        encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output

    for file in build.site.rglob("*"):
        if file.suffix in (".html", ".xml", ".ics", ".json", ".txt"):
            text = file.read_text(encoding="utf-8")
            for marker in (marker_draft, marker_future, marker_event, "nur-entwurf", "entwurf.html", "zukunft.html"):
                assert marker not in text, (marker, file)
    for path in ("news/2026-01-05-entwurf.html", f"news/{future}-zukunft.html", "events/2027-03-01-entwurf.html",
                 "events/2027-03-01-entwurf.ics", "tags/nur-entwurf.html", "news/2026.html", "events/2027.html"):
        assert not (build.site / path).exists(), path
    for feed in ("feeds/news.rss.xml", "feeds/news.atom.xml"):
        parsed = feedparser.parse((build.site / feed).read_bytes())
        assert not parsed.bozo and len(parsed.entries) == 3
    # The search index (Pagefind fragments are gzipped JSON): published texts in, drafts out.
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                 for f in build.site.glob("**/pagefind/fragment/*.pf_fragment")]
    assert any("Clusters meet Regions" in text for text in fragments)
    for marker in (marker_draft, marker_future, marker_event):
        assert not any(marker in text for text in fragments), marker

    # The future item appears with the first build on its date: in the listing, feeds and archive.
    later = str(int(EPOCH) + 40 * 86400)
    build = run_build(project, epoch=later)
    assert build.result.returncode == 0, build.output
    assert marker_future in build.text("news.html") and (build.site / f"news/{future.year}.html").is_file()
    assert marker_future in (build.site / "feeds/news.rss.xml").read_text(encoding="utf-8")
    assert marker_draft not in (build.site / "feeds/news.rss.xml").read_text(encoding="utf-8")
    assert marker_event not in (build.site / "feeds/events.ics").read_text(encoding="utf-8")


def test_hostile_news_title_is_escaped_in_pages_and_feeds(project):
    hostile = "<script>alert(1)</script> Größe & „Maß“"
    path = project / "content" / "news" / "2026-02-02-angriff.de.md"
    path.write_text(
        f"---\ntitle: '{hostile}'\ndate: 2026-02-02\nsummary: '<img src=x onerror=alert(2)> Überblick'\ntags: [europa]\n---\n\nText <b>fett</b>.\n",
        encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    for page in ("news/2026-02-02-angriff.html", "news.html", "news/2026.html", "tags/europa.html", "index.html",
                 "news/2023-11-09-clusters-meet-regions-duesseldorf.html"):
        html = (build.site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Größe &amp; „Maß“" in (build.site / "news.html").read_text(encoding="utf-8")
    for feed in ("feeds/news.rss.xml", "feeds/news.atom.xml"):
        parsed = feedparser.parse((build.site / feed).read_bytes())
        assert not parsed.bozo, feed
        entry = next(e for e in parsed.entries if "angriff" in e.link)
        # The title arrives as text, exactly as written (a reader shows it, never runs it).
        assert entry.title == hostile, feed
        raw = (build.site / feed).read_text(encoding="utf-8")
        assert "<script>" not in raw, feed
    assert icalendar.Calendar.from_ical((build.site / "feeds/events.ics").read_bytes())


def _search_fragments(site_dir, prefix=""):
    """Pagefind's stored text per page URL (its fragments are gzipped, marked JSON)."""
    import json

    fragments = {}
    for file in (site_dir / prefix / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(file.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        fragments[record["url"]] = record["content"]
    return fragments


def test_search_indexes_a_page_by_its_own_text_not_by_links_to_other_pages(site):
    event, report = "/events/2023-11-08-clusters-meet-regions-duesseldorf.html", "/news/2023-11-09-clusters-meet-regions-duesseldorf.html"
    fragments = _search_fragments(site.site)
    assert event in fragments and report in fragments
    report_title = site.html(report[1:]).xpath("//h1")[0].text_content().strip()
    # The event page links to its report, the report to its event, and both to their
    # neighbours: a search for the report's title must find the report, not the event too.
    assert report_title in site.text(event[1:]) and report_title in fragments[report]
    assert report_title not in fragments[event]
    assert "Düsseldorf" in fragments[event] and "Nordrhein-Westfalen" in fragments[event]
    assert ".ics" not in fragments[event]  # the calendar link's label is not content
    neighbours = site.html(event[1:]).cssselect("nav.cluster-neighbours a")
    assert neighbours
    for link in neighbours:
        label = link.cssselect(".cluster-meta")[0].text_content()
        title = link.text_content().replace(label, "", 1).strip()
        assert title and title not in fragments[event], title


def test_pagefind_files_stay_inside_the_bundle_folder(tmp_path):
    from cluster_site.outputs.search import SearchIndexError, bundle_path

    assert bundle_path(tmp_path, "fragment/en_1a2b.pf_fragment") == tmp_path / "fragment/en_1a2b.pf_fragment"
    assert bundle_path(tmp_path, "index/./x/../en.pf_index") == tmp_path / "index/en.pf_index"
    for name in ("../site.html", "/etc/passwd", "index/../../x", "..", "."):
        with pytest.raises(SearchIndexError):
            bundle_path(tmp_path, name)


def test_pagefind_reads_only_language_title_pagefind_tags_and_the_marked_content():
    from cluster_site.outputs.search import SearchIndex

    head = ('<!doctype html><html lang="de" class="no-js"><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="x.css"><title>Titel &amp; mehr</title>{extra}</head>')
    body = ('<body><header>Kopf</header><article class="md-content__inner">'
            '<div id="main" data-pagefind-body><h1>Inhalt</h1></div></article><footer>Fuß</footer></body></html>')
    for extra in ("", '<meta name="x" data-pagefind-meta="kind:news">'):
        index = SearchIndex()
        index.add("news/a.html", head.format(extra=extra) + body)
        index.add("news.html", head.format(extra=extra) + body.replace(" data-pagefind-body", ""))  # a listing
        assert list(index.documents) == ["/news/a.html"]
        document = index.documents["/news/a.html"]
        assert document == ('<!doctype html><html lang="de" class="no-js"><title>Titel &amp; mehr</title>' + extra +
                            '<body><div id="main" data-pagefind-body><h1>Inhalt</h1></div></body></html>'), document


def test_links_to_listing_pages_are_checked_against_the_configured_page_size(project):
    # Page 4 of the news exists with one entry per page (4 news), page 9 does not; with the
    # default page size neither would.
    _set_page_size(project, 1)
    _write_news(project, "2025-03-01-mit-links", "de", "Mit Links", dt.date(2025, 3, 1),
                body="Siehe [Seite 4](page/4.md) und [Seite 9](page/9.md).")
    build = run_build(project)
    assert build.result.returncode != 0
    assert "page/9.md" in build.output and "page/4.md" not in build.output, build.output[-3000:]
    check = run_cli(project, "check")  # the editors' check agrees with the build
    assert check.returncode == 1 and "page/9.md" in check.stdout and "page/4.md" not in check.stdout, check.stdout
