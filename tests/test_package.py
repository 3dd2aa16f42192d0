"""The generator is a package: its wheel and sdist hold the generator (templates, texts, scripts) and
nothing of the CDI, and a clean virtual environment with only the wheel (and the pinned
dependencies) builds the CDI site from its own files alone — the same site, byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

from conftest import EPOCH, ROOT, different_files

# A few files the generator cannot work without (every file of the package is checked below).
NEEDED = ("theme/main.html", "theme/partials/header.html", "theme/assets/cluster.css", "theme/admin/index.html",
          "ui/de.yml", "editors/preview-errors.js")
# The CDI's own files: the site folder without the generator (hooks/cluster_hooks.py only imports it).
SITE_PARTS = ("mkdocs.yml", "docs", "content", "overrides", "hooks/cluster_hooks.py")


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


def _checkout(dest: Path) -> Path:
    """The working tree as a fresh clone would have it (tracked and new files, nothing ignored). Not
    the repository itself: its hooks/cluster_site.egg-info (left by `pip install -e .`) lists the
    package's files, and setuptools adds what it lists to the sdist and wheel, so a build from the
    repository would still ship the templates after pyproject.toml stopped naming them."""
    names = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT).stdout
    for name in filter(None, names.split("\0")):
        if (ROOT / name).is_file():  # not a tracked file deleted in the working tree
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def test_wheel_in_a_clean_environment_builds_the_same_site(tmp_path, site):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    base = f"cluster_site-{version}"
    # pip's own cache (conftest points XDG_CACHE_HOME at this run's folder): fast after the first time.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "XDG_CACHE_HOME")}

    # PyPA's build, in an isolated environment (setuptools as pinned in [build-system]): the sdist,
    # then the wheel built from the sdist, so the sdist too must hold all the wheel needs.
    source = _checkout(tmp_path / "source")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", dist, source], env=env, timeout=600)
    assert sorted(p.name for p in dist.iterdir()) == [f"{base}-py3-none-any.whl", f"{base}.tar.gz"]
    wheel = dist / f"{base}-py3-none-any.whl"

    # Every file of the package's source (templates, texts, scripts, modules) in the wheel and the
    # sdist, and none of the CDI's.
    package = source / "hooks" / "cluster_site"
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert set(NEEDED) <= files
    in_wheel = [name for name in zipfile.ZipFile(wheel).namelist() if not name.endswith("/")]
    packaged = {name.removeprefix("cluster_site/") for name in in_wheel if name.startswith("cluster_site/")}
    assert not files - packaged, f"not in the wheel (pyproject.toml's package-data): {sorted(files - packaged)}"
    assert not packaged - files, f"in the wheel, not in the package's source: {sorted(packaged - files)}"
    assert all(name.startswith(("cluster_site/", f"{base}.dist-info/")) for name in in_wheel), in_wheel
    assert not [name for name in in_wheel if name.split("/")[0] in ("content", "docs", "overrides")
                or "cdi" in name.lower() or "cluster-dekarbonisierung" in name.lower()]
    with tarfile.open(dist / f"{base}.tar.gz") as sdist:
        in_sdist = {name.removeprefix(f"{base}/") for name in sdist.getnames()}
    assert not {f"hooks/cluster_site/{name}" for name in files} - in_sdist, "the sdist lacks some of the package"
    assert not [name for name in in_sdist if name.split("/")[0] in ("content", "docs", "overrides", "site")]

    # A clean virtual environment: the wheel and the pinned dependencies, nothing of this checkout.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], env=env)
    python = venv / "bin" / "python"
    _run([venv / "bin" / "pip", "install", "-q", "-c", ROOT / "constraints.txt", wheel], env=env, timeout=900)
    _run([venv / "bin" / "pip", "check"], env=env)
    assert (venv / "bin" / "cluster-site").is_file()  # the editors' command (pyproject.toml [project.scripts])

    # The CDI's site without the generator, with the session build's cache (pictures, social cards)
    # and the editing page's Decap CMS bundle in its usual place (.cache/decap-cms, `make build`).
    project = tmp_path / "cdi"
    for part in SITE_PARTS:
        (project / part).parent.mkdir(parents=True, exist_ok=True)
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(ROOT / part, project / part)
    if (site.project / ".cache").is_dir():
        shutil.copytree(site.project / ".cache", project / ".cache", ignore=shutil.ignore_patterns("decap-cms"))
    shutil.copytree(os.environ.get("CLUSTER_SITE_CMS_BUNDLE") or ROOT / ".cache" / "decap-cms", project / ".cache" / "decap-cms")
    assert not (project / "hooks" / "cluster_site").exists()
    cards_before = set((project / ".cache" / "social").glob("*.png"))

    # Where the site's hooks find the generator: MkDocs puts the hooks file's folder first on
    # sys.path (mkdocs/config/config_options.py, Hooks), so the same here, from the site's folder.
    where = _run([python, "-c", "import sys; sys.path.insert(0, 'hooks'); import cluster_hooks, cluster_site; "
                  "from cluster_site.mkdocs_build.theme import THEME; print(cluster_site.__file__); print(THEME)"],
                 cwd=project, env=env).stdout.split()
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], env=env).stdout.strip()
    assert Path(purelib).is_relative_to(venv) and "site-packages" in Path(purelib).parts
    assert len(where) == 2 and all(Path(path).is_relative_to(purelib) for path in where), where

    build_env = {key: value for key, value in env.items() if key != "CLUSTER_SITE_CMS_BUNDLE"}
    build_env |= {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": EPOCH,
                  "CLUSTER_SITE_JOBS": "1", "XDG_CACHE_HOME": str(tmp_path / "users-cache")}
    _run([python, "-m", "mkdocs", "build", "--strict"], cwd=project, env=build_env, timeout=900)

    # The same site as the session build's, file for file and byte for byte. The social cards come
    # from the session's cache: their key names the font by its release, not by where it is
    # installed, so a generator installed elsewhere draws none of them again.
    assert different_files(project / "site", site.site) == []
    redrawn = set((project / ".cache" / "social").glob("*.png")) - cards_before
    assert not redrawn, f"{len(redrawn)} social cards drawn again by the installed generator"

    # The installed command starts another cluster's site (its starter files are in the wheel),
    # and that site builds with the installed generator, with nothing of the CDI in it.
    second = tmp_path / "second"
    _run([venv / "bin" / "cluster-site", "init", second, "--yes", "--name", "Netzwerk Wasserstoff Nord", "--generator", wheel],
         env=build_env)
    assert f"cluster-site @ {Path(wheel).resolve().as_uri()}" in (second / "pyproject.toml").read_text(encoding="utf-8")
    # Its editing page's bundle as its `make build` leaves it (`cluster-site cms-bundle`), without the registry here.
    shutil.copytree(os.environ.get("CLUSTER_SITE_CMS_BUNDLE") or ROOT / ".cache" / "decap-cms", second / ".cache" / "decap-cms")
    _run([python, "-m", "mkdocs", "build", "--strict"], cwd=second, env=build_env, timeout=900)
    # Its own `make test` (check, strict build, links), with the environment made above.
    _run(["make", "--no-print-directory", "test", f"VENV={venv}", "-o", f"{venv}/.installed"], cwd=second, env=build_env, timeout=900)
    home = (second / "site" / "index.html").read_text(encoding="utf-8")
    assert "Netzwerk Wasserstoff Nord" in home and "Dekarbonisierung" not in home and "CDI" not in home
