"""The languages after the default one, built in a second process while the first builds it.

mkdocs-static-i18n builds the default language, then, from its `on_post_build`, every other
language one after the other in the same process. Here a forked child does what that loop does,
starting as soon as the default language's files are known, and the parent tells the plugin
that they are built. This is the one place outside the plugin that sets its `building` flag, and
it does so exactly as the plugin's own loop does around its nested builds.

The child inherits everything the parent has computed (the site model), so nothing is loaded twice.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Callable

from .parallel import Worker, WorkerFailed


def _describe_failure(error: BaseException) -> str | None:
    from click import ClickException

    return error.format_message() if isinstance(error, ClickException) else None  # None: a traceback


class OtherLanguages:
    """The child process building `languages`; `join` returns what `result()` gave there."""

    def __init__(self, config: Any, languages: list[str], result: Callable[[], Any]) -> None:
        self._plugin = config.plugins["i18n"]
        self._worker = Worker(lambda: self._build(config, languages, result), _describe_failure)

    def _build(self, config: Any, languages: list[str], result: Callable[[], Any]) -> Any:
        """What mkdocs-static-i18n's on_post_build does after the default language (in the child)."""
        from mkdocs import utils
        from mkdocs.commands.build import build

        self._plugin.building = True  # nested passes: the plugin and the hooks skip their closing steps
        utils.clean_directory = lambda path: None  # the default language's pass has cleaned site_dir
        quiet = lambda record: not str(record.msg).startswith(("Documentation built in", "Cleaning site directory"))
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv  # as the plugin decides it
        for lang in languages:
            self._plugin.current_language = lang
            build(config, dirty=dirty)
        return result()

    def built_elsewhere(self) -> None:
        """At the end of the default language's pass: the plugin must not build the others again."""
        self._plugin.building = True

    def join(self) -> Any:
        """Wait for the child; its result. WorkerFailed if it failed (it has said why)."""
        self._plugin.building = False
        return self._worker.join()

    def cancel(self) -> None:
        self._plugin.building = False
        self._worker.cancel()


__all__ = ["OtherLanguages", "WorkerFailed"]
