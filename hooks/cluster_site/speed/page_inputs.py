"""What a generated page is made of: the live preview renders a page again only when some of
it has changed since it last rendered it (speed/preview.py).

A page is made of
- what every page shares: the configuration, templates, hand-written pages and site-wide
  content (`site_digest`, a hash);
- its own data (`page_inputs`: its VirtualPage, its language switcher);
- the answers its templates got from the site view while it was rendered (`RecordingView`):
  an item's neighbours, the years with news, whether a tag has events.
Asked again of the next build's view, the same questions with equal answers mean the same page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from ..content import Content
from ..content.source_files import is_editor_file
from ..pages import VirtualPage
from ..site_view import SiteView


def digest(value: Any) -> str:
    """A short hash of a value from the site-wide content (models, dicts, lists, dates), the same
    for equal values in any build."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_as_json)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _as_json(value: Any) -> Any:
    """What JSON cannot write itself, as something it can (TypeError for anything else)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (dt.date, dt.time, Path)):
        return str(value)
    raise TypeError(f"no digest for {value!r}")


_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _file_states(folder: Path, pages: bool = False) -> list[tuple[str, Any, int]]:
    """(path, modification time, size) of every file under `folder`: a change anywhere shows.
    With `pages`, a Markdown file counts by its front matter and first heading instead (what
    other pages show of it: its title in the navigation); its text is its own page's business."""
    states: list[tuple[str, Any, int]] = []
    for where, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if is_editor_file(name):
                continue  # a swap file written while a template is open changes nothing
            path = os.path.join(where, name)
            try:
                stat = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            if pages and name.lower().endswith(_MARKDOWN):
                states.append((os.path.relpath(path, folder), _title_part(path), 0))
            else:
                states.append((os.path.relpath(path, folder), stat.st_mtime_ns, stat.st_size))
    return states


def _title_part(path: str) -> str:
    """A page's front matter and its headings of level one (`# Title`, or underlined with `=`)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    lines = text.splitlines()
    headings = [line for index, line in enumerate(lines) if line.startswith("# ") or (
        index + 1 < len(lines) and line.strip() and lines[index + 1].strip() and set(lines[index + 1].strip()) == {"="})]
    return front + "\n" + "\n".join(headings)


def site_digest(content: Content, today: dt.date, config_file: Path, folders: Iterable[Path], docs_dir: Path,
                settings: Any) -> str:
    """What every page depends on besides its own inputs: mkdocs.yml, the files under `folders`
    (templates, hooks), the hand-written pages' titles and the other files under `docs_dir`
    (images), the site-wide content, the build date and `settings` (the site's address, say).
    A change here renders every page again."""
    site_wide = {field.name: getattr(content, field.name) for field in dataclasses.fields(content)
                 if field.name not in ("root", "news", "events", "lines", "invalid", "unvalidated")}
    return digest([hashlib.sha256(config_file.read_bytes()).hexdigest(), [_file_states(folder) for folder in folders],
                   _file_states(docs_dir, pages=True), site_wide, today, settings])


def page_inputs(page: VirtualPage, alternates: list[dict[str, Any]]) -> tuple[VirtualPage, list[dict[str, Any]]]:
    """A generated page's own inputs, to compare with `==` with the next build's: unchanged
    items are the same objects from build to build (speed.preview.RememberedFiles), so
    comparing them mostly compares identities."""
    return page, alternates


# A SiteView attribute, the arguments of a call (positional, then keyword), whether it was called.
Question = tuple[str, tuple[Any, ...], tuple[tuple[str, Any], ...], bool]


def answer(view: SiteView, question: Question) -> Any:
    name, args, keywords, called = question
    value = getattr(view, name)
    return value(*args, **dict(keywords)) if called else value


def same_answers(view: SiteView, questions: list[tuple[Question, Any]]) -> list[tuple[Question, Any]] | None:
    """The recorded questions with the next build's answers, if every one is the answer given
    before; None if one differs (the page is rendered again). The answers returned are this
    build's objects: compared with the build after, they are mostly the same objects."""
    answered = []
    for question, before in questions:
        try:
            now = answer(view, question)
        except Exception:  # an item the question named is gone, say
            return None
        if now != before:
            return None
        answered.append((question, now))
    return answered


class RecordingView:
    """The site view as one page's templates see it, noting each question and its answer."""

    def __init__(self, view: SiteView) -> None:
        self._view = view
        self._questions: list[tuple[Question, Any]] = []
        self._asked: set[Any] = set()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._view, name)
        if name in SiteView.SITE_WIDE:
            return value
        if callable(value):
            def ask(*args: Any, **keywords: Any) -> Any:
                result = value(*args, **keywords)
                self._note((name, args, tuple(sorted(keywords.items())), True), result)
                return result
            return ask
        self._note((name, (), (), False), value)
        return value

    def _note(self, question: Question, result: Any) -> None:
        try:
            hash(question)
            key: Any = question  # strings and numbers as they are
        except TypeError:  # an item: the same object while the page renders
            key = (question[0], tuple(map(id, question[1])), tuple((k, id(v)) for k, v in question[2]), question[3])
        if key not in self._asked:
            self._asked.add(key)
            self._questions.append((question, result))

    def recorded(self) -> list[tuple[Question, Any]]:
        return self._questions
