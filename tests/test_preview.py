"""The live preview (`make serve`, i.e. `mkdocs serve --dirty`) renders only what an edit
changed, and what it serves is, file for file and byte for byte, what a clean build of the
same content gives (issue 22).

A real server runs on a copy of the project; after each edit the test waits until the server
has rebuilt (and written its search indexes), then builds the same content from scratch the
way the server's first build does and compares every file of both output folders.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import EPOCH, ROOT, override

# The server's first build, without the server: the same configuration and address, so the
# same pages (the preview writes its own address into them, and no security policy).
CLEAN_BUILD = textwrap.dedent("""
    import sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    site_dir, url = sys.argv[1:3]
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = url
    try:
        build(config, serve_url=url)
    finally:
        config.plugins.on_shutdown()
""")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PreviewServer:
    """`mkdocs serve --dirty` in `project`, its output folder and its log."""

    def __init__(self, project: Path, scratch: Path, engine: str = "mkdocs",
                 command: tuple[str, ...] = ("serve", "-f", "mkdocs.yml", "--dirty")) -> None:
        self.project = project
        self.engine = engine
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        scratch.mkdir()
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, TMPDIR=str(scratch))
        self.scratch = scratch
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", engine, *command, "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def count(self, pattern: str) -> int:
        return sum(1 for line in list(self.lines) if re.search(pattern, line))

    def settled(self, builds: int, timeout: float = 180) -> None:
        """Wait until `builds` builds have succeeded, with their search indexes, and nothing moves."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            assert self.process.poll() is None, "\n".join(self.lines)
            # MkDocs drops a message it has logged before ("Documentation built in 0.71 seconds"):
            # a finished rebuild is counted by the reload it announces (with the time of day).
            # A failed rebuild reloads the browsers too (to show why: editors/preview_errors.py).
            failed = self.count(r"Preview: the rebuild failed")
            started, done = self.count(r"Building documentation\.\.\."), 1 + self.count(r"Reloading browsers") - failed
            searches = self.count(r"Search index \(\w+\) written")
            if done >= builds and started == done + failed and searches == 2 * done:  # both languages' indexes
                seen = len(self.lines)
                time.sleep(0.5)  # nothing more coming (a second change: MkDocs waits 0.1 s for more)
                if len(self.lines) == seen:
                    return
            time.sleep(0.1)
        counts = [self.count(pattern) for pattern in (r"Building documentation\.\.\.", r"Reloading browsers", r"Search index \(\w+\) written")]
        raise AssertionError(f"the preview did not settle (builds started, reloads, search indexes: {counts}):\n"
                             + "\n".join(line for line in self.lines if "Operator must" not in line and "Translation " not in line))

    def output(self) -> Path:
        (folder,) = [p for p in self.scratch.iterdir() if p.name.startswith(f"{self.engine}_") and p.is_dir()]
        return folder

    def last_build(self) -> dict[str, tuple[int, int]]:
        """Per language: pages rendered and pages kept in the last build."""
        result = {}
        for line in self.lines:
            match = re.search(r"Preview \((\w+)\): (\d+) pages rendered, (\d+) kept", line)
            if match:
                result[match[1]] = (int(match[2]), int(match[3]))
        return result

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _same_as_clean_build(server: PreviewServer, step: str, tmp: Path) -> None:
    clean = tmp / f"clean-{step}"
    result = subprocess.run([sys.executable, "-c", CLEAN_BUILD, str(clean), server.url], cwd=server.project,
                            env=server.env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    served, built = _files(server.output()), _files(clean)
    missing, extra = sorted(built.keys() - served.keys()), sorted(served.keys() - built.keys())
    different = sorted(path for path in built.keys() & served.keys() if built[path] != served[path])
    assert not (missing or extra or different), (
        f"after {step}: missing in the preview {missing[:10]}, left over {extra[:10]}, different {different[:10]}")


def _write(project: Path, path: str, text: str) -> None:
    (project / path).parent.mkdir(parents=True, exist_ok=True)
    (project / path).write_text(text, encoding="utf-8")


def _write_anew(project: Path, path: str, text: str) -> None:
    """Write `path` as a new file that replaces the old one (a new inode), as many editors save."""
    fresh = project / (path + ".saving")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, project / path)


def _news(slug_date: str, title: str, tags: str = "[wasserstoff]", body: str = "Text.") -> str:
    return f"---\ntitle: {title}\ndate: {slug_date}\nsummary: Kurz zu {title}.\ntags: {tags}\n---\n\n{body}\n"


def _event(start: str, end: str, title: str) -> str:
    return (f"---\ntitle: {title}\nstart: {start}\nend: {end}\nlocation:\n  city: Cottbus\n"
            f"summary: Kurz zu {title}.\ntags: [wasserstoff]\n---\n\nText.\n")


def test_each_edit_shows_what_a_clean_build_shows_and_renders_only_what_changed(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("extra:\n", "extra:\n  page_size: 2\n", 1), encoding="utf-8")
    for n in range(5):  # enough news for listings of several pages
        _write(project, f"content/news/2025-02-0{n + 1}-meldung-{n}.de.md", _news(f"2025-02-0{n + 1}", f"Meldung {n}"))
    server = PreviewServer(project, tmp_path / "scratch")
    try:
        builds = 1
        server.settled(builds)
        _same_as_clean_build(server, "start", tmp_path)
        edits = [
            ("text", lambda: _write(project, "content/news/2025-02-03-meldung-2.de.md",
                                    _news("2025-02-03", "Meldung 2", body="Neuer Text mit **Gewicht**, zu [Meldung 1](2025-02-02-meldung-1.md)."))),
            ("date across a page boundary", lambda: _write(project, "content/news/2025-02-01-meldung-0.de.md",
                                                           _news("2025-02-05", "Meldung 0"))),
            ("another tag", lambda: _write(project, "content/news/2025-02-02-meldung-1.de.md",
                                           _news("2025-02-02", "Meldung 1", tags="[wasserstoff, europa]"))),
            ("deleted item", lambda: (project / "content/news/2025-02-04-meldung-3.de.md").unlink()),
            ("new item", lambda: _write(project, "content/news/2025-02-06-meldung-5.de.md",
                                        _news("2025-02-06", "Meldung 5", tags="[transformation]"))),
            ("translation added", lambda: _write(project, "content/news/2025-02-03-meldung-2.en.md",
                                                 _news("2025-02-03", "Report 2", body="New text."))),
            ("renamed item", lambda: ((project / "content/news/2025-02-05-meldung-4.de.md").unlink(), _write(
                project, "content/news/2025-02-05-meldung-vier.de.md",
                _news("2025-02-05", "Meldung 4").replace("---\n\n", "id: 2025-02-05-meldung-4\n---\n\n")))),
            # An event with a time, upcoming (the tests' today is 2026-11-21): the home page, the
            # listings and the calendars (with their time zone) show it; then it is past.
            ("new event with a time", lambda: _write(project, "content/events/2026-12-10-fruehstueck.de.md",
                                                     _event("2026-12-10 09:30", "2026-12-10 12:00", "Wasserstoff-Frühstück"))),
            ("event moved to the past", lambda: _write(project, "content/events/2026-12-10-fruehstueck.de.md",
                                                       _event("2026-11-10 09:30", "2026-11-10 12:00", "Wasserstoff-Frühstück"))),
            ("site-wide text", lambda: _write(project, "content/tags.yml", (project / "content/tags.yml").read_text(
                encoding="utf-8").replace("en: Hydrogen}", "en: Hydrogen (H2)}"))),
            ("site.yml", lambda: _write(project, "content/site.yml", (project / "content/site.yml").read_text(
                encoding="utf-8").replace("zur Treibhausgasneutralität bis 2045.", "zur Treibhausgasneutralität, bis 2045."))),
            ("template", lambda: override(project, "partials/footer.html", "</footer>", "</footer>{# edited #}<!-- edited -->")),
            ("file added to the theme", lambda: _write(project, "overrides/assets/hinweis.txt", "Neu im Thema.\n")),
            # As many editors save: a new file in the old one's place. The server must still see
            # the next change of that file.
            ("mkdocs.yml saved as a new file", lambda: _write_anew(project, "mkdocs.yml", (project / "mkdocs.yml")
                                                                 .read_text(encoding="utf-8").replace("  page_size: 2\n", "  page_size: 3\n"))),
            ("mkdocs.yml", lambda: _write(project, "mkdocs.yml", (project / "mkdocs.yml").read_text(encoding="utf-8")
                                          .replace("  page_size: 3\n", "  page_size: 4\n"))),
            ("member", lambda: _write(project, "content/members/kei.yml", (project / "content/members/kei.yml")
                                      .read_text(encoding="utf-8").replace("order: 4\n", "order: 0\n"))),
        ]
        for step, edit in edits:
            if step == "text":  # a mistake first: the build stops and names it, the next edit fixes it
                _write(project, "content/news/2025-02-03-meldung-2.de.md", "---\ntitle: [kaputt\n---\n\nText.\n")
                deadline = time.time() + 120
                while not server.count(r"Preview: the rebuild failed") and time.time() < deadline:
                    time.sleep(0.1)
                assert server.count(r"content/news/2025-02-03-meldung-2\.de\.md:\d+"), server.lines  # named, with its line
            edit()
            builds += 1
            server.settled(builds)
            _same_as_clean_build(server, step, tmp_path)
            rendered = server.last_build()
            if step == "text":  # a German item: its page, its listings; in English only the page that says
                (de_rendered, de_kept), (en_rendered, _) = rendered["de"], rendered["en"]  # it is German only
                assert 0 < de_rendered < de_kept and en_rendered == 1, rendered
            if step == "file added to the theme":
                assert (server.output() / "assets/hinweis.txt").read_text(encoding="utf-8") == "Neu im Thema.\n"
            if step in ("new event with a time", "event moved to the past"):
                home = (server.output() / "index.html").read_text(encoding="utf-8")
                upcoming = home.split("Zuletzt stattgefunden")[0]  # the home page's upcoming events come first
                assert ("Wasserstoff-Frühstück" in upcoming) == (step == "new event with a time")
            if step == "site.yml":  # the home page says what site.yml says now
                assert "Treibhausgasneutralität, bis 2045." in (server.output() / "index.html").read_text(encoding="utf-8")
            if step in ("site-wide text", "site.yml", "template", "file added to the theme", "mkdocs.yml saved as a new file", "mkdocs.yml"):  # all built again
                assert rendered["de"][1] == rendered["en"][1] == 0, rendered
                assert server.count("Preview: everything is built again") == builds - 1 - 9, server.lines
    finally:
        server.stop()


def test_serve_clean_with_an_option_before_the_command_serves_its_pages(project, tmp_path):
    """`mkdocs -v serve --clean` announces itself to the hooks as a "build"; the command line, as
    the engine parsed it, tells it is a server: its pages go straight into the folder it serves
    (not into a staging folder swapped in at the end), with the live reload's script allowed."""
    server = PreviewServer(project, tmp_path / "scratch", command=("-v", "serve", "-f", "mkdocs.yml", "--clean"))
    try:
        deadline = time.time() + 180  # not `settled`: only --dirty's preview writes its search indexes apart
        while not server.count(r"Serving on http") and time.time() < deadline:
            assert server.process.poll() is None, "\n".join(server.lines)
            time.sleep(0.2)
        with urllib.request.urlopen(server.url + "contact.html", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert "livereload" in page and 'http-equiv="Content-Security-Policy"' not in page
        assert server.url in page  # the preview's own address, not the public one
    finally:
        server.stop()


def test_the_preview_shows_the_published_social_cards_without_drawing_them_again(project, tmp_path):
    # The project has the session build's cache (`make build` before `make serve`): the cards
    # show the site's published address, not the preview's, so every one comes from the cache.
    server = PreviewServer(project, tmp_path / "scratch")
    try:
        server.settled(1)
        cards = {lang: (int(count), int(drawn)) for lang, count, drawn in
                 (re.search(r"Social cards \((\w+)\): (\d+), drawn anew: (\d+)", line).groups()
                  for line in server.lines if "Social cards (" in line)}
        assert set(cards) == {"de", "en"} and all(count > 30 and drawn == 0 for count, drawn in cards.values()), cards
    finally:
        server.stop()


def _live_reload_server(watched: list[Path]):
    """MkDocs' own server (not started), watching `watched` as `mkdocs serve` does."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(watched[0]))
    for path in watched:
        server.watch(str(path))
    return server


def test_the_preview_watches_with_the_system_and_keeps_polling_where_it_cannot(tmp_path, monkeypatch, caplog):
    import ctypes
    import errno

    from watchdog.observers import inotify_c

    from cluster_site.speed.watcher import ChangeObserver, PollingChangeObserver, native_watcher

    for folder in ("docs", "content", "overrides"):
        (tmp_path / folder).mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    watched = [tmp_path / "docs", config]  # what MkDocs watches before on_serve
    also = [str(tmp_path / "content"), str(tmp_path / "overrides")]  # mkdocs.yml's watch:, added after it

    server = _live_reload_server(watched)
    try:
        assert native_watcher(server, also) is server and type(server.observer) is ChangeObserver
        assert sorted(server._watched_paths) == sorted(map(str, watched))
    finally:
        server.observer.stop()
        server.server_close()

    monkeypatch.setenv("CLUSTER_SITE_WATCH", "poll")  # asked for
    server = _live_reload_server(watched)
    try:
        native_watcher(server, also)
        assert type(server.observer) is PollingChangeObserver and server.observer.timeout == 0.5  # MkDocs' polling
    finally:
        server.server_close()
    monkeypatch.delenv("CLUSTER_SITE_WATCH")

    add_watch = inotify_c.inotify_add_watch

    def refused(fd, path, mask):  # what the kernel answers when a user's inotify watches are used up
        if os.fsdecode(path) == also[0]:  # content/: one of the folders MkDocs watches only after on_serve
            ctypes.set_errno(errno.ENOSPC)
            return -1
        return add_watch(fd, path, mask)

    monkeypatch.setattr(inotify_c, "inotify_add_watch", refused)
    threads, descriptors = threading.active_count(), len(os.listdir("/proc/self/fd"))
    server = _live_reload_server(watched)
    try:
        with caplog.at_level("INFO", logger="mkdocs.plugins.cluster_site"):
            assert native_watcher(server, also) is server
        assert type(server.observer) is PollingChangeObserver and sorted(server._watched_paths) == sorted(map(str, watched))
        assert "cannot report changes here (inotify watch limit reached)" in caplog.text
        assert "fs.inotify.max_user_watches" in caplog.text
        # The trial left nothing behind: no observer thread, no descriptor.
        assert threading.active_count() == threads
        assert len(os.listdir("/proc/self/fd")) == descriptors + 1  # the server's own socket
        for path in also:  # as MkDocs does after on_serve: its polling still works, a change is seen
            server.watch(path)
        server.observer.start()
        try:
            seen, names = threading.Event(), []

            class Seen:
                def dispatch(self, event):  # as MkDocs' server: a change of a file, not of a folder
                    if not event.is_directory:
                        names.append(os.path.basename(os.fsdecode(event.src_path)))
                        seen.set()

            server.observer.schedule(Seen(), also[0])
            (tmp_path / "content" / ".new.yml.swp").write_text("swap\n", encoding="utf-8")  # an editor's, not a change
            (tmp_path / "content" / "new.yml").write_text("a: 1\n", encoding="utf-8")
            assert seen.wait(10)
            time.sleep(1.2)  # two more looks
            assert set(names) == {"new.yml"}, names
        finally:
            server.observer.stop()
            server.observer.join()
    finally:
        server.server_close()


def test_the_preview_does_not_rebuild_for_an_editors_swap_and_backup_files(tmp_path):
    from cluster_site.speed.watcher import ChangeObserver

    seen: list[str] = []
    changed = threading.Event()

    class Recorder:
        def dispatch(self, event):
            seen.append(os.path.basename(os.fsdecode(event.src_path)))
            if seen[-1] == "2025-01-01-x.de.md":
                changed.set()

    observer = ChangeObserver()
    observer.schedule(Recorder(), str(tmp_path), recursive=True)
    observer.start()
    try:
        for name in (".2025-01-01-x.de.md.swp", "2025-01-01-x.de.md~", "#2025-01-01-x.de.md#", "4913"):
            (tmp_path / name).write_text("x\n", encoding="utf-8")
            (tmp_path / name).unlink()
        (tmp_path / "2025-01-01-x.de.md").write_text("x\n", encoding="utf-8")  # reported after those, if they were
        assert changed.wait(10)
        assert set(seen) == {"2025-01-01-x.de.md"}, seen
    finally:
        observer.stop()
        observer.join()


def test_the_second_process_hands_its_record_and_calendar_parts_to_the_first(tmp_path, monkeypatch):
    import datetime as dt

    from cluster_site.content import Languages
    from cluster_site.outputs import feeds
    from cluster_site.site_model import load_site
    from cluster_site.speed import preview as preview_module
    from cluster_site.speed.preview import LanguageRecord, Preview

    site = load_site(ROOT, Languages(("de", "en"), "de"), ROOT / "docs", dt.date(2026, 11, 21))
    english, german = site.views["en"], site.views["de"]
    url = "https://cluster.example/"
    made_here = feeds.calendars(english, url, "Cluster", english.events)
    assert made_here[1]  # the shipped content has English events
    preview = Preview(str(tmp_path / "site"))
    child = os.fork()
    if child == 0:  # the second process: it builds both languages' calendars, keeps the English record
        status = 1
        try:
            feeds.calendars(german, url, "Cluster", german.events, parts=preview.feed_parts)
            feeds.calendars(english, url, "Cluster", english.events, parts=preview.feed_parts)
            preview.keep("en", LanguageRecord(site="digest of the first build"))
            status = 0
        finally:
            os._exit(status)
    assert os.waitpid(child, 0)[1] == 0
    assert not preview.records  # left in a file, read in the background when the first process's build ends
    preview.take_spooled_later()
    preview.wait_for_search()
    assert preview.records["en"].site == "digest of the first build" and not preview.has_records(["de"])
    assert not any(Path(preview._spool).iterdir())  # read once

    def made_again(*args):
        raise AssertionError("an event made again")

    monkeypatch.setattr(feeds, "_event", made_again)
    assert feeds.calendars(english, url, "Cluster", english.events, parts=preview.feed_parts) == made_here
    with pytest.raises(AssertionError, match="made again"):  # the other language's parts stay there
        feeds.calendars(german, url, "Cluster", german.events, parts=preview.feed_parts)

    # A build that fails while the worker reads a spooled record: its forget waits for the
    # reading, and no record stays. The reading is held inside pickle.load until forget has begun.
    child = os.fork()
    if child == 0:
        try:
            preview.keep("en", LanguageRecord(site="digest of a build that then fails"))
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    reading, go_on = threading.Event(), threading.Event()
    load = preview_module.pickle.load

    def held_load(file):
        reading.set()
        go_on.wait(10)
        return load(file)

    monkeypatch.setattr(preview_module.pickle, "load", held_load)
    preview.take_spooled_later()
    assert reading.wait(10)
    forgetting = threading.Thread(target=preview.forget)
    forgetting.start()
    time.sleep(0.3)
    go_on.set()
    forgetting.join(10)
    preview.wait_for_search()
    assert not preview.records and not any(Path(preview._spool).iterdir())


def test_a_second_process_forked_while_the_worker_reads_a_record_does_not_hang(tmp_path):
    from cluster_site.speed.preview import LanguageRecord, Preview

    preview = Preview(str(tmp_path / "site"))
    preview.keep("en", LanguageRecord(site="digest"))
    with preview._spool_lock:  # as the worker holds it while it reads a spooled record
        child = os.fork()
        if child == 0:  # the second process looks for its language's record, and waits for the search indexes
            status = 1
            try:
                preview.record("en")
                preview.wait_for_search()
                status = 0
            finally:
                os._exit(status)
    deadline = time.time() + 20
    while (done := os.waitpid(child, os.WNOHANG))[0] == 0 and time.time() < deadline:
        time.sleep(0.05)
    if done[0] == 0:
        os.kill(child, 9)
        os.waitpid(child, 0)
    assert done[0] == child and os.waitstatus_to_exitcode(done[1]) == 0, "the second process hung on a lock"


def test_what_a_full_build_of_the_preview_leaves_is_collected_afterwards(tmp_path):
    import gc

    from cluster_site.speed.preview import Preview

    preview = Preview(str(tmp_path / "site"))
    try:
        preview.start(("de", "en"))  # what exists now is set aside from the collector during the build
        assert gc.get_freeze_count() > 0
        preview.search_later("de", lambda: None)  # the previous build's search index, written meanwhile
        preview.wait_for_search()
        time.sleep(0.3)
        assert gc.get_freeze_count() > 0  # the worker has nothing left to do, but a build runs
        preview.collect_later()  # the build has ended
        deadline = time.time() + 30
        while gc.get_freeze_count() and time.time() < deadline:
            time.sleep(0.05)
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_failed_rebuild_is_named_on_every_open_page_until_the_file_is_fixed(project, tmp_path):
    """Editors watch the browser, not the terminal: while the preview runs, a content mistake is
    named on the pages they have open (file, line, field, message, in the browser's language),
    the editing page included, and the pages come back by themselves once the file is fixed.
    Only the preview's server shows this; a build never writes it."""
    from playwright.sync_api import sync_playwright

    from test_browser import ARGS, CHROMIUM

    item = project / "content/news/2025-02-03-meldung-2.de.md"
    good = _news("2025-02-03", "Meldung 2")
    item.write_text(good, encoding="utf-8")
    server = PreviewServer(project, tmp_path / "scratch")
    try:
        server.settled(1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages = {}
            for name, locale, path in (("de", "de-DE", "news.html"), ("en", "en-GB", "en/index.html"), ("admin", "de-DE", "admin/index.html")):
                pages[name] = browser.new_context(locale=locale).new_page()
                pages[name].goto(server.url + path)
            panel = "#cluster-preview-problems"
            assert all(page.locator(panel).count() == 0 for page in pages.values())
            # A date that is no date, in the front matter's third line.
            item.write_text(good.replace("date: 2025-02-03", "date: 2025-02-31"), encoding="utf-8")
            for page in pages.values():
                page.locator(panel).wait_for(timeout=60_000)
            german, english = pages["de"].locator(panel).inner_text(), pages["en"].locator(panel).inner_text()
            assert "Die Vorschau ist nicht aktuell" in german and "content/news/2025-02-03-meldung-2.de.md, Zeile 3, Feld date" in german
            assert "kein gültiges Datum" in german
            assert "The preview is out of date" in english and "content/news/2025-02-03-meldung-2.de.md, line 3, field date" in english
            assert "not a valid date" in english
            assert "Die Vorschau ist nicht aktuell" in pages["admin"].locator(panel).inner_text()
            # Screen readers: a region named by its heading, the count read out as an alert.
            assert pages["de"].get_by_role("region", name="Die Vorschau ist nicht aktuell").is_visible()
            assert pages["de"].get_by_role("alert").inner_text().startswith("1 Problem(e)")
            # The panel can be folded away (the page under it stays usable) and opened again.
            pages["de"].get_by_role("button", name="Ausblenden").click()
            assert "kein gültiges Datum" not in pages["de"].locator(panel).inner_text()
            pages["de"].get_by_role("button", name="Probleme zeigen").click()
            assert "kein gültiges Datum" in pages["de"].locator(panel).inner_text()
            # The last good pages are still served under it; the terminal names the file too.
            assert pages["de"].locator("h1").inner_text() == "Aktuelles"
            assert server.count(r"content/news/2025-02-03-meldung-2\.de\.md:3"), server.lines
            # Fixed: the panel goes and the page shows the new version by itself.
            item.write_text(_news("2025-02-03", "Korrigiert 2"), encoding="utf-8")
            for page in pages.values():
                page.locator(panel).wait_for(state="detached", timeout=60_000)
            pages["de"].get_by_text("Korrigiert 2").first.wait_for(timeout=30_000)
            browser.close()
        server.settled(2)  # the first build and the one after the fix
        # Nothing of it in what the server built: its own addresses are answered, not written.
        marked = [p for p in server.output().rglob("*") if p.is_file() and b"cluster-preview-problems" in p.read_bytes() or "preview-problems" in p.name]
        assert marked == []
    finally:
        server.stop()
