"""The site model in memory: pages, listings, language switcher, feeds, calendars, structured data
and sitemap, from the shipped content and from small variations of it, without MkDocs.

These are fast and say exactly which step is wrong; the built site's HTML is tested elsewhere.
"""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest

from cluster_site.content import Languages
from cluster_site.outputs import feeds, sitemap, structured
from cluster_site.site_model import load_site
from conftest import ROOT, content_with_news

LANGUAGES = Languages(("de", "en"), "de")
TODAY = dt.date(2026, 11, 21)
SITE_URL = "https://cluster.example/"


@pytest.fixture(scope="module")
def model():
    return load_site(ROOT, LANGUAGES, ROOT / "docs", TODAY)


def _with_news(tmp_path, count: int):
    return content_with_news(tmp_path / "p", count)[0]


def test_every_language_has_the_same_fixed_pages(model):
    fixed = {"members", "offers", "topics", "contact", "imprint", "privacy", "accessibility", "news", "events", "tags", "search"}
    for lang in LANGUAGES.codes:
        assert fixed <= model.page_keys(lang), lang


def test_listings_are_paginated_with_a_window_and_titles_per_page(tmp_path):
    site = load_site(_with_news(tmp_path, 45), LANGUAGES, None, TODAY, page_size=10)
    pages = site.pages["de"]
    keys = [key for key in pages if key == "news" or key.startswith("news/page/")]
    news = site.views["de"].news
    assert len(keys) == -(-len(news) // 10) == 5  # 45 new + 3 shipped, 10 a page
    third = pages["news/page/3"]
    assert third.data["pager"].window() == [1, 2, 3, 4, 5]
    assert third.data["items"] == news[20:30] and third.parent == "news"
    assert third.title != pages["news"].title and "3" in third.title
    # Newest first, and the year archive of 2025 holds exactly the 45 new items.
    assert [item.front.date for item in news] == sorted((item.front.date for item in news), reverse=True)
    year = [p for key, p in pages.items() if key == "news/2025" or key.startswith("news/2025/page/")]
    assert sum(len(p.data["items"]) for p in year) == 45


def test_the_switcher_offers_a_stand_in_where_a_page_exists_in_one_language_only(tmp_path):
    site = load_site(_with_news(tmp_path, 1), LANGUAGES, None, TODAY)
    # 2025 has news in German only: its English year page does not exist, the news listing stands in.
    assert "news/2025" in site.pages["de"] and "news/2025" not in site.pages["en"]
    switcher = {alt["lang"]: alt for alt in site.alternates("de", "news/2025.html", SITE_URL)}
    assert switcher["en"]["href"] == "en/news.html" and not switcher["en"]["exists"]
    assert switcher["de"]["current"] and switcher["de"]["link"] == SITE_URL + "news/2025.html"
    # A page that exists in both languages links to itself there, by absolute URL for hreflang.
    switcher = {alt["lang"]: alt for alt in site.alternates("en", "en/members.html", SITE_URL)}
    assert switcher["de"]["href"] == "members.html" and switcher["de"]["exists"]
    assert switcher["en"]["link"] == SITE_URL + "en/members.html"
    home = {alt["lang"]: alt for alt in site.alternates("de", "index.html", SITE_URL)}
    assert home["en"]["link"] == SITE_URL + "en/" and home["de"]["link"] == SITE_URL


def test_an_item_missing_in_a_language_gets_a_page_that_says_so(tmp_path):
    site = load_site(_with_news(tmp_path, 1), LANGUAGES, None, TODAY)
    page = site.pages["en"]["news/2025-01-01-meldung-0"]
    assert page.template == "only_in.html" and page.data["available"] == ["de"] and page.source_lang == "de"


def test_news_feed_from_the_model(model):
    view = model.views["en"]
    feed = feedparser.parse(feeds.news_feed(view, SITE_URL, "Cluster").atom_str())
    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [SITE_URL + view.url(item.key) for item in view.news]
    assert len({entry.id for entry in feed.entries}) == len(view.news) > 0
    # Each language's entry has its own id, made of the item's stable key and the language.
    german = feedparser.parse(feeds.news_feed(model.views["de"], SITE_URL, "Cluster").atom_str())
    assert {entry.id.removesuffix("/de") for entry in german.entries} == {entry.id.removesuffix("/en") for entry in feed.entries}
    assert all(entry.id.endswith("/en") for entry in feed.entries)


def test_calendars_from_the_model(model):
    view = model.views["de"]
    whole, per_event = feeds.calendars(view, SITE_URL, "Cluster", view.events)
    events = icalendar.Calendar.from_ical(whole).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [feeds.event_uid(SITE_URL, item) for item in view.events]
    assert set(per_event) == {item.slug for item in view.events}
    for item in view.events:
        (only,) = icalendar.Calendar.from_ical(per_event[item.slug]).walk("VEVENT")
        assert str(only["SUMMARY"]) == item.front.title


def test_structured_data_from_the_model(model):
    view = model.views["de"]
    item = view.news[0]
    data = structured.for_page(view, "news_item.html", item, SITE_URL + view.url(item.key), SITE_URL)
    assert data["@context"] == "https://schema.org" and data["headline"] == item.front.title
    assert structured.for_page(view, "home.html", None, SITE_URL, SITE_URL)["name"]
    assert structured.for_page(view, "members.html", None, SITE_URL, SITE_URL) is None


def test_sitemap_pairs_each_page_with_its_translations():
    text = sitemap.render(SITE_URL, ("de", "en"), {"de": ["index.html", "news/x.html", "only-de.html"],
                                                    "en": ["en/index.html", "en/news/x.html"]})
    assert f"<loc>{SITE_URL}news/x.html</loc>" in text and f'hreflang="en" href="{SITE_URL}en/news/x.html"' in text
    assert f"<loc>{SITE_URL}</loc>" in text and f'hreflang="en" href="{SITE_URL}en/"' in text
    only = text[text.index(f"<loc>{SITE_URL}only-de.html</loc>"):].split("</url>")[0]
    assert 'hreflang="en"' not in only and 'hreflang="de"' in only  # no translation, no English alternate


def test_interface_texts_fall_back_to_the_default_language(model):
    english, german = model.views["en"].t, model.views["de"].t
    assert english.t("page.news") != german.t("page.news")
    assert english.pick({"de": "Nur Deutsch"}) == "Nur Deutsch" and english.is_fallback({"de": "Nur Deutsch"})
    assert english.language_name("de", in_own_language=True) == "Deutsch"
