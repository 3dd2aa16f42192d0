"""Validated content -> the pages of one language.

`SiteView` is what templates see of the cluster in one language (translator, lists, URLs);
`virtual_pages` lists the pages generated from content. Both are plain Python: MkDocs only
turns them into files (see hooks/cluster_hooks.py).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from .content import Content, Item, is_published
from .i18n import Translator

BERLIN = ZoneInfo("Europe/Berlin")


def build_date() -> dt.date:
    """The one date a build depends on: SOURCE_DATE_EPOCH if set, else today (Europe/Berlin).

    It decides which news items are published and which events are upcoming.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else int(time.time())
    return dt.datetime.fromtimestamp(seconds, tz=BERLIN).date()


def event_end_day(item: Item) -> dt.date:
    front = item.front
    last = front.end or front.start
    return last.date() if isinstance(last, dt.datetime) else last


def event_start_day(item: Item) -> dt.date:
    start = item.front.start
    return start.date() if isinstance(start, dt.datetime) else start


@dataclass
class VirtualPage:
    """A page generated from content. `key` is language-neutral: "members", "news/<slug>"."""

    key: str
    template: str
    title: str
    description: str = ""
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    source_lang: str | None = None  # language of the text shown, if not the page's


class SiteView:
    """The cluster as the templates of one language see it."""

    def __init__(self, content: Content, lang: str, today: dt.date, use_directory_urls: bool):
        self.content = content
        self.site = content.site
        self.lang = lang
        self.default = content.languages.default
        self.languages = content.languages.codes
        self.today = today
        self.use_directory_urls = use_directory_urls
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

    def _events(self) -> list[Item]:
        return [v[self.lang] for v in self.content.events.values() if self.lang in v and not v[self.lang].front.draft]

    @cached_property
    def upcoming_events(self) -> list[Item]:
        """Events not yet over on the build date, soonest first."""
        items = [i for i in self._events() if event_end_day(i) >= self.today]
        return sorted(items, key=lambda i: (event_start_day(i), i.slug))

    @cached_property
    def past_events(self) -> list[Item]:
        items = [i for i in self._events() if event_end_day(i) < self.today]
        return sorted(items, key=lambda i: (event_start_day(i), i.slug), reverse=True)

    @cached_property
    def founding_members(self) -> list[tuple[str, Any]]:
        return [(slug, m) for slug, m in self.content.members.items() if m.role.value == "founding_member"]

    def tag_label(self, slug: str) -> str:
        tag = self.content.tags.get(slug)
        return self.t.pick(tag.label) if tag else slug

    def member(self, slug: str) -> Any:
        return self.content.members[slug]

    def published_item(self, kind: str, slug: str) -> Item | None:
        """The item in this language if it is published (for cross-links)."""
        versions = getattr(self.content, kind).get(slug, {})
        item = versions.get(self.lang)
        if item is None or item.front.draft:
            return None
        if kind == "news" and not is_published(item.front, self.today):
            return None
        return item


def _item_pages(view: SiteView, kind: str) -> list[VirtualPage]:
    """One page per item; an item missing in this language gets a page that says so."""
    pages = []
    t = view.t
    template = "news_item.html" if kind == "news" else "event.html"
    for slug, versions in getattr(view.content, kind).items():
        visible = {
            lang: item for lang, item in versions.items()
            if (is_published(item.front, view.today) if kind == "news" else not item.front.draft)
        }
        if not visible:
            continue
        key = f"{kind}/{slug}"
        item = visible.get(view.lang)
        if item is not None:
            pages.append(VirtualPage(key, template, item.front.title, item.front.summary, item.body, {"item": item}))
        else:
            others = [lang for lang in view.languages if lang in visible]
            names = ", ".join(t.language_name(lang) for lang in others)
            shown = visible[others[0]]
            pages.append(VirtualPage(
                key, "only_in.html", shown.front.title, t.t("only_in.notice", languages=names),
                data={"item": shown, "available": others}, source_lang=others[0],
            ))
    return pages


def virtual_pages(view: SiteView) -> list[VirtualPage]:
    """All pages generated from content, for one language."""
    t = view.t
    site = view.site

    def source(title_key: str | None, *localized: dict) -> str | None:
        """The default language if this page's text is not (yet) in the page's language."""
        untranslated = (title_key and not t.is_own(title_key)) or any(t.is_fallback(x) for x in localized)
        return view.default if untranslated else None

    section = view.content.topics_section
    pages = [
        VirtualPage("members", "members.html", t.t("page.members"), t.pick(site.tagline),
                    source_lang=source("page.members", site.coordination_office.description)),
        VirtualPage("offers", "offers.html", t.t("page.offers"), t.pick(view.content.offers.intro),
                    source_lang=source("page.offers", view.content.offers.intro)),
        VirtualPage("topics", "topics.html", t.pick(section.title), t.pick(section.intro),
                    source_lang=source(None, section.title, section.intro)),
        VirtualPage("news", "news.html", t.t("page.news"), t.t("home.news"), source_lang=source("page.news")),
        VirtualPage("events", "events.html", t.t("page.events"), t.t("events.upcoming"), source_lang=source("page.events")),
        VirtualPage("contact", "contact.html", t.t("page.contact"), t.pick(site.name), source_lang=source("page.contact")),
        VirtualPage("imprint", "imprint.html", t.t("page.imprint"), t.t("page.imprint"), source_lang=source("page.imprint")),
        VirtualPage("privacy", "privacy.html", t.t("page.privacy"), t.t("privacy.no_cookies"), source_lang=source("privacy.no_cookies_text")),
        VirtualPage("accessibility", "accessibility.html", t.t("page.accessibility"), t.t("a11y.intro"), source_lang=source("a11y.intro")),
    ]
    for slug, topic in view.content.topics.items():
        pages.append(VirtualPage(f"topics/{slug}", "topic.html", t.pick(topic.title), t.pick(topic.summary),
                                 data={"topic": topic}, source_lang=source(None, topic.title, topic.summary)))
    pages += _item_pages(view, "news")
    pages += _item_pages(view, "events")
    return pages
