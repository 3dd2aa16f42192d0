"""A failed rebuild shown in the browser while `mkdocs serve` runs (`make serve`, `make edit`).

Editors who work in the editing page or look at the preview do not watch a terminal. When a
rebuild fails, every page the preview serves (the editing page included) shows what is wrong:
file, line, field and message, in the editor's language; once a rebuild succeeds the pages
come back by themselves. Only the preview's server does this: nothing of it is ever written
into the site's folder, so the published site cannot contain it.

How: the server's builder is wrapped (a failure is recorded, not raised, so MkDocs goes on
serving the last good pages), and its WSGI application too (public `get_app`/`set_app` of
wsgiref's server): it answers two addresses of its own, the problems as JSON and the script
that shows them, and adds that script to every HTML page it serves. The script asks for the
problems every second; the site's Content-Security-Policy allows it (a script of the site's
own address).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable, Iterable

from ..content.problems import MESSAGES, Problem, message_language
from ..i18n import builtin_ui
from .. import LOGGER

log = logging.getLogger(LOGGER)

ADDRESS = ".cluster-site/"  # under the server's mount path; never a file of the site
PROBLEMS, SCRIPT = "preview-problems.json", "preview-errors.js"
FAILED = "Preview: the rebuild failed; every open page shows why until the file is fixed"

PANEL = ("heading", "count", "line", "field", "after", "hide", "show")  # the panel's words: preview.* in ui/<lang>.yml


def panel_texts() -> dict[str, dict[str, str]]:
    """The panel's words in every language the generator has interface texts in."""
    return {lang: {key: texts[f"preview.{key}"] for key in PANEL} for lang, texts in builtin_ui().items()}


def problems_of(failure: list[Problem] | None, error: Exception) -> list[Problem]:
    """What a failed build reports: the content problems it stopped on (recorded on the command
    where they were found), else its message as one problem (mkdocs.yml unreadable, say)."""
    return failure or [Problem("", 0, "", "raw", (str(error) or type(error).__name__,))]


@dataclass
class BuildProblems:
    """What the last rebuild reported; `generation` counts rebuilds, so a page sees a change."""

    generation: int = 0
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> bytes:
        languages = sorted({lang for entry in MESSAGES.values() for lang in entry})
        return json.dumps({
            "generation": self.generation,
            "language": message_language(),  # the terminal's; the page prefers the browser's
            "texts": panel_texts(),
            "problems": [{"path": p.path, "line": p.line, "field": p.field,
                          "message": {lang: p.message(lang) for lang in languages}} for p in self.problems],
        }, ensure_ascii=False).encode("utf-8")


class ErrorsInTheBrowser:
    """The preview server's builder and application, wrapped to show a failed rebuild."""

    def __init__(self, server: Any, command: Any) -> None:
        self.command = command  # mkdocs_build.command.Command: records why a build failed (`problems`)
        self.state = BuildProblems()
        self.prefix = server.mount_path.rstrip("/") + "/" + ADDRESS
        self.builder: Callable[..., None] = server.builder
        self.app: Callable[..., Iterable[bytes]] = server.get_app()
        self.script = resources.files(__package__).joinpath(SCRIPT).read_bytes()
        self.tag = f'<script src="{self.prefix}{SCRIPT}" defer></script>'.encode()

    @classmethod
    def install(cls, server: Any, command: Any) -> Any:
        """`on_serve`: the server, its rebuilds and pages wrapped."""
        shown = cls(server, command)
        server.builder = shown.build
        server.set_app(shown.serve)
        return server

    def build(self, *args: Any, **kwargs: Any) -> None:
        self.command.problems = None
        try:
            self.builder(*args, **kwargs)
        except Exception as error:  # MkDocs has logged the build's message; the last good pages stay
            self.state = BuildProblems(self.state.generation + 1, problems_of(self.command.problems, error))
            log.error(FAILED)
        else:
            self.state = BuildProblems(self.state.generation + 1)

    def serve(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == self.prefix + PROBLEMS:
            return self._answer(start_response, "application/json; charset=utf-8", self.state.as_json())
        if path == self.prefix + SCRIPT:
            return self._answer(start_response, "text/javascript; charset=utf-8", self.script)
        sent: dict[str, Any] = {}

        def remember(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            sent.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: None  # the body is returned, not written

        answer = self.app(environ, remember)
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):  # WSGI: the application's iterable is closed (a file, say)
                answer.close()
        headers = sent["headers"]
        if any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            body = self._with_script(body)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"] + [("Content-Length", str(len(body)))]
        start_response(sent["status"], headers, sent["exc_info"])
        return [body]

    def _with_script(self, body: bytes) -> bytes:
        at = body.find(b"</head>")
        return body[:at] + self.tag + body[at:] if at >= 0 else body + self.tag

    @staticmethod
    def _answer(start_response: Callable, kind: str, body: bytes) -> list[bytes]:
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]
