"""The live preview renders only what an edit changed (`mkdocs serve --dirty`, i.e. `make serve`).

MkDocs' `--dirty` keeps the previous output and renders a page only if its file says it was
modified (`File.is_modified`, public). For the hand-written pages that is their source file's
time; for the generated ones the hooks decide, from what each page was made of when it was
last rendered (page_inputs.py): a page whose inputs and answers are all the same keeps its
output (`KeptPage`). What the build collects from its pages (search documents, feed bodies,
social cards, page addresses) comes from the record for the pages it keeps.

A record is made per language after each successful build and dropped after a failed one
(the next build renders everything). The first build of a session may build the other
languages in a second process: that process leaves its record, and the feed parts it made, in
a file, which the first process reads in the background once that build has ended
(`take_spooled_later`), so that neither the start nor the first edit waits for it. Content
files are read again only if they changed (`RememberedFiles`).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import queue
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.structure.files import File

from ..content.load import ItemFile, ReadFiles, YamlFile
from ..outputs.feeds import FeedParts
from .. import LOGGER


class KeptPage(File):
    """A generated page whose output from the previous build of this preview is still right."""

    def is_modified(self) -> bool:
        return False


@dataclass
class PageRecord:
    """What one generated page was made of, and what the build collected from it."""

    inputs: tuple | None  # page_inputs.page_inputs (None: a page whose inputs are not noted)
    questions: list[tuple[Any, Any]]  # what its templates asked the site view (page_inputs.Question), and the answers
    url: str
    dest: str  # its output file, relative to the site folder
    search: tuple[str, str] | None = None  # its search document (URL, HTML), if searchable
    card: str | None = None  # its social card, relative to the site folder
    body_html: str | None = None  # a news item's body for the feeds


@dataclass
class LanguageRecord:
    """One language's build, as the next build of the preview needs it."""

    site: str  # page_inputs.site_digest
    pages: dict[str, PageRecord] = field(default_factory=dict)  # generated pages by src_uri
    hand_written: dict[str, PageRecord] = field(default_factory=dict)  # pages from docs/ (always rendered)
    feeds: dict[str, bytes] = field(default_factory=dict)  # feeds and calendars written, with their digests
    redirects: set[str] = field(default_factory=set)  # redirect pages written (all are written anew)


class Preview:
    """The records of one preview session (one output folder), kept between its builds."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.owner = os.getpid()
        self.records: dict[str, LanguageRecord] = {}
        self._search_jobs: queue.Queue[Callable[[], None]] = queue.Queue()
        self._search_generations: dict[str, int] = {}
        self._search_worker: threading.Thread | None = None
        self.read_files = RememberedFiles()
        self.feed_parts = FeedParts()  # events and news feeds made by earlier builds
        self.site = ""  # page_inputs.site_digest of the last build
        self._made: dict[str, Any] = {}  # what depends only on self.site (`remembered`)
        self._values: dict[str, Any] = {}  # what an output was made from last time (`unchanged`)
        self._spool = Path(tempfile.mkdtemp(prefix="cluster-site-preview-"))  # private to this user
        self._spool_lock = threading.Lock()  # a spooled record is read by the worker or by a build, once
        self._collector_lock = threading.Lock()  # the build sets objects aside, the worker collects
        self._building = False
        os.register_at_fork(after_in_child=self._in_second_process)

    def _in_second_process(self) -> None:
        """A forked second process has only the thread that forked: a lock the worker held
        would never be released there, and the worker's queue is not its own to wait for."""
        self._spool_lock, self._collector_lock = threading.Lock(), threading.Lock()
        self._search_jobs, self._search_worker = queue.Queue(), None

    def start(self, languages: Any) -> None:
        """A build with these languages starts (before any content is read)."""
        # What the preview keeps (content, records) is set aside from Python's cyclic garbage
        # collector: a full collection during the build looks only at the build's own objects,
        # not at every object of the site. Set aside with it, the previous build's garbage
        # is collected by the search indexes' worker when it has nothing left to do and no
        # build runs (`collect_later`, `_write_searches`).
        with self._collector_lock:
            self._building = True
            gc.freeze()
        self.read_files.start(languages)

    def begin(self, site: str) -> None:
        """The build has read the content; what every page shares is `site` (page_inputs.site_digest)."""
        if site != self.site:
            self.feed_parts.forget()  # an event's text shows tag labels and interface texts
            self._made.clear()
            self.site = site

    def remembered(self, name: str, make: Callable[[], Any]) -> Any:
        """What `make()` gives, made again only when what every page shares has changed."""
        if name not in self._made:
            self._made[name] = make()
        return self._made[name]

    def unchanged(self, name: str, value: Any) -> bool:
        """Whether `value` equals the one this name had in the previous build (and remember it)."""
        same = name in self._values and self._values[name] == value
        self._values[name] = value
        return same

    def record(self, lang: str) -> LanguageRecord | None:
        spooled = self._spool / f"{lang}.pickle"
        with self._spool_lock:
            if spooled.is_file():  # left by the process that built this language last time
                collecting = gc.isenabled()
                gc.disable()  # unpickling makes many objects, all kept: no collection is worth it meanwhile
                try:
                    with spooled.open("rb") as file:
                        self.records[lang], feed_parts = pickle.load(file)
                finally:
                    if collecting:
                        gc.enable()
                self.feed_parts.take(feed_parts)
                spooled.unlink()
        return self.records.get(lang)

    def take_spooled_later(self) -> None:
        """Read the records (and feed parts) the second process left, in the background once the
        build has ended: the first edit then finds them read, as every later edit does."""
        self._search_jobs.put(self._take_spooled)
        self._start_worker()

    def _take_spooled(self) -> None:
        for spooled in sorted(self._spool.glob("*.pickle")):
            self.record(spooled.stem)

    def keep(self, lang: str, record: LanguageRecord) -> None:
        if os.getpid() == self.owner:
            self.records[lang] = record
            return
        partial = self._spool / f"{lang}.part"
        try:  # in the second process: left in a file for the next build, with the feed parts made there
            with partial.open("wb") as file:
                pickle.dump((record, self.feed_parts.of_language(lang)), file, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self._spool / f"{lang}.pickle")
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
            partial.unlink(missing_ok=True)  # then the next build renders this language whole
            logging.getLogger(LOGGER).info(f"Preview ({lang}): record not kept ({error})")

    def forget(self) -> None:
        """Drop every record (after a build that failed while writing, or when what every page
        shares changed): the next build renders everything."""
        with self._spool_lock:  # not while the worker reads a spooled record, which would stay
            self.records.clear()
            self._values.clear()
            for spooled in self._spool.glob("*"):
                spooled.unlink(missing_ok=True)

    def has_records(self, languages: list[str]) -> bool:
        """Whether every language has a record (not the session's first build, nor one after a failure)."""
        return all(self.record(lang) is not None for lang in languages)

    def search_later(self, lang: str, write: Callable[[], None]) -> None:
        """Write a language's search index after the build, in the background (MkDocs' server
        answers no request until the build is done). One index is written at a time, leaving a
        core to the next build; an index a newer build has replaced before it started is skipped."""
        generation = self._search_generations[lang] = self._search_generations.get(lang, 0) + 1

        def job() -> None:
            if self._search_generations.get(lang) == generation:
                write()

        self._search_jobs.put(job)
        self._start_worker()

    def collect_later(self) -> None:
        """A build has ended: its garbage is collected by the worker once nothing waits (a build
        that wrote its search indexes itself queued nothing that would)."""
        with self._collector_lock:
            self._building = False
        self._search_jobs.put(lambda: None)
        self._start_worker()

    def _start_worker(self) -> None:
        if self._search_worker is None or not self._search_worker.is_alive():
            self._search_worker = threading.Thread(target=self._write_searches, name="search indexes", daemon=True)
            self._search_worker.start()

    def _write_searches(self) -> None:
        while True:
            job = self._search_jobs.get()
            try:
                job()
            except Exception as error:  # the next build writes the index again; the queue goes on
                logging.getLogger(LOGGER).error(f"Search index not written: {error}")
            finally:
                self._search_jobs.task_done()
            if self._search_jobs.empty():  # nothing waits: the moment to collect what builds left
                with self._collector_lock:
                    if not self._building:  # a build that has started keeps what it set aside
                        gc.unfreeze()
                        gc.collect()

    def wait_for_search(self) -> None:
        """Until every index queued is written (before the folder is cleaned or written to)."""
        self._search_jobs.join()


class RememberedFiles(ReadFiles):
    """Content files as last read: a file is read again only if it changed."""

    def __init__(self) -> None:
        self._read: dict[str, tuple[Any, ItemFile | YamlFile]] = {}  # by path as text (hashing a Path costs more)
        self._languages: Any = None

    def start(self, languages: Any) -> None:
        """A build with these languages begins: a file read for other ones is read again."""
        if languages != self._languages:
            self._read.clear()
            self._languages = languages

    def state(self, file: str | Path) -> Any:
        try:
            stat = os.stat(file)
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns

    def known(self, file: str | Path, state: Any) -> ItemFile | YamlFile | None:
        remembered = self._read.get(str(file))
        return remembered[1] if state is not None and remembered is not None and remembered[0] == state else None

    def remember(self, file: str | Path, state: Any, result: ItemFile | YamlFile) -> None:
        if state is not None:
            self._read[str(file)] = (state, result)


PREVIEWS: dict[str, Preview] = {}  # by output folder: one preview session, kept across its builds


def preview_for(site_dir: str) -> Preview:
    if site_dir not in PREVIEWS:
        PREVIEWS[site_dir] = Preview(site_dir)
    return PREVIEWS[site_dir]
