"""Full-text search with Pagefind: one bundle per language, loaded only when a visitor searches.

Each language's build hands every page it writes to `SearchIndex.add`. Only pages whose content
is marked `data-pagefind-body` (main.html) are kept, and of them only that content and what
Pagefind reads of the head (language, title, data-pagefind-* tags):
listings and the 404 page carry no marker, and the header, navigation and footer that every page
repeats are never parsed. Drafts and future items are never built, so never indexed.

`write` hands the kept pages to Pagefind (PyPI `pagefind[bin]`, pinned) from memory, and Pagefind
writes the language's bundle to `<language folder>/pagefind/`. Each language's build process does
this for itself, so both languages are indexed at the same time. The search page loads its own
language's bundle; result URLs are site-relative, as the page's baseUrl expects.
"""

from __future__ import annotations

import base64
import io
import json
import posixpath
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, cast

MARK = "data-pagefind-body"


class SearchIndexError(RuntimeError):
    pass


class SearchIndex:
    """The searchable pages of one language, as minimal documents (indexed in order of their URL,
    so that the index does not depend on the order pages were built in)."""

    def __init__(self) -> None:
        self.documents: dict[str, str] = {}  # URL from the site root -> HTML

    def add(self, url: str, html: str) -> tuple[str, str] | None:
        """Keep a built page if it is searchable; the document kept, or None."""
        mark = html.find(MARK)
        if mark < 0:
            return None
        body = html.find("<body")
        start = html.rfind("<", 0, mark)  # the marked element
        # Material closes its content <article> after the marked element, and nothing after
        # it is content; articles inside the content (teasers) close before it.
        end = html.rfind("</article>")
        if not 0 < body < start < end:
            raise SearchIndexError(f"{url}: the searchable content ({MARK}) is not inside Material's <article>")
        document = ("/" + url, _head(html[:body]) + "<body>" + html[start:end] + "</body></html>")
        self.put(document)
        return document

    def put(self, document: tuple[str, str]) -> None:
        """Keep a document made before (by `add`, in an earlier build of the live preview)."""
        self.documents[document[0]] = document[1]

    def write(self, bundle: Path, in_background: bool = False) -> None:
        """Index the kept pages with Pagefind and write its bundle to `bundle`; `in_background`:
        while a build runs beside it (the live preview), Pagefind gives way to that build."""
        with _PagefindService(in_background) as service:
            index = service.request({"type": "NewIndex", "config": None})["index_id"]
            service.pipeline([{"type": "AddFile", "index_id": index, "url": url, "file_contents": html, "file_path": None}
                              for url, html in sorted(self.documents.items())])
            # The bundle comes back in the reply and is written here: with "WriteFiles", one
            # of a few large builds here read an empty pagefind-entry.json after the service
            # had answered and exited.
            files = service.request({"type": "GetFiles", "index_id": index})["files"]
        folders = set()
        for file in files:
            path = bundle_path(bundle, file["path"])
            if path.parent not in folders:  # thousands of files in a few folders
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            content = base64.b64decode(file["content"])
            if path.name == "pagefind-entry.json":  # languages in no fixed order: sort for byte-identical builds
                content = json.dumps(json.loads(content), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
            path.write_bytes(content)
        if not (bundle / "pagefind-entry.json").is_file():
            raise SearchIndexError("Pagefind returned no pagefind-entry.json")


def replace_index(index: SearchIndex, bundle: Path, in_background: bool = False) -> None:
    """Write `index` beside the bundle already there, which it then replaces (the live preview:
    Pagefind's file names change with the content, and the old bundle serves until then).
    SearchIndexError if Pagefind fails; the old bundle then stays."""
    fresh, old = bundle.with_name(bundle.name + ".new"), bundle.with_name(bundle.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index.write(fresh, in_background)
    except SearchIndexError:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def bundle_path(bundle: Path, name: str) -> Path:
    """Where a file Pagefind names goes: inside `bundle`, whatever the name says.

    Checked on the name alone: thousands of files, and nothing else writes into the fresh folder.
    """
    relative = posixpath.normpath(name)
    if relative.startswith(("/", "../")) or relative in (".", ".."):
        raise SearchIndexError(f"Pagefind returned a file outside its folder: {name}")
    return bundle / relative


# What Pagefind reads outside the content: the language, the title, and data-pagefind-* tags.
# The rest of Material's head (half of each document) only cost Pagefind time to parse.
_HTML_AND_TITLE = re.compile(r"<html\b[^>]*>|<title>.*?</title>", re.DOTALL)
_HEAD_KEPT = re.compile(_HTML_AND_TITLE.pattern + r"|<[^>]*\bdata-pagefind-[^>]*>", re.DOTALL)


def _head(head: str) -> str:
    # Usually no head tag has data-pagefind-*: then two short searches instead of a scan of every tag.
    kept = _HEAD_KEPT if "data-pagefind-" in head else _HTML_AND_TITLE
    return "<!doctype html>" + "".join(match.group(0) for match in kept.finditer(head))


class _PagefindService:
    """`pagefind --service`: documents go in from memory, the bundle comes out.

    The messages are base64-encoded JSON, each followed by a comma. The pinned package's own
    asyncio client (`pagefind.index`) speaks the same protocol but waits 0.1 s before reading
    each reply: 7 minutes for 4,000 pages. Writing the pages to a scratch folder for the CLI
    instead cost more than Pagefind's indexing on this machine's disk.
    """

    def __init__(self, in_background: bool = False) -> None:
        self.in_background = in_background

    def __enter__(self) -> "_PagefindService":
        import pagefind_bin

        nice = shutil.which("nice") if self.in_background else None  # at a lower priority, where the system has it
        self.process = subprocess.Popen([*([nice, "-n", "10"] if nice else []), str(pagefind_bin.get_executable()), "--service"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.last_id = 0
        return self

    def request(self, payload: dict) -> dict:
        return self.pipeline([payload])[0]

    def pipeline(self, payloads: list[dict]) -> list[dict]:
        """Send all requests while reading the replies (Pagefind works on them meanwhile)."""
        first = self.last_id + 1
        self.last_id += len(payloads)
        messages = [base64.b64encode(json.dumps({"message_id": first + n, "payload": payload}).encode("utf-8")) + b","
                    for n, payload in enumerate(payloads)]
        writer = threading.Thread(target=self._send, args=(messages,))
        writer.start()
        replies = self._receive(len(payloads))
        writer.join()
        results: list[Any] = [None] * len(payloads)
        for answer in replies:
            result = answer.get("payload", {})
            position = answer.get("message_id", 0) - first
            if result.get("type") == "Error" or not 0 <= position < len(payloads):
                raise SearchIndexError(f"Pagefind failed: {result.get('message', answer)}")
            results[position] = result
        return results

    def _send(self, messages: list[bytes]) -> None:
        stdin = self.process.stdin
        assert stdin is not None, "opened with a pipe"
        try:
            for message in messages:
                stdin.write(message)
            stdin.flush()
        except BrokenPipeError:
            pass  # reported by _receive

    def _receive(self, count: int) -> list[dict]:
        stdout = cast(io.BufferedReader, self.process.stdout)  # opened with a pipe: a buffered reader
        replies: list[dict] = []
        pending = bytearray()
        while len(replies) < count:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                raise SearchIndexError(f"Pagefind stopped unexpectedly: {bytes(pending[-500:])!r}")
            pending += chunk
            if b"," not in chunk:  # a long reply (the bundle) arrives in many chunks: split once
                continue
            *complete, rest = pending.split(b",")
            replies += [json.loads(base64.b64decode(bytes(part))) for part in complete]
            pending = bytearray(rest)
        return replies

    def __exit__(self, error_type, *exc) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60 if error_type is None else 0)
        except subprocess.TimeoutExpired:  # after a failure, do not wait for it at all
            self.process.kill()
            self.process.wait()
