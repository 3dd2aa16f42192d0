"""The site in one language, as its templates see it: lists of items, members, tags, URLs."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from .content import Content, Item, accessibility_gaps, is_published
from .i18n import Translator

DEFAULT_PAGE_SIZE = 10


def without_index(url: str) -> str:
    """Absolute links name folders, not their index.html: /en/ rather than /en/index.html."""
    if url in ("./", "."):
        return ""
    return url[: -len("index.html")] if url == "index.html" or url.endswith("/index.html") else url


def event_end_day(item: Item) -> dt.date:
    front = item.front
    last = front.end or front.start
    return last.date() if isinstance(last, dt.datetime) else last


class SiteView:
    """The cluster as the templates of one language see it.

    Templates ask it narrow questions (the years that have news, not every item by year): the
    live preview re-renders a page when an answer it got changes (speed/page_inputs.py), so a page
    that asks only what it shows is rendered again only when that changes.
    """

    # Answers that depend only on the configuration and the site-wide content (site.yml,
    # members, tags, texts), never on news or events: every page depends on those anyway
    # (speed/page_inputs.site_digest), so asking them is not noted.
    SITE_WIDE = frozenset({"default", "lang", "languages", "member", "members", "founding_members",
                           "offers", "page_size", "prefix", "site", "t", "tag_label", "today", "topics", "topics_section",
                           "url", "use_directory_urls"})

    def __init__(self, content: Content, lang: str, today: dt.date, use_directory_urls: bool,
                 page_size: int = DEFAULT_PAGE_SIZE, pictures: dict[str, Any] | None = None):
        self.content = content
        self.pictures = pictures or {}  # src -> outputs.images.Picture (sizes and versions)
        self.site = content.site
        self.lang = lang
        self.default = content.languages.default
        self.languages = content.languages.codes
        self.today = today
        self.use_directory_urls = use_directory_urls
        self.page_size = page_size
        self.t = Translator(lang, self.default, content.ui)

    # --- URLs (relative to the site root; templates pass them through `| url`) ---------

    def prefix(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return "" if lang == self.default else f"{lang}/"

    def url(self, key: str, lang: str | None = None) -> str:
        if key in ("", "index"):
            return self.prefix(lang) or "./" if self.use_directory_urls else f"{self.prefix(lang)}index.html"
        return f"{self.prefix(lang)}{key}/" if self.use_directory_urls else f"{self.prefix(lang)}{key}.html"

    # --- lists -------------------------------------------------------------------------

    @cached_property
    def news(self) -> list[Item]:
        """Published news in this language, newest first (slug breaks ties, stably)."""
        items = [v[self.lang] for v in self.content.news.values() if self.lang in v and is_published(v[self.lang].front, self.today)]
        return sorted(items, key=lambda i: (i.front.date, i.slug), reverse=True)

    @cached_property
    def events(self) -> list[Item]:
        """Every event in this language that is not a draft, in the order they take place."""
        items = [v[self.lang] for v in self.content.events.values() if self.lang in v and is_published(v[self.lang].front, self.today)]
        return sorted(items, key=lambda i: (i.sort_date, i.slug))

    @cached_property
    def upcoming_events(self) -> list[Item]:
        """Events not yet over on the build date, soonest first."""
        return [i for i in self.events if event_end_day(i) >= self.today]

    def is_upcoming(self, item: Item) -> bool:
        """Whether an event is not yet over on the build date."""
        return event_end_day(item) >= self.today

    @cached_property
    def past_events(self) -> list[Item]:
        """Events that are over, most recent first."""
        return [i for i in reversed(self.events) if event_end_day(i) < self.today]

    @cached_property
    def accessibility_limitations(self) -> list[Any]:
        """What is not yet accessible, in this language: the operator's list, then what the build
        knows (no sign-language video, Leichte Sprache not reviewed, untranslated items)."""
        own = [self.t.html(item) for item in self.site.accessibility.known_limitations]  # Markdown, as written
        known = [self.t.t(key, language=self.t.language_name(self.default), **values)
                 for key, values in accessibility_gaps(self.content, self.lang, self.today)]
        return own + known

    @cached_property
    def news_by_year(self) -> dict[int, list[Item]]:
        """Published news per year, newest year first (the year archives)."""
        return _by_year(self.news, reverse=True)

    @cached_property
    def events_by_year(self) -> dict[int, list[Item]]:
        """Events per year of their first day, newest year first; in a year, by date."""
        return _by_year(self.events, reverse=True)

    @cached_property
    def news_years(self) -> list[int]:
        """The years with published news, newest first (the links to the year archives)."""
        return list(self.news_by_year)

    @cached_property
    def event_years(self) -> list[int]:
        """The years with events, newest first."""
        return list(self.events_by_year)

    @cached_property
    def tags_in_use(self) -> list[str]:
        """The tags that published news or events carry, in tags.yml order."""
        return list(self.tagged)

    def tag_kinds(self, tag: str) -> tuple[bool, bool]:
        """Whether a tag has published news, and whether it has events (its feeds exist then)."""
        return self._tag_kinds.get(tag, (False, False))

    @cached_property
    def _tag_kinds(self) -> dict[str, tuple[bool, bool]]:
        result = {}
        for tag, items in self.tagged.items():
            kinds = {item.kind for item in items}
            result[tag] = ("news" in kinds, "events" in kinds)
        return result

    def picture(self, src: str) -> Any:
        """The versions of an image content names (outputs.images.Picture), or None."""
        return self.pictures.get(src)

    @cached_property
    def tagged(self) -> dict[str, list[Item]]:
        """Published news and events per tag (in tags.yml order), newest first."""
        result: dict[str, list[Item]] = {slug: [] for slug in self.content.tags}
        for item in self.news + self.events:
            for tag in item.front.tags:
                result.setdefault(tag, []).append(item)
        return {
            tag: sorted(items, key=lambda i: (i.sort_date, i.kind, i.slug), reverse=True)
            for tag, items in result.items() if items
        }

    @cached_property
    def _neighbours(self) -> dict[str, tuple[Item | None, Item | None]]:
        """Per item key: the items before and after it in reading order.

        News read newest first (previous = newer); events in the order they take place.
        """
        result = {}
        for items in (self.news, self.events):
            for index, item in enumerate(items):
                before = items[index - 1] if index > 0 else None
                after = items[index + 1] if index + 1 < len(items) else None
                result[item.key] = (before, after)
        return result

    def neighbours(self, item: Item) -> tuple[Item | None, Item | None]:
        return self._neighbours.get(item.key, (None, None))

    @cached_property
    def members(self) -> dict[str, Any]:
        """Members to show (not drafts), in their configured order."""
        return {slug: m for slug, m in self.content.members.items() if not m.draft}

    @cached_property
    def founding_members(self) -> list[tuple[str, Any]]:
        return [(slug, m) for slug, m in self.members.items() if m.role.value == "founding_member"]

    @property
    def offers(self) -> Any:
        return self.content.offers

    @property
    def topics_section(self) -> Any:
        return self.content.topics_section

    @property
    def topics(self) -> dict[str, Any]:
        return self.content.topics

    def tag_label(self, slug: str) -> str:
        tag = self.content.tags.get(slug)
        return self.t.pick(tag.label) if tag else slug

    def member(self, slug: str) -> Any:
        return self.content.members[slug]

    def published_item(self, kind: str, slug: str) -> Item | None:
        """The item in this language if it is published (for cross-links)."""
        item = getattr(self.content, kind).get(slug, {}).get(self.lang)
        return item if item is not None and is_published(item.front, self.today) else None


def _by_year(items: list[Item], reverse: bool) -> dict[int, list[Item]]:
    years: dict[int, list[Item]] = {}
    for item in items:
        years.setdefault(item.sort_date.year, []).append(item)
    return dict(sorted(years.items(), reverse=reverse))
