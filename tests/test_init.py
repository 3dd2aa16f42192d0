"""`cluster-site init`: a second cluster's site from a few answers, with nothing of the CDI in it.

Each test starts a site in a temporary folder without questions (flags), then checks it, builds
it with the generator of this tree and reads what was built. tests/test_package.py installs the
generator from its wheel and builds a site with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import run_build, run_cli

# Names, places, dates and sources of the CDI: none may reach another cluster's site.
CDI_TERMS = re.compile(r"\bCDI\b|Dekarbonisierung|Decarboni[sz]ation|Lausitz|Lusatia|Cottbus|\bKEI\b|\bBTU\b|Fraunhofer|\bDLR\b"
                       r"|Senftenberg|Brandenburg|Sachsen\b|Saxony|cluster-dekarbonisierung|klimaschutz-industrie|go-cluster"
                       r"|2045|11\. November 2021|Klimaschutz in energieintensiven")
TEXT_FILES = (".html", ".xml", ".json", ".txt", ".xsl", ".ics", ".svg", ".css", ".js", ".yml", ".md", ".toml", ".py", "")


def init(folder: Path, *args: str):
    return run_cli(folder.parent, "init", str(folder), "--yes", *args, lang="en")


@pytest.fixture(scope="module")
def second_cluster(tmp_path_factory):
    """A site for an invented cluster, made without questions, built once."""
    folder = tmp_path_factory.mktemp("second") / "wasserstoff"
    made = init(folder, "--name", "Netzwerk Wasserstoff Nord", "--colour", "#2b4c7e")
    assert made.returncode == 0, made.stdout + made.stderr
    build = run_build(folder)
    assert build.result.returncode == 0, build.output[-3000:]
    return folder, build


def test_a_new_site_has_the_projects_layout_and_depends_on_the_generator(second_cluster):
    folder, _ = second_cluster
    for path in ("mkdocs.yml", "content/site.yml", "content/offers.yml", "content/topics.yml", "content/tags.yml",
                 "docs/index.de.md", "docs/index.en.md", "docs/about.en.md", "docs/get-involved.de.md",
                 "docs/leichte-sprache.de.md", "docs/assets/brand/wordmark.svg", "overrides/.gitkeep",
                 "hooks/cluster_hooks.py", "Makefile", "pyproject.toml", "README.md", "CONTRIBUTING.md", ".gitignore",
                 ".github/workflows/site.yml", "schemas/site.schema.json", "schemas/news.schema.json"):
        assert (folder / path).is_file(), path
    assert not (folder / "hooks/cluster_site").exists()  # the generator is installed, not copied
    site = yaml.safe_load((folder / "content/site.yml").read_text(encoding="utf-8"))
    assert site["name"] == {"de": "Netzwerk Wasserstoff Nord", "en": "Netzwerk Wasserstoff Nord"}
    assert site["short_name"] == "NWN" and site["brand"]["primary"] == "#2b4c7e"
    assert site["founding"] is None and site["legal"]["operator"] is None and site["coordination_office"] is None
    assert re.search(r'"cluster-site==\d+\.\d+\.\d+"', (folder / "pyproject.toml").read_text(encoding="utf-8"))
    readme = " ".join((folder / "README.md").read_text(encoding="utf-8").split())
    assert "## Upgrading" in readme and "content format" in readme and "block names" in readme


def test_check_passes_and_lists_the_tasks_and_the_draft_examples(second_cluster):
    folder, _ = second_cluster
    check = run_cli(folder, "check", lang="en")
    assert check.returncode == 0, check.stdout
    notices = [line for line in check.stdout.splitlines() if line.startswith("Notice:")]
    for field in ("tagline", "founding", "coordination_office", "legal.operator", "privacy.controller"):
        assert any(f": {field}: operator must fill in" in line for line in notices), field
    drafts = [line for line in notices if "a draft (draft: true)" in line]
    assert {re.match(r"Notice: content/(\w+)/", line)[1] for line in drafts} == {"news", "events", "members"}


def test_the_site_is_built_in_both_languages_without_the_examples(second_cluster):
    _, build = second_cluster
    for prefix in ("", "en/"):
        home = build.html(prefix + "index.html")
        assert home.findtext(".//h1") == "Netzwerk Wasserstoff Nord"
        assert build.html(prefix + "news.html").cssselect(".cluster-news-card") == []  # the draft example is not shown
    assert build.html("en/index.html").get("lang") == "en"
    assert not list((build.site / "news").glob("*beispiel*")) and not list((build.site / "events").glob("*beispiel*"))
    # The legal pages name the new cluster's missing facts as tasks, never the CDI's.
    imprint = build.text("imprint.html")
    assert "Noch nicht angegeben" in imprint and "Netzwerk Wasserstoff Nord" in build.text("contact.html")


def test_nothing_of_the_cdi_is_in_a_new_site(second_cluster):
    folder, build = second_cluster
    found = {}
    for file in [*folder.rglob("*")]:
        # Decap CMS's own bundle (the editing page, a third party's code) is not the site's text.
        vendored = file.name.endswith(("decap-cms.js", "decap-cms.js.LICENSE.txt"))
        if file.is_file() and file.suffix in TEXT_FILES and ".cache" not in file.parts and not vendored:
            hits = set(CDI_TERMS.findall(file.read_text(encoding="utf-8", errors="replace")))
            if hits:
                found[str(file.relative_to(folder))] = sorted(hits)
    assert found == {}
    assert len(list(build.site.rglob("*.html"))) > 30  # the whole output was read


def test_the_home_page_passes_axe_and_fits_a_phone(second_cluster):
    from playwright.sync_api import sync_playwright

    from test_browser import ARGS, AXE, CHROMIUM, OUTSIDE_SCREEN, WCAG_AA

    _, build = second_cluster
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 320, "height": 700}, bypass_csp=True)  # to add axe
        for path in ("index.html", "en/index.html", "contact.html"):
            page.goto((build.site / path).as_uri())
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
            assert [v["id"] for v in result["violations"]] == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= 320 and page.evaluate(OUTSIDE_SCREEN) == [], path
            assert page.evaluate("document.querySelector('main').getBoundingClientRect().top") <= 200, path
        browser.close()


def test_three_languages_drive_switcher_feeds_and_search(tmp_path):
    folder = tmp_path / "drei"
    made = init(folder, "--name", "Cluster Drei Sprachen", "--languages", "de,en,no")  # "no": a truth value to YAML 1.1
    assert made.returncode == 0, made.stdout + made.stderr
    assert (folder / "docs/index.no.md").is_file()
    build = run_build(folder)
    assert build.result.returncode == 0, build.output[-3000:]
    switch = {a.get("hreflang") for a in build.html("no/index.html").cssselect(".cluster-languages a")}
    assert switch == {"de", "en", "no"} and build.html("no/index.html").get("lang") == "no"
    assert (build.site / "no/feeds/events.ics").is_file()  # the calendar in Norwegian; news feeds once there is news
    assert (build.site / "no/pagefind").is_dir() and (build.site / "no/search.html").is_file()
    # Interface texts: the generator has none in Norwegian: its pages show the default's, never a raw key.
    for path in ("no/index.html", "no/contact.html", "no/news.html"):
        assert not re.search(r"\b(page|home|header|footer|search|news|events|menu|contact)\.[a-z_]+\b", build.text(path)), path
    assert 'hreflang="no"' in (build.site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("flags, words", [
    (("--colour", "#8fd3b0"), ["white text on it has a contrast of only 1.", "WCAG AA needs 4.5:1", "a darker shade that does: #"]),
    (("--short-name", "WASSERSTOFF"), ["has 11 characters: at most 8 fit the header on a 320 px phone"]),
    (("--languages", "de,Englisch"), ["language codes (ISO 639-1, lower case)", "e.g. de,en"]),
    (("--languages", "xx,en"), ["language codes (ISO 639-1, lower case)"]),
    (("--languages", "fr,de"), ["the default language needs the generator's interface texts, which exist in de, en"]),
])
def test_a_choice_that_would_make_a_poor_site_is_refused(tmp_path, flags, words):
    folder = tmp_path / "neu"
    made = init(folder, "--name", "Cluster Test", *flags)
    assert made.returncode == 2 and "Traceback" not in made.stderr
    assert "nothing was written" in made.stderr and all(word in made.stderr for word in words), made.stderr
    assert not folder.exists()


def test_the_suggested_darker_colour_is_accepted(tmp_path):
    refused = init(tmp_path / "a", "--name", "Cluster Test", "--colour", "#8fd3b0")
    suggestion = re.search(r"a darker shade that does: (#[0-9a-f]{6})", refused.stderr)[1]
    accepted = init(tmp_path / "b", "--name", "Cluster Test", "--colour", suggestion)
    assert accepted.returncode == 0, accepted.stderr


def test_init_never_writes_into_a_folder_with_files(tmp_path):
    folder = tmp_path / "voll"
    folder.mkdir()
    (folder / "notizen.txt").write_text("meins\n", encoding="utf-8")
    made = init(folder, "--name", "Cluster Test")
    assert made.returncode == 2 and "not empty" in made.stderr
    assert [p.name for p in folder.iterdir()] == ["notizen.txt"]


def test_an_answer_with_quotes_colons_and_signs_stays_one_value(tmp_path):
    """The answers go into YAML and TOML files: whatever a name holds, it is that name on the site."""
    folder = tmp_path / "zeichen"
    name = 'Cluster "Nord": Wärme & Kälte # 2 $x'
    made = init(folder, "--name", name, "--short-name", "&W+K")
    assert made.returncode == 0, made.stderr
    site = yaml.safe_load((folder / "content/site.yml").read_text(encoding="utf-8"))
    assert site["name"]["de"] == name and site["short_name"] == "&W+K"
    build = run_build(folder)
    assert build.result.returncode == 0, build.output[-2000:]
    assert build.html("index.html").findtext(".//h1") == name


def test_a_new_site_has_the_editing_page_and_names_its_repository_as_a_task(second_cluster):
    folder, build = second_cluster
    config = yaml.safe_load((build.site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "branch": "main"}  # no repository invented
    assert {collection["name"] for collection in config["collections"]} >= {"news", "events", "members", "settings"}
    assert (build.site / "admin/index.html").is_file() and (build.site / "admin/decap-cms.js").is_file()
    check = run_cli(folder, "check", lang="en")
    found = re.search(r"Notice: mkdocs.yml:(\d+): extra.cms.repo: operator must fill in", check.stdout)
    assert found, check.stdout
    assert (folder / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[int(found[1]) - 1].strip().startswith("repo: null")
