"""Content files -> validated models, file by file.

`read_content` reads everything under ``content/`` (and checks the pages under ``docs/`` as
MkDocs will read them), validates every file against its model, and returns what validated
together with every problem found (file, line, field, message), never only the first. Checks
across files are in checks.py; site_model.load_site runs both and raises `ContentError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from pydantic import TypeAdapter

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
    TranslationRecord,
)
from . import source_files
from .parse import line_of, parse_yaml, split_front_matter, split_page, validate, yaml_data
from .problems import Problem

# Runs a function on parts of a list, maybe at the same time, and returns its results in order:
# how item files may be read (the speed layer splits them between two processes).
InParts = Callable[[Callable[[list], Any], list], list]


@dataclass(frozen=True)
class ItemFile:
    """What reading one news or event file gave: its item (None if it has none) and what it
    brought along (problems, line numbers, the file as read if it did not validate)."""

    item: "Item | None"
    problems: tuple[Problem, ...]
    lines: dict[str, dict[str, int]]
    unvalidated: "Unvalidated | None"


@dataclass(frozen=True)
class YamlFile:
    """What reading and validating one YAML file gave: its value (None if it did not validate),
    its problems and line numbers."""

    value: Any
    problems: tuple[Problem, ...]
    lines: dict[str, int] | None


class ReadFiles:
    """Where content files already read (ItemFile, YamlFile) may be remembered: the live
    preview reads only changed files again (speed/preview.py). This one remembers nothing."""

    def state(self, file: str | Path) -> Any:
        """What says whether the file changed since it was read (None: unknown, read it)."""
        return None

    def known(self, file: str | Path, state: Any) -> "ItemFile | YamlFile | None":
        return None

    def remember(self, file: str | Path, state: Any, result: "ItemFile | YamlFile") -> None:
        pass

ITEM_FILE_RE = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True)
class Languages:
    """The configured languages, default first (from mkdocs.yml)."""

    codes: tuple[str, ...]
    default: str

    def context(self) -> dict[str, Any]:
        return {"languages": list(self.codes), "default_language": self.default}


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def version_hash(text: str) -> str:
    """Short hash of what a text or file says. Line endings and trailing spaces do not count,
    nor, in a file's front matter, layout, quoting and key order: the editing page rewrites a
    file's front matter in its own style, which does not change what the original says."""
    split = split_front_matter(text)
    if isinstance(split, str):
        return _short_hash(_normal(text))
    front_text, body, _ = split
    try:
        front = yaml_data(front_text)  # as the loader reads it, so both give one hash
    except yaml.YAMLError:
        return _short_hash(_normal(text))
    return version_of(front, body)


def version_of(front: Any, body: str) -> str:
    """version_hash of a file whose front matter is already read (`front`: its data)."""
    data = json.dumps(front, sort_keys=True, default=str, ensure_ascii=False)
    return _short_hash(f"{data}\n---\n{_normal(body)}")


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
    def feed_key(self) -> str:
        """What feeds and calendars know the item by: its key, or the old one it pins (`id`)
        after its file was renamed."""
        return self.front.id or self.slug

    @property
    def sort_date(self) -> dt.date:
        """The day that orders items: a news item's date, an event's first day."""
        day = self.front.start if isinstance(self.front, EventFrontMatter) else self.front.date
        return day.date() if isinstance(day, dt.datetime) else day


@dataclass(frozen=True)
class Unvalidated:
    """A news or event file whose front matter has problems: what can be checked regardless."""

    path: str
    tags: tuple[tuple[int, str], ...]  # (position, tag) of the tags written as valid keys (validation reports the rest)
    body: str
    body_line: int


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
    translation_record: TranslationRecord = field(default_factory=dict)  # content/translations.yml
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # path -> dotted field -> line
    invalid: set[str] = field(default_factory=set)  # keys of member and topic files that did not validate
    # News and event files whose front matter did not validate, as read: their tags and links
    # are still checked, so that one run reports every independent problem.
    unvalidated: list[Unvalidated] = field(default_factory=list)



# MkDocs' own rule for front matter (mkdocs.utils.meta.YAML_RE: closed by "---" or "..."), and
# the file endings it reads as pages.
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def docs_markdown_files(docs_dir: Path) -> list[Path]:
    """The pages under docs/ (as MkDocs finds them), without following or reading links."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(names) if name.lower().endswith(MARKDOWN_SUFFIXES)
                  and not source_files.is_editor_file(name) and not (Path(folder) / name).is_symlink()]
    return found


# --- the content tree ------------------------------------------------------------------

YAML_FILES = {"site.yml": Site, "offers.yml": Offers, "topics.yml": TopicsSection}
YAML_FOLDERS = {"members": Member, "topics": Topic}
ITEM_FOLDERS = {"news": NewsFrontMatter, "events": EventFrontMatter}
TAGS = TypeAdapter(dict[str, Tag])
UI = TypeAdapter(dict[str, str])
TRANSLATION_RECORD = TypeAdapter(TranslationRecord)
EXPECTED_LAYOUT = (
    "site.yml, offers.yml, topics.yml, tags.yml, members/<key>.yml, topics/<key>.yml, "
    "news/<key>.<lang>.md, events/<key>.<lang>.md, ui/<lang>.yml"
)


def _files_in(folder: Path) -> list[tuple[str, str]]:
    """The files directly in `folder` (name, path as text), by name: one read of the folder,
    not a lookup per file (and no Path made for each of thousands of files not read again)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    with os.scandir(folder) as entries:
        # A symbolic link is never read (source_files.symlink_problems reports it), nor what an editor left.
        return sorted((entry.name, entry.path) for entry in entries if not entry.is_dir(follow_symlinks=False)
                      and not entry.is_symlink() and not source_files.is_editor_file(entry.name))


class _Loader:
    def __init__(self, root: Path, languages: Languages, docs_dir: Path | None, in_parts: InParts | None = None,
                 read_files: ReadFiles | None = None):
        self.root = root
        self.content_dir = root / "content"
        self.docs_dir = docs_dir
        self.languages = languages
        self.problems: list[Problem] = []
        self.lines: dict[str, dict[str, int]] = {}
        self.failed: set[str] = set()  # keys of files that did not validate (no follow-up errors)
        self.unvalidated: list[Unvalidated] = []  # news and event files that did not validate
        self.in_parts = in_parts or (lambda function, inputs: [function(inputs)])
        self.read_files = read_files or ReadFiles()

    def rel(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()

    def load_yaml(self, file: Path, model: Any) -> Any:
        path = self.rel(file)
        if file.is_symlink():
            return None  # reported by source_files.symlink_problems, never read
        if not file.exists():
            self.problems.append(Problem(path, 1, "", "missing_file"))
            return None
        state = self.read_files.state(file)
        read = self.read_files.known(file, state)
        if not isinstance(read, YamlFile):  # not read before (or not as a YAML file)
            read = self._read_yaml(file, path, model)
            self.read_files.remember(file, state, read)
        self.problems += read.problems
        if read.lines is not None:
            self.lines[path] = read.lines
        return read.value

    def _read_yaml(self, file: Path, path: str, model: Any) -> YamlFile:
        problems: list[Problem] = []
        text = source_files.read_text(file, path, problems)
        parsed = parse_yaml(text, path, 0, problems) if text is not None else None
        if parsed is None:
            return YamlFile(None, tuple(problems), None)
        value = validate(model, parsed, path, self.languages.context(), problems)
        return YamlFile(value, tuple(problems), parsed.lines)

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
        parsed = parse_yaml(front_text, path, 1, self.problems)
        if parsed is None:
            return None
        if lang != self.languages.default and not {"title", "summary"} & parsed.data.keys() and not body.strip():
            # A translation not begun: the editing page writes the fields every language shares
            # (date, tags, …) into each language's file. It counts as missing, not as wrong.
            return None
        self.lines[path] = parsed.lines
        front = validate(model, parsed, path, self.languages.context(), self.problems)
        if front is None:
            tags = parsed.data.get("tags") if isinstance(parsed.data, dict) else None
            keys = tuple((index, tag) for index, tag in enumerate(tags)
                         if isinstance(tag, str) and re.match(SLUG_RE, tag)) if isinstance(tags, list) else ()
            self.unvalidated.append(Unvalidated(path, keys, body, body_line))
            return None
        return Item(slug, lang, path, front, body, body_line, version_of(parsed.data, body))

    def _files_of(self, folder: str, suffix: str) -> list[str]:
        """The files of a content folder with the folder's ending (a README aside), as text;
        any other file is reported as being in the wrong folder."""
        files = []
        for name, file in _files_in(self.content_dir / folder):
            if name == "README.md":
                continue
            if os.path.splitext(name)[1] != suffix:
                self.problems.append(Problem(self.rel(Path(file)), 1, "", "wrong_folder", (EXPECTED_LAYOUT,)))
                continue
            files.append(file)
        return files

    def items(self, folder: str, model: Any) -> dict[str, dict[str, Item]]:
        result: dict[str, dict[str, Item]] = {}
        files = self._files_of(folder, ".md")
        for part in self.in_parts(lambda part: self._read_items(part, model), files):
            for file, state, read, fresh in part:
                if fresh:
                    self.read_files.remember(file, state, read)
                self.problems += read.problems
                self.lines.update(read.lines)
                if read.unvalidated is not None:
                    self.unvalidated.append(read.unvalidated)
                if read.item is not None:
                    result.setdefault(read.item.slug, {})[read.item.lang] = read.item
        return result

    def _read_items(self, files: list[str], model: Any) -> list[tuple[str, Any, ItemFile, bool]]:
        """Per file: its state, what reading it gave, and whether it was read now (not remembered)."""
        results = []
        for file in files:
            state = self.read_files.state(file)
            known = self.read_files.known(file, state)
            results.append((file, state, known, False) if isinstance(known, ItemFile)
                           else (file, state, self._read_item(Path(file), model), True))
        return results

    def _read_item(self, file: Path, model: Any) -> ItemFile:
        outer = self.problems, self.lines, self.unvalidated
        self.problems, self.lines, self.unvalidated = [], {}, []
        try:
            item = self.load_item(file, model)
            return ItemFile(item, tuple(self.problems), self.lines, self.unvalidated[0] if self.unvalidated else None)
        finally:
            self.problems, self.lines, self.unvalidated = outer

    def folder(self, folder: str, model: Any) -> dict[str, Any]:
        result = {}
        for file in map(Path, self._files_of(folder, ".yml")):
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
        known_top = set(YAML_FILES) | {"tags.yml", "README.md", "translations.yml"}  # the last: editors/translation_status.py
        known_dirs = set(YAML_FOLDERS) | set(ITEM_FOLDERS) | {"ui"}
        for folder, _, names in os.walk(self.content_dir):  # order: problems are sorted when reported
            where = Path(folder).relative_to(self.content_dir).parts
            if len(where) == 1 and where[0] in known_dirs:
                continue  # the files of a known folder are checked where they are loaded
            for name in names:
                if (not where and name in known_top) or source_files.is_editor_file(name) or (Path(folder) / name).is_symlink():
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
            front, body, first_line = split_page(text)
            parsed = parse_yaml(front, path, 1, self.problems) if front is not None else None
            for name, value in (parsed.data.items() if parsed else ()):
                if isinstance(value, str) and parsed is not None:  # e.g. title: "\x00" written as a YAML escape
                    line = parsed.lines.get(str(name), 1)
                    self.problems += source_files.control_character_problems(value, path, line, str(name))
            self.problems += source_files.markdown_nesting_problems(body, path, first_line)

    def ui_overrides(self) -> dict[str, dict[str, str]]:
        result = {}
        for file in sorted((self.content_dir / "ui").glob("*.yml")):
            if source_files.is_editor_file(file.name):
                continue
            if file.stem not in self.languages.codes:
                self.problems.append(Problem(self.rel(file), 1, "", "unconfigured_language", (file.stem, ", ".join(self.languages.codes))))
                continue
            value = self.load_yaml(file, UI)
            if value is not None:
                result[file.stem] = value
        return result



def read_content(root: Path, languages: Languages, docs_dir: Path | None = None,
                 in_parts: InParts | None = None, read_files: ReadFiles | None = None) -> tuple[Content | None, list[Problem]]:
    """Everything under ``root/content`` that validates, and every problem found on the way.

    The content is None if a file the site cannot do without (site.yml, offers.yml, topics.yml)
    did not validate, or content/ or docs/ is a symbolic link. `in_parts`: how to read the item
    files (by default all of them here, one after the other); `read_files`: which of them are
    known already (by default none).
    """
    loader = _Loader(root, languages, docs_dir, in_parts, read_files)
    loader.problems += source_files.symlink_problems(root)
    if any("/" not in problem.path for problem in loader.problems):
        return None, loader.problems  # content/ or docs/ itself is a link: read nothing
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
    record = c / "translations.yml"
    translation_record = (loader.load_yaml(record, TRANSLATION_RECORD) or {}) if record.exists() or record.is_symlink() else {}
    loader.docs_pages()
    loader.stray_files()
    if site is None or offers is None or topics_section is None:
        return None, loader.problems
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
        translation_record=translation_record,
        lines=loader.lines,
        invalid=loader.failed,
        unvalidated=sorted(loader.unvalidated, key=lambda u: u.path),
    )
    return content, loader.problems


def is_published(front: Any, build_date: dt.date) -> bool:
    """Drafts never; dated items only from their date on (the build date decides)."""
    if front.draft:
        return False
    date = getattr(front, "date", None)
    return date is None or date <= build_date
