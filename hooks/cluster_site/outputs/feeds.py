"""Pages of one language -> subscribable feeds: RSS 2.0 and Atom for news, iCalendar for events.

Everything time-like comes from content (item dates), never from the clock, so rebuilding the
same content gives byte-identical feeds. Ids are derived from the item's key (its file name),
so editing an item never changes its GUID/UID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import markdown
from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, vDuration

from ..content import Item
from ..content.models import TIME_ZONE
from ..site_view import SiteView, without_index
from ..safe_html import sanitize

FEEDS = "feeds/"
STYLESHEET = "feeds/feed.xsl"  # shows RSS and Atom as a page in a browser (templates: feed.xsl)
REFRESH = dt.timedelta(hours=12)  # how often calendar apps should look again (a hint)
# Entries per news feed (mkdocs.yml: extra.feed_size). Readers keep what they have fetched, so the
# newest ones are enough unless more than this many appear between two of a reader's visits.
FEED_SIZE = 50


@dataclass(frozen=True)
class FeedScope:
    """What one set of feeds carries in one language: everything, or one tag's items."""

    tag: str | None = None

    def paths(self, view: SiteView) -> dict[str, str]:
        """Site-relative paths of this scope's feeds: RSS, Atom, JSON Feed, iCalendar."""
        if self.tag is None:
            base = f"{view.prefix()}{FEEDS}"
            return {"rss": base + "news.rss.xml", "atom": base + "news.atom.xml", "json": base + "news.json",
                    "ics": base + "events.ics"}
        base = f"{view.prefix()}{FEEDS}tags/{self.tag}."
        return {"rss": base + "rss.xml", "atom": base + "atom.xml", "json": base + "json", "ics": base + "ics"}

    size: int = FEED_SIZE

    def news(self, view: SiteView) -> list[Item]:
        """The newest published news, newest first."""
        items = view.news if self.tag is None else [i for i in view.news if self.tag in i.front.tags]
        return items[: self.size]

    def events(self, view: SiteView) -> list[Item]:
        """Events in the order they take place: all of them in the site's calendar; in a tag's,
        every upcoming one and the most recent past ones (a subscribed calendar keeps the past)."""
        if self.tag is None:
            items = view.events
        else:
            tagged = [i for i in view.events if self.tag in i.front.tags]
            upcoming = [i for i in tagged if view.is_upcoming(i)]
            past = [i for i in tagged if not view.is_upcoming(i)]  # in the order they took place
            room = max(self.size - len(upcoming), 0)
            items = (past[-room:] if room else []) + upcoming
        return sorted(items, key=lambda i: (str(i.front.start), i.slug))

    def page_key(self) -> str:
        """The page these feeds belong to (their "alternate" link)."""
        return "news" if self.tag is None else f"tags/{self.tag}"

    def news_title(self, view: SiteView, site_name: str) -> str:
        what = view.t.t("page.news") if self.tag is None else view.t.t("tags.title", tag=view.tag_label(self.tag))
        return f"{site_name} – {what}"

    def calendar_name(self, view: SiteView, site_name: str) -> str:
        label = "" if self.tag is None else f": {view.tag_label(self.tag)}"
        return f"{site_name} – {view.t.t('page.events')}{label}"


def scopes(view: SiteView, size: int = FEED_SIZE) -> list[FeedScope]:
    """Every scope this language has feeds for: the whole site and each tag with a page."""
    return [FeedScope(None, size)] + [FeedScope(tag, size) for tag in view.tagged]


# "Add by URL" in two web calendars (plain links: nothing is loaded from them).
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render?cid={webcal}"
OUTLOOK_ON_THE_WEB = "https://outlook.office.com/calendar/0/addfromweb?url={url}&name={name}"


@dataclass(frozen=True)
class Subscription:
    """Every way to subscribe to one scope's feeds, for the templates. `rss`… are site-relative
    paths (for links); the absolute addresses and calendar links need the site's URL."""

    rss: str
    atom: str
    json: str
    ics: str
    title: str  # the news feed's title
    calendar_name: str
    tag: str | None = None
    has_news: bool = True  # a tag's feeds exist only where it has items of their kind
    has_events: bool = True
    rss_url: str = ""
    ics_url: str = ""
    webcal: str = ""
    google: str = ""
    outlook: str = ""


def subscription(view: SiteView, site_url: str, site_name: str, tag: str | None = None) -> Subscription:
    scope = FeedScope(tag)
    paths = scope.paths(view)
    name = scope.calendar_name(view, site_name)
    links: dict[str, str] = {}
    if site_url:
        ics_url = site_url + paths["ics"]
        webcal = "webcal" + ics_url[ics_url.index(":"):]
        links = {"rss_url": site_url + paths["rss"], "ics_url": ics_url, "webcal": webcal,
                 "google": GOOGLE_CALENDAR.format(webcal=quote(webcal, safe="")),
                 "outlook": OUTLOOK_ON_THE_WEB.format(url=quote(ics_url, safe=""), name=quote(name, safe=""))}
    has_news, has_events = view.tag_kinds(tag) if tag is not None else (True, True)
    return Subscription(**paths, title=scope.news_title(view, site_name), calendar_name=name, tag=tag,
                        has_news=has_news, has_events=has_events, **links)


def _authority(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=TIME_ZONE)


def _noon(day: dt.date) -> dt.datetime:
    """A dated item's time: noon in Berlin keeps the calendar day in readers' time zones."""
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=TIME_ZONE)


def _key_date(key: str, fallback: dt.date) -> dt.date:
    """The date a key starts with (2022-10-21-…), else `fallback`."""
    try:
        return dt.date.fromisoformat(key[:10])
    except ValueError:
        return fallback


def news_guid(site_url: str, item: Item) -> str:
    """A tag URI (RFC 4151): stable across edits (a corrected `date:` too), rebuilds and URL style
    changes. The date in it is the one the item's key starts with, and a renamed item that pins its
    old key (`id`) keeps the GUID it had."""
    day = _key_date(item.feed_key, _key_date(item.slug, item.front.date))
    return f"tag:{_authority(site_url)},{day.isoformat()}:news/{item.feed_key}/{item.lang}"


def event_uid(site_url: str, item: Item) -> str:
    # One UID per event and language: calendars may subscribe to both languages.
    return f"{item.feed_key}.{item.lang}@{_authority(site_url)}"


_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_links(html: str, page_url: str) -> str:
    """Feed readers show an item away from its page: make its links absolute."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{urljoin(page_url, m[2])}"', html)


def _body(view: SiteView, site_url: str, item: Item, bodies: dict[str, str] | None) -> str:
    body = (bodies or {}).get(item.key)
    if body is None:  # not rendered in this build (e.g. called outside MkDocs)
        body = absolute_links(sanitize(markdown.markdown(item.body)), site_url + view.url(item.key))
    return body


def news_feed(view: SiteView, site_url: str, site_name: str, bodies: dict[str, str] | None = None,
              scope: FeedScope = FeedScope()) -> FeedGenerator:
    """`bodies`: the rendered HTML of each item page by key (links already absolute)."""
    t = view.t
    items = scope.news(view)
    paths = scope.paths(view)
    fg = FeedGenerator()
    page_url = site_url + view.url(scope.page_key())
    fg.id(page_url)
    fg.title(scope.news_title(view, site_name))
    fg.subtitle(t.pick(view.site.tagline) or site_name)
    fg.language(view.lang)
    # RFC 4287 §4.1.2: entries without an author take the feed's. The cluster publishes them all.
    fg.author({"name": site_name, "uri": site_url + without_index(view.url(""))})
    # feedgen: the RSS <channel><link> is the last link added, so "self" comes first.
    fg.link(href=site_url + paths["atom"], rel="self")
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
        entry.link(href=site_url + view.url(item.key))
        entry.summary(front.summary)
        entry.content(_body(view, site_url, item, bodies), type="html")
        if front.date_of.value == "publication":  # the event's day is no publication date
            entry.published(_noon(front.date))
        entry.updated(_noon(front.updated or front.date))
        for tag in front.tags:
            entry.category(term=tag, label=view.tag_label(tag))
    return fg


def _with_stylesheet(xml: bytes, feed_path: str, stylesheet: str) -> bytes:
    """The feed with an xml-stylesheet instruction after its declaration: a browser shows it as
    a page (feed.xsl), readers ignore it. The link is relative, so any host and folder work."""
    href = posixpath.relpath(stylesheet, posixpath.dirname(feed_path))
    declaration, rest = xml.split(b"?>", 1)
    return declaration + b'?>\n<?xml-stylesheet type="text/xsl" href="' + href.encode() + b'"?>' + rest


def json_feed(view: SiteView, site_url: str, site_name: str, bodies: dict[str, str] | None = None,
              scope: FeedScope = FeedScope()) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the same items as RSS and Atom."""
    paths = scope.paths(view)
    items = []
    for item in scope.news(view):
        front = item.front
        entry: dict[str, object] = {
            "id": news_guid(site_url, item),
            "url": site_url + view.url(item.key),
            "title": front.title,
            "content_html": _body(view, site_url, item, bodies),
            "summary": front.summary,
        }
        if front.date_of.value == "publication":
            entry["date_published"] = _noon(front.date).isoformat()
        entry["date_modified"] = _noon(front.updated or front.date).isoformat()
        if front.tags:
            entry["tags"] = [view.tag_label(tag) for tag in front.tags]
        items.append(entry)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.news_title(view, site_name),
        "home_page_url": site_url + view.url(scope.page_key()),
        "feed_url": site_url + paths["json"],
        "description": view.t.pick(view.site.tagline) or site_name,
        "language": view.lang,
        "authors": [{"name": site_name, "url": site_url + without_index(view.url(""))}],
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _event(view: SiteView, site_url: str, item: Item) -> Event:
    front = item.front
    t = view.t
    event = Event()
    event.add("uid", event_uid(site_url, item))
    status = front.status.value
    # Calendars show no status to most people: a cancelled or postponed event says so in its title.
    event.add("summary", front.title if status == "scheduled" else f"{t.t('event.status.' + status)}: {front.title}")
    # Postponed: the date shown is not certain any more (TENTATIVE); cancelled: it will not take place.
    event.add("status", {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}[status])
    # The organizer goes into the text: iCalendar's ORGANIZER needs an e-mail address,
    # and we have none to give (we never invent one).
    description = [front.summary]
    if front.organizer:
        description.append(f"{t.t('event.organizer')}: {front.organizer}")
    if front.join_url and status != "cancelled":
        description.append(f"{t.t('event.join')}: {front.join_url}")
    event.add("description", "\n\n".join(description))
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
        if front.location.geo:
            event.add("geo", (front.location.geo.lat, front.location.geo.lon))
    if front.online:
        place.append(t.t("event.online"))
    if place:
        event.add("location", ", ".join(place))
    if front.join_url and status != "cancelled":  # RFC 7986; apps that do not know it read the description
        event.add("conference", front.join_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    event.add("url", site_url + view.url(item.key))
    for tag in front.tags:
        event.add("categories", view.tag_label(tag))
    return event


def _envelope(view: SiteView, subscription: dict[str, str] | None = None) -> Calendar:
    """A calendar's own properties. A subscription (the events calendar, a tag's) has a name,
    a description, where it comes from and how often to look again (RFC 7986, and the X-WR-/
    X-PUBLISHED-TTL names older apps read); a single event's file has none, so that importing
    it adds the event instead of making a new calendar."""
    cal = Calendar()
    cal.add("prodid", f"-//cluster-site//{view.site.short_name}//{view.lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if subscription:
        cal.add("name", subscription["name"])
        cal.add("x-wr-calname", subscription["name"])
        cal.add("description", subscription["description"])
        cal.add("x-wr-caldesc", subscription["description"])
        cal.add("url", subscription["page"])
        cal.add("source", subscription["source"], parameters={"VALUE": "URI"})
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())  # an unknown name: icalendar would not write a duration
    return cal


def _time_zones(events: list[Event]) -> bytes:
    """The VTIMEZONEs that icalendar adds to a calendar of these events, serialised."""
    cal = Calendar()
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return b"".join(zone.to_ical() for zone in cal.walk("VTIMEZONE"))


def _split(cal: Calendar) -> tuple[bytes, bytes]:
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head, b"END:VCALENDAR" + end


class FeedParts:
    """What feeds are made of, made once: each event's iCalendar text (an event is in the site's
    calendar, in each of its tags' calendars and in its own file) and, across the builds of the
    live preview, each news feed whose entries did not change. The preview calls `forget` when
    anything but news and events changed."""

    def __init__(self) -> None:
        self._events: dict[tuple[str, str, str, str], tuple[bytes, bytes, Event | None]] = {}
        self._news: dict[tuple[str, str, str | None], tuple[Any, tuple[bytes, bytes, bytes]]] = {}

    def event(self, view: SiteView, site_url: str, item: Item) -> tuple[bytes, bytes, Event | None]:
        """The event as iCalendar, its time zone (if it has a time), and the event if it has one."""
        key = (view.lang, site_url, item.path, item.version)
        if key not in self._events:
            event = _event(view, site_url, item)
            timed = isinstance(item.front.start, dt.datetime)
            self._events[key] = (event.to_ical(), _time_zones([event]) if timed else b"", event if timed else None)
        return self._events[key]

    def news(self, scope: tuple[str, str, str | None], entries: Any,
             make: Callable[[], tuple[bytes, bytes, bytes]]) -> tuple[bytes, bytes, bytes]:
        """A scope's news feeds (Atom, RSS, JSON), made again only if its `entries` changed."""
        known = self._news.get(scope)
        if known is None or known[0] != entries:
            known = self._news[scope] = (entries, make())
        return known[1]

    def forget(self) -> None:
        self._events.clear()
        self._news.clear()

    def of_language(self, lang: str) -> FeedParts:
        """The parts of one language's feeds (a second process hands them to the first)."""
        parts = FeedParts()
        parts._events = {key: value for key, value in self._events.items() if key[0] == lang}
        parts._news = {scope: value for scope, value in self._news.items() if scope[0] == lang}
        return parts

    def take(self, other: FeedParts) -> None:
        self._events.update(other._events)
        self._news.update(other._news)


def calendars(view: SiteView, site_url: str, site_name: str, items: list[Item],
              scope: FeedScope = FeedScope(), singles: bool = True,
              parts: FeedParts | None = None) -> tuple[bytes, dict[str, bytes]]:
    """The calendar of all `items`, and (`singles`) one calendar per item by slug, as iCalendar bytes.

    The same bytes as icalendar writes for each of these calendars, but each event is built and
    serialised once, not once for the whole calendar and again for its own file (a third of a
    large build's feed time). A calendar is BEGIN, its properties, the time zones its events use,
    the events, END (icalendar puts missing VTIMEZONEs first).
    """
    label = view.tag_label(scope.tag) if scope.tag else None
    subscription = {
        "name": scope.calendar_name(view, site_name),
        "description": view.t.t("events.description") if label is None else view.t.t("feed.tag_calendar", tag=label),
        "page": site_url + view.url("events" if scope.tag is None else scope.page_key()),
        "source": site_url + scope.paths(view)["ics"],
    }
    head, footer = _split(_envelope(view, subscription))
    single_head, single_footer = _split(_envelope(view))
    events: dict[str, bytes] = {}
    zones: dict[str, bytes] = {}
    timed: list[Event] = []  # only timed events need a VTIMEZONE
    parts = parts or FeedParts()
    for item in items:
        events[item.slug], zones[item.slug], event = parts.event(view, site_url, item)
        if event is not None:
            timed.append(event)
    all_zones = _time_zones(timed)
    whole = head + all_zones + b"".join(events.values()) + footer
    if not singles:
        return whole, {}
    return whole, {slug: single_head + zones[slug] + events[slug] + single_footer for slug in events}


def stylesheet(template: Any, view: SiteView, site_url: str, site_name: str, brand_css: str, favicon: str) -> str:
    """feed.xsl (a Jinja template of the theme) for this language: a feed opened in a browser
    reads as a page of the site. Links from the site's root: feeds sit in different folders."""
    pattern = view.t.long_date_pattern()  # a language without its own feed.date: babel's long date
    return template.render(
        t=view.t, lang=view.lang, site_name=site_name, root=urlsplit(site_url or "/").path or "/",
        brand_css=brand_css, favicon=favicon, home=without_index(view.url("")), subscribe=view.url("subscribe"),
        date_parts=[part for part in re.split(r"(\{day\}|\{month\}|\{year\})", pattern) if part],
        months=list(view.t.month_names().items()))


def write_feeds(site_dir: Path, view: SiteView, site_url: str, site_name: str,
                bodies: dict[str, str] | None = None, stylesheet: str | None = None, size: int = FEED_SIZE,
                parts: FeedParts | None = None, before: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Write this language's feeds (RSS, Atom, JSON Feed, iCalendar) for the whole site and for
    each tag, one .ics per event, and `stylesheet` (feed.xsl rendered for this language); the
    paths written (relative to `site_dir`) with a digest of each file. The live preview passes
    the `parts` made by its earlier builds and the files written `before`: a file that would
    not change is left as it is."""
    written: dict[str, bytes] = {}
    parts = parts or FeedParts()
    before = before or {}
    bodies = bodies or {}

    def put(path: str, data: bytes) -> None:
        written[path] = hashlib.blake2b(data, digest_size=16).digest()
        if before.get(path) != written[path] or not (site_dir / path).is_file():
            (site_dir / path).write_bytes(data)

    (site_dir / view.prefix() / "feeds" / "tags").mkdir(parents=True, exist_ok=True)
    if stylesheet is not None:
        put(view.prefix() + STYLESHEET, stylesheet.encode("utf-8"))
    style = view.prefix() + STYLESHEET if stylesheet is not None else None
    for scope in scopes(view, size):
        paths = scope.paths(view)
        events = scope.events(view)
        if scope.tag is not None and events:  # a calendar needs at least one event (RFC 5545)
            put(paths["ics"], calendars(view, site_url, site_name, events, scope, singles=False, parts=parts)[0])
        news = scope.news(view)
        if scope.tag is not None and not news:
            continue  # no empty news feeds for a tag with events only

        def make(scope: FeedScope = scope, paths: dict[str, str] = paths) -> tuple[bytes, bytes, bytes]:
            fg = news_feed(view, site_url, site_name, bodies, scope)
            atom = fg.atom_str(pretty=True)
            fg.link(href=site_url + paths["rss"], rel="self", replace=True)
            fg.link(href=site_url + view.url(scope.page_key()), rel="alternate")
            rss = fg.rss_str(pretty=True)
            if style:
                atom, rss = _with_stylesheet(atom, paths["atom"], style), _with_stylesheet(rss, paths["rss"], style)
            return atom, rss, json_feed(view, site_url, site_name, bodies, scope)

        entries = (style, [(item.path, item.version, bodies.get(item.key)) for item in news])
        atom, rss, json_data = parts.news((view.lang, site_url, scope.tag), entries, make)
        put(paths["atom"], atom)
        put(paths["rss"], rss)
        put(paths["json"], json_data)
        if scope.tag is not None:
            continue
        whole, per_event = calendars(view, site_url, site_name, events, scope, parts=parts)
        put(paths["ics"], whole)
        if per_event:
            (site_dir / view.prefix() / "events").mkdir(parents=True, exist_ok=True)
        for slug, data in per_event.items():
            put(view.prefix() + f"events/{slug}.ics", data)
    return written
