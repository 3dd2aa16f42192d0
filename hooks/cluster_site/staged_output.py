"""Atomic output: a build writes into a fresh folder beside site/, which replaces site/ only when
the whole build succeeded. Any failure (a content error, a crash, a warning under --strict)
leaves the previous site/ exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another user's process
        return True
    return int(pid) != os.getpid()


class StagedOutput:
    def __init__(self, site_dir: Path, dirty: bool = False) -> None:
        self.site_dir = site_dir
        parent, name = site_dir.parent, site_dir.name
        parent.mkdir(parents=True, exist_ok=True)
        # Left over by a build that was killed (a failed build removes its own); a build that is
        # still running keeps its folder.
        for leftover in list(parent.glob(f".{name}.building-*")) + list(parent.glob(f".{name}.old-*")):
            if not _running(leftover.name.rpartition("-")[2]):
                shutil.rmtree(leftover, ignore_errors=True)
        self.staging = parent / f".{name}.building-{os.getpid()}"
        self._old = parent / f".{name}.old-{os.getpid()}"
        if dirty and site_dir.is_dir():  # a dirty build only rewrites what changed
            shutil.copytree(site_dir, self.staging, symlinks=True)
        else:
            self.staging.mkdir()  # permissions as for any new folder (umask), like site/ itself

    def publish(self) -> None:
        """Put the finished build in place of site/ (two renames; the old site is then removed)."""
        if self.site_dir.exists() or self.site_dir.is_symlink():
            os.replace(self.site_dir, self._old)
        os.replace(self.staging, self.site_dir)
        shutil.rmtree(self._old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
