"""Hostile and careless input: whatever a pull request contains, nothing from outside the
repository, no script and no broken site is published. Each case is a clear error naming file,
line and field, from `cluster-site check` and from the build alike; the build exits non-zero
without a traceback and leaves the previous site/ byte for byte as it was."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import feedparser
import lxml.html
import pytest

from conftest import EPOCH, _QuietHandler, check_in_process, copy_built_project, run_build, run_cli, override
from test_browser import ARGS, CHROMIUM, RECORD_VIOLATIONS
from test_content_errors import append, replace

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

NEWS = "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
NEWS_EN = "content/news/2022-10-21-go-cluster-jahrestreffen.en.md"
EVENT = "content/events/2023-11-08-clusters-meet-regions-duesseldorf.de.md"
EVENT_EN = "content/events/2023-11-08-clusters-meet-regions-duesseldorf.en.md"
ABOUT = "docs/about.de.md"


def _lines(project: Path, path: str) -> int:
    return len((project / path).read_text(encoding="utf-8").splitlines())


def symlink(path, target):
    def edit(project):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, project / path)
    return edit


def both(*edits):
    def edit(project):
        for one in edits:
            one(project)
    return edit


def write(path, data: str | bytes):
    def edit(project):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return edit


def at_end(path, text):
    """Append `text` as a paragraph: after a blank line, so two lines below the file's last."""
    return append(path, "\n" + text + "\n")


def set_field(path, name, value):
    """Replace the front-matter line `name: …` of `path` with `name: value`."""
    def edit(project):
        file = project / path
        text = file.read_text(encoding="utf-8")
        new, count = re.subn(rf"(?m)^{name}: .*$", lambda _: f"{name}: {value}", text, count=1)
        assert count == 1, (path, name)
        file.write_text(new, encoding="utf-8")
    return edit


def event_times(start, end):
    return both(set_field(EVENT, "start", start), set_field(EVENT, "end", end))


def _bomb(depth: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, depth + 1):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 9)}]")
    return "\n".join(lines) + "\n"


# (id, edit, expected "path:line:" or "path:line: field:" prefix, words the message must contain)
CASES = [
    # files from outside the repository
    ("symlink-docs-environ", symlink("docs/environ.md", "/proc/self/environ"),
     "docs/environ.md:1:", "außerhalb des Repositorys"),
    ("symlink-docs-hostname", symlink("docs/hostname.md", "/etc/hostname"),
     "docs/hostname.md:1:", "„/etc/hostname“ außerhalb"),
    ("symlink-news", symlink("content/news/2024-01-01-geheim.de.md", "/etc/hostname"),
     "content/news/2024-01-01-geheim.de.md:1:", "außerhalb des Repositorys"),
    ("symlink-member", symlink("content/members/geheim.yml", "/etc/passwd"),
     "content/members/geheim.yml:1:", "außerhalb des Repositorys"),
    ("symlink-dangling-assets-folder", symlink("docs/assets/fotos", "/nowhere/fotos"),
     "docs/assets/fotos:1:", "außerhalb des Repositorys"),
    ("symlink-inside-repository", symlink("docs/kopie.de.md", "index.de.md"),
     "docs/kopie.de.md:1:", "Links sind unter docs/, content/ und overrides/ nicht erlaubt"),
    ("symlink-loop", symlink("docs/schleife.md", "schleife.md"),
     "docs/schleife.md:1:", "Links sind unter docs/"),
    ("symlink-overrides", symlink("overrides/partials/secret.html", "/etc/hostname"),
     "overrides/partials/secret.html:1:", "außerhalb des Repositorys"),
    # script from editor Markdown
    ("script-element", at_end(NEWS, "Text <script>alert(1)</script>"),
     f"{NEWS}:", "HTML-Element <script>"),
    ("onerror-attribute", at_end(NEWS, '<img src="../assets/brand/wordmark.svg" alt="x" onerror="alert(1)">'),
     f"{NEWS}:", "„onerror“ an <img>"),
    ("onmouseover-attribute", at_end(NEWS, '<span onmouseover="alert(1)">Hier</span>'),
     f"{NEWS}:", "„onmouseover“ an <span>"),
    ("iframe", at_end(NEWS, '<iframe src="https://example.org/"></iframe>'),
     f"{NEWS}:", "HTML-Element <iframe>"),
    ("form", at_end(NEWS, '<form action="https://example.org/"><button>Senden</button></form>'),
     f"{NEWS}:", "HTML-Element <form>"),
    ("style-element", at_end(NEWS, "<style>body { display: none }</style>"),
     f"{NEWS}:", "HTML-Element <style>"),
    ("attr-list-onclick", at_end(NEWS, 'Ein Absatz\n{: onclick="alert(1)" }'),
     f"{NEWS}:", "„onclick“ an <p>"),
    ("javascript-link", at_end(NEWS, "[Klick](javascript:alert(1))"),
     f"{NEWS}:", "„javascript:alert(1)“ ist nicht erlaubt"),
    ("vbscript-link", at_end(NEWS, "[Klick](vbscript:msgbox)"),
     f"{NEWS}:", "„vbscript:msgbox“ ist nicht erlaubt"),
    ("data-html-link", at_end(NEWS, "[Klick](data:text/html,hallo)"),
     f"{NEWS}:", "„data:text/html,hallo“ ist nicht erlaubt"),
    ("javascript-image", at_end(NEWS, "![Bild](javascript:alert(1))"),
     f"{NEWS}:", "„javascript:alert(1)“ ist nicht erlaubt"),
    ("script-in-markdown-page", write("docs/seite.de.markdown", "# Seite\n\n<script>alert(1)</script>\n"),
     "docs/seite.de.markdown:3:", "HTML-Element <script>"),
    ("html-file-in-docs", write("docs/assets/seite.html", "<script>alert(1)</script>\n"),
     "docs/assets/seite.html:1:", "Dateien der Art „.html“ gehören nicht unter docs/"),
    ("script-file-in-docs", write("docs/assets/app.js", "alert(1)\n"),
     "docs/assets/app.js:1:", "Dateien der Art „.js“"),
    ("svg-with-script", write("docs/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="9" onload="alert(1)"/></svg>\n'),
     "docs/assets/logo.svg:2:", "SVG-Datei mit Skript"),
    ("script-in-docs-page", at_end(ABOUT, "<script>alert(1)</script>"),
     f"{ABOUT}:", "HTML-Element <script>"),
    ("script-in-english-only", at_end(NEWS_EN, "<script>alert(1)</script>"),
     f"{NEWS_EN}:", "HTML-Element <script>"),
    # bounded work
    ("yaml-alias-bomb", write("content/tags.yml", _bomb(9)),
     "content/tags.yml:2:", "YAML-Verweise"),
    ("yaml-alias-front-matter", replace(NEWS, "tags: [", "x: &x [1]\ny: *x\ntags: ["),
     f"{NEWS}:", "YAML-Verweise"),
    ("yaml-alias-docs-front-matter", write("docs/bombe.de.md", "---\n" + _bomb(9) + "---\n# Bombe\n"),
     "docs/bombe.de.md:3:", "YAML-Verweise"),
    ("yaml-deep-block-nesting", write("content/tags.yml", "a:\n  " + "- " * 50_000 + "x\n"),
     "content/tags.yml:1:", "zu tief verschachtelt"),
    ("yaml-alias-docs-front-matter-bom", write("docs/bom.de.md", "\ufeff---\n" + _bomb(9) + "---\n# Bombe\n"),
     "docs/bom.de.md:3:", "YAML-Verweise"),
    ("yaml-alias-docs-front-matter-dots", write("docs/punkte.de.md", "---\n" + _bomb(9) + "...\n# Bombe\n"),
     "docs/punkte.de.md:3:", "YAML-Verweise"),
    ("markdown-deep-brackets", at_end(NEWS, "[" * 5000 + "x" + "]" * 5000),
     f"{NEWS}:", "Klammern zu tief verschachtelt"),
    ("yaml-deep-nesting", write("content/tags.yml", "a: " + "[" * 200_000 + "]" * 200_000 + "\n"),
     "content/tags.yml:1:", "zu tief verschachtelt"),
    ("file-too-large", write("content/news/2024-01-01-gross.de.md",
                             "---\ntitle: Groß\ndate: 2024-01-01\nsummary: Groß.\n---\n" + "Text. " * 400_000),
     "content/news/2024-01-01-gross.de.md:1:", "Datei zu groß (2.4 MB; höchstens 1 MB)"),
    ("title-too-long", set_field(NEWS, "title", "Lang " * 1000),
     f"{NEWS}:2: title:", "zu lang: höchstens 200 Zeichen"),
    ("summary-too-long", set_field(NEWS, "summary", "Lang " * 200),
     f"{NEWS}:", "zu lang: höchstens 400 Zeichen"),
    # control characters
    ("nul-in-body", append(NEWS, "\nEin\x00Nullzeichen\n"),
     f"{NEWS}:", "Steuerzeichen U+0000"),
    ("control-in-title-escape", set_field(NEWS, "title", '"Glocke \\a"'),
     f"{NEWS}:2: title:", "Steuerzeichen U+0007"),
    ("control-in-title-raw", set_field(NEWS, "title", "Glocke \x07"),
     f"{NEWS}:2:", "Steuerzeichen U+0007"),
    ("bidi-override-in-title", set_field(NEWS, "title", "Rechnung txt.exe\u202egpj."),
     f"{NEWS}:2: title:", "Richtungs-Steuerzeichen U+202E"),
    ("control-in-docs-title", write("docs/steuer.de.md", '---\ntitle: "a\\x1bb"\n---\n# A\n'),
     "docs/steuer.de.md:2: title:", "Steuerzeichen U+001B"),
    # what only the build used to find: `check` passed, the build failed
    ("broken-link-in-docs-page", at_end(ABOUT, "[Kaputt](gibt-es-nicht.md)"),
     f"{ABOUT}:", "Link auf „gibt-es-nicht.md“"),
    ("docs-page-named-like-a-generated-page", write("docs/news.de.md", "# Meldungen\n"),
     "docs/news.de.md:1:", "erzeugt die Website selbst"),
    # paths and times
    ("image-outside-docs", replace(NEWS, "tags: [", "image:\n  src: ../../../../etc/passwd\n  alt: Passwort\ntags: ["),
     f"{NEWS}:", "image.src: Pfad einer Datei unter docs/"),
    ("logo-absolute", append("content/members/btu.yml", "logo: /etc/passwd\nlogo_alt: {de: Logo}\n"),
     "content/members/btu.yml:", "logo: Pfad einer Datei unter docs/"),
    ("year-9999", event_times("9999-12-31 23:30", "9999-12-31 23:45"),
     f"{EVENT}:3: start:", "Jahr außerhalb von 1900 bis 2999"),
    ("clock-change-gap", event_times("2027-03-28 02:30", "2027-03-28 04:00"),
     f"{EVENT}:3: start:", "gibt es in Berlin nicht"),
    ("clock-change-repeat", event_times("2027-10-31 01:00", "2027-10-31 02:30"),
     f"{EVENT}:4: end:", "in Berlin doppelt"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, site):
    """A project copy with a good build in site/ (the site the failed builds must leave alone)."""
    project = copy_built_project(tmp_path_factory.mktemp("hostile"), site)
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    return project


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _case_project(built: Path, tmp_path: Path, edit, with_site: bool = True) -> Path:
    project = tmp_path / "p"
    def without_site(folder, names):  # a check needs neither the built site nor the build's cache
        return ["site", ".cache"] if not with_site and Path(folder) == built else []
    shutil.copytree(built, project, symlinks=True, ignore=without_site)
    edit(project)
    return project


def _where(output: str, prefix: str, words: str) -> None:
    lines = [line for line in output.splitlines() if line.startswith(prefix)]
    assert lines, f"expected a line starting with {prefix!r} in:\n{output[-3000:]}"
    assert any(words in line for line in lines), lines


# Inputs made to exhaust a parser: checked in a process of their own, so that a guard that stopped
# working would crash that process, not the test run.
OWN_PROCESS = {"yaml-alias-bomb", "yaml-deep-block-nesting", "yaml-deep-nesting", "markdown-deep-brackets"}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_check_names_file_line_and_field(built, tmp_path, case):
    _, edit, where, words = case
    project = _case_project(built, tmp_path, edit, with_site=False)
    if case[0] in OWN_PROCESS:
        result = run_cli(project, "check")
        code, output = result.returncode, result.stdout + result.stderr
    else:
        code, output = check_in_process(project)
    assert code == 1, output
    assert "Traceback" not in output
    _where(output, where, words)


# The build reads content with the same code as the check; these cases reach each of its other
# ways to find a problem: files before anything is read, rendered Markdown of an item (alone in
# the second process) and of a docs/ page, docs/ assets, YAML and Markdown limits, MkDocs' own
# link warnings. More rendered Markdown at once: test_markup_problems_are_located_on_their_line.
BUILD_CASES = {
    "symlink-docs-environ", "symlink-overrides", "script-in-english-only", "script-in-docs-page", "svg-with-script",
    "html-file-in-docs", "yaml-alias-bomb", "yaml-deep-nesting", "markdown-deep-brackets", "file-too-large",
    "control-in-docs-title", "broken-link-in-docs-page", "docs-page-named-like-a-generated-page", "clock-change-gap",
}
SECOND_PROCESS = {"script-in-english-only"}  # built with the other languages in a process of their own


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in BUILD_CASES], ids=sorted(BUILD_CASES, key=[c[0] for c in CASES].index))
def test_build_refuses_and_leaves_the_site_untouched(built, tmp_path, case):
    _, edit, where, words = case
    project = _case_project(built, tmp_path, edit)
    before = _tree(project / "site")
    build = run_build(project, extra_env={"CLUSTER_SITE_JOBS": "2" if case[0] in SECOND_PROCESS else "1"})
    assert build.result.returncode != 0, build.output[-3000:]
    assert "Traceback" not in build.output
    _where(build.output, where, words)
    assert _tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []  # no half-built folder left


def test_markup_problems_are_located_on_their_line(built, tmp_path):
    """All unsafe parts at once, each on its own line, in German and English items (the build
    renders the English ones in its second process) and in docs/ pages alike; the build refuses
    and leaves site/ as it was."""
    lines, lines_en, lines_about = _lines(built, NEWS), _lines(built, NEWS_EN), _lines(built, ABOUT)
    edit = both(at_end(NEWS, "Erst <script>alert(1)</script>"), at_end(NEWS, "[Dann](javascript:void(0))"),
                at_end(NEWS_EN, '<b onclick="x">Bold</b>'), at_end(ABOUT, "<script>alert(1)</script>"),
                write("docs/seite.de.markdown", "# Seite\n\n<script>alert(1)</script>\n"))
    project = _case_project(built, tmp_path, edit)
    before = _tree(project / "site")
    build = run_build(project, extra_env={"CLUSTER_SITE_JOBS": "2"})
    assert build.result.returncode != 0 and "Traceback" not in build.output
    assert _tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []  # no half-built folder left
    for output in (run_cli(project, "check").stdout, build.output):
        assert f"{NEWS}:{lines + 2}: HTML-Element <script>" in output, output[-2000:]
        assert f"{NEWS}:{lines + 4}: Adresse „javascript:void(0)“" in output
        assert f"{NEWS_EN}:{lines_en + 2}: HTML-Attribut „onclick“ an <b>" in output
        assert f"{ABOUT}:{lines_about + 2}: HTML-Element <script>" in output
        assert "docs/seite.de.markdown:3: HTML-Element <script>" in output


def test_time_with_an_offset_is_converted_to_berlin(built, tmp_path):
    """09:30 at +02:00 on a winter day is 08:30 in Berlin (CET, +01:00): page and calendar say so."""
    edit = both(*(set_field(path, name, value) for path in (EVENT, EVENT_EN)
                  for name, value in (("start", "2027-03-05T09:30:00+02:00"), ("end", "2027-03-05T11:00:00+02:00"))))
    project = _case_project(built, tmp_path, edit)
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-3000:]
    ics = (project / "site/events/2023-11-08-clusters-meet-regions-duesseldorf.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Berlin:20270305T083000" in ics, ics
    assert "DTEND;TZID=Europe/Berlin:20270305T100000" in ics
    assert "08:30" in build.text("events/2023-11-08-clusters-meet-regions-duesseldorf.html")


def test_text_that_looks_like_markup_stays_text_everywhere(built, tmp_path):
    """Titles, summaries and a docs page's front matter (which Material writes into the page
    unescaped) may contain "<", "&" and quotes: pages, feeds and the search index show them as
    text and never as markup. An aligned table keeps its alignment under the policy."""
    title = 'Wasserstoff <script>alert("t")</script> & <img src=x onerror=alert(1)>'
    summary = 'Zusammenfassung mit <b onclick="alert(2)">Markup</b> & "Anführungszeichen".'
    docs_page = ("---\ntitle: '<script>alert(3)</script> Seite'\ndescription: '\"><script>alert(4)</script>'\n"
                 "author: '<img src=x onerror=alert(5)>'\n---\n\n# Titel &lt;script&gt;\n\n"
                 "| Jahr | Menge |\n|:-----|------:|\n| 2024 | 12 |\n")
    edit = both(set_field(NEWS, "title", f"'{title}'"), set_field(NEWS, "summary", f"'{summary}'"),
                write("docs/markup.de.md", docs_page))
    project = _case_project(built, tmp_path, edit)
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-3000:]
    site = project / "site"
    for page in sorted(site.rglob("*.html")):
        tree = lxml.html.fromstring(page.read_bytes())
        scripts = [s for s in tree.iter("script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") and not (s.text or "").strip() for s in scripts), page
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert not [name for name in element.attrib if name.startswith("on")], (page, element.tag)
            for name in ("href", "src"):
                assert not element.get(name, "").strip().lower().startswith(("javascript:", "vbscript:", "data:text")), page
    item = build.text("news/2022-10-21-go-cluster-jahrestreffen.html")
    assert title in item
    for feed_name in ("news.rss.xml", "news.atom.xml"):
        raw = (site / "feeds" / feed_name).read_text(encoding="utf-8")
        assert "<script" not in raw and "<img src=x" not in raw
        feed = feedparser.parse(raw)
        assert not feed.bozo, feed.bozo_exception
        assert any(entry.title == title for entry in feed.entries), [e.title for e in feed.entries]
    calendar = (site / "feeds/events.ics").read_text(encoding="utf-8")
    assert "<script" not in calendar
    # The search index keeps the title as text; the search page shows it as text, runs nothing.
    fragments = [gzip.decompress(f.read_bytes()).decode() for f in (site / "pagefind").rglob("*.pf_fragment")]
    assert any(json.dumps(title, ensure_ascii=False)[1:-1] in f for f in fragments)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.add_init_script(RECORD_VIOLATIONS)
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/markup.html", wait_until="networkidle")
            cell = page.locator("td").nth(1)
            assert cell.inner_text() == "12" and cell.evaluate("e => getComputedStyle(e).textAlign") == "right"
            assert "<script>alert(3)</script> Seite" in page.title()
            assert page.evaluate("window.__violations") == [] and dialogs == []
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q=Wasserstoff", wait_until="networkidle")
            result = page.locator("#cluster-search-results li a", has_text="Wasserstoff").first
            result.wait_for(timeout=10000)
            assert result.inner_text() == title
            assert page.locator("#cluster-search-results script, #cluster-search-results img").count() == 0
            assert dialogs == []
            browser.close()
    finally:
        httpd.shutdown()


def test_a_crash_while_rendering_leaves_the_site_untouched_and_names_the_file(built, tmp_path):
    """A template that fails on one item: one message naming the item's file, no traceback
    (unless --verbose), site/ as it was. In one process and with the languages in parallel."""
    def edit(project):  # the site's own news_item.html, broken for one item
        override(project, "news_item.html", "{% block page_content %}",
                 "{% block page_content %}{% if item.slug.startswith('2022') %}{{ item.no_such_field.oops }}{% endif %}")
    project = _case_project(built, tmp_path, edit)
    before = _tree(project / "site")
    for jobs in ("1", "2"):
        build = run_build(project, extra_env={"CLUSTER_SITE_JOBS": jobs})
        assert build.result.returncode != 0
        assert "Traceback" not in build.output, build.output[-3000:]
        assert "Der Build ist bei content/news/2022-10-21-go-cluster-jahrestreffen." in build.output, build.output[-3000:]
        assert "site/ ist unverändert" in build.output
        assert _tree(project / "site") == before
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, CLUSTER_SITE_JOBS="1")
    verbose = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"], cwd=project,
                             env=env, capture_output=True, text=True, timeout=600)
    assert verbose.returncode != 0 and "Traceback" in verbose.stderr
    assert _tree(project / "site") == before


def test_strict_warnings_leave_the_site_untouched(built, tmp_path):
    """MkDocs counts --strict warnings after the last plugin event: a warning still publishes nothing."""
    project = _case_project(built, tmp_path, replace("mkdocs.yml", "  - contact.md", "  - contact.md\n  - gibt-es-nicht.md"))
    before = _tree(project / "site")
    build = run_build(project)
    assert build.result.returncode != 0 and "strict" in build.output, build.output[-2000:]
    assert _tree(project / "site") == before


def test_a_successful_build_replaces_the_whole_site(built, tmp_path):
    project = _case_project(built, tmp_path, write("site/stale.html", "<p>old</p>"))
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-2000:]
    assert not (project / "site/stale.html").exists() and (project / "site/index.html").is_file()
    (project / "new-folder").mkdir()  # site/ gets the permissions of any new folder (umask), not a temp folder's
    assert (project / "site").stat().st_mode == (project / "new-folder").stat().st_mode


# What editors and file managers leave beside the files they open: an editor with a content file
# open must not stop the build (or the preview), and none of it may be published.
EDITOR_LEFTOVERS = [
    "content/news/.2022-10-21-go-cluster-jahrestreffen.de.md.swp",  # Vim
    "content/news/2022-10-21-go-cluster-jahrestreffen.de.md~",  # Emacs, gedit: backup
    "content/news/#2022-10-21-go-cluster-jahrestreffen.de.md#",  # Emacs: autosave
    "content/members/kei.yml___jb_tmp___",  # JetBrains: safe write
    "content/.DS_Store", "content/ui/.DS_Store", "docs/assets/Thumbs.db",  # macOS, Windows
    "docs/index.de.md~", "docs/.~lock.index.de.md#", "overrides/main.html~", "overrides/partials/.footer.html.swp",
]


def test_what_editors_leave_beside_the_files_is_neither_a_problem_nor_published(built, tmp_path):
    def leave(project: Path) -> None:
        for path in EDITOR_LEFTOVERS:
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text("<script>alert(1)</script>\n", encoding="utf-8")
        for path in ("content/news/.#2022-10-21-go-cluster-jahrestreffen.de.md", "docs/.#index.de.md",
                     "overrides/.#main.html"):  # Emacs' lock: a link to nowhere
            os.symlink("redaktion@laptop.4711:1700000000", project / path)

    project = _case_project(built, tmp_path, leave)
    assert check_in_process(project) == (0, check_in_process(built)[1])
    build = run_build(project)
    assert build.result.returncode == 0, build.output[-3000:]
    assert _tree(project / "site") == _tree(built / "site")  # nothing of it published, nothing else changed

    # A link that leads somewhere is refused whatever its name (an editor's lock link leads nowhere).
    os.symlink("/etc/hostname", project / "docs/hostname.md~")
    # Content that names such a file is told to name the real one: it is not published.
    (project / "docs/assets/brand/wordmark.svg~").write_text("<svg><script>alert(1)</script></svg>\n", encoding="utf-8")
    site_yml = project / "content/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("logo: assets/brand/wordmark.svg\n",
                                                                      "logo: assets/brand/wordmark.svg~\n"), encoding="utf-8")
    code, output = check_in_process(project)
    assert code == 1 and "docs/hostname.md~:1:" in output, output
    assert re.search(r"content/site\.yml:\d+: brand\.logo: .*wordmark\.svg~.*Editor", output), output
