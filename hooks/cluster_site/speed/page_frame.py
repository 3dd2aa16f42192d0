"""Pages outside the navigation: Material's frame rendered once, the parts that differ per page.

Item pages and listings are most of a site, and each shares everything around its content
with the other pages of its template in its folder: Material's `base.html` outside its blocks
(settings, imports, includes), style sheets, navigation, tabs, footer. The first such page is
rendered as usual, except that the blocks that differ from page to page come out as slots; the
frame is kept, with the template's top-level variables (`lang`, `features`, imported macros).
Every page then renders only those blocks, through Jinja's own block functions, into the frame.

The blocks that differ (`SLOTS`): the head's meta tags and title, the header, the table of
contents, and the container with the content. The header differs between the pages of a folder
only in the page title and the switcher's links: it is rendered once per folder and switcher
with slots for them, which each page fills in (`_header`).
Outside its blocks, Material writes one thing from the page: the skip link to the first
heading. It is a slot too, and whether the page has headings is part of the frame's key.
A template that writes anything else per page outside these blocks would give every page of a
frame the first page's value: the second page of each frame is also rendered whole and compared,
and if they differ, that frame's pages are rendered whole.
"""

from __future__ import annotations

import logging
import posixpath
import re
from types import SimpleNamespace
from typing import Any

from jinja2 import Template
from markupsafe import escape

from .. import LOGGER

SLOTS = ("site_meta", "htmltitle", "header", "toc_sidebar", "container")
_SLOT = "\x02frame:{}\x03"
_SLOT_RE = re.compile("\x02frame:([a-z_]+)\x03")
_SKIP = '<a href="{}" class="md-skip">'  # Material's skip link (base.html, outside any block)
# The header's slots: unlike any title, and links with a scheme, which the `url` filter leaves as they are.
_TITLE_SLOT = "\x02frame:page title\x03"
_LINK_SLOT = "cluster-frame:link-{}\x03"

log = logging.getLogger(LOGGER)


class _Frame:
    def __init__(self, parts: list[str], root_vars: dict[str, Any], blocks: dict[str, list]) -> None:
        self.parts = parts  # text, slot name, text, slot name, ..., text
        self.root_vars = root_vars  # the templates' top-level variables (set at render time)
        self.blocks = blocks  # each block's functions along the chain of templates, child first
        self.pages = 0  # pages made from it so far


class FramedTemplate(Template):
    """A Jinja template that renders framed pages (see above); any other page as usual.

    Made per build and language by `framed_template`, with its own frames."""

    frames: dict[tuple, _Frame | None] = {}
    headers: dict[tuple, str | None] = {}  # folder and switcher -> the header with slots (None: per page)
    whole_pages: frozenset[str] = frozenset()  # src_uri of the pages rendered as usual

    def render(self, *args: Any, **kwargs: Any) -> str:
        values = dict(*args, **kwargs)
        page, frames = values.get("page"), self.frames
        if page is None or getattr(page, "file", None) is None or page.file.src_uri in self.whole_pages:
            return super().render(values)
        key = (self.name, posixpath.dirname(page.url), bool(page.toc), tuple(page.meta.get("hide") or ()))
        context = self.new_context(values)
        try:
            if key not in frames:
                frames[key] = self._frame(context)
            frame = frames[key]
            if frame is None:  # this template writes something else per page: as usual
                return super().render(values)
            context.vars.update(frame.root_vars)
            context.blocks.update(frame.blocks)
            html = []
            for n, part in enumerate(frame.parts):
                if n % 2 == 0:
                    html.append(part)
                elif part == "skip":
                    html.append(_SKIP.format(self._skip_target(context)))
                elif part == "header":
                    html.append(self._header(context, values, frame, key))
                else:
                    html.append(self.environment.concat(context.blocks[part][0](context)))
            framed = "".join(html)
            frame.pages += 1
            if frame.pages == 2:  # the first page made from the frame: compare it once with the whole
                whole = self.environment.concat(self.root_render_func(self.new_context(values)))
                if whole != framed:
                    frames[key] = None
                    log.info(f"{self.name} writes something page-specific outside the blocks "
                             f"{', '.join(SLOTS)}: its pages in {key[1] or '/'} are rendered whole")
                    return whole
            return framed
        except Exception:
            self.environment.handle_exception()

    def _frame(self, context: Any) -> _Frame | None:
        """The page rendered with its per-page blocks as slots; None if it cannot be framed."""
        # Each template in the chain adds its blocks behind those of its children when it is
        # rendered (`extends`); Jinja renders the first of each list: the slot goes first.
        for name in SLOTS:
            context.blocks.setdefault(name, []).insert(0, lambda _context, slot=_SLOT.format(name): iter((slot,)))
        html = self.environment.concat(self.root_render_func(context))
        for name in SLOTS:
            del context.blocks[name][0]
        if context["page"].toc:
            skip = _SKIP.format(self._skip_target(context))
            if html.count(skip) != 1:
                return None
            html = html.replace(skip, _SLOT.format("skip"))
        parts = _SLOT_RE.split(html)
        if sorted(parts[1::2]) != sorted(SLOTS + (("skip",) if context["page"].toc else ())):
            return None  # a slot twice or missing: render such pages as usual
        blocks = {name: list(functions) for name, functions in context.blocks.items()}
        return _Frame(parts, dict(context.vars), blocks)


    def _header(self, context: Any, values: dict[str, Any], frame: _Frame, frame_key: tuple) -> str:
        """The header block, rendered once per frame and switcher with slots for what differs
        between the pages of a folder (the page title, the switcher's links), then filled in.

        The first page of each is also rendered as usual and compared (and the frame's second
        page is compared whole, header included); on a difference it is rendered per page."""
        page, alternates = values["page"], values.get("alternates") or []
        key = (frame_key, tuple((alt["lang"], alt["name"], alt["current"]) for alt in alternates))
        first = key not in self.headers
        header = self.headers.get(key)
        if header is None and not first:
            return self.environment.concat(context.blocks["header"][0](context))
        if header is None:
            slots = self.new_context(dict(values, alternates=[dict(alt, href=_LINK_SLOT.format(n)) for n, alt in enumerate(alternates)],
                                          page=SimpleNamespace(meta={"title": _TITLE_SLOT}, title=_TITLE_SLOT, url=page.url)))
            slots.vars.update(frame.root_vars)
            slots.blocks.update(frame.blocks)
            header = self.headers[key] = self.environment.concat(slots.blocks["header"][0](slots))
        # What partials/header.html prints as the title, and partials/alternate.html as links.
        html = header.replace(_TITLE_SLOT, page.meta["title"] if page.meta and page.meta.get("title") else page.title)
        url = self.environment.filters["url"]
        for n, alt in enumerate(alternates):
            html = html.replace(_LINK_SLOT.format(n), str(escape(url(context, alt["href"]))))
        if first and html != self.environment.concat(context.blocks["header"][0](context)):
            self.headers[key] = None
            log.info(f"{self.name}: the header of pages in {frame_key[1] or '/'} differs in more than title and links: rendered per page")
            return self.environment.concat(context.blocks["header"][0](context))
        return html

    def _skip_target(self, context: Any) -> str:
        # What base.html writes: the first entry of the table of contents, through `url`.
        first = next(iter(context["page"].toc))
        return self.environment.filters["url"](context, first.url)


def framed_template(whole_pages: set[str]) -> type[FramedTemplate]:
    """A template class for one language's environment: its own frames; `whole_pages` (those in
    the navigation, which highlight their own entry) rendered as usual."""
    return type("FramedTemplate", (FramedTemplate,), {"frames": {}, "headers": {}, "whole_pages": frozenset(whole_pages)})
