"""The pages generated from content for one language: fixed pages, paginated listings, items.

Plain Python: MkDocs only turns them into files (mkdocs_build/generated_files.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .content import Item, is_published
from .site_view import SiteView


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
    # Where the language switcher goes in a language that lacks this page (a tag or year
    # with no items there, a listing with fewer pages): the listing this page belongs to.
    parent: str | None = None


@dataclass(frozen=True)
class Pager:
    """Page `number` (from 1) of a listing whose pages have the keys `keys`."""

    number: int
    keys: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.keys)

    @property
    def previous(self) -> str | None:
        return self.keys[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.keys[self.number] if self.number < len(self.keys) else None

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: first, last and `around` either side of this one; None = gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        result: list[int | None] = []
        for number in shown:
            if result and number - result[-1] > 1:
                result.append(None)
            result.append(number)
        return result


def _paginated(view: SiteView, key: str, template: str, title: str, description: str, items: list[Item],
               data: dict[str, Any] | None = None, source_lang: str | None = None,
               parent: str | None = None) -> list[VirtualPage]:
    """A listing split into pages of `view.page_size`: `key`, then `key/page/2`, `key/page/3`..."""
    size = view.page_size
    chunks = [items[start:start + size] for start in range(0, len(items), size)] or [[]]
    keys = (key,) + tuple(f"{key}/page/{number}" for number in range(2, len(chunks) + 1))
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        pager = Pager(number, keys)
        if number > 1:  # every page has its own title and description (search engines, tabs)
            page_title = view.t.t("pager.page_title", title=title, number=number, count=pager.count)
            page_description = view.t.t("pager.page_title", title=description, number=number, count=pager.count)
        else:
            page_title, page_description = title, description
        pages.append(VirtualPage(
            keys[number - 1], template, page_title, page_description,
            data={**(data or {}), "items": chunk, "pager": pager, "searchable": False},
            source_lang=source_lang, parent=parent if number == 1 else key,
        ))
    return pages


def _listing_pages(view: SiteView, source) -> list[VirtualPage]:
    """News (paginated), news and events per year, tags and one page per tag."""
    t = view.t
    pages = _paginated(view, "news", "news.html", t.t("page.news"), t.t("news.description"), view.news,
                       source_lang=source("page.news"))
    for year, items in view.news_by_year.items():
        title = t.t("news.year_title", year=year)
        pages += _paginated(view, f"news/{year}", "news.html", title, title, items, {"year": year},
                            source_lang=source("news.year_title"), parent="news")
    pages.append(VirtualPage("events", "events.html", t.t("page.events"), t.t("events.description"),
                             data={"past": view.past_events[: view.page_size], "searchable": False},
                             source_lang=source("page.events")))
    for year, items in view.events_by_year.items():
        title = t.t("events.year_title", year=year)
        pages += _paginated(view, f"events/{year}", "events_year.html", title, title, items, {"year": year},
                            source_lang=source("events.year_title"), parent="events")
    pages.append(VirtualPage("tags", "tags.html", t.t("page.tags"), t.t("tags.description"),
                             data={"searchable": False}, source_lang=source("page.tags")))
    pages.append(VirtualPage("subscribe", "subscribe.html", t.t("page.subscribe"), t.t("subscribe.description"),
                             source_lang=source("subscribe.intro")))
    pages.append(VirtualPage("search", "search.html", t.t("page.search"), t.t("search.description"),
                             data={"searchable": False}, source_lang=source("page.search")))
    for slug, items in view.tagged.items():
        label = view.tag_label(slug)
        title = t.t("tags.title", tag=label)
        pages += _paginated(view, f"tags/{slug}", "tag.html", title, title, items, {"tag": slug},
                            source_lang=source("tags.title"), parent="tags")
    return pages


def _item_pages(view: SiteView, kind: str) -> list[VirtualPage]:
    """One page per item; an item missing in this language gets a page that says so."""
    pages = []
    t = view.t
    template = "news_item.html" if kind == "news" else "event.html"
    for slug, versions in getattr(view.content, kind).items():
        visible = {lang: item for lang, item in versions.items() if is_published(item.front, view.today)}
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

    def source(title_key: str | None, *localized: dict | None) -> str | None:
        """The default language if this page's text is not (yet) in the page's language."""
        untranslated = (title_key and not t.is_own(title_key)) or any(t.is_fallback(x) for x in localized)
        return view.default if untranslated else None

    section = view.content.topics_section
    pages = [
        VirtualPage("members", "members.html", t.t("page.members"), t.pick(site.tagline),
                    source_lang=source("page.members", site.coordination_office.description if site.coordination_office else None)),
        VirtualPage("offers", "offers.html", t.t("page.offers"), t.pick(view.content.offers.intro),
                    source_lang=source("page.offers", view.content.offers.intro)),
        VirtualPage("topics", "topics.html", t.pick(section.title), t.pick(section.intro),
                    source_lang=source(None, section.title, section.intro)),
        VirtualPage("contact", "contact.html", t.t("page.contact"), t.pick(site.name), source_lang=source("page.contact")),
        VirtualPage("imprint", "imprint.html", t.t("page.imprint"), t.t("page.imprint"), source_lang=source("page.imprint")),
        VirtualPage("privacy", "privacy.html", t.t("page.privacy"), t.t("privacy.no_cookies"), source_lang=source("privacy.no_cookies_text")),
        VirtualPage("sign-language", "sign_language.html", t.t("page.sign_language"), t.t("sign_language.description"),
                    source_lang=source("page.sign_language")),
        VirtualPage("accessibility", "accessibility.html", t.t("page.accessibility"), t.t("a11y.intro"), source_lang=source("a11y.intro")),
    ]
    for slug, topic in view.content.topics.items():
        pages.append(VirtualPage(f"topics/{slug}", "topic.html", t.pick(topic.title), t.pick(topic.summary),
                                 data={"topic": topic}, source_lang=source(None, topic.title, topic.summary)))
    pages += _listing_pages(view, source)
    pages += _item_pages(view, "news")
    pages += _item_pages(view, "events")
    return pages
