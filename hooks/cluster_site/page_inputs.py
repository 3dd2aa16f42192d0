"""What a generated page is made of, as digests: the live preview renders a page again only
when one of them has changed since it last rendered it (speed/preview.py).

A page is made of
- what every page shares: the configuration, templates, hand-written pages and site-wide
  content (`site_digest`);
- its own data (`page_digest`: its VirtualPage, its language switcher);
- the answers its templates got from the site view while it was rendered (`RecordingView`):
  the items of a listing's neighbours, the years with news, whether a tag has events.
Asked again of the next build's view, the same questions with the same answers mean the same
page. Items count by file and version (a hash of what the file says), so nothing is compared
by identity across builds.
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

from .content import Content, Item
from .pages import VirtualPage
from .site_view import SiteView


class NoDigest(TypeError):
    """A value the digest does not know how to read: the page counts as changed."""


def digest(value: Any) -> str:
    """A short hash of a value from the site model, the same for equal values in any build."""
    hasher = hashlib.blake2b(digest_size=12)
    _feed(hasher, value)
    return hasher.hexdigest()


def _feed(hasher: Any, value: Any) -> None:
    if value is None or isinstance(value, (bool, int, float, str, dt.date, dt.time, Path)):
        hasher.update(f"{type(value).__name__}:{value!s}\x00".encode("utf-8", "surrogatepass"))
    elif isinstance(value, Item):
        hasher.update(f"item:{value.path}:{value.version}\x00".encode("utf-8"))
    elif isinstance(value, enum.Enum):
        _feed(hasher, value.value)
    elif isinstance(value, BaseModel):
        hasher.update(type(value).__name__.encode())
        hasher.update(json.dumps(value.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    elif isinstance(value, dict):
        hasher.update(b"{")
        for key, item in value.items():
            _feed(hasher, key)
            _feed(hasher, item)
        hasher.update(b"}")
    elif isinstance(value, (list, tuple)):
        hasher.update(b"[")
        for item in value:
            _feed(hasher, item)
        hasher.update(b"]")
    elif isinstance(value, (set, frozenset)):
        hasher.update(("set:" + ",".join(sorted(digest(item) for item in value))).encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hasher.update(type(value).__name__.encode())
        for field in dataclasses.fields(value):
            _feed(hasher, field.name)
            _feed(hasher, getattr(value, field.name))
    else:
        raise NoDigest(f"no digest for a {type(value).__name__}")


def _file_states(folder: Path) -> list[tuple[str, int, int]]:
    """(path, modification time, size) of every file under `folder`: a change anywhere shows."""
    states = []
    for where, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(where, name)
            try:
                stat = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            states.append((os.path.relpath(path, folder), stat.st_mtime_ns, stat.st_size))
    return states


def site_digest(content: Content, today: dt.date, config_file: Path, folders: Iterable[Path], settings: Any) -> str:
    """What every page depends on besides its own inputs: mkdocs.yml, the files under `folders`
    (templates, hooks, hand-written pages and their images), the site-wide content, the build
    date and `settings` (the site's address, say). A change here renders every page again."""
    site_wide = {field.name: getattr(content, field.name) for field in dataclasses.fields(content)
                 if field.name not in ("root", "news", "events", "lines", "invalid", "unvalidated")}
    return digest([config_file.read_bytes().hex(), [_file_states(folder) for folder in folders],
                   site_wide, today, settings])


def page_digest(page: VirtualPage, alternates: list[dict[str, Any]]) -> str | None:
    """A generated page's own inputs; None if one of them cannot be digested."""
    try:
        return digest([page.key, page.template, page.title, page.description, page.body, page.data,
                       page.source_lang, page.parent, alternates])
    except NoDigest:
        return None


Question = tuple[str, tuple[Any, ...]]  # a SiteView attribute, and the arguments of a call (or ())


class Answers:
    """One build's site view, answering questions by digest (each answer digested once)."""

    def __init__(self, view: SiteView) -> None:
        self.view = view
        self._digests: dict[tuple[str, str], str | None] = {}

    def digest_of(self, name: str, args: tuple[Any, ...], called: bool, answer: Any = None, known: bool = False) -> str | None:
        """The digest of the answer to a question (asked now unless `known`); None if it has none."""
        try:
            key = (name + ("()" if called else ""), digest(args))
        except NoDigest:
            return None
        if key not in self._digests:
            if not known:
                answer = getattr(self.view, name)
                answer = answer(*args) if called else answer
            try:
                self._digests[key] = digest(answer)
            except NoDigest:
                self._digests[key] = None
        return self._digests[key]

    def same(self, questions: Iterable[tuple[str, tuple[Any, ...], bool, str | None]]) -> bool:
        """Whether every question gets the answer it got before (recorded digests)."""
        for name, args, called, before in questions:
            if before is None:
                return False
            try:
                now = self.digest_of(name, args, called)
            except Exception:  # an item the question named is gone, say: the page is rendered again
                return False
            if now != before:
                return False
        return True


class RecordingView:
    """The site view as one page's templates see it, noting each question and its answer's digest."""

    def __init__(self, answers: Answers) -> None:
        self._answers = answers
        self._view = answers.view
        self.questions: dict[tuple[str, str, bool], tuple[str, tuple[Any, ...], bool, str | None]] = {}

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._view, name)
        if name in SiteView.SITE_WIDE or name.startswith("_"):
            return value
        if callable(value):
            def ask(*args: Any) -> Any:
                answer = value(*args)
                self._note(name, args, True, answer)
                return answer
            return ask
        self._note(name, (), False, value)
        return value

    def _note(self, name: str, args: tuple[Any, ...], called: bool, answer: Any) -> None:
        try:
            key = (name, digest(args), called)
        except NoDigest:
            key = (name, repr(args), called)
        if key not in self.questions:
            self.questions[key] = (name, args, called, self._answers.digest_of(name, args, called, answer, known=True))

    def recorded(self) -> list[tuple[str, tuple[Any, ...], bool, str | None]]:
        return list(self.questions.values())
