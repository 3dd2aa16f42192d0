"""The languages after the default one, built in a second process while the first builds it.

mkdocs-static-i18n builds the default language, then, from its `on_post_build`, every other
language one after the other in the same process. Here a forked child runs that same
`on_post_build` as soon as the default language's files are known: the plugin's own loop, with
its own state. The parent goes on with the default language only, which the plugin's declared
option says (`languages[].build: false` for the others while this build runs), so its loop has
nothing left to build there. Nothing here sets the plugin's internal state.

The child inherits everything the parent has computed (the site model), so nothing is loaded twice.
"""

from __future__ import annotations

from typing import Any, Callable

from ..mkdocs_build import i18n_plugin
from ..mkdocs_build.plain import SecondProcessFailed
from .parallel import Worker, WorkerFailed


def _describe_failure(error: BaseException) -> str | None:
    from click import ClickException

    return error.format_message() if isinstance(error, ClickException) else None  # None: a traceback


class OtherLanguages:
    """The child process building `languages`; `join` returns what `result()` gave there."""

    def __init__(self, config: Any, languages: list[str], result: Callable[[], Any]) -> None:
        plugin = i18n_plugin.plugin(config)
        self._languages = [lang for lang in plugin.config.languages if lang.locale in languages and lang.build]
        # In the child: the plugin's post-build step, which builds each language not built yet.
        self._worker = Worker(lambda: (plugin.on_post_build(config), result())[1], _describe_failure)
        for lang in self._languages:  # this process: the default language only
            lang.build = False

    def _restore(self) -> None:
        for lang in self._languages:
            lang.build = True

    def join(self) -> Any:
        """Wait for the child; its result. SecondProcessFailed if it failed (it has said why)."""
        self._restore()
        try:
            return self._worker.join()
        except WorkerFailed as error:
            raise SecondProcessFailed(str(error)) from error

    def cancel(self) -> None:
        self._restore()
        self._worker.cancel()


__all__ = ["OtherLanguages", "WorkerFailed"]
