"""Validated content -> the pages of one language.

`SiteView` is what templates see of the cluster in one language (translator, lists, URLs);
`virtual_pages` lists the pages generated from content. Both are plain Python: MkDocs only
turns them into files (see hooks/cluster_hooks.py).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import time
import types
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from jinja2 import pass_context
from markupsafe import Markup, escape

from . import source_files
from .content import Content, Item, Languages, docs_markdown_files, is_published, load_content, page_body
from . import safe_html
from .folder_urls import FolderUrls
from .i18n import Translator
from .problems import Problem

BERLIN = ZoneInfo("Europe/Berlin")


def build_date() -> dt.date:
    """The one date a build depends on: SOURCE_DATE_EPOCH if set, else today (Europe/Berlin).

    It decides which news items are published and which events are upcoming.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else int(time.time())
    return dt.datetime.fromtimestamp(seconds, tz=BERLIN).date()


DEFAULT_PAGE_SIZE = 10


def event_end_day(item: Item) -> dt.date:
    front = item.front
    last = front.end or front.start
    return last.date() if isinstance(last, dt.datetime) else last


def configured_page_size(extra: dict) -> int:
    """Entries per listing page: mkdocs.yml's extra.page_size; ValueError if it is not a whole
    number of at least 1."""
    size = extra.get("page_size", DEFAULT_PAGE_SIZE)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"mkdocs.yml: extra.page_size: expected a whole number of at least 1, got {size!r}")
    return size


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


# Slots in the header rendered once per folder: unlike any title, and absolute links (a scheme),
# which the `url` filter leaves as they are.
_TITLE_SLOT = "\x02page title\x03"
_LINK_SLOT = "cluster-slot:link-{}\x03"


class _HeaderSlots:
    """What the header template sees as `page` and `alternates` when rendered once per folder."""

    def __init__(self, page: Any, alternates: list[dict], slots: bool = False) -> None:
        if not slots:  # rendered as it is
            self.page, self.alternates = page, alternates
            return
        # Links stay relative to the page's folder (the `url` filter reads page.url).
        self.page = types.SimpleNamespace(meta={"title": _TITLE_SLOT}, title=_TITLE_SLOT, url=page.url)
        self.alternates = [dict(alt, href=_LINK_SLOT.format(n)) for n, alt in enumerate(alternates)]


class SiteView:
    """The cluster as the templates of one language see it."""

    def __init__(self, content: Content, lang: str, today: dt.date, use_directory_urls: bool,
                 page_size: int = DEFAULT_PAGE_SIZE):
        self.content = content
        self.site = content.site
        self.lang = lang
        self.default = content.languages.default
        self.languages = content.languages.codes
        self.today = today
        self.use_directory_urls = use_directory_urls
        self.page_size = page_size
        # Pages in the navigation are rendered whole (their own entry is highlighted); the
        # others in frames (page_frame.py).
        self.pages_in_nav: set[str] = set()
        self.t = Translator(lang, self.default, content.ui)
        self.links: FolderUrls | None = None  # the environment's `url` filter (set in on_env)
        self.snippets: dict[tuple[str, str, tuple], str] = {}  # see once_per_item
        self.headers: dict[tuple, str] = {}  # see header
        self.frames: dict[tuple, Any] | None = None  # see page_frame (None: every page rendered whole)

    # --- URLs (relative to the site root; templates pass them through `| url`) ---------

    def prefix(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        return "" if lang == self.default else f"{lang}/"

    def url(self, key: str, lang: str | None = None) -> str:
        if key in ("", "index"):
            return self.prefix(lang) or "./" if self.use_directory_urls else f"{self.prefix(lang)}index.html"
        return f"{self.prefix(lang)}{key}/" if self.use_directory_urls else f"{self.prefix(lang)}{key}.html"

    @pass_context
    def once_per_item(self, context: Any, macro: Any, item: Item, *args: Any) -> Markup:
        """`macro(item, *args)`, rendered once per item and given each page's relative links.

        An item's teaser appears on several listings (its year, its tags, the latest news);
        only its links differ between them.
        """
        if self.links is None:
            return macro(item, *args)
        key = (macro.name, item.key, args)
        html = self.snippets.get(key)
        if html is None:
            with self.links.marking():
                html = self.snippets[key] = str(macro(item, *args))
        return Markup(self.links.fill(context, html))

    @pass_context
    def header(self, context: Any, render: Any) -> Markup:
        """Material's header for this page: `render(slots)` once per folder, then filled in.

        `slots` stand in for the page (its title) and the switcher's links; the rest of the
        header depends only on the folder (relative links) and the language.
        """
        page, alternates = context["page"], context["alternates"]
        if page is None:
            return render(_HeaderSlots(page, alternates))
        key = (posixpath.dirname(page.url), tuple((alt["lang"], alt["name"], alt["current"]) for alt in alternates))
        frame = self.headers.get(key)
        if frame is None:
            frame = self.headers[key] = str(render(_HeaderSlots(page, alternates, slots=True)))
        # What partials/header.html prints as the title, and partials/alternate.html as links.
        html = frame.replace(_TITLE_SLOT, page.meta["title"] if page.meta and page.meta.get("title") else page.title)
        for n, alt in enumerate(alternates):
            html = html.replace(_LINK_SLOT.format(n), str(escape(self.links.url(context, alt["href"]))))
        return Markup(html)

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

    @cached_property
    def past_events(self) -> list[Item]:
        """Events that are over, most recent first."""
        return [i for i in reversed(self.events) if event_end_day(i) < self.today]

    @cached_property
    def news_by_year(self) -> dict[int, list[Item]]:
        """Published news per year, newest year first (the year archives)."""
        return _by_year(self.news, reverse=True)

    @cached_property
    def events_by_year(self) -> dict[int, list[Item]]:
        """Events per year of their first day, newest year first; in a year, by date."""
        return _by_year(self.events, reverse=True)

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


# --- links in news and event texts ---------------------------------------------------------

# [text](target "title"), ![alt](target), and reference definitions "[id]: target".
_INLINE_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_INLINE_CODE = re.compile(r"`[^`]*`")


def _links(body: str):
    """(line offset in body, target, is_image, alt) for every Markdown link and image."""
    in_code = False
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or "[" not in line:  # every link has a "[" (most lines have none)
            continue
        if "`" in line:
            line = _INLINE_CODE.sub("", line)  # inline code is not a link
        for match in _INLINE_LINK.finditer(line):
            yield offset, match[3], match[1] == "!", match[2]
        reference = _REFERENCE_LINK.match(line)
        if reference:
            yield offset, reference[1], False, None


def link_problems(content: Content, page_keys: set[str], docs_dir: Path | None) -> list[Problem]:
    """Links in news and event texts and in the pages under docs/ must reach a page of the site
    or a file under docs/ (what MkDocs would warn about, and `--strict` fail on, in the build);
    a page under docs/ must not have the name of a generated page.

    `page_keys`: the keys of the default language's generated pages.
    """
    languages = "|".join(re.escape(code) for code in content.languages.codes)
    docs_pages: dict[str, Path] = {}  # path under docs/ without ".md" -> file
    if docs_dir is not None and docs_dir.is_dir():
        for file in docs_markdown_files(docs_dir):  # links are reported (source_files.py), never read
            docs_pages[file.relative_to(docs_dir).with_suffix("").as_posix()] = file
    docs_keys = {re.sub(rf"\.({languages})$", "", name) for name in docs_pages}
    pages = set(page_keys) | docs_keys | {"index"}
    problems = []
    texts = [(item.path, kind, item.body, item.body_line)
             for kind in ("news", "events") for versions in getattr(content, kind).values() for item in versions.values()]
    for name, file in docs_pages.items():
        path = file.relative_to(content.root).as_posix()
        if re.sub(rf"\.({languages})$", "", name) in page_keys:
            problems.append(Problem(path, 1, "", "page_clash", (name + ".md",)))
        if file.stat().st_size > source_files.MAX_TEXT_BYTES:
            continue  # reported where the file is read
        body, body_line = page_body(file)
        texts.append((path, posixpath.dirname(name), body, body_line))
    files: dict[str, bool] = {}  # path under docs/ -> whether it is a file (each checked once)
    for path, folder, body, body_line in texts:
        for offset, target, is_image, alt in _links(body):
            line = body_line + offset
            if is_image and not (alt or "").strip():
                problems.append(Problem(path, line, "", "image_without_alt", (target,)))
            if _SCHEME.match(target) or target.startswith("#"):
                continue
            if target.startswith("/"):
                problems.append(Problem(path, line, "", "absolute_link", (target,)))
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target.split("#")[0].split("?")[0]))
            if resolved.endswith(".md"):
                key = re.sub(rf"\.({languages})$", "", resolved[: -len(".md")])
                if key not in pages:
                    problems.append(Problem(path, line, "", "unknown_page", (target,)))
            elif docs_dir is None or resolved.startswith("..") or not _is_file(docs_dir, resolved, files):
                problems.append(Problem(path, line, "", "unknown_file", (target,)))
    return problems


def _is_file(docs_dir: Path, path: str, known: dict[str, bool]) -> bool:
    if path not in known:
        known[path] = (docs_dir / path).is_file()
    return known[path]


def load_site(root: Path, languages: Languages, docs_dir: Path | None, today: dt.date | None = None,
              page_size: int = DEFAULT_PAGE_SIZE, page_keys: Callable[[Content], set[str]] | None = None,
              markdown: Any = None) -> Content:
    """Load and check all content, including links between pages; ContentError on any problem.

    `page_keys(content)` gives the keys of the default language's generated pages (the build
    passes the pages it makes anyway); without it they are made here. With a `markdown`
    converter every text is also rendered and checked against the HTML allowlist (`cluster-site
    check`; the build checks the pages it renders anyway, see safe_html.py).
    """
    def default_page_keys(content: Content) -> set[str]:
        view = SiteView(content, languages.default, today or build_date(), use_directory_urls=False, page_size=page_size)
        return {page.key for page in virtual_pages(view)}

    def links(content: Content) -> list[Problem]:
        problems = link_problems(content, (page_keys or default_page_keys)(content), docs_dir)
        if markdown is not None:
            problems += safe_html.markdown_problems(content, docs_dir, markdown)
        return problems

    return load_content(root, languages, docs_dir, more_checks=links)
