"""Decap CMS's prebuilt bundle for the editing page /admin/, pinned by version and checksum.

The editing page runs Decap from the site's own files (no third-party request): only the package
itself from the npm registry (not the hundreds of packages it is built from), its published
tarball checked against the pinned SHA-512, and of it only the bundle, its WebAssembly and its
licence. `cluster-site cms-bundle` (which `make build` runs) puts them into `.cache/decap-cms/`;
the pin lives here, so a site takes a new Decap with a new generator and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "decap-cms@3.16.3"
SHA512 = "hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
FOLDER = ".cache/decap-cms"  # under the site's folder; CLUSTER_SITE_CMS_BUNDLE may name another
MARKER = ".installed"  # holds PACKAGE once the folder has its files


def folder_of(root: Path) -> Path:
    """Where a site's build looks for the bundle and `cluster-site cms-bundle` puts it."""
    return Path(os.environ.get("CLUSTER_SITE_CMS_BUNDLE") or root / FOLDER)


class BundleError(Exception):
    """The bundle could not be fetched or is not the pinned one; the message says what to do."""


def is_installed(folder: Path) -> bool:
    """The pinned version's files are there (its marker is written last, once they all are)."""
    marker = folder / MARKER
    return (marker.is_file() and marker.read_text(encoding="utf-8").strip() == PACKAGE
            and (folder / "decap-cms.js").is_file())


def _wanted(name: str) -> bool:
    """The files of the tarball the editing page uses: the bundle, its WebAssembly, its licence."""
    if not name.startswith("package/dist/") or "/" in name[len("package/dist/"):]:
        return False
    base = name[len("package/dist/"):]
    return base.endswith("decap-cms.js") or base.endswith(".wasm") or base == "decap-cms.js.LICENSE.txt"


def install(folder: Path) -> bool:
    """The pinned bundle in `folder`; whether it had to be fetched (False: already there).

    Fetched and checked beside `folder` first; only then does it replace what was there, and the
    marker comes last, so an interrupted run leaves no folder that counts as installed."""
    if is_installed(folder):
        return False
    if folder.is_symlink() or (folder.is_dir() and any(folder.iterdir())
                               and not ((folder / "decap-cms.js").exists() or (folder / MARKER).exists())):
        raise BundleError(f"{folder} is a link or holds files that are not Decap's bundle: not replaced. "
                          "Give the bundle a folder of its own (CLUSTER_SITE_CMS_BUNDLE, or .cache/decap-cms).")
    npm = shutil.which("npm")
    if npm is None:
        raise BundleError(f"The editing page needs {PACKAGE} from the npm registry, and `npm` (Node.js) is not "
                          "installed. Install Node.js, or set `cms: false` under `extra:` in mkdocs.yml.")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".decap-", dir=folder.parent) as scratch:
        packed = subprocess.run([npm, "pack", "--silent", "--pack-destination", scratch, PACKAGE], cwd=scratch,
                                capture_output=True, text=True)
        tarballs = sorted(Path(scratch).glob("*.tgz"))
        if packed.returncode != 0 or len(tarballs) != 1:
            raise BundleError(f"npm could not fetch {PACKAGE}: {(packed.stderr or packed.stdout).strip()[-500:]}")
        tarball = tarballs[0]
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != SHA512:
            raise BundleError(f"{PACKAGE}: the registry's tarball does not match the pinned checksum "
                              f"(sha512-{digest}); nothing was installed.")
        staging = Path(scratch) / "bundle"
        staging.mkdir()
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                if member.isfile() and _wanted(member.name):
                    source = archive.extractfile(member)
                    assert source is not None, "a regular file"
                    (staging / Path(member.name).name).write_bytes(source.read())
        if not (staging / "decap-cms.js").is_file():
            raise BundleError(f"{PACKAGE}: the tarball has no dist/decap-cms.js")
        if folder.exists():
            os.replace(folder, Path(scratch) / "previous")  # removed with the scratch folder
        os.replace(staging, folder)
        (folder / MARKER).write_text(PACKAGE + "\n", encoding="utf-8")
    return True
