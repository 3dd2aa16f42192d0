"""Compiled templates kept in memory for the life of the process, and on disk for the next one.

MkDocs makes a new Jinja environment for every build: for each language, and again on every
rebuild of `mkdocs serve`, so the 60-odd templates of Material and ours were compiled again
each time, and again by every new `mkdocs build`. Jinja's bytecode cache (public API) checks a
checksum of each template's source, so an edited template is compiled afresh. A compiled
template also depends on the file it came from, the Jinja version and the environment's
settings (whether the template escapes what it prints: ours do, Material's do not): all of
these are in the key, so a changed one is compiled afresh too.

The files go to the user's cache folder ($XDG_CACHE_HOME or ~/.cache, `cluster-site/templates`),
not into the project: compiled code is run, and a pull request must not be able to bring its own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache


def user_cache_folder() -> Path | None:
    """cluster-site/templates in the user's cache folder; None if there is none to be found."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):  # a relative one is to be ignored (XDG's rule)
        return Path(configured) / "cluster-site" / "templates"
    try:
        return Path.home() / ".cache" / "cluster-site" / "templates"
    except RuntimeError:  # no home folder known
        return None


def _settings(environment: jinja2.Environment, name: str) -> list[str]:
    """What, besides the source, decides the compiled code of template `name`."""
    escaping = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    return [jinja2.__version__, str(escaping), *sorted(environment.extensions), *(str(value) for value in (
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.finalize is not None, environment.is_async))]


class TemplateCache(BytecodeCache):
    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = folder  # where compiled templates are kept between processes, if anywhere

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1("\0".join([name, filename or "", *_settings(environment, name)]).encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = self._code[bucket.key] = (self.folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        partial = None
        try:  # whole or not at all: builds in parallel may write the same template
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
            with os.fdopen(handle, "wb") as file:
                file.write(code)
            os.replace(partial, self.folder / bucket.key)
        except OSError:
            if partial is not None:
                Path(partial).unlink(missing_ok=True)  # the next process compiles it again


TEMPLATES = TemplateCache()  # its folder: set when a build starts (the environment may change)
