"""Compiled templates kept in memory for the life of the process, and on disk for the next one.

MkDocs makes a new Jinja environment for every build: for each language, and again on every
rebuild of `mkdocs serve`, so the 100-odd templates of Material and ours were compiled again
each time, and again by every new `mkdocs build`. Jinja's bytecode cache (public API) keys each
template by its name and a checksum of its source, so an edited template is compiled afresh;
a file written by another Jinja or Python version is not used (Jinja checks its header).

The files go to the user's cache folder ($XDG_CACHE_HOME or ~/.cache, `cluster-site/templates`),
not into the project: compiled code is run, and a pull request must not be able to bring its own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache


def user_cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cluster-site" / "templates"


class TemplateCache(BytecodeCache):
    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = folder  # where compiled templates are kept between processes, if anywhere

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # By name only (Jinja adds the file's path): one file per template name, whichever
        # project was built last, so the folder does not grow with every copy of a project.
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

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
        try:  # whole or not at all: builds in parallel may write the same template
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
            with os.fdopen(handle, "wb") as file:
                file.write(code)
            os.replace(partial, self.folder / bucket.key)
        except OSError:
            pass  # the next process compiles it again


TEMPLATES = TemplateCache()  # its folder: set when a build starts (the environment may change)
