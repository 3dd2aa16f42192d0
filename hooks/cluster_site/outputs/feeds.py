"""Pages of one language -> subscribable feeds: RSS 2.0 and Atom for news, iCalendar for events.

Everything time-like comes from content (item dates), never from the clock, so rebuilding the
same content gives byte-identical feeds. Ids are derived from the item's key (its file name),
so editing an item never changes its GUID/UID.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from ..content import Item
from ..content.models import TIME_ZONE
from ..site_view import SiteView
from ..safe_html import sanitize

NEWS_RSS = "feeds/news.rss.xml"
NEWS_ATOM = "feeds/news.atom.xml"
EVENTS_ICS = "feeds/events.ics"


def feed_paths(view: SiteView) -> dict[str, str]:
    """Site-relative paths of this language's feeds (for links and autodiscovery)."""
    prefix = view.prefix()
    return {"rss": prefix + NEWS_RSS, "atom": prefix + NEWS_ATOM, "ics": prefix + EVENTS_ICS}


def _authority(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=TIME_ZONE)


def _noon(day: dt.date) -> dt.datetime:
    """A dated item's time: noon in Berlin keeps the calendar day in readers' time zones."""
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=TIME_ZONE)


def news_guid(site_url: str, item: Item) -> str:
    """A tag URI (RFC 4151): stable across edits, rebuilds and URL style changes."""
    return f"tag:{_authority(site_url)},{item.front.date.isoformat()}:news/{item.slug}/{item.lang}"


def event_uid(site_url: str, item: Item) -> str:
    # One UID per event and language: calendars may subscribe to both languages.
    return f"{item.slug}.{item.lang}@{_authority(site_url)}"


_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_links(html: str, page_url: str) -> str:
    """Feed readers show an item away from its page: make its links absolute."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{urljoin(page_url, m[2])}"', html)


def news_feed(view: SiteView, site_url: str, site_name: str, bodies: dict[str, str] | None = None) -> FeedGenerator:
    """`bodies`: the rendered HTML of each item page by key (links already absolute)."""
    t = view.t
    items = view.news
    fg = FeedGenerator()
    page_url = site_url + view.url("news")
    fg.id(page_url)
    fg.title(f"{site_name} – {t.t('page.news')}")
    fg.subtitle(t.pick(view.site.tagline))
    fg.language(view.lang)
    # feedgen: the RSS <channel><link> is the last link added, so "self" comes first.
    fg.link(href=site_url + view.prefix() + NEWS_ATOM, rel="self")
    fg.link(href=page_url, rel="alternate")
    newest = max((i.front.updated or i.front.date for i in items), default=view.today)
    fg.updated(_noon(newest))
    fg.lastBuildDate(_noon(newest))
    fg.generator("cluster-site")
    for item in items:
        front = item.front
        entry = fg.add_entry(order="append")
        entry.id(news_guid(site_url, item))
        entry.guid(news_guid(site_url, item), permalink=False)
        entry.title(front.title)
        entry.link(href=site_url + view.url(f"news/{item.slug}"))
        entry.summary(front.summary)
        body = (bodies or {}).get(item.key)
        if body is None:  # not rendered in this build (e.g. called outside MkDocs)
            body = absolute_links(sanitize(markdown.markdown(item.body)), site_url + view.url(item.key))
        entry.content(body, type="html")
        if front.date_of.value == "publication":  # the event's day is no publication date
            entry.published(_noon(front.date))
        entry.updated(_noon(front.updated or front.date))
        for tag in front.tags:
            entry.category(term=tag, label=view.tag_label(tag))
    return fg


def _event(view: SiteView, site_url: str, item: Item) -> Event:
    front = item.front
    event = Event()
    event.add("uid", event_uid(site_url, item))
    event.add("summary", front.title)
    # The organizer goes into the text: iCalendar's ORGANIZER needs an e-mail address,
    # and we have none to give (we never invent one).
    organizer = f"\n\n{view.t.t('event.organizer')}: {front.organizer}" if front.organizer else ""
    event.add("description", front.summary + organizer)
    if isinstance(front.start, dt.datetime):
        start = front.start.replace(tzinfo=TIME_ZONE)
        end = (front.end or front.start).replace(tzinfo=TIME_ZONE)
        event.add("dtstart", start)
        event.add("dtend", end if end > start else start + dt.timedelta(hours=1))
        stamp = start
    else:  # all-day: DATE values, DTEND exclusive
        event.add("dtstart", front.start)
        event.add("dtend", (front.end or front.start) + dt.timedelta(days=1))
        stamp = _midnight(front.start)
    event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    place = []
    if front.location:
        place = [p for p in (front.location.venue, front.location.address, front.location.city) if p]
    if front.online:
        place.append(view.t.t("event.online"))
    if place:
        event.add("location", ", ".join(place))
    event.add("url", site_url + view.url(f"events/{item.slug}"))
    for tag in front.tags:
        event.add("categories", view.tag_label(tag))
    return event


def _envelope(view: SiteView, site_name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//cluster-site//{view.site.short_name}//{view.lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{site_name} – {view.t.t('page.events')}")
    return cal


def _time_zones(events: list[Event]) -> bytes:
    """The VTIMEZONEs that icalendar adds to a calendar of these events, serialised."""
    cal = Calendar()
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return b"".join(zone.to_ical() for zone in cal.walk("VTIMEZONE"))


def calendars(view: SiteView, site_url: str, site_name: str, items: list[Item]) -> tuple[bytes, dict[str, bytes]]:
    """The calendar of all `items`, and one calendar per item (by slug), as iCalendar bytes.

    The same bytes as icalendar writes for each of these calendars, but each event is built and
    serialised once, not once for the whole calendar and again for its own file (a third of a
    large build's feed time). A calendar is BEGIN, its properties, the time zones its events use,
    the events, END (icalendar puts missing VTIMEZONEs first).
    """
    head, end = _envelope(view, site_name).to_ical().rsplit(b"END:VCALENDAR", 1)
    footer = b"END:VCALENDAR" + end
    events: dict[str, bytes] = {}
    zones: dict[str, bytes] = {}
    timed: list[Event] = []  # only timed events need a VTIMEZONE
    for item in items:
        event = _event(view, site_url, item)
        events[item.slug] = event.to_ical()
        zones[item.slug] = b""
        if isinstance(item.front.start, dt.datetime):
            zones[item.slug] = _time_zones([event])
            timed.append(event)
    all_zones = _time_zones(timed)
    whole = head + all_zones + b"".join(events.values()) + footer
    return whole, {slug: head + zones[slug] + events[slug] + footer for slug in events}


def write_feeds(site_dir: Path, view: SiteView, site_url: str, site_name: str,
                bodies: dict[str, str] | None = None) -> None:
    """Write this language's news feeds, events calendar and one .ics per event."""
    base = site_dir / view.prefix()
    (base / "feeds").mkdir(parents=True, exist_ok=True)
    fg = news_feed(view, site_url, site_name, bodies)
    (base / NEWS_ATOM).write_bytes(fg.atom_str(pretty=True))
    fg.link(href=site_url + view.prefix() + NEWS_RSS, rel="self", replace=True)
    fg.link(href=site_url + view.url("news"), rel="alternate")
    (base / NEWS_RSS).write_bytes(fg.rss_str(pretty=True))
    events = sorted(view.events, key=lambda i: (str(i.front.start), i.slug))
    whole, per_event = calendars(view, site_url, site_name, events)
    (base / EVENTS_ICS).write_bytes(whole)
    if per_event:
        (base / "events").mkdir(parents=True, exist_ok=True)
    for slug, data in per_event.items():
        (base / f"events/{slug}.ics").write_bytes(data)
