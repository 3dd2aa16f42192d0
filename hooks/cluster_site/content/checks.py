"""Checks across files: references between content files, translations, images, and links
from texts to the site's pages; the facts only the operator can supply."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from . import placeholders, source_files
from .load import Content, Item, docs_markdown_files, is_published
from .parse import line_of, page_body, split_page
from .problems import Problem


@functools.cache
def _theme_dirs(theme: str = "material") -> tuple[Path, ...]:
    """The theme's template folders, found as MkDocs finds a theme (its `mkdocs.themes` entry
    point names the package), without importing it or MkDocs: the content checks need no engine."""
    return tuple(Path(str(entry.dist.locate_file(entry.value.replace(".", "/"))))
                 for entry in importlib.metadata.entry_points(group="mkdocs.themes", name=theme) if entry.dist is not None)


def theme_icon_exists(name: str) -> bool:
    """An icon Material ships as SVG (e.g. material/school-outline), which templates inline
    from the theme's `.icons/` folder."""
    if not re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", name):
        return False
    return any((folder / ".icons" / f"{name}.svg").is_file() for folder in _theme_dirs())


def cross_problems(content: Content, docs_dir: Path | None) -> list[Problem]:
    """Checks that need several files: references, translations, images, duplicates."""
    p: list[Problem] = []
    lines = content.lines
    site_path = "content/site.yml"
    members = list(content.members)
    office = content.site.coordination_office.member if content.site.coordination_office else None
    if office is not None and office not in content.members and office not in content.invalid:
        p.append(Problem(site_path, line_of(lines, site_path, "coordination_office.member"), "coordination_office.member",
                         "unknown_member", (office, ", ".join(members))))

    brand = content.site.brand
    for field in ("logo", "favicon", "illustration"):
        path = getattr(brand, field)
        if path and docs_dir is not None and not (docs_dir / path).is_file():
            p.append(Problem(site_path, line_of(lines, site_path, f"brand.{field}"), f"brand.{field}", "missing_docs_file", (path,)))

    seen_offers: dict[str, int] = {}
    for index, offer in enumerate(content.offers.offers):
        if offer.icon and not theme_icon_exists(offer.icon):
            p.append(Problem("content/offers.yml", line_of(lines, "content/offers.yml", f"offers.{index}.icon"),
                             f"offers.{index}.icon", "unknown_icon", (offer.icon,)))
        line = line_of(lines, "content/offers.yml", f"offers.{index}.id")
        if offer.id in seen_offers:
            p.append(Problem("content/offers.yml", line, f"offers.{index}.id", "duplicate",
                             (offer.id, f"content/offers.yml:{seen_offers[offer.id]}")))
        seen_offers.setdefault(offer.id, line)

    for slug, member in content.members.items():
        if not member.draft and any(placeholders.found_in(text) for text in (member.description or {}).values()):
            path = f"content/members/{slug}.yml"
            p.append(Problem(path, line_of(lines, path, "description"), "description", "placeholder"))
    for folder, entries in (("members", content.members), ("topics", content.topics)):
        for slug, entry in entries.items():
            path = f"content/{folder}/{slug}.yml"
            for lang in content.languages.codes:
                if entry.image and lang not in entry.image.alt:
                    p.append(Problem(path, line_of(lines, path, "image.alt"), "image.alt", "image_alt_missing", (lang,)))

    tags = sorted(content.tags)
    for rough in content.unvalidated:  # its other problems are reported; its tags are checked too
        for index, tag in rough.tags:
            if tag not in content.tags:
                p.append(Problem(rough.path, line_of(lines, rough.path, f"tags.{index}"), f"tags.{index}",
                                 "unknown_tag", (tag, ", ".join(tags))))
    for kind, other_kind, other in (("news", "event", content.events), ("events", "news", content.news)):
        for slug, versions in getattr(content, kind).items():
            # The original: the default language's version, else the first there is.
            first = versions.get(content.languages.default) or next(iter(versions.values()))
            for lang, item in versions.items():
                if not item.front.draft:  # what `cluster-site new` wrote for the editor to replace
                    if placeholders.found_in(item.front.summary):
                        p.append(Problem(item.path, line_of(lines, item.path, "summary"), "summary", "placeholder"))
                    if placeholders.found_in(item.body):
                        p.append(Problem(item.path, item.body_line, "", "placeholder"))
                # A draft on either side is work in progress: its tags are compared once it is published.
                if (item is not first and not item.front.draft and not first.front.draft
                        and set(item.front.tags) != set(first.front.tags)):
                    p.append(Problem(item.path, line_of(lines, item.path, "tags"), "tags", "translation_tags",
                                     (first.path, ", ".join(item.front.tags) or "–", ", ".join(first.front.tags) or "–")))
                for index, tag in enumerate(item.front.tags):
                    if tag not in content.tags:
                        p.append(Problem(item.path, line_of(lines, item.path, f"tags.{index}"), f"tags.{index}",
                                         "unknown_tag", (tag, ", ".join(tags))))
                ref = getattr(item.front, other_kind)
                if ref and ref not in other:
                    folder = "content/events/" if other_kind == "event" else "content/news/"
                    p.append(Problem(item.path, line_of(lines, item.path, other_kind), other_kind, "unknown_ref", (ref, folder)))
                if first.front.image and not item.front.image:
                    p.append(Problem(item.path, line_of(lines, item.path, "title"), "image",
                                     "translation_image_missing", (first.path,)))
                for key in ("date", "start", "end"):
                    if not hasattr(item.front, key) or item is first:
                        continue
                    mine, theirs = getattr(item.front, key), getattr(first.front, key)
                    if mine != theirs:
                        p.append(Problem(item.path, line_of(lines, item.path, key), key, "translation_mismatch",
                                         (first.path, str(mine), str(theirs))))
    return p


# --- links in news and event texts ---------------------------------------------------------

# [text](target "title"), ![alt](target), and reference definitions "[id]: target".
_INLINE_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_INLINE_CODE = re.compile(r"`[^`]*`")


def _links(body: str) -> tuple[tuple[int, str, bool, str | None], ...]:
    """(line offset in body, target, is_image, alt) for every Markdown link and image (each text
    scanned once per process: the live preview checks every text on each edit)."""
    return _links_in(body)


@functools.lru_cache(maxsize=65536)
def _links_in(body: str) -> tuple[tuple[int, str, bool, str | None], ...]:
    return tuple(_scan_links(body))


def _scan_links(body: str):
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


@functools.lru_cache(maxsize=65536)
def linked_pages(body: str, folder: str, languages: tuple[str, ...]) -> frozenset[str]:
    """The keys of the pages a Markdown text in `folder` links to: `news/x` for `x.md` in a news
    item, `imprint` for `../imprint.md`, `about` for `about.en.md`. (Each text worked out once
    per process: the live preview asks for every text on each edit.)"""
    return frozenset(key for *_, key in _resolved_links(body, folder, languages) if key is not None)


@functools.lru_cache(maxsize=65536)
def _resolved_links(body: str, folder: str, languages: tuple[str, ...]) -> tuple[tuple[int, str, bool, str | None, str | None, str | None], ...]:
    """`_links` of a text in `folder`, each with the path under docs/ it points to (None for an
    address elsewhere, an anchor or a path from the root) and the key of the page it links to
    (None if it links to no page of the site)."""
    suffix = re.compile(rf"\.({'|'.join(re.escape(code) for code in languages)})$")
    result = []
    for offset, target, is_image, alt in _links(body):
        resolved = key = None
        if not (_SCHEME.match(target) or target.startswith(("#", "/"))):
            resolved = posixpath.normpath(posixpath.join(folder, target.split("#")[0].split("?")[0]))
            if resolved.endswith(".md"):
                key = suffix.sub("", resolved[: -len(".md")])
        result.append((offset, target, is_image, alt, resolved, key))
    return tuple(result)


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
    texts += [(rough.path, rough.path.split("/")[1], rough.body, rough.body_line) for rough in content.unvalidated]
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
        for offset, target, is_image, alt, resolved, key in _resolved_links(body, folder, content.languages.codes):
            line = body_line + offset
            if is_image and not (alt or "").strip():
                problems.append(Problem(path, line, "", "image_without_alt", (target,)))
            if _SCHEME.match(target) or target.startswith("#"):
                continue
            if target.startswith("/"):
                problems.append(Problem(path, line, "", "absolute_link", (target,)))
                continue
            if key is not None:
                if key not in pages:
                    problems.append(Problem(path, line, "", "unknown_page", (target,)))
                continue
            if docs_dir is None or resolved is None or resolved.startswith("..") or not _is_file(docs_dir, resolved, files):
                problems.append(Problem(path, line, "", "unknown_file", (target,)))
    return problems + _old_key_problems(content, pages) + own_address_problems(content, pages, docs_pages.values())


_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")
_KEY = re.compile(r"^\s*([A-Za-z_][\w.-]*):(?:\s|$)")


def own_address_problems(content: Content, pages: set[str], docs_files: Any = ()) -> list[Problem]:
    """A source or link under the site's own address (site.yml `website`) that is not one of its
    pages: it still works while an older site lives there, and leads nowhere once this one
    replaces it. Comments are not links on the site and are not read."""
    own = urlsplit(content.site.website or "").netloc.lower()
    if not own:
        return []
    others = tuple(code for code in content.languages.codes if code != content.languages.default)
    # Each file with what says whether it changed: an item's version (the hash of its text), else
    # the file's size and time. Unchanged files are not read again (the live preview checks on each edit).
    stamped: dict[str, Any] = {item.path: item.version for kind in ("news", "events")
                               for versions in getattr(content, kind).values() for item in versions.values()}
    for path in [*content.lines, *(rough.path for rough in content.unvalidated),
                 *(file.relative_to(content.root).as_posix() for file in docs_files)]:
        if path not in stamped and path.endswith((".yml", ".md")):
            stat = (content.root / path).stat()
            stamped[path] = None if stat.st_size > source_files.MAX_TEXT_BYTES else (stat.st_mtime_ns, stat.st_size)
    problems = []
    root = str(content.root)
    for path, stamp in stamped.items():
        if stamp is None:
            continue  # too large: reported where the file is read
        fields = None
        for number, url, key, named in _own_address_links(root, path, stamp, own, others):
            if key in pages:
                continue
            if fields is None:
                fields = {line: dotted for dotted, line in sorted(content.lines.get(path, {}).items(), key=lambda f: -len(f[0]))}
            problems.append(Problem(path, number, fields.get(number) or named, "own_address_source", (url,)))
    return sorted(problems)


@functools.lru_cache(maxsize=65536)  # each file read once per version: the live preview checks all on each edit
def _own_address_links(root: str, file: str, stamp: Any, own: str, others: tuple[str, ...]) -> tuple[tuple[int, str, str, str], ...]:
    """Links to pages under the site's own address in one file (relative to `root`): (line, URL,
    page key, the YAML field named on that line or "")."""
    with open(os.path.join(root, file), encoding="utf-8-sig", errors="replace") as opened:
        text = opened.read()
    lines = text.splitlines()
    # YAML: the whole of a .yml file, the front matter of a .md file (the lines before its body).
    yaml_end = len(lines) if file.endswith(".yml") else split_page(text)[2] - 1
    found = []
    for number, line in enumerate(lines, 1):
        if own not in line.lower() or number <= yaml_end and line.lstrip().startswith("#"):
            continue  # no link to the site, or a comment (not a link on the site)
        for url in _URL.findall(line):
            parts = urlsplit(url.rstrip(".,;:"))
            if parts.netloc.lower() != own:
                continue
            key = parts.path.strip("/")
            language = key.split("/", 1)[0]
            if language in others:
                key = key[len(language):].strip("/")
            if posixpath.splitext(key)[1] not in ("", ".html"):
                continue  # a file (a feed, a calendar, a picture): the build checks what it writes
            named = _KEY.match(line) if number <= yaml_end else None  # a body's "Quelle:" is text
            found.append((number, url, re.sub(r"(/?index)?\.html$", "", key) or "index", named[1] if named else ""))
    return tuple(found)


def _old_key_problems(content: Content, pages: set[str]) -> list[Problem]:
    """An alias (an old address that redirects) must not be a page of the site or another
    item's alias; an `id` (an old key kept for feeds) must not be another item's key or id."""
    problems = []
    lines = content.lines
    aliases: dict[str, str] = {}  # page key -> the file whose alias it is
    ids: dict[tuple[str, str, str], str] = {}  # (kind, language, key for feeds) -> file
    for kind in ("news", "events"):
        for slug, versions in getattr(content, kind).items():
            for item in versions.values():
                for index, alias in enumerate(item.front.aliases):
                    key = f"{kind}/{alias}"
                    other = aliases.get(key)
                    # Any item's key in any language, drafts included, and the year and page
                    # listings that every language may have.
                    taken = key in pages or alias in getattr(content, kind) or alias == "page" or re.fullmatch(r"\d{4}", alias)
                    if taken or (other is not None and not _same_item(other, item)):
                        field = f"aliases.{index}"
                        problems.append(Problem(item.path, line_of(lines, item.path, field), field, "alias_clash", (alias,)))
                    aliases.setdefault(key, item.path)
                if item.front.id is not None and item.front.id != slug and item.front.id in getattr(content, kind):
                    problems.append(Problem(item.path, line_of(lines, item.path, "id"), "id", "id_clash", (item.front.id,)))
                owner = ids.setdefault((kind, item.lang, item.feed_key), item.path)
                if owner != item.path and item.front.id is not None:
                    problems.append(Problem(item.path, line_of(lines, item.path, "id"), "id", "duplicate", (item.feed_key, owner)))
    return problems


def _same_item(path: str, item: Item) -> bool:
    """Whether `path` is another language's file of `item` (which may name the same alias)."""
    return path.rsplit(".", 2)[0] == item.path.rsplit(".", 2)[0]


def _is_file(docs_dir: Path, path: str, known: dict[str, bool]) -> bool:
    """Whether `path` is a file of docs/ that the site publishes (not one an editor left beside it)."""
    if path not in known:
        known[path] = (docs_dir / path).is_file() and not source_files.is_editor_file(posixpath.basename(path))
    return known[path]


# --- facts only the operator can supply ------------------------------------------------

OPERATOR_SECTIONS = ("legal", "privacy", "accessibility", "contact", "sign_language", "easy_language")
CLUSTER_FACTS = ("tagline", "mission", "founding", "coordination_office", "website")
# Optional even on legal pages: the build does not ask for them.
OPTIONAL_FACTS = {"legal.note", "contact.contact_form", "privacy.supervisory_authority_url", "accessibility.enforcement_url",
                  "sign_language.poster", "sign_language.captions", "sign_language.transcript",
                  "easy_language.reviewed_by"}


@dataclass(frozen=True)
class MissingFact:
    path: str
    line: int
    field: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.field}"


def missing_operator_facts(content: Content) -> list[MissingFact]:
    """Empty fields of the legal/contact sections: the build names them; pages show a gap."""
    path = "content/site.yml"
    missing = []

    def walk(value: Any, dotted: str) -> None:
        if value is None and dotted not in OPTIONAL_FACTS:
            missing.append(MissingFact(path, line_of(content.lines, path, dotted), dotted))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{dotted}.{name}")

    for name in CLUSTER_FACTS:  # what a new site (`cluster-site init`) starts without
        if getattr(content.site, name) is None:
            missing.append(MissingFact(path, line_of(content.lines, path, name), name))
    for section in OPERATOR_SECTIONS:
        walk(getattr(content.site, section), section)
    return missing


def drafts(content: Content) -> list[MissingFact]:
    """Items and members still marked `draft: true`: the site does not show them (the examples
    of a new site are such drafts)."""
    found = []
    for slug, member in content.members.items():
        if member.draft:
            path = f"content/members/{slug}.yml"
            found.append(MissingFact(path, line_of(content.lines, path, "draft"), "draft"))
    for kind in ("news", "events"):
        for versions in getattr(content, kind).values():
            for item in versions.values():
                if item.front.draft:
                    found.append(MissingFact(item.path, line_of(content.lines, item.path, "draft"), "draft"))
    return sorted(found, key=lambda fact: fact.path)




def accessibility_gaps(content: Content, lang: str, today: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """What the build knows to be not yet accessible, for the accessibility statement of
    language `lang`: (interface text key, values). The statement lists these beside the
    operator's own `known_limitations` and never says there are none while one is here."""
    gaps: list[tuple[str, dict[str, Any]]] = []
    site = content.site
    if site.sign_language.video is None:
        gaps.append(("a11y.gap.sign_language", {}))
    if site.easy_language.reviewed_on is None:
        gaps.append(("a11y.gap.easy_language", {}))
    if lang != content.languages.default:
        default = content.languages.default
        untranslated = sum(1 for kind in (content.news, content.events) for versions in kind.values()
                           if lang not in versions and default in versions and is_published(versions[default].front, today))
        if untranslated:
            gaps.append(("a11y.gap.untranslated", {"count": untranslated}))
    return gaps
