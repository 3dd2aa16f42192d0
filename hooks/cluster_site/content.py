"""Content files -> validated models.

`load_content` reads everything under ``content/``, validates every file against its model
and the files against each other, and either returns a `Content` or raises `ContentError`
with every problem found (file, line, field, message), never only the first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .models import (
    EventFrontMatter,
    Member,
    NewsFrontMatter,
    Offers,
    SLUG_RE,
    Site,
    Tag,
    Topic,
    TopicsSection,
)
from . import parallel, source_files
from .problems import ContentError, Problem

ITEM_FILE_RE = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True)
class Languages:
    """The configured languages, default first (from mkdocs.yml)."""

    codes: tuple[str, ...]
    default: str

    def context(self) -> dict[str, Any]:
        return {"languages": list(self.codes), "default_language": self.default}


def version_hash(text: str) -> str:
    """Short hash of a file's text (line endings and trailing spaces do not count)."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Item:
    """One news item or event in one language: a Markdown file with front matter."""

    slug: str
    lang: str
    path: str  # relative to the project root, for messages
    front: Any  # NewsFrontMatter | EventFrontMatter
    body: str
    body_line: int  # line of the first body line in the file
    version: str  # version_hash of the whole file: what a translation records in translation_of

    @property
    def kind(self) -> str:
        """"news" or "events": the folder, and the first part of the page key."""
        return "events" if isinstance(self.front, EventFrontMatter) else "news"

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.slug}"

    @property
    def sort_date(self) -> dt.date:
        """The day that orders items: a news item's date, an event's first day."""
        day = self.front.start if isinstance(self.front, EventFrontMatter) else self.front.date
        return day.date() if isinstance(day, dt.datetime) else day


@dataclass
class Content:
    root: Path
    languages: Languages
    site: Site
    members: dict[str, Member]
    offers: Offers
    topics_section: TopicsSection
    topics: dict[str, Topic]
    tags: dict[str, Tag]
    news: dict[str, dict[str, Item]]
    events: dict[str, dict[str, Item]]
    ui: dict[str, dict[str, str]]  # content/ui/<lang>.yml overrides
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # path -> dotted field -> line


# --- YAML with line numbers ------------------------------------------------------------


def _line_index(node: yaml.Node | None, prefix: str = "", out: dict[str, int] | None = None) -> dict[str, int]:
    """Map dotted field paths ("legal.address.street", "offers.2.title") to 1-based lines."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}{key.value}"
            out.setdefault(path, key.start_mark.line + 1)
            _line_index(value, path + ".", out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            path = f"{prefix}{index}"
            out.setdefault(path, value.start_mark.line + 1)
            _line_index(value, path + ".", out)
    return out


def _duplicate_keys(node: yaml.Node | None, path: str, offset: int, prefix: str = "") -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1 + offset
            if key.value in seen:
                problems.append(Problem(path, line, prefix + str(key.value), "duplicate", (key.value, f"{path}:{seen[key.value]}")))
            seen.setdefault(key.value, line)
            problems += _duplicate_keys(value, path, offset, f"{prefix}{key.value}.")
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            problems += _duplicate_keys(value, path, offset, f"{prefix}{index}.")
    return problems


# libyaml's parser when PyYAML has it (several times faster on large sites), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_BaseLoader):
    """SafeLoader that keeps an impossible date (2022-02-30) as text for the model to report."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass
class _Parsed:
    data: Any
    lines: dict[str, int]  # dotted field -> line in the file (front-matter offset applied)
    offset: int  # lines before the YAML text in the file (front matter: 1)


def _parse_yaml(text: str, path: str, offset: int, problems: list[Problem]) -> _Parsed | None:
    if source_files.yaml_too_deep(text):  # before libyaml's composer sees it
        problems.append(Problem(path, 1 + offset, "", "yaml_too_deep", (source_files.MAX_YAML_DEPTH,)))
        return None
    loader = _YamlLoader(text)
    try:  # one parse: the node tree gives line numbers, and is then constructed into data
        node = loader.get_single_node()
        aliases = source_files.yaml_alias_problems(node, path, offset)
        if aliases:  # an alias bomb is never constructed
            problems += aliases
            return None
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + offset
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(path, line, "", "yaml", (reason,)))
        return None
    finally:
        loader.dispose()
    problems += _duplicate_keys(node, path, offset)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(path, 1 + offset, "", "not_mapping"))
        return None
    return _Parsed(data, {k: v + offset for k, v in _line_index(node).items()}, offset)


# MkDocs' own rule for front matter (mkdocs.utils.meta.YAML_RE: closed by "---" or "..."), and
# the file endings it reads as pages.
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def docs_markdown_files(docs_dir: Path) -> list[Path]:
    """The pages under docs/ (as MkDocs finds them), without following or reading links."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(names)
                  if name.lower().endswith(MARKDOWN_SUFFIXES) and not (Path(folder) / name).is_symlink()]
    return found


def _split_page(text: str) -> tuple[str | None, str, int]:
    """A docs/ page's text as MkDocs splits it: front matter YAML (None without), the body, and
    the line the body starts on."""
    front = _MKDOCS_FRONT_MATTER.match(text)
    return (front[1], text[front.end():], 1 + front[0].count("\n")) if front else (None, text, 1)


def page_body(file: Path) -> tuple[str, int]:
    """A page under docs/ as MkDocs renders it: the text after its front matter, and the line
    that text starts on."""
    _, body, first_line = _split_page(file.read_bytes().decode("utf-8-sig", errors="replace"))
    return body, first_line


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """Return (front matter YAML, body, first body line) or an error code."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "front_matter_missing"
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "front_matter_unclosed"


# --- pydantic errors -> problems -------------------------------------------------------

# Model-level checks point at the field an editor has to change.
_CHECK_FIELD = {
    "end_before_start": "end",
    "start_end_mixed": "end",
    "no_place": "location",
    "logo_without_alt": "logo_alt",
    "updated_before_date": "updated",
}
_DATE_TYPES = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_past", "date_future"}
_DATETIME_TYPES = {"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"}
_PLAIN_TYPES = {
    "missing", "string_type", "string_too_short", "string_pattern_mismatch", "int_type", "int_parsing",
    "bool_type", "bool_parsing", "list_type", "dict_type", "model_type", "too_short", "int_from_float",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        found = []
        for arg in typing.get_args(annotation):
            found += _unwrap(arg)
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: Any, loc: tuple) -> type[BaseModel] | None:
    current = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            candidates = _unwrap(current.model_fields[part].annotation)
            current = candidates[0] if candidates else None
        elif not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _branch_start(model: Any, loc: tuple) -> int:
    """Where pydantic's union/validator tags begin in `loc` ("start", "datetime" -> 1)."""
    for index, part in enumerate(loc):
        if not isinstance(part, str):
            continue
        if "[" in part:
            return index
        if part in ("date", "datetime") and index > 0:
            parent = _model_at(model, loc[:index]) if model is not None else None
            if parent is None or part not in parent.model_fields:
                return index
    return len(loc)


def validation_problems(exc: ValidationError, model: Any, path: str, parsed: _Parsed) -> list[Problem]:
    problems = []
    for error in exc.errors():
        kind = error["type"]
        raw = error["loc"]
        loc = tuple(raw[: _branch_start(model, raw)])  # the field path, without union tags
        args: tuple = ()
        if kind in _PLAIN_TYPES:
            code = kind
        elif kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = tuple(parent.model_fields) if parent else ()
            code, args = kind, (str(loc[-1]), allowed)
        elif kind in _DATE_TYPES or kind in _DATETIME_TYPES:
            union = "datetime" in raw[len(loc):]
            code = "datetime" if union or kind in _DATETIME_TYPES else "date"
        elif kind == "enum":
            code, args = "enum", (error["ctx"]["expected"],)
        elif kind in ("string_too_long", "too_long"):  # too_long: a length limit on top of Text's
            code, args = "string_too_long", (error["ctx"]["max_length"],)
        elif kind in ("greater_than_equal", "less_than_equal"):
            code, args = kind, (next(iter(error["ctx"].values())),)
        elif kind == "value_error":
            code, *rest = str(error["ctx"]["error"]).split(":")
            args = tuple(rest)
            if code in _CHECK_FIELD:
                loc = loc + (_CHECK_FIELD[code],)
        else:
            code, args = "raw", (error["msg"],)
        dotted = ".".join(str(p) for p in loc)
        line = _nearest_line(parsed.lines, ".".join(str(p) for p in loc), 1 + parsed.offset)
        problems.append(Problem(path, line, dotted, code, args))
    return problems


def _nearest_line(lines: dict[str, int], dotted: str, default: int = 1) -> int:
    """The line of a dotted field, or of its nearest parent that exists in the file."""
    while dotted:
        if dotted in lines:
            return lines[dotted]
        dotted = dotted.rpartition(".")[0]
    return default


def _validate(model: Any, parsed: _Parsed, path: str, languages: Languages, problems: list[Problem]) -> Any:
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(parsed.data, context=languages.context())
        return model.model_validate(parsed.data, context=languages.context())
    except ValidationError as exc:
        problems += validation_problems(exc, model if not isinstance(model, TypeAdapter) else None, path, parsed)
        return None


# --- the content tree ------------------------------------------------------------------

YAML_FILES = {"site.yml": Site, "offers.yml": Offers, "topics.yml": TopicsSection}
YAML_FOLDERS = {"members": Member, "topics": Topic}
ITEM_FOLDERS = {"news": NewsFrontMatter, "events": EventFrontMatter}
TAGS = TypeAdapter(dict[str, Tag])
UI = TypeAdapter(dict[str, str])
EXPECTED_LAYOUT = (
    "site.yml, offers.yml, topics.yml, tags.yml, members/<key>.yml, topics/<key>.yml, "
    "news/<key>.<lang>.md, events/<key>.<lang>.md, ui/<lang>.yml"
)


def _files_in(folder: Path) -> list[Path]:
    """The files directly in `folder`, by name: one read of the folder, not a lookup per file."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    with os.scandir(folder) as entries:
        # A symbolic link is never read (source_files.symlink_problems reports it).
        return [Path(entry.path) for entry in sorted(entries, key=lambda entry: entry.name)
                if not entry.is_dir(follow_symlinks=False) and not entry.is_symlink()]


class _Loader:
    def __init__(self, root: Path, languages: Languages, docs_dir: Path | None):
        self.root = root
        self.content_dir = root / "content"
        self.docs_dir = docs_dir
        self.languages = languages
        self.problems: list[Problem] = []
        self.lines: dict[str, dict[str, int]] = {}
        self.failed: set[str] = set()  # keys of files that did not validate (no follow-up errors)

    def rel(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()

    def load_yaml(self, file: Path, model: Any) -> Any:
        path = self.rel(file)
        if file.is_symlink():
            return None  # reported by source_files.symlink_problems, never read
        if not file.exists():
            self.problems.append(Problem(path, 1, "", "missing_file"))
            return None
        text = source_files.read_text(file, path, self.problems)
        if text is None:
            return None
        parsed = _parse_yaml(text, path, 0, self.problems)
        if parsed is None:
            return None
        self.lines[path] = parsed.lines
        return _validate(model, parsed, path, self.languages, self.problems)

    def load_item(self, file: Path, model: Any) -> Item | None:
        path = self.rel(file)
        match = ITEM_FILE_RE.match(file.name)
        if not match:
            self.problems.append(Problem(path, 1, "", "bad_file_name"))
            return None
        slug, lang = match["slug"], match["lang"]
        if lang not in self.languages.codes:
            self.problems.append(Problem(path, 1, "", "unconfigured_language", (lang, ", ".join(self.languages.codes))))
            return None
        if not re.match(SLUG_RE, slug):
            self.problems.append(Problem(path, 1, "", "bad_slug", (slug,)))
            return None
        if slug == "page" or re.fullmatch(r"\d{4}", slug):  # news/page/2, news/2024: listings
            self.problems.append(Problem(path, 1, "", "reserved_slug", (slug,)))
            return None
        text = source_files.read_text(file, path, self.problems)
        if text is None:
            return None
        split = split_front_matter(text)
        if isinstance(split, str):
            self.problems.append(Problem(path, 1, "", split))
            return None
        front_text, body, body_line = split
        too_deep = source_files.markdown_nesting_problems(body, path, body_line)
        if too_deep:
            self.problems += too_deep
            return None
        parsed = _parse_yaml(front_text, path, 1, self.problems)
        if parsed is None:
            return None
        self.lines[path] = parsed.lines
        front = _validate(model, parsed, path, self.languages, self.problems)
        if front is None:
            return None
        return Item(slug, lang, path, front, body, body_line, version_hash(text))

    def items(self, folder: str, model: Any) -> dict[str, dict[str, Item]]:
        result: dict[str, dict[str, Item]] = {}
        files = []
        for file in _files_in(self.content_dir / folder):
            if file.name == "README.md":
                continue
            if file.suffix != ".md":
                self.problems.append(Problem(self.rel(file), 1, "", "wrong_folder", (EXPECTED_LAYOUT,)))
                continue
            files.append(file)
        # Thousands of items: read and check half of them in a second process meanwhile.
        for items, problems, lines in parallel.in_two(lambda part: self._load_items(part, model), files, at_least=400):
            self.problems += problems
            self.lines.update(lines)
            for item in items:
                result.setdefault(item.slug, {})[item.lang] = item
        return result

    def _load_items(self, files: list[Path], model: Any) -> tuple[list[Item], list[Problem], dict[str, dict[str, int]]]:
        """The items of `files`, with the problems and line maps they brought (not added to self)."""
        outer = self.problems, self.lines
        self.problems, self.lines = [], {}
        try:
            items = [item for item in (self.load_item(file, model) for file in files) if item is not None]
            return items, self.problems, self.lines
        finally:
            self.problems, self.lines = outer

    def folder(self, folder: str, model: Any) -> dict[str, Any]:
        result = {}
        for file in _files_in(self.content_dir / folder):
            if file.name == "README.md":
                continue
            if file.suffix != ".yml":
                self.problems.append(Problem(self.rel(file), 1, "", "wrong_folder", (EXPECTED_LAYOUT,)))
                continue
            if not re.match(SLUG_RE, file.stem):
                self.problems.append(Problem(self.rel(file), 1, "", "bad_slug", (file.stem,)))
                continue
            value = self.load_yaml(file, model)
            if value is not None:
                result[file.stem] = value
            else:
                self.failed.add(file.stem)
        return result

    def stray_files(self) -> None:
        known_top = set(YAML_FILES) | {"tags.yml", "README.md"}
        known_dirs = set(YAML_FOLDERS) | set(ITEM_FOLDERS) | {"ui"}
        for folder, _, names in os.walk(self.content_dir):  # order: problems are sorted when reported
            where = Path(folder).relative_to(self.content_dir).parts
            if len(where) == 1 and where[0] in known_dirs:
                continue  # the files of a known folder are checked where they are loaded
            for name in names:
                if (not where and name in known_top) or (Path(folder) / name).is_symlink():
                    continue
                self.problems.append(Problem(self.rel(Path(folder) / name), 1, "", "wrong_folder", (EXPECTED_LAYOUT,)))

    def docs_pages(self) -> None:
        """Hand-written pages under docs/: the same limits on size, encoding and characters as
        content, their front matter found and checked as MkDocs will read it (MkDocs parses it
        without those limits), and no file there that a browser could run."""
        if self.docs_dir is None or not self.docs_dir.is_dir():
            return
        self.problems += source_files.asset_problems(self.docs_dir, self.root, MARKDOWN_SUFFIXES)
        for file in docs_markdown_files(self.docs_dir):
            path = self.rel(file)
            text = source_files.read_text(file, path, self.problems)
            if text is None:
                continue
            front, body, first_line = _split_page(text)
            parsed = _parse_yaml(front, path, 1, self.problems) if front is not None else None
            for name, value in (parsed.data.items() if parsed else ()):
                if isinstance(value, str):  # e.g. title: "\x00" written as a YAML escape
                    line = parsed.lines.get(str(name), 1)
                    self.problems += source_files.control_character_problems(value, path, line, str(name))
            self.problems += source_files.markdown_nesting_problems(body, path, first_line)

    def ui_overrides(self) -> dict[str, dict[str, str]]:
        result = {}
        for file in sorted((self.content_dir / "ui").glob("*.yml")):
            if file.stem not in self.languages.codes:
                self.problems.append(Problem(self.rel(file), 1, "", "unconfigured_language", (file.stem, ", ".join(self.languages.codes))))
                continue
            value = self.load_yaml(file, UI)
            if value is not None:
                result[file.stem] = value
        return result


def line_of(lines_by_path: dict[str, dict[str, int]], path: str, dotted: str) -> int:
    return _nearest_line(lines_by_path.get(path, {}), dotted)


def _cross_check(loader: _Loader, content: Content) -> None:
    """Checks that need several files: references, translations, images, duplicates."""
    p = loader.problems
    site_path = "content/site.yml"
    members = list(content.members)
    office = content.site.coordination_office.member
    if office not in content.members and office not in loader.failed:
        p.append(Problem(site_path, line_of(loader.lines, site_path, "coordination_office.member"), "coordination_office.member",
                         "unknown_member", (office, ", ".join(members))))

    seen_offers: dict[str, int] = {}
    for index, offer in enumerate(content.offers.offers):
        line = line_of(loader.lines, "content/offers.yml", f"offers.{index}.id")
        if offer.id in seen_offers:
            p.append(Problem("content/offers.yml", line, f"offers.{index}.id", "duplicate",
                             (offer.id, f"content/offers.yml:{seen_offers[offer.id]}")))
        seen_offers.setdefault(offer.id, line)

    tags = sorted(content.tags)
    for kind, other_kind, other in (("news", "event", content.events), ("events", "news", content.news)):
        for slug, versions in getattr(content, kind).items():
            first = next(iter(versions.values()))
            for lang, item in versions.items():
                for index, tag in enumerate(item.front.tags):
                    if tag not in content.tags:
                        p.append(Problem(item.path, line_of(loader.lines, item.path, f"tags.{index}"), f"tags.{index}",
                                         "unknown_tag", (tag, ", ".join(tags))))
                ref = getattr(item.front, other_kind)
                if ref and ref not in other:
                    folder = "content/events/" if other_kind == "event" else "content/news/"
                    p.append(Problem(item.path, line_of(loader.lines, item.path, other_kind), other_kind, "unknown_ref", (ref, folder)))
                image = getattr(item.front, "image", None)
                if image and loader.docs_dir is not None and not (loader.docs_dir / image.src).is_file():
                    p.append(Problem(item.path, line_of(loader.lines, item.path, "image.src"), "image.src", "missing_image", (image.src,)))
                for key in ("date", "start", "end"):
                    if not hasattr(item.front, key) or item is first:
                        continue
                    mine, theirs = getattr(item.front, key), getattr(first.front, key)
                    if mine != theirs:
                        p.append(Problem(item.path, line_of(loader.lines, item.path, key), key, "translation_mismatch",
                                         (first.path, str(mine), str(theirs))))


def load_content(root: Path, languages: Languages, docs_dir: Path | None = None,
                 more_checks: Callable[[Content], list[Problem]] | None = None) -> Content:
    """Read and validate everything under ``root/content``; raise ContentError on any problem.

    `more_checks` runs on the loaded content before any problem is raised, so its problems
    (e.g. links between pages, see pages.load_site) are reported together with all others.
    """
    loader = _Loader(root, languages, docs_dir)
    loader.problems += source_files.symlink_problems(root)
    if any("/" not in problem.path for problem in loader.problems):
        raise ContentError(loader.problems)  # content/ or docs/ itself is a link: read nothing
    c = loader.content_dir
    site = loader.load_yaml(c / "site.yml", Site)
    offers = loader.load_yaml(c / "offers.yml", Offers)
    topics_section = loader.load_yaml(c / "topics.yml", TopicsSection)
    tags = loader.load_yaml(c / "tags.yml", TAGS) or {}
    for slug in tags:
        if not re.match(SLUG_RE, slug):
            loader.problems.append(Problem("content/tags.yml", line_of(loader.lines, "content/tags.yml", slug), slug, "bad_slug", (slug,)))
    members = loader.folder("members", Member)
    topics = loader.folder("topics", Topic)
    news = loader.items("news", NewsFrontMatter)
    events = loader.items("events", EventFrontMatter)
    ui = loader.ui_overrides()
    loader.docs_pages()
    loader.stray_files()
    if site is None or offers is None or topics_section is None:
        raise ContentError(loader.problems)
    content = Content(
        root=root,
        languages=languages,
        site=site,
        members=dict(sorted(members.items(), key=lambda kv: (kv[1].order, kv[0]))),
        offers=offers,
        topics_section=topics_section,
        topics=dict(sorted(topics.items(), key=lambda kv: (kv[1].order, kv[0]))),
        tags=tags,
        news=news,
        events=events,
        ui=ui,
        lines=loader.lines,
    )
    _cross_check(loader, content)
    if more_checks is not None:
        loader.problems += more_checks(content)
    if loader.problems:
        raise ContentError(loader.problems)
    return content


# --- facts only the operator can supply ------------------------------------------------

OPERATOR_SECTIONS = ("legal", "privacy", "accessibility", "contact", "sign_language")
# Optional even on legal pages: the build does not ask for them.
OPTIONAL_FACTS = {"legal.note", "contact.contact_form", "privacy.supervisory_authority_url", "accessibility.enforcement_url",
                  "sign_language.poster", "sign_language.captions", "sign_language.transcript"}


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

    for section in OPERATOR_SECTIONS:
        walk(getattr(content.site, section), section)
    return missing


def is_published(front: Any, build_date: dt.date) -> bool:
    """Drafts never; dated items only from their date on (the build date decides)."""
    if front.draft:
        return False
    date = getattr(front, "date", None)
    return date is None or date <= build_date
