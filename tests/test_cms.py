"""The editing page /admin/ (Decap CMS): its configuration covers the models, and an editor
creates a news item in both languages in a real browser against Decap's local backend."""

from __future__ import annotations

import functools
import http.server
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from cluster_site.content import Languages
from cluster_site.editors import cms
from cluster_site.editors.schema import SCHEMAS, schema_for
from cluster_site.i18n import Translator
from conftest import ROOT, copy_built_project, run_build, run_cli
from test_browser import ARGS as FLAGS, CHROMIUM

LANGUAGES = Languages(("de", "en"), "de")


def _paths(schema: dict, defs: dict, prefix: str = "") -> set[str]:
    """Every field of a model's JSON Schema as a dotted path (list items and languages included)."""
    paths = set()
    node = schema
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    for option in node.get("anyOf", []):
        paths |= _paths(option, defs, prefix)
    if node.get("type") == "array":
        paths |= _paths(node.get("items", {}), defs, prefix)
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        paths.add(path)
        paths |= _paths(child, defs, path + ".")
    return paths


def _field_paths(fields: list[dict], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        path = f"{prefix}{field['name']}"
        paths.add(path)
        paths |= _field_paths(field.get("fields", []), path + ".")
        if "field" in field:  # a list of single values (texts per language, keys)
            paths |= _field_paths(field["field"].get("fields", []), path + ".")
    return paths


def test_configuration_covers_every_field_of_every_model(site):
    """Built site/admin/config.yml: each model's every field (nested, per language) is a form field."""
    config = yaml.safe_load((site.site / "admin/config.yml").read_text(encoding="utf-8"))
    collections = {c["name"]: c for c in config["collections"]}
    files = {f["name"]: f for f in collections["settings"]["files"]}
    forms = {
        "news.schema.json": collections["news"]["fields"], "event.schema.json": collections["events"]["fields"],
        "member.schema.json": collections["members"]["fields"], "topic.schema.json": collections["topics"]["fields"],
        "site.schema.json": files["site"]["fields"], "offers.schema.json": files["offers"]["fields"],
        "topics.schema.json": files["topics_section"]["fields"],
    }
    for name, fields in forms.items():
        model, about = SCHEMAS[name]
        schema = schema_for(model, LANGUAGES, about)
        expected = _paths(schema, schema.get("$defs", {}))
        assert expected and expected <= _field_paths(fields), (name, sorted(expected - _field_paths(fields)))
    # Every tag of tags.yml, with its label in each language; the item forms offer them all.
    tag_keys = yaml.safe_load((ROOT / "content/tags.yml").read_text(encoding="utf-8"))
    assert _field_paths(files["tags"]["fields"]) >= {f"{key}.label.{lang}" for key in tag_keys for lang in LANGUAGES.codes}
    tags = next(f for f in collections["news"]["fields"] if f["name"] == "tags")
    assert [o["value"] for o in tags["options"]] == sorted(tag_keys)
    # Both languages side by side, one file each (`<key>.<lang>.md`, as the site reads them).
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["de", "en"], "default_locale": "de"}
    # The help texts are the models' docstrings, which editors also see in the JSON Schema.
    title = next(f for f in collections["news"]["fields"] if f["name"] == "title")
    assert title["hint"] == "Überschrift." and title["label"] == "Titel"


def test_a_model_field_appears_in_the_form_without_touching_the_cms_code():
    """The configuration is made from the models: a field added to a model is in the form."""
    from typing import Optional

    from pydantic import create_model

    from cluster_site.content.models import NewsFrontMatter

    extended = create_model("Extended", __base__=NewsFrontMatter, subtitle=(Optional[str], None))
    schema = schema_for(extended, LANGUAGES, "test")
    fields = cms._Fields(schema, LANGUAGES, {"de": "Deutsch", "en": "English"}, Translator("de", "de"), item=True).of(schema, top=True)
    subtitle = next(f for f in fields if f["name"] == "subtitle")
    assert subtitle["widget"] == "string" and subtitle["required"] is False and subtitle["i18n"] is True


def test_editing_page_is_its_own_and_public_pages_stay_script_free(site):
    admin = (site.site / "admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    assert '<script src="decap-cms.js"></script>' in admin and (site.site / "admin/decap-cms.js").stat().st_size > 1_000_000
    tree = site.html("admin/index.html")
    sources = tree.xpath("//script/@src | //link/@href") + tree.xpath("//script/@data-styles")[0].split()
    assert sources and not [s for s in sources if "//" in s]  # no script or style from elsewhere
    assert all((site.site / "admin" / s).is_file() for s in sources), sources
    # Not linked from any public page, not in the sitemap or the search index.
    # (The privacy page names it, as text, for what it stores.)
    for page in site.site.rglob("*.html"):
        if page.parts[-2] != "admin":
            html = page.read_text(encoding="utf-8")
            linked = site.html(page.relative_to(site.site).as_posix()).xpath("//@href | //@src | //@action")
            assert not [url for url in linked if "admin/" in url] and "decap" not in html.lower(), page
    assert "/admin/" in site.text("privacy.html")
    assert "admin" not in (site.site / "sitemap.xml").read_text(encoding="utf-8")
    # The static host's headers: /admin/ gets its own policy beside what holds everywhere
    # (frame-ancestors), never the public pages' one, which every public page has in its <meta>.
    headers = (site.site / "_headers").read_text(encoding="utf-8")
    blocks = {block.split("\n", 1)[0]: block for block in headers.strip().split("\n\n")}
    assert "'unsafe-eval'" in blocks["/admin/*"] and all("'unsafe-eval'" not in b for k, b in blocks.items() if k != "/admin/*")
    assert "frame-ancestors 'self'" in blocks["/*"] and "script-src" not in blocks["/*"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in blocks["/feeds/*"]
    for page in site.public_pages():
        assert '<meta http-equiv="Content-Security-Policy" content="default-src' in page.read_text(encoding="utf-8"), page
    # Nothing of the download but the bundle's own files.
    assert sorted({p.suffix for p in (site.site / "admin").iterdir()}) == [".html", ".js", ".txt", ".wasm", ".yml"]
    # Addresses are the same in every language's file; texts are translated.
    config = yaml.safe_load((site.site / "admin/config.yml").read_text(encoding="utf-8"))
    events = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "events")["fields"]}
    assert events["url"]["i18n"] == "duplicate" and events["join_url"]["i18n"] == "duplicate" and events["title"]["i18n"] is True
    # start and end: a day or a day and a time, nothing around it.
    import re as _re
    pattern = events["start"]["pattern"][0]
    assert [bool(_re.search(pattern, v)) for v in ("2026-03-05", "2026-03-05 10:00", "2026-03-05x", "x2026-03-05 10:00")] == [True, True, False, False]


def test_without_a_repository_the_editing_page_says_so_except_on_this_computer(site, server):
    """mkdocs.yml names no repository yet (extra.cms.repo: null): on any other host the page says
    what is missing instead of Decap's configuration error; on 127.0.0.1 Decap starts (`make edit`)."""
    from playwright.sync_api import sync_playwright

    port = server.rsplit(":", 1)[1].strip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=[*FLAGS, "--host-resolver-rules=MAP editors.example 127.0.0.1"])
        page = browser.new_page()
        page.goto(f"http://editors.example:{port}/admin/")
        notice = page.locator("#cms-not-set-up")
        notice.wait_for(state="visible", timeout=15_000)
        assert notice.locator("h1").inner_text() == "Die Redaktion ist noch nicht eingerichtet"
        assert "repo: besitzer/name" in notice.inner_text() and "make edit" in notice.inner_text()
        page.wait_for_timeout(1500)
        assert page.evaluate("() => window.CMS_MANUAL_INIT === true && !document.getElementById('nc-root')")
        assert "Error loading the CMS configuration" not in page.inner_text("body")
        local = browser.new_page()
        local.goto(f"{server}admin/")
        local.wait_for_selector("#nc-root", state="attached", timeout=30_000)  # Decap has started
        assert local.locator("#cms-not-set-up").is_hidden()
        browser.close()


# --- an editor at work: Chromium against decap-server (the local backend of `make edit`) ---


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def editing_desk(tmp_path_factory, site):
    """A copy of the project, built, its site served, decap-server writing into the copy, and a
    browser: shared by this file's editing tests (each writes files of its own)."""
    project = copy_built_project(tmp_path_factory.mktemp("editing") / "project", site)
    backend = _free_port()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, found = re.subn(r"(?m)^  cms:.*$", lambda m: f"{m[0]}\n    local_backend: http://localhost:{backend}/api/v1", config, 1)
    assert found, "mkdocs.yml has no extra.cms block"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    handler = functools.partial(_Quiet, directory=str(build.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = subprocess.Popen([str(ROOT / "node_modules/.bin/decap-server")], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=dict(os.environ, BIND_HOST="127.0.0.1", GIT_REPO_DIRECTORY=str(project), PORT=str(backend)))
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", backend), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield project, f"http://localhost:{httpd.server_address[1]}/admin/", browser, server
        browser.close()
    server.terminate()
    server.wait(10)
    httpd.shutdown()


@pytest.fixture
def editing(editing_desk):
    """The editing page, logged in to the local backend, in a browser context of its own."""
    project, url, browser, server = editing_desk
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    login = page.get_by_role("button", name="Login")
    try:
        login.wait_for(timeout=20_000)
    except Exception:
        pytest.fail(f"No login: {page.inner_text('body')[:500]}")
    login.click()
    yield project, page, errors
    context.close()


def _field(page, name: str, language: int = 0):
    """A form field by its name in the first (German) or second (English) column."""
    return page.locator(f"[id^='{name}-field-']").nth(language)


def _form_errors(page) -> list[str]:
    """What the form says is wrong, field by field."""
    return page.evaluate("""() => [...document.querySelectorAll('ul')].filter(u => /rror/.test(u.className))
                               .map(u => u.textContent)""")


def _front_matter(path: Path, keys: tuple[str, ...] = ("date",), timeout: float = 30) -> dict:
    """The front matter of a file the local backend writes, once it is written whole (with `keys`)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        parts = path.read_text(encoding="utf-8").split("---") if path.is_file() else []
        if len(parts) >= 3:
            try:
                data = yaml.safe_load(parts[1]) or {}
            except yaml.YAMLError:  # caught mid-write
                data = {}
            if all(key in data for key in keys):
                return data
        time.sleep(0.2)
    written = path.read_text(encoding="utf-8")[:400] if path.is_file() else "(no such file)"
    raise AssertionError(f"{path.name} not written with {keys} in {timeout} s: {written!r}; "
                         f"folder: {sorted(p.name for p in path.parent.iterdir() if p.stat().st_mtime > time.time() - 600)}")


def _write_texts(page, german: str, english: str) -> None:
    """Type the body text in the German and the English column (Decap's rich-text editors)."""
    for column, text in enumerate((german, english)):
        page.locator("[data-slate-editor='true']").nth(column).click()
        page.keyboard.type(text)


def _publish(page) -> None:
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_role("menuitem", name="Jetzt veröffentlichen").click()


def test_editor_creates_a_news_item_in_both_languages_with_a_picture(editing, tmp_path):
    project, page, csp_errors = editing
    page.goto(page.url.split("#")[0] + "#/collections/news/new")
    _field(page, "title").fill("Wasserstoff-Frühstück im Dezember")
    _field(page, "date").fill("2026-11-20")
    _field(page, "summary").fill("Die Koordinierungsstelle lädt zum Austausch über Wasserstoff ein.")
    _field(page, "tags").click()
    page.get_by_text("Wasserstoff", exact=True).last.click()
    _field(page, "title", 1).fill("Hydrogen breakfast in December")
    _field(page, "summary", 1).fill("The coordination office invites you to talk about hydrogen.")
    # A picture, uploaded here, with its alt text in each language and its credit.
    picture = tmp_path / "fruehstueck.jpg"
    Image.new("RGB", (1600, 900), (40, 90, 140)).save(picture, quality=85)
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    # Under load the upload takes a while: use the picture once the library lists it.
    page.get_by_text("fruehstueck.jpg").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    _field(page, "alt").fill("Gedeckter Frühstückstisch")
    _field(page, "credit").fill("Koordinierungsstelle")
    _field(page, "alt", 1).fill("A laid breakfast table")
    _write_texts(page, "Wir laden zum Frühstück ein.", "We invite you to breakfast.")
    _publish(page)
    german = project / "content/news/2026-11-20-wasserstoff-fruhstuck-im-dezember.de.md"
    english = german.with_name(german.name.replace(".de.md", ".en.md"))
    try:
        front = _front_matter(german, ("title", "tags", "image"), timeout=90)
        front_en = _front_matter(english, ("title", "tags", "image"), timeout=90)
    except AssertionError as missing:
        page.screenshot(path=str(tmp_path / "not-saved.png"), full_page=True)
        pytest.fail(f"not saved: {missing} {_form_errors(page)} {page.inner_text('body')[:300]} (screenshot {tmp_path}/not-saved.png)")
    assert front["title"] == "Wasserstoff-Frühstück im Dezember" and str(front["date"]) == "2026-11-20"
    assert front["tags"] == ["wasserstoff"] and front["image"]["src"] == "assets/uploads/fruehstueck.jpg"
    assert (project / "docs/assets/uploads/fruehstueck.jpg").is_file()
    assert {k: v for k, v in front_en["image"].items() if v is not None} == {
        "src": "assets/uploads/fruehstueck.jpg", "alt": "A laid breakfast table", "credit": "Koordinierungsstelle"}
    assert front_en["tags"] == ["wasserstoff"] and str(front_en["date"]) == "2026-11-20"
    # What the CMS wrote passes the check and shows on the site in both languages with its picture.
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    page_de = build.html("news/2026-11-20-wasserstoff-fruhstuck-im-dezember.html")
    page_en = build.html("en/news/2026-11-20-wasserstoff-fruhstuck-im-dezember.html")
    assert page_de.findtext(".//h1") == "Wasserstoff-Frühstück im Dezember"
    assert page_en.findtext(".//h1") == "Hydrogen breakfast in December"
    assert page_de.xpath("//article//img[@alt='Gedeckter Frühstückstisch']")
    assert page_en.xpath("//article//img[@alt='A laid breakfast table']")
    assert "Wir laden zum Frühstück ein." in build.text("news/2026-11-20-wasserstoff-fruhstuck-im-dezember.html")
    assert csp_errors == []


def test_an_entry_without_a_required_field_is_not_saved_and_the_form_says_why(editing):
    project, page, _ = editing
    before = sorted((project / "content/news").iterdir())
    page.goto(page.url.split("#")[0] + "#/collections/news/new")
    _field(page, "date").fill("2026-11-20")
    _field(page, "summary").fill("Ohne Titel.")
    _publish(page)
    page.get_by_text("erforderliche Felder").wait_for()
    assert "Titel ist erforderlich." in _form_errors(page)
    time.sleep(1)
    assert sorted((project / "content/news").iterdir()) == before


def test_an_item_in_german_only_is_saved_and_counts_as_not_yet_translated(editing):
    """Decap writes the shared fields (date, …) into the English file too; the check reads that
    file as a translation not begun, so a German-only item passes and the site falls back."""
    project, page, _ = editing
    page.goto(page.url.split("#")[0] + "#/collections/news/new")
    _field(page, "title").fill("Nur auf Deutsch")
    _field(page, "date").fill("2026-11-20")
    _field(page, "summary").fill("Eine Meldung ohne englische Fassung.")
    page.locator("[data-slate-editor='true']").nth(0).click()
    page.keyboard.type("Text.")
    _publish(page)
    english = project / "content/news/2026-11-20-nur-auf-deutsch.en.md"
    _front_matter(project / "content/news/2026-11-20-nur-auf-deutsch.de.md", ("title", "date"))
    front = _front_matter(english, ("date",))
    assert "title" not in front and str(front["date"]) == "2026-11-20"  # what Decap writes
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    report = run_cli(project, "translations", "--json")
    assert '"content/news/2026-11-20-nur-auf-deutsch.en.md"' in report.stdout and '"missing"' in report.stdout


def test_a_members_data_saved_in_the_form_still_passes_the_check(editing):
    """YAML files round-trip through the form: optional pictures and logos (with required parts
    inside) do not block saving, and what Decap writes is valid content."""
    project, page, _ = editing
    page.goto(page.url.split("#")[0] + "#/collections/members/entries/btu")
    location = _field(page, "location")
    location.fill("Cottbus, Senftenberg (geändert)")
    page.get_by_role("button", name="Veröffentlichen").first.click()
    page.get_by_role("menuitem", name="Jetzt veröffentlichen").click()
    member = project / "content/members/btu.yml"
    deadline, data = time.time() + 20, {}
    while time.time() < deadline:  # until the whole file is written
        try:
            data = yaml.safe_load(member.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:  # caught mid-write
            data = {}
        if "(geändert)" in str(data.get("location")) and "sources" in data:
            break
        time.sleep(0.2)
    assert _form_errors(page) == []
    assert data["location"] == "Cottbus, Senftenberg (geändert)" and data["name"]["en"].startswith("Brandenburg University")
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_editor_creates_an_online_event_with_a_time_and_its_report(editing):
    """An event: start and end with times (Berlin), online, the related news item chosen from a
    list (the editor never types a key); the files pass the check."""
    project, page, _ = editing
    page.goto(page.url.split("#")[0] + "#/collections/events/new")
    _field(page, "title").fill("Wasserstoff-Werkstatt")
    _field(page, "start").fill("2026-12-10 10:00")
    _field(page, "end").fill("2026-12-10 12:30")
    _field(page, "online").click()
    _field(page, "summary").fill("Austausch über Wasserstoff in der Industrie.")
    _field(page, "news").click()
    page.keyboard.type("Jahrestreffen")
    page.get_by_text("Erfolgreich in Richtung Transformation").first.click()
    _field(page, "title", 1).fill("Hydrogen workshop")
    _field(page, "summary", 1).fill("Talking about hydrogen in industry.")
    _write_texts(page, "Online, mit Anmeldung.", "Online, registration required.")
    _publish(page)
    german = _front_matter(project / "content/events/2026-12-10-wasserstoff-werkstatt.de.md", ("title", "start", "news"))
    english = _front_matter(project / "content/events/2026-12-10-wasserstoff-werkstatt.en.md", ("title", "start", "news"))
    assert (str(german["start"]), str(german["end"]), german["online"]) == ("2026-12-10 10:00", "2026-12-10 12:30", True)
    assert german["news"] == english["news"] == "2022-10-21-go-cluster-jahrestreffen"
    assert english["title"] == "Hydrogen workshop" and str(english["start"]) == "2026-12-10 10:00"
    check = run_cli(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
