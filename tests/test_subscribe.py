"""Partners subscribe: a subscribe page, feeds per tag in every format, calendars that behave,
and links and ids that last when an item is renamed."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import feedparser
import icalendar
import jsonschema
import lxml.etree
import pytest
import vobject

from conftest import run_build

PREFIX = {"de": "", "en": "en/"}
SITE_URL = "https://www.cluster-dekarbonisierung.de/"
ATOM = "{http://www.w3.org/2005/Atom}"
TAGS = ["go-cluster", "clusterpolitik", "nachhaltigkeit", "transformation", "wasserstoff", "europa"]

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), its required fields and types.
JSON_FEED = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object", "required": ["name"]}},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string"},
                "content_html": {"type": "string"},
                "date_published": {"type": "string", "format": "date-time"},
                "date_modified": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        }},
    },
}


def _feed_files(site, lang):
    base = site.site / PREFIX[lang] / "feeds"
    scopes = {None: {"rss": base / "news.rss.xml", "atom": base / "news.atom.xml", "json": base / "news.json", "ics": base / "events.ics"}}
    for tag in TAGS:
        scopes[tag] = {kind: base / f"tags/{tag}.{ending}" for kind, ending in
                       (("rss", "rss.xml"), ("atom", "atom.xml"), ("json", "json"), ("ics", "ics"))}
    return scopes


def _categories(event) -> set[str]:
    value = event.get("CATEGORIES")
    values = value if isinstance(value, list) else [value] if value is not None else []
    return {str(category) for v in values for category in v.cats}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_feed_parses_in_every_format_and_a_tags_feeds_carry_only_its_items(site, lang):
    scopes = _feed_files(site, lang)
    everything = feedparser.parse(scopes[None]["atom"].read_bytes())
    news_tags = {e.title: {t.term for t in e.tags} for e in everything.entries}
    all_events = list(icalendar.Calendar.from_ical(scopes[None]["ics"].read_bytes()).walk("VEVENT"))
    assert len(news_tags) == 3 and len(all_events) == 5
    labels = {slug: site_label for slug, site_label in _labels(site, lang).items()}
    for tag, files in scopes.items():
        tagged_news = [title for title, tags in news_tags.items() if tag is None or tag in tags]
        tagged_events = [e for e in all_events if tag is None or labels[tag] in _categories(e)]
        # A tag offers each kind of feed only where it has items of that kind (a calendar without
        # events is not valid iCalendar).
        assert files["rss"].is_file() == files["json"].is_file() == bool(tagged_news), tag
        assert files["ics"].is_file() == bool(tagged_events), tag
        if not tagged_news:
            assert not site.html(f"{PREFIX[lang]}tags/{tag}.html").xpath("//head/link[@type='application/rss+xml']")
        titles = {}
        for kind in ("rss", "atom"):
            if not tagged_news:
                continue
            feed = feedparser.parse(files[kind].read_bytes())
            assert not feed.bozo, (files[kind], feed.bozo_exception)
            titles[kind] = [e.title for e in feed.entries]
        if not tagged_news:
            assert not tagged_events or files["ics"].is_file()
            continue
        json_feed = json.loads(files["json"].read_bytes())
        jsonschema.validate(json_feed, JSON_FEED, format_checker=jsonschema.FormatChecker())
        assert json_feed["feed_url"] == SITE_URL + files["json"].relative_to(site.site).as_posix()
        assert json_feed["language"] == lang
        assert titles["rss"] == titles["atom"] == [i["title"] for i in json_feed["items"]]
        assert titles["rss"] == [title for title, tags in news_tags.items() if tag is None or tag in tags], tag
        # Two calendar parsers read the same events; a tag's calendar has the tag's events.
        if not tagged_events:
            continue
        data = files["ics"].read_bytes()
        events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
        second = vobject.readOne(data.decode("utf-8"))
        uids = [str(e["UID"]) for e in events]
        assert sorted(uids) == sorted(v.uid.value for v in getattr(second, "vevent_list", []))
        assert sorted(uids) == sorted(str(e["UID"]) for e in tagged_events), tag


def _labels(site, lang) -> dict[str, str]:
    import yaml
    tags = yaml.safe_load((site.project / "content/tags.yml").read_text(encoding="utf-8"))
    return {slug: entry["label"][lang] for slug, entry in tags.items()}


def test_atom_entries_have_an_author_through_their_feed(site):
    """RFC 4287 §4.1.2: an entry without atom:author takes the feed's; one of the two is required."""
    for lang in ("de", "en"):
        for files in _feed_files(site, lang).values():
            feed = lxml.etree.fromstring(files["atom"].read_bytes())
            names = feed.xpath("a:author/a:name/text()", namespaces={"a": ATOM[1:-1]})
            assert names and names[0].strip(), files["atom"]


@pytest.mark.parametrize("lang, name, description", [
    ("de", "Cluster Dekarbonisierung der Industrie – Veranstaltungen", "Kommende und vergangene Veranstaltungen"),
    ("en", "Cluster Decarbonisation of Industry – Events", "Upcoming and past events"),
])
def test_calendars_have_a_name_a_description_and_a_refresh_hint(site, lang, name, description):
    cal = icalendar.Calendar.from_ical((site.site / PREFIX[lang] / "feeds/events.ics").read_bytes())
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == name
    assert str(cal["X-WR-CALDESC"]).startswith(description)
    raw = (site.site / PREFIX[lang] / "feeds/events.ics").read_text(encoding="utf-8")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in raw and "X-PUBLISHED-TTL:PT12H" in raw
    tag = icalendar.Calendar.from_ical((site.site / PREFIX[lang] / "feeds/tags/europa.ics").read_bytes())
    assert str(tag["X-WR-CALNAME"]).endswith(": Europa" if lang == "de" else ": Europe")
    # A single event's file adds the event; it does not make a calendar of its own.
    single = (site.site / PREFIX[lang] / "events/2023-11-08-clusters-meet-regions-duesseldorf.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME" not in single and "REFRESH-INTERVAL" not in single


@pytest.mark.parametrize("lang", ["de", "en"])
def test_subscribe_page_offers_every_way_and_each_link_leads_somewhere(site, lang):
    doc = site.html(PREFIX[lang] + "subscribe.html")
    assert doc.get("lang") == lang
    hrefs = doc.cssselect("#main")[0].xpath(".//a/@href")
    webcal = [h for h in hrefs if h.startswith("webcal://")]
    assert webcal == [f"webcal://www.cluster-dekarbonisierung.de/{PREFIX[lang]}feeds/events.ics"]
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme == "webcal" or href.startswith(SITE_URL):
            path = parts.path.lstrip("/")
        elif parts.netloc == "calendar.google.com":  # Google Calendar's "add by URL": the webcal address
            assert parse_qs(parts.query)["cid"] == webcal, href
            continue
        elif parts.netloc == "outlook.office.com":  # Outlook on the web's "add from web"
            assert parse_qs(parts.query)["url"] == ["https" + webcal[0][len("webcal"):]], href
            continue
        else:
            assert not parts.scheme, href
            path = (PREFIX[lang] + parts.path).replace("en/../", "")
        assert (site.site / path).is_file(), href
    fields = [i.get("value") for i in doc.cssselect("#main input[readonly]")]
    assert fields == [SITE_URL + PREFIX[lang] + "feeds/events.ics", SITE_URL + PREFIX[lang] + "feeds/news.rss.xml"]
    # Each label names its field; the explanation is in plain words.
    for field in doc.cssselect("#main input"):
        assert doc.cssselect(f'label[for="{field.get("id")}"]')
    text = site.text(PREFIX[lang] + "subscribe.html")
    assert ("Feedreader" in text and "Kalender" in text) if lang == "de" else ("feed reader" in text and "calendar" in text)
    # Linked from every page's footer, and from news, events and tag pages.
    for page in ("index.html", "about.html", "news.html", "events.html", "tags/europa.html"):
        assert any(h.endswith("subscribe.html") for h in site.html(PREFIX[lang] + page).xpath("//a/@href")), page


def test_tag_pages_announce_and_offer_their_own_feeds(site):
    doc = site.html("tags/wasserstoff.html")
    announced = {l.get("type"): l.get("href") for l in doc.xpath("//head/link[@rel='alternate'][@type]")}
    assert announced["application/rss+xml"].endswith("feeds/tags/wasserstoff.rss.xml")
    assert announced["application/atom+xml"].endswith("feeds/tags/wasserstoff.atom.xml")
    assert announced["application/feed+json"].endswith("feeds/tags/wasserstoff.json")
    offered = doc.cssselect("#subscribe")[0].getparent().xpath(".//a/@href")
    assert not any(h.endswith(".ics") for h in offered)  # no event has this tag: no calendar offered
    europa = site.html("tags/europa.html").cssselect("#subscribe")[0].getparent().xpath(".//a/@href")
    assert "webcal://www.cluster-dekarbonisierung.de/feeds/tags/europa.ics" in europa
    assert any(h.endswith("feeds/tags/wasserstoff.rss.xml") for h in offered)
    # Elsewhere the site's own feeds.
    home = {l.get("type"): l.get("href") for l in site.html("en/index.html").xpath("//head/link[@rel='alternate'][@type]")}
    assert home["application/feed+json"].endswith("en/feeds/news.json") or home["application/feed+json"] == "feeds/news.json"


def test_past_events_do_not_invite_to_the_calendar_and_neighbours_say_earlier_and_later(site):
    # All shipped events are past on the build date (2026-11-21).
    doc = site.html("events/2022-10-20-go-cluster-jahrestreffen.html")
    main = doc.cssselect("#main")[0]
    assert not main.cssselect("a.md-button[download]")
    file_link = main.xpath(".//a[@download]")[0]
    assert file_link.get("href").endswith("2022-10-20-go-cluster-jahrestreffen.ics")
    assert "hat stattgefunden" in file_link.getparent().text_content()
    labels = [span.text for span in doc.cssselect(".cluster-neighbours .cluster-meta")]
    assert labels == ["Frühere Veranstaltung", "Spätere Veranstaltung"]
    english = [span.text for span in site.html("en/events/2022-10-20-go-cluster-jahrestreffen.html").cssselect(".cluster-neighbours .cluster-meta")]
    assert english == ["Earlier event", "Later event"]
    events = site.text("events.html")
    assert "Zuletzt" not in events


def test_upcoming_cancelled_and_online_events(project):
    events = project / "content/events"
    (events / "2026-12-10-wasserstoff-werkstatt.de.md").write_text(
        "---\ntitle: Wasserstoff-Werkstatt\nstart: 2026-12-10 14:00\nend: 2026-12-10 16:00\nonline: true\n"
        "join_url: https://konferenz.example.org/raum/42\nsummary: Austausch online.\ntags: [wasserstoff]\n---\n\nText.\n", encoding="utf-8")
    (events / "2026-12-11-abgesagtes-treffen.de.md").write_text(
        "---\ntitle: Treffen in Cottbus\nstart: 2026-12-11\nlocation:\n  city: Cottbus\n  geo: {lat: 51.7563, lon: 14.3329}\n"
        "status: cancelled\nsummary: Ein Treffen.\n---\n\nText.\n", encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-2000:]
    online = build.html("events/2026-12-10-wasserstoff-werkstatt.html").cssselect("#main")[0]
    assert online.cssselect("a.md-button[download]"), "an upcoming event's main action adds it to the calendar"
    assert "https://konferenz.example.org/raum/42" in online.xpath(".//a/@href")
    # The link says what it does and where it goes, not a raw address.
    assert "Zur Online-Teilnahme (konferenz.example.org)" in online.xpath(".//a[@href='https://konferenz.example.org/raum/42']/text()")
    cal = icalendar.Calendar.from_ical((build.site / "feeds/events.ics").read_bytes())
    by_summary = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    werkstatt = by_summary["Wasserstoff-Werkstatt"]
    assert "https://konferenz.example.org/raum/42" in str(werkstatt["DESCRIPTION"])
    assert str(werkstatt["CONFERENCE"]) == "https://konferenz.example.org/raum/42"
    cancelled = by_summary["Abgesagt: Treffen in Cottbus"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and str(werkstatt["STATUS"]) == "CONFIRMED"
    assert cancelled["GEO"].latitude == pytest.approx(51.7563) and cancelled["GEO"].longitude == pytest.approx(14.3329)
    # The tag's calendar has the tagged event only.
    tagged = icalendar.Calendar.from_ical((build.site / "feeds/tags/wasserstoff.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in tagged.walk("VEVENT")] == ["Wasserstoff-Werkstatt"]
    # Cancelled, but still there, and said clearly.
    page = build.html("events/2026-12-11-abgesagtes-treffen.html")
    assert "Diese Veranstaltung ist abgesagt." in page.cssselect(".cluster-status-notice")[0].text_content()
    assert not page.cssselect("#main a.md-button[download]")
    listing = build.html("events.html").cssselect("#main")[0].text_content()
    assert "Abgesagt: Treffen in Cottbus" in " ".join(listing.split())
    data = [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")][0]
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_renamed_item_keeps_its_ids_and_its_old_address_redirects(site, project):
    old, new = "2022-10-21-go-cluster-jahrestreffen", "2022-10-21-jahrestreffen-go-cluster"
    old_event, new_event = "2022-10-20-go-cluster-jahrestreffen", "2022-10-20-jahrestreffen-go-cluster"
    for lang in ("de", "en"):
        for folder, before, after in (("news", old, new), ("events", old_event, new_event)):
            source = project / f"content/{folder}/{before}.{lang}.md"
            text = source.read_text(encoding="utf-8").replace("---\n", f"---\nid: {before}\naliases: [{before}]\n", 1)
            # Links to the item elsewhere follow the new name (the build checks them).
            source.unlink()
            (project / f"content/{folder}/{after}.{lang}.md").write_text(text, encoding="utf-8")
    for file in list((project / "content").rglob("*.md")) + list((project / "docs").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        changed = text.replace(old, new).replace(old_event, new_event)
        changed = re.sub(rf"^(id|aliases): (\[?){new}", rf"\1: \g<2>{old}", changed, flags=re.M)
        changed = re.sub(rf"^(id|aliases): (\[?){new_event}", rf"\1: \g<2>{old_event}", changed, flags=re.M)
        if changed != text:
            file.write_text(changed, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-3000:]
    for lang in ("de", "en"):
        prefix = PREFIX[lang]
        before = feedparser.parse((site.site / prefix / "feeds/news.atom.xml").read_bytes())
        after = feedparser.parse((build.site / prefix / "feeds/news.atom.xml").read_bytes())
        assert sorted(e.id for e in after.entries) == sorted(e.id for e in before.entries)  # no new, none twice
        assert any(e.link.endswith(f"news/{new}.html") for e in after.entries)
        uids = lambda s: sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical((s / prefix / "feeds/events.ics").read_bytes()).walk("VEVENT"))
        assert uids(build.site) == uids(site.site)
        # The old address sends the visitor to the new one.
        redirect = build.html(f"{prefix}news/{old}.html")
        refresh = redirect.xpath("//meta[@http-equiv='refresh']/@content")[0]
        assert refresh == f"0; url={new}.html"
        assert redirect.xpath("//link[@rel='canonical']/@href") == [f"{SITE_URL}{prefix}news/{new}.html"]
        assert redirect.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert (build.site / prefix / f"events/{old_event}.html").is_file()
        sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
        assert f"news/{old}.html" not in sitemap and f"news/{new}.html" in sitemap


def test_an_alias_that_names_a_page_is_refused_with_file_line_and_field(project):
    path = project / "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.de.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\naliases: [2022-10-21-go-cluster-jahrestreffen]\n", 1), encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode != 0
    assert "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.de.md:2: aliases.0" in build.output, build.output[-2000:]
    assert "Traceback" not in build.output and not (project / "site").exists()


def test_feeds_carry_the_newest_entries_up_to_the_configured_size(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("feed_size: 50", "feed_size: 2"), encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-2000:]
    feed = feedparser.parse((build.site / "feeds/news.rss.xml").read_bytes())
    assert [e.published_parsed[:3] if "published_parsed" in e else None for e in feed.entries] == [None, (2022, 10, 21)]
    assert len(json.loads((build.site / "feeds/news.json").read_bytes())["items"]) == 2
    # A tag's calendar: the most recent past events (none is upcoming on the build date).
    cal = icalendar.Calendar.from_ical((build.site / "feeds/tags/transformation.ics").read_bytes())
    assert [e.decoded("DTSTART").isoformat() for e in cal.walk("VEVENT")] == ["2023-11-08", "2025-03-31"]
    # The site's calendar keeps every event.
    assert len(list(icalendar.Calendar.from_ical((build.site / "feeds/events.ics").read_bytes()).walk("VEVENT"))) == 5
    config.write_text(config.read_text(encoding="utf-8").replace("feed_size: 2", "feed_size: zwei"), encoding="utf-8")
    wrong = run_build(project)
    assert wrong.result.returncode != 0 and "extra.feed_size: expected a whole number" in wrong.output
    assert "Traceback" not in wrong.output


def test_an_alias_may_not_name_any_items_key_or_a_year_listing(project):
    """Not a draft's key, not another language's item, not a year archive: a redirect must never
    replace a page, in any language, now or once a draft is published."""
    draft = project / "content/news/2026-11-01-entwurf.de.md"
    draft.write_text("---\ntitle: Entwurf\ndate: 2026-11-01\nsummary: Noch nicht.\ndraft: true\n---\n\nText.\n", encoding="utf-8")
    path = project / "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.de.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\naliases: [2026-11-01-entwurf, '2019']\n", 1), encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode != 0
    assert "aliases.0" in build.output and "aliases.1" in build.output, build.output[-2000:]
