"""Compiled templates kept in memory for the life of the process.

MkDocs makes a new Jinja environment for every build: for each language, and again on every
rebuild of `mkdocs serve`, so the 100-odd templates of Material and ours were compiled again
each time. Jinja's bytecode cache keys each template by its name and a checksum of its source,
so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
