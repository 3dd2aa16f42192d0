"""One MkDocs command (`build`, `gh-deploy` or `serve`), from `on_startup` to `on_shutdown`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from .. import LOGGER
from ..content.problems import ContentError, Problem, text
from ..staged_output import StagedOutput

if TYPE_CHECKING:
    from .plain import Plain
    from .site_build import SiteBuild


@dataclass
class Command:
    """What MkDocs was asked to do, where a build writes until it has succeeded, and the build
    under way. One per process (the hooks' `this_command`): what MkDocs' events need across
    builds (`mkdocs serve` rebuilds; the second process, forked, inherits it) is here, not in
    the hooks."""

    name: str | None = None
    dirty: bool = False
    output: StagedOutput | None = None  # `mkdocs build`: the folder beside site/ that replaces it at the end
    build: SiteBuild | None = None  # the build under way (all languages), made in the default language's on_config
    speed: Plain | None = None  # the last build's shortcuts: even a build that failed on its content may have left work behind
    finished: bool = False  # every language built, sitemap written
    failed: bool = False
    staged_config: MkDocsConfig | None = None  # whose site_dir points into the staging folder
    problems: list[Problem] | None = None  # why the last build failed, for the preview's pages (editors/preview_errors.py)

    def start(self, name: str, dirty: bool) -> None:
        """`on_startup`: a new command (a test may run several in one process)."""
        self.name, self.dirty, self.output, self.build, self.finished, self.failed = name, dirty, None, None, False, False
        self.staged_config, self.speed, self.problems = None, None, None

    def failed_on(self, problems: list[Problem]) -> None:
        """The build stops on these content problems (the first reason recorded is kept)."""
        if self.problems is None:
            self.problems = problems

    def failed_with(self, message: str) -> None:
        """The build stops with this message, unless it stopped on content problems."""
        self.failed_on([Problem("", 0, "", "raw", (message,))])

    def stop_on(self, error: ContentError, nothing_was: str = "built") -> NoReturn:
        """Stop the build on content problems: recorded for the preview's pages, and given to
        MkDocs as a message of its own (a PluginError: no traceback)."""
        self.failed_on(error.problems)
        raise PluginError(error.summary(nothing_was)) from error

    def build_failed(self, error: Exception) -> None:
        """`on_build_error`: site/ stays as it was (`finish`), the build stops its second process,
        and the reason is recorded. An error without a message of its own (a template's mistake,
        a bug) becomes one message naming the file being built, unless `--verbose` asked for
        MkDocs' traceback."""
        self.failed = True
        if self.build is not None:
            self.build.failed()
        # `--verbose` sets the engine's own logger (MkDocs' or ProperDocs'), which ours follows.
        if isinstance(error, MkDocsException) or logging.getLogger(LOGGER).isEnabledFor(logging.DEBUG):
            self.failed_with(str(error))
            return
        where = self.build.processing if self.build is not None else "mkdocs.yml"
        filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
        if filename and lineno:  # a template's mistake (Jinja's TemplateSyntaxError and the like)
            where = f"{where} ({filename}:{lineno})"
        self.failed_with(message := text("crash", None, where, f"{type(error).__name__}: {error}"))
        raise PluginError(message)

    @property
    def serving(self) -> bool:
        """`mkdocs serve`: its output is a folder its server reads, and its live reload an inline
        script. `mkdocs serve --clean` announces itself to `on_startup` as "build"; only its
        command line tells."""
        if self.name == "serve":
            return True
        context = click.get_current_context(silent=True)  # the engine's command line, parsed by click
        return context is not None and context.info_name == "serve"

    @property
    def previewing(self) -> bool:
        """The live preview: `mkdocs serve --dirty` (`make serve`), which keeps its previous output."""
        return self.serving and self.dirty

    def stage_output(self, config: MkDocsConfig) -> None:
        """A `mkdocs build` writes into a fresh folder beside site/, which replaces site/ only at
        the end (`finish`). `mkdocs serve` writes into its server's folder, as it is."""
        if self.name in ("build", "gh-deploy") and not self.serving and self.output is None:
            self.output, self.staged_config = StagedOutput(Path(config.site_dir), self.dirty), config
            config.site_dir = str(self.output.staging)

    def finish(self) -> None:
        """`on_shutdown`: the live preview's search indexes written (before MkDocs' server deletes
        its folder); the finished build published in place of site/, or site/ left as it was."""
        if self.speed is not None:
            self.speed.shutdown()
        if self.output is None:
            return
        output, self.output = self.output, None
        if self.finished and not self.failed:
            output.publish()
        else:
            output.discard()
        if self.staged_config is not None:
            self.staged_config.site_dir = str(output.site_dir)  # gh-deploy reads it next
