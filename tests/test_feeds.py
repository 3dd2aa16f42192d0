"""News feeds (RSS/Atom) and events calendars (iCalendar): valid, stable, escaped."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest

from conftest import run_build

PREFIX = {"de": "", "en": "en/"}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feeds_parse_and_describe_every_published_item(site, lang, kind):
    feed = feedparser.parse((site.site / f"{PREFIX[lang]}feeds/news.{kind}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.get("language", lang) == lang
    assert len(feed.entries) == 3
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 3 and all(i.startswith("tag:") for i in ids)
    # Düsseldorf's source gives no publication date (date_of: event): the feeds claim none.
    published = [e["published_parsed"][:3] if "published_parsed" in e else None for e in feed.entries]
    assert published == [None, (2022, 10, 21), (2021, 9, 23)]
    if kind == "atom":
        assert [e.updated_parsed[:3] for e in feed.entries] == [(2023, 11, 9), (2022, 10, 21), (2021, 9, 23)]
    first = feed.entries[0]
    assert first.link == f"https://www.cluster-dekarbonisierung.de/{PREFIX[lang]}news/2023-11-09-clusters-meet-regions-duesseldorf.html"
    assert "Düsseldorf" in first.summary and "thyssenkrupp" in first.content[0].value
    assert {t.term for t in first.tags} >= {"Europa" if lang == "de" else "Europe"} or {t.get("label") for t in first.tags}
    # The feed's own date is the newest item's, not the build time.
    assert feed.feed.updated_parsed[:3] == (2023, 11, 9)


def test_feed_autodiscovery_on_every_page_in_its_language(site):
    for lang in ("de", "en"):
        for page in ("index.html", "news.html", "events/2022-10-20-go-cluster-jahrestreffen.html"):
            doc = site.html(PREFIX[lang] + page)
            types = {l.get("type"): l.get("href") for l in doc.xpath("//head/link[@rel='alternate'][@type]")}
            assert types["application/rss+xml"].endswith(f"{PREFIX[lang]}feeds/news.rss.xml".split("/", 1)[-1] if lang == "de" else "en/feeds/news.rss.xml") or types["application/rss+xml"].endswith("feeds/news.rss.xml")
            assert "application/atom+xml" in types
    assert site.html("news.html").cssselect(".cluster-subscribe")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_events_calendar_parses_with_stable_uids_and_all_day_dates(site, lang):
    cal = icalendar.Calendar.from_ical((site.site / f"{PREFIX[lang]}feeds/events.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 5
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 5
    duesseldorf = next(e for e in events if "Düsseldorf" in str(e.get("LOCATION", "")))
    assert duesseldorf.decoded("DTSTART") == dt.date(2023, 11, 8)
    assert duesseldorf.decoded("DTEND") == dt.date(2023, 11, 10)  # exclusive end of an all-day event
    single = icalendar.Calendar.from_ical((site.site / f"{PREFIX[lang]}events/2023-11-08-clusters-meet-regions-duesseldorf.ics").read_bytes())
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [str(duesseldorf["UID"])]
    link = site.html(f"{PREFIX[lang]}events/2023-11-08-clusters-meet-regions-duesseldorf.html").xpath("//a[@download]")[0]
    assert link.get("href") == "2023-11-08-clusters-meet-regions-duesseldorf.ics"


def test_timed_event_uses_europe_berlin_and_escapes_text(project):
    (project / "content/events/2030-05-04-werkstatt.de.md").write_text(
        "---\ntitle: 'Werkstatt; Teil 1, <script>alert(1)</script> & Größe'\nstart: 2030-05-04 10:00\nend: 2030-05-04 12:30\n"
        "location: {venue: 'Saal A, 2. OG', city: Cottbus}\nsummary: 'Zeile eins; mit Komma, und ß'\n---\n\nText.\n",
        encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    raw = (build.site / "feeds/events.ics").read_bytes()
    assert b"TZID=Europe/Berlin" in raw and b"BEGIN:VTIMEZONE" in raw
    assert b"Saal A\\, 2. OG" in raw and b"Werkstatt\\; Teil 1\\," in raw
    event = next(e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT") if "Werkstatt" in str(e["SUMMARY"]))
    assert event.decoded("DTSTART").hour == 10 and str(event.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    # Each event is serialised once and reused in both files (feeds.calendars): the results are
    # exactly what icalendar writes for them, with a VTIMEZONE only where a timed event needs it.
    single = (build.site / "events/2030-05-04-werkstatt.ics").read_bytes()
    parsed = icalendar.Calendar.from_ical(single)
    assert [str(zone["TZID"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert parsed.to_ical() == single and icalendar.Calendar.from_ical(raw).to_ical() == raw
    assert raw.count(b"BEGIN:VTIMEZONE") == 1 and raw.count(b"BEGIN:VEVENT") == 6
    all_day = (build.site / "events/2023-11-08-clusters-meet-regions-duesseldorf.ics").read_bytes()
    assert b"VTIMEZONE" not in all_day and icalendar.Calendar.from_ical(all_day).to_ical() == all_day
    html = (build.site / "events/2030-05-04-werkstatt.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Größe" in html
    assert "Werkstatt" in build.text("index.html")  # upcoming on the home page


def test_guids_do_not_change_when_an_item_is_edited(project, site):
    first = site  # the same content, unedited
    path = project / "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Am 20. Oktober 2022", "Am Donnerstag, 20. Oktober 2022"), encoding="utf-8")
    # A corrected date is an edit too: the item keeps its key (the file name), so it keeps its GUID.
    for lang in ("de", "en"):
        other = project / f"content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.{lang}.md"
        other.write_text(other.read_text(encoding="utf-8").replace("date: 2021-09-23", "date: 2021-09-24"), encoding="utf-8")
    second = run_build(project)
    assert second.result.returncode == 0, second.output
    ids = [sorted(e.id for e in feedparser.parse((b.site / "feeds/news.atom.xml").read_bytes()).entries) for b in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 3


def test_feed_items_carry_the_page_html_with_absolute_links(project):
    news = project / "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    news.write_text(news.read_text(encoding="utf-8") + "\nSiehe [Mitglieder](../members.md) und [den Bericht](2021-09-23-go-cluster-virtuelles-clustertreffen.md#top).\n",
                    encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    feed = feedparser.parse((build.site / "feeds/news.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if "2022-10-21" in e.link)
    html = entry.content[0].value
    base = "https://www.cluster-dekarbonisierung.de/"
    assert f'href="{base}members.html"' in html
    assert f'href="{base}news/2021-09-23-go-cluster-virtuelles-clustertreffen.html#top"' in html
    assert 'href="../' not in html and "<h2" in html  # the page's own rendering, headings included
