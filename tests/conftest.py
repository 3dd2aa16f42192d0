"""Shared fixtures: build the real site (once per run) and temporary copies of the project."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "overrides", "hooks")
THEME = ROOT / "hooks" / "cluster_site" / "theme"  # the generator's templates (a site overrides them in overrides/)


def override(project: Path, name: str, old: str = "", new: str = "") -> Path:
    """A site's own version of one of the generator's templates, in its overrides/: the
    generator's, with `old` replaced by `new` (as a site changes one template)."""
    text = (THEME / name).read_text(encoding="utf-8")
    assert not old or old in text, (name, old)
    target = project / "overrides" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return target
# A fixed build date: 2026-11-21 12:00 UTC. Tests that need another date pass their own.
EPOCH = "1795262400"
# Builds of temporary copies take the editing page's bundle from this checkout (`make test` fetches it).
os.environ.setdefault("CLUSTER_SITE_CMS_BUNDLE", str(ROOT / ".cache" / "decap-cms"))


@dataclass
class Build:
    project: Path
    result: subprocess.CompletedProcess

    @property
    def site(self) -> Path:
        return self.project / "site"

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    def public_pages(self) -> list[Path]:
        """Every HTML file visitors read: all but the editing page /admin/ (tests/test_cms.py)."""
        return sorted(p for p in self.site.rglob("*.html") if p.relative_to(self.site).parts[0] != "admin")

    def html(self, path: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.site / path).read_bytes())

    def text(self, path: str) -> str:
        return " ".join(self.html(path).text_content().split())


def different_files(a: Path, b: Path) -> list[str]:
    """Every file that is in only one of two folders, or differs in a single byte (all files,
    every name: filecmp's dircmp would skip folders such as tags/ and trust sizes and times)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return sorted((files_a ^ files_b) | {name for name in files_a & files_b
                                         if (a / name).read_bytes() != (b / name).read_bytes()})


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(project: Path, epoch: str = EPOCH, extra_env: dict | None = None, from_folder: Path | None = None,
              engine: str = "mkdocs") -> Build:
    """`mkdocs build --strict` in `project`, or from `from_folder` with `-f <relative path>/mkdocs.yml`;
    `engine="properdocs"`: ProperDocs' build, the same way.

    In one process unless `extra_env` says otherwise: the tests already build two at a time, and
    a second process per build costs time then (the session's `site` is built with two)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": epoch,
           "CLUSTER_SITE_JOBS": "1", **(extra_env or {})}
    command = [sys.executable, "-m", engine, "build", "--strict",
               "-f", os.path.relpath(project / "mkdocs.yml", from_folder) if from_folder is not None else "mkdocs.yml"]
    result = subprocess.run(command, cwd=from_folder or project, env=env, capture_output=True, text=True, timeout=600)
    return Build(project, result)


def run_cli(project: Path, *args: str, lang: str = "de") -> subprocess.CompletedProcess:
    """`cluster-site --root project --lang lang ARGS…`, as editors run it: the installed command
    (its entry point in pyproject.toml), with a fixed build date."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    command = Path(sys.executable).with_name("cluster-site")
    assert command.is_file(), f"{command}: the `cluster-site` command is not installed (make installs it)"
    return subprocess.run([str(command), "--root", str(project), "--lang", lang, *args], capture_output=True, text=True, env=env)


def check_in_process(project: Path, lang: str = "de") -> tuple[int, str]:
    """`cluster-site check` run in this process (no interpreter start per case): exit code and
    everything it printed. run_cli runs the installed command."""
    import contextlib
    import io

    from cluster_site.editors import cli

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--root", str(project), "--lang", lang, "check"])
    except SystemExit as stop:
        code = stop.code
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return code, out.getvalue() + err.getvalue()


def content_with_news(dest: Path, count: int) -> tuple[Path, list[str]]:
    """A copy of content/ and docs/ with `count` more German news items, one a day from
    2025-01-01 (title, date, summary, tag on lines 2-5), and their paths."""
    for part in ("content", "docs"):
        shutil.copytree(ROOT / part, dest / part)
    names = []
    for n in range(count):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=n)
        name = f"content/news/{day}-meldung-{n}.de.md"
        (dest / name).write_text(f"---\ntitle: Meldung {n}\ndate: {day}\nsummary: Kurz {n}.\ntags: [wasserstoff]\n---\n\nText {n}.\n",
                                 encoding="utf-8")
        names.append(name)
    return dest, names


@pytest.fixture(scope="session", autouse=True)
def users_cache_folder(tmp_path_factory) -> None:
    """The builds' user cache folder (compiled templates, speed/template_cache.py): one for this
    run, not the developer's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("users-cache"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The shipped CDI site, built once from a copy of the repository, the other languages in a
    second process even on one core (test_reproducible compares it with a build in one)."""
    build = run_build(copy_project(tmp_path_factory.mktemp("cdi")), extra_env={"CLUSTER_SITE_JOBS": "2"})
    assert build.result.returncode == 0, build.output
    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site) -> str:
    """The shipped site served on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def copy_built_project(dest: Path, site: Build) -> Path:
    """A copy of the project with a copy of the session build's `.cache` (pictures and social
    cards by content hash), as an editor's checkout has after a first build: only what a test
    changes is drawn again. Tests of the cache itself start from `copy_project`, which has none."""
    copy_project(dest)
    if (site.project / ".cache").is_dir():
        shutil.copytree(site.project / ".cache", dest / ".cache")
    return dest


@pytest.fixture
def project(tmp_path, site) -> Path:
    """A fresh copy of the project to modify in one test (copy_built_project)."""
    return copy_built_project(tmp_path / "project", site)


# The files that take longest, longest first: `make test` hands whole files to two workers in
# collection order (--no-loadscope-reorder), so these start first and the short ones fill the gaps.
LONGEST_FIRST = ("test_browser.py", "test_hostile_input.py", "test_preview.py", "test_images.py", "test_cms.py", "test_platform.py",
                 "test_ibm_accessibility.py",
                 "test_editor_tools.py", "test_lighthouse.py", "test_package.py")


def pytest_collection_modifyitems(items):
    order = {name: rank for rank, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))  # stable: the rest as collected


# Reports that tests want printed at the end of the run (e.g. Lighthouse scores).
SUMMARY: list[str] = []


def pytest_sessionfinish(session):
    """With `make test`'s two workers (pytest-xdist), a worker hands its reports to the run."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["summary"] = list(SUMMARY)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # pytest-xdist: a worker has finished
    SUMMARY.extend(getattr(node, "workeroutput", {}).get("summary", []))


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.write_sep("-", "reports")
        for line in SUMMARY:
            terminalreporter.write_line(line)
