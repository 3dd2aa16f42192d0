"""The live preview sees an edit when the system reports it, not at MkDocs' next look.

MkDocs' server looks at every watched file twice a second (watchdog's `PollingObserver`, which
works on every file system): an edit waits a quarter of a second on average before the rebuild
starts, and with thousands of content files the looking itself takes a share of a core from the
rebuilds. Where the system reports changes (inotify on Linux, FSEvents on macOS), watchdog's
native observer sees them at once. In `on_serve`, every path the server watches so far moves to
the new observer (its `watch` and `unwatch`; the paths from its `_watched_paths`, checked at run
time: without that list, MkDocs' polling stays), and mkdocs.yml's `watch:` paths are added to it
after `on_serve`.

A file system that reports nothing to its clients (network drives, some shared folders of
virtual machines): CLUSTER_SITE_WATCH=poll keeps MkDocs' polling. Where the system cannot watch
the folders (its limit of watches is reached, say), a trial observer finds out before the switch
and MkDocs' polling stays, with a message that says why. Either way, an editor's swap and backup
files start no rebuild.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Sequence
from typing import Any

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ..content.source_files import is_editor_file
from .. import LOGGER

SWITCH = "CLUSTER_SITE_WATCH"

# What MkDocs' polling sees (a file or folder made, changed, moved or removed); not a file
# being opened or read, which the system reports too and the build itself does.
CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileAttribEvent, events.FileClosedEvent,
           events.FileMovedEvent, events.FileDeletedEvent, events.DirCreatedEvent, events.DirMovedEvent,
           events.DirDeletedEvent]


class _OneFile(events.FileSystemEventHandler):
    """Passes on the events of one file of a watched folder: a watch on the file itself would
    end when an editor saves it by writing a new file in its place (a new inode)."""

    def __init__(self, handler: events.FileSystemEventHandler, path: str) -> None:
        self.handler, self.path = handler, path

    def dispatch(self, event: events.FileSystemEvent) -> None:
        if self.path in (os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")):
            self.handler.dispatch(event)


class _EditedFiles(events.FileSystemEventHandler):
    """Passes on the events of the files an editor shows, not of those it writes beside them
    (swap and backup files, source_files.EDITOR_FILES), which the build does not read."""

    def __init__(self, handler: events.FileSystemEventHandler) -> None:
        self.handler = handler

    def dispatch(self, event: events.FileSystemEvent) -> None:
        paths = [os.fsdecode(path) for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        if not all(is_editor_file(os.path.basename(path)) for path in paths):
            self.handler.dispatch(event)


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
    """The system's observer, reporting changes only, and none of an editor's swap or backup
    files; a single file is watched through its folder."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        path = os.fsdecode(path)
        event_handler = _EditedFiles(event_handler)
        if os.path.isfile(path):
            event_handler, path, recursive = _OneFile(event_handler, path), os.path.dirname(path), False
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


# What helps where the system refuses, by its reason (Linux's limits of inotify).
LIMITS = {errno.ENOSPC: "fs.inotify.max_user_watches", errno.EMFILE: "fs.inotify.max_user_instances (or open files, ulimit -n)"}


def _cannot_watch(paths: list[str]) -> OSError | None:
    """Why the system cannot watch `paths` (and their folders), if it cannot: tried for a moment."""
    trial = ChangeObserver()
    try:
        for path in paths:
            trial.schedule(events.FileSystemEventHandler(), path, recursive=True)
        trial.start()
    except OSError as error:
        return error
    finally:
        started = trial.is_alive()
        trial.unschedule_all()
        trial.stop()  # also closes what the observer opened before it was started
        if started:
            trial.join()
    return None


class PollingChangeObserver(PollingObserver):  # type: ignore[misc, valid-type]
    """MkDocs' polling, where the system reports nothing or cannot watch: none of an editor's
    swap or backup files either (Vim writes its swap file every few seconds while one types)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(_EditedFiles(event_handler), path, recursive=recursive, event_filter=event_filter,
                                follow_symlink=follow_symlink)


def native_watcher(server: Any, also: Sequence[str] = ()) -> Any:
    """`server` (MkDocs' LiveReloadServer, before it starts) watching with the system's reports;
    `also`: the paths MkDocs adds after `on_serve` (mkdocs.yml's `watch:`)."""
    watched = getattr(server, "_watched_paths", None)
    if type(getattr(server, "observer", None)) is not PollingObserver or not isinstance(watched, dict):
        return server  # MkDocs watches in another way now
    counts = dict(watched)  # path -> how many asked to watch it
    log = logging.getLogger(LOGGER)
    observer = PollingChangeObserver(timeout=server.observer.timeout)
    if os.environ.get(SWITCH, "").strip().lower() != "poll" and Observer is not PollingObserver:  # not asked to poll
        error = _cannot_watch([*counts, *(path for path in also if path not in counts)])
        if error is None:
            observer = ChangeObserver(timeout=server.shutdown_delay)
        else:
            limit = f"a higher {LIMITS[error.errno]} helps; " if error.errno in LIMITS else ""
            log.warning(f"Preview: the system cannot report changes here ({error.strerror or error}); MkDocs looks for "
                        f"them twice a second instead ({limit}{SWITCH}=poll skips this attempt)")
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    if isinstance(observer, ChangeObserver):
        log.info(f"Preview: changes are reported by the system ({SWITCH}=poll: MkDocs looks for them twice a second)")
    return server
