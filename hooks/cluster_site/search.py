"""Full-text search with Pagefind: one index per `<html lang>`, loaded only when a visitor searches.

Pagefind (PyPI `pagefind[bin]`, pinned) reads the built HTML, so drafts and future items, which
are never built, are never indexed. Only the main content of article-like pages is indexed
(`data-pagefind-body` in main.html); listings and the 404 page are left out to avoid duplicates.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path) -> None:
    import pagefind_bin

    result = subprocess.run([str(pagefind_bin.get_executable()), "--site", str(site_dir), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {result.stderr or result.stdout}")
    # Pagefind lists the languages in no fixed order: sort them, so builds stay byte-identical.
    entry = site_dir / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
