"""The live preview sees an edit when the system reports it, not at MkDocs' next look.

MkDocs' server looks at every watched file twice a second (watchdog's `PollingObserver`, which
works on every file system): an edit waits a quarter of a second on average before the rebuild
starts, and with thousands of content files the looking itself takes a share of a core from the
rebuilds. Where the system reports changes (inotify on Linux, FSEvents on macOS), watchdog's
native observer sees them at once. The switch goes through the server's public `watch`,
`unwatch` and `observer`, in `on_serve`: the paths MkDocs has watched so far move to the new
observer, and the ones from mkdocs.yml's `watch:` are added to it after `on_serve`.

A file system that reports nothing to its clients (some shared folders of virtual machines):
CLUSTER_SITE_SPEED without `watcher` keeps MkDocs' polling.
"""

from __future__ import annotations

import sys
from typing import Any

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

# What MkDocs' polling sees (a file or folder made, changed, moved or removed); not a file
# being opened or read, which the system reports too and the build itself does.
CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileAttribEvent, events.FileClosedEvent,
           events.FileMovedEvent, events.FileDeletedEvent, events.DirCreatedEvent, events.DirMovedEvent,
           events.DirDeletedEvent]


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
    """The system's observer, reporting changes only."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def native_watcher(server: Any, config: Any) -> Any:
    """`server` (MkDocs' LiveReloadServer, before it starts) watching with the system's reports."""
    if Observer is PollingObserver or type(getattr(server, "observer", None)) is not PollingObserver:
        return server  # no native observer here, or MkDocs watches in another way now
    paths = [config.docs_dir] + ([config.config_file_path] if config.config_file_path else [])
    if "--watch-theme" in sys.argv[1:]:
        paths += list(config.theme.dirs)
    for path in paths:
        server.unwatch(path)
    server.observer = ChangeObserver(timeout=server.shutdown_delay)
    for path in paths:
        server.watch(path)
    return server
