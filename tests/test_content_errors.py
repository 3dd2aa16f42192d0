"""Broken content stops the build with every problem named by file, line and field; the
previous site stays as it was; no traceback reaches the editor."""

from __future__ import annotations

import shutil

import pytest

from conftest import check_in_process, copy_project, run_build, run_cli

NEWS = "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
EVENT = "content/events/2023-11-08-clusters-meet-regions-duesseldorf.de.md"


def replace(path, old, new):
    def edit(project):
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(path, text):
    def edit(project):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    return edit


def write_bytes(path, data):
    def edit(project):
        (project / path).write_bytes(data)
    return edit


EVENT_EN = "content/events/2023-11-08-clusters-meet-regions-duesseldorf.en.md"
BTU = "content/members/btu.yml"


def append(path, text):
    def edit(project):
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


# (id, edit, expected "path:line: field" prefix, words the message must contain)
CASES = [
    # malformed files
    ("yaml-syntax", replace("content/offers.yml", "  - id: netzwerk", "  - id: [netzwerk"),
     "content/offers.yml:", "YAML-Fehler"),
    ("yaml-not-a-mapping", write("content/tags.yml", "- europa\n- wasserstoff\n"),
     "content/tags.yml:1:", "muss Felder enthalten"),
    ("yaml-duplicate-key", replace("content/tags.yml", "europa:\n", "go-cluster:\n"),
     "content/tags.yml:13: go-cluster:", "doppelte Kennung „go-cluster“"),
    ("front-matter-missing", write("content/news/2024-01-01-neu.de.md", "title: Neu\n"),
     "content/news/2024-01-01-neu.de.md:1:", "Kopfdaten fehlen"),
    ("front-matter-unclosed", write("content/news/2024-01-01-neu.de.md", "---\ntitle: Neu\ndate: 2024-01-01\n"),
     "content/news/2024-01-01-neu.de.md:1:", "nicht abgeschlossen"),
    ("front-matter-yaml", replace(NEWS, "summary: Beim", 'summary: "Beim'),
     f"{NEWS}:4:", "Anführungszeichen nicht geschlossen"),  # the line the quote opens on
    ("own-part-without-source", replace(NEWS, "\nsource:\n  name: \"Programm „go-cluster“ des Bundesministeriums für Wirtschaft und Klimaschutz (BMWK)\"\n"
                                              "  url: https://www.clusterplattform.de/CLUSTER/Redaktion/DE/Kurzmeldungen/Aktuelles/2022/4_quartal/20221021_rueckblick_Jahrestreffen_go_Cluster.html\n", "\n"),
     f"{NEWS}:7: own_part:", "gehört zu Berichten anderer"),
    ("translation-with-other-tags", replace(NEWS.replace(".de.md", ".en.md"), "tags: [go-cluster, transformation, clusterpolitik]", "tags: [go-cluster]"),
     f"{NEWS.replace('.de.md', '.en.md')}:6: tags:", "andere Schlagwörter als in"),
    ("yaml-colon-in-value", replace(NEWS, 'title: "Jahrestreffen des Programms „go-cluster“: Erfolgreich', "title: Jahrestreffen: Erfolgreich"),
     f"{NEWS}:2:", "in Anführungszeichen setzen"),
    ("yaml-tab", replace(NEWS, '  name: "Programm', '\tname: "Programm'),
     f"{NEWS}:8:", "Tabulatorzeichen sind nicht erlaubt"),
    ("not-utf8", write_bytes(BTU, "name:\n  de: Universit\xe4t\n".encode("latin-1")),
     f"{BTU}:2:", "nicht UTF-8"),
    # fields
    ("unknown-field-typo", replace(BTU, "website:", "webseite:"),
     f"{BTU}:15: webseite:", "meinten Sie „website“"),
    ("unknown-front-matter-field", replace(NEWS, "summary:", "zusammenfassung: x\nsummary:"),
     f"{NEWS}:4: zusammenfassung:", "unbekanntes Feld"),
    ("missing-required", replace(BTU, "role: founding_member\n", ""),
     f"{BTU}:1: role:", "Pflichtfeld fehlt"),
    ("missing-required-front-matter", replace(NEWS, "summary:", "kurz:"),
     f"{NEWS}:2: summary:", "Pflichtfeld fehlt"),
    ("empty-text", replace(BTU, "short_name: BTU", 'short_name: ""'),
     f"{BTU}:6: short_name:", "darf nicht leer sein"),
    ("bad-enum", replace(BTU, "kind: university", "kind: uni"),
     f"{BTU}:7: kind:", "erlaubt sind"),
    ("wrong-type-int", replace(BTU, "order: 1", "order: eins"),
     f"{BTU}:11: order:", "ganze Zahl erwartet"),
    ("wrong-type-bool", replace(NEWS, "tags: [", "draft: vielleicht\ntags: ["),
     f"{NEWS}:5: draft:", "true oder false"),
    ("wrong-type-list", replace(NEWS, "tags: [go-cluster, transformation, clusterpolitik]", "tags: go-cluster"),
     f"{NEWS}:5: tags:", "Liste erwartet"),
    ("missing-default-language", replace(BTU, "  de: Brandenburgische Technische Universität Cottbus-Senftenberg\n", ""),
     f"{BTU}:3: name:", "Hauptsprache „de“"),
    ("unknown-language-key", replace(BTU, "  en: Brandenburg University", "  fr: Brandenburg University"),
     f"{BTU}:3: name:", "„fr“ ist nicht konfiguriert"),
    ("bad-url", replace(BTU, "https://www.b-tu.de", "www.b-tu.de"),
     f"{BTU}:15: website:", "keine gültige Webadresse"),
    ("bad-email", replace("content/site.yml", "contact:\n  email: null", "contact:\n  email: info(at)cdi.de"),
     "content/site.yml:47: contact.email:", "keine gültige E-Mail-Adresse"),
    # the look (brand): readable colours, files that exist, icons Material ships
    ("brand-colour-too-light", replace("content/site.yml", 'primary: "#0b5a3c"', 'primary: "#8fd3b0"'),
     "content/site.yml:12: brand.primary:", "Kontrast"),
    ("brand-colour-not-hex", replace("content/site.yml", 'accent: "#0a4f8a"', "accent: blau"),
     "content/site.yml:13: brand.accent:", "#rrggbb"),
    ("brand-logo-missing", replace("content/site.yml", "logo: assets/brand/wordmark.svg", "logo: assets/brand/logo.svg"),
     "content/site.yml:14: brand.logo:", "„assets/brand/logo.svg“ gibt es nicht"),
    ("offer-icon-unknown", replace("content/offers.yml", "icon: material/presentation", "icon: material/prasentation"),
     "content/offers.yml:", "material/prasentation"),
    # dates
    ("impossible-date", replace(NEWS, "date: 2022-10-21", "date: 2022-02-30"),
     f"{NEWS}:3: date:", "kein gültiges Datum"),
    ("ambiguous-date", replace(NEWS, "date: 2022-10-21", "date: 21.10.2022"),
     f"{NEWS}:3: date:", "JJJJ-MM-TT"),
    ("event-ends-before-start", replace(EVENT, "end: 2023-11-09", "end: 2023-11-07"),
     f"{EVENT}:4: end:", "endet, bevor sie beginnt"),
    ("event-date-and-time-mixed", replace(EVENT, "end: 2023-11-09", "end: 2023-11-09 18:00"),
     f"{EVENT}:4: end:", "beide ein Datum"),
    ("event-without-place", replace(EVENT, "location:\n  city: Düsseldorf\n", ""),
     f"{EVENT}:", "Ort fehlt"),
    ("updated-before-date", replace(NEWS, "tags: [", "updated: 2022-01-01\ntags: ["),
     f"{NEWS}:5: updated:", "vor dem Datum"),
    ("translation-date-differs", replace("content/news/2022-10-21-go-cluster-jahrestreffen.en.md", "date: 2022-10-21", "date: 2022-10-22"),
     "content/news/2022-10-21-go-cluster-jahrestreffen.en.md:4: date:", "dasselbe Datum"),
    ("translation-event-time-differs", replace(EVENT_EN, "start: 2023-11-08", "start: 2023-11-07"),
     f"{EVENT_EN}:4: start:", "weicht von der Fassung"),
    # references
    ("unknown-tag", replace(NEWS, "tags: [go-cluster,", "tags: [go-clustr,"),
     f"{NEWS}:5: tags.0:", "go-clustr"),
    ("unknown-member", replace("content/site.yml", "  member: kei", "  member: kie"),
     "content/site.yml:42: coordination_office.member:", "„kie“ gibt es nicht"),
    ("unknown-event-reference", replace(NEWS, "event: 2022-10-20-go-cluster-jahrestreffen", "event: 2022-10-20-jahrestreffen"),
     f"{NEWS}:6: event:", "gibt es nicht in content/events/"),
    ("missing-image-file", replace(NEWS, "tags: [", "image:\n  src: assets/fehlt.jpg\n  alt: Ein Foto\n  credit: Jemand\ntags: ["),
     f"{NEWS}:6: image.src:", "„assets/fehlt.jpg“ gibt es nicht"),
    ("image-without-alt", replace(NEWS, "tags: [", "image:\n  src: assets/x.png\ntags: ["),
     f"{NEWS}:5: image.alt:", "Pflichtfeld fehlt"),
    ("logo-without-alt", append(BTU, "logo: assets/btu.svg\n"),
     f"{BTU}:", "Alternativtext (logo_alt)"),
    ("body-image-without-alt", append(NEWS, "\n![](../assets/brand/wordmark.svg)\n"),
     f"{NEWS}:", "ohne Alternativtext"),
    ("link-to-missing-page", append(NEWS, "\nSiehe [Mitglieder](../mitglieder.md).\n"),
     f"{NEWS}:", "„../mitglieder.md“: diese Seite gibt es nicht"),
    ("absolute-link", append(NEWS, "\nSiehe [Mitglieder](/members.html).\n"),
     f"{NEWS}:", "bitte relativ verlinken"),
    # files and keys
    ("duplicate-offer-id", replace("content/offers.yml", "  - id: forschung", "  - id: netzwerk"),
     "content/offers.yml:23: offers.2.id:", "doppelte Kennung „netzwerk“"),
    ("unconfigured-language-suffix", write("content/news/2022-10-21-go-cluster-jahrestreffen.fr.md", "---\ntitle: x\n---\n"),
     "content/news/2022-10-21-go-cluster-jahrestreffen.fr.md:1:", "„fr“ ist nicht konfiguriert"),
    ("unconfigured-ui-language", write("content/ui/fr.yml", "page.news: Actualités\n"),
     "content/ui/fr.yml:1:", "„fr“ ist nicht konfiguriert"),
    ("wrong-folder", write("content/members/notiz.md", "# Notiz\n"),
     "content/members/notiz.md:1:", "gehört nicht in diesen Ordner"),
    ("file-outside-known-folders", write("content/bilder/foto.yml", "a: b\n"),
     "content/bilder/foto.yml:1:", "gehört nicht in diesen Ordner"),
    ("file-in-a-subfolder", write("content/news/2024/alt.de.md", "---\ntitle: x\n---\n"),
     "content/news/2024/alt.de.md:1:", "gehört nicht in diesen Ordner"),
    ("stray-file-at-the-top", write("content/notizen.txt", "x\n"),
     "content/notizen.txt:1:", "gehört nicht in diesen Ordner"),
    ("bad-key-in-file-name", write("content/news/Neue_Meldung.de.md", "---\ntitle: x\n---\n"),
     "content/news/Neue_Meldung.de.md:1:", "nur Kleinbuchstaben"),
    ("reserved-key", write("content/news/2024.de.md", "---\ntitle: x\n---\n"),
     "content/news/2024.de.md:1:", "reserviert"),
]


def check(project, lang="de"):
    """Run `cluster-site check` as editors do; return (exit code, output)."""
    result = run_cli(project, "check", lang=lang)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("pristine"))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_content_is_reported_precisely(pristine, tmp_path, case):
    _, edit, where, words = case
    project = tmp_path / "p"
    shutil.copytree(pristine, project, symlinks=True)
    (project / "content" / "ui").mkdir(exist_ok=True)
    edit(project)
    code, output = check_in_process(project)
    assert code == 1, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.startswith(where)]
    assert lines, f"expected a line starting with {where!r} in:\n{output}"
    assert any(words in line for line in lines), lines


def test_the_build_runs_the_same_check(project):
    replace(NEWS, "tags: [", "updated: 2022-01-01\ntags: [")(project)
    append(EVENT, "\nSiehe [Mitglieder](../mitglieder.md).\n")(project)
    build = run_build(project)
    assert build.result.returncode != 0 and "Traceback" not in build.output
    assert f"{NEWS}:5: updated:" in build.output and "../mitglieder.md" in build.output
    assert not (project / "site").exists()


def test_all_problems_at_once_and_previous_site_left_intact(project):
    good = run_build(project)
    assert good.result.returncode == 0, good.output
    before = (project / "site/index.html").read_bytes()
    replace("content/members/btu.yml", "kind: university", "kind: uni")(project)
    replace("content/members/kei.yml", "website:", "webseite:")(project)
    replace(NEWS, "date: 2022-10-21", "date: 2022-13-01")(project)
    bad = run_build(project)
    assert bad.result.returncode != 0
    assert "3 problem(s)" in bad.output
    for where in ("content/members/btu.yml:7: kind:", "content/members/kei.yml:", f"{NEWS}:3: date:"):
        assert where in bad.output
    assert (project / "site/index.html").read_bytes() == before


def test_english_messages_on_request(project):
    replace("content/members/btu.yml", "website:", "webseite:")(project)
    build = run_build(project, extra_env={"CLUSTER_SITE_LANG": "en"})
    assert "content/members/btu.yml:15: webseite: unknown field; did you mean 'website'?" in build.output


def test_check_command_reports_without_building(project):
    replace("content/members/btu.yml", "kind: university", "kind: uni")(project)
    result = run_cli(project, "check", lang="en")
    assert result.returncode == 1
    assert "content/members/btu.yml:7: kind: invalid value" in result.stdout
    assert not (project / "site").exists()


def test_links_in_code_are_not_checked_and_each_broken_link_is_reported(pristine, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(pristine, project, symlinks=True)
    append(NEWS, "\nSo verlinkt man: `[Text](../seite.md)`, aber [kaputt](../fehlt.md).\n\n"
                 "```\n[auch kein Link](../nirgends.md)\n```\n\n"
                 "![Foto](../assets/fehlt.png)\n\nNoch einmal: ![Foto](../assets/fehlt.png)\n")(project)
    code, output = check(project)
    assert code == 1, output
    lines = (project / NEWS).read_text(encoding="utf-8").splitlines()
    broken = next(n for n, line in enumerate(lines, 1) if "[kaputt]" in line)
    images = [n for n, line in enumerate(lines, 1) if "fehlt.png" in line]
    assert f"{NEWS}:{broken}:" in output and "../fehlt.md" in output
    assert "../seite.md" not in output and "../nirgends.md" not in output
    assert len(images) == 2 and all(f"{NEWS}:{n}: Link auf „../assets/fehlt.png“" in output for n in images), output


def test_a_byte_order_mark_is_not_missing_front_matter(project):
    news = project / NEWS
    news.write_bytes(b"\xef\xbb\xbf" + news.read_bytes())  # as some Windows editors save
    code, output = check_in_process(project)
    assert code == 0, output


def test_a_draft_translation_may_still_have_other_tags(pristine, tmp_path):
    """Tags are compared once both versions are published: a draft translation is work in progress."""
    project = tmp_path / "p"
    shutil.copytree(pristine, project, symlinks=True)
    english = NEWS.replace(".de.md", ".en.md")
    replace(english, "tags: [go-cluster, transformation, clusterpolitik]", "tags: [go-cluster]\ndraft: true")(project)
    code, output = check_in_process(project)
    assert code == 0 and "andere Schlagwörter" not in output, output


def test_a_source_under_the_sites_own_address_that_is_no_page_of_it_is_named(pristine, tmp_path):
    """The site will replace what lives at its address today (site.yml `website`): a source
    there that is not one of this site's pages leads nowhere once it is live. `check` names it,
    with file, line and field; a link to one of the site's own pages (any language) passes."""
    project = tmp_path / "p"
    shutil.copytree(pristine, project, symlinks=True)
    old_page = "https://www.cluster-dekarbonisierung.de/de/newsroom/details/jahrestreffen.html"
    replace(NEWS, "  url: https://www.clusterplattform.de/", f"  url: {old_page}\n  # was: https://www.clusterplattform.de/")(project)
    append(NEWS, "\nMehr [über uns](https://www.cluster-dekarbonisierung.de/en/about.html), "
                 "[Aktuelles](https://www.cluster-dekarbonisierung.de/news.html) und die [Startseite](https://www.cluster-dekarbonisierung.de/).\n"
                 "Der [Feed](https://www.cluster-dekarbonisierung.de/feeds/news.xml) und das [Logo](https://www.cluster-dekarbonisierung.de/assets/brand/wordmark.svg).\n\n"
                 "# Quelle: https://www.cluster-dekarbonisierung.de/de/newsroom/alt.html\n\n"
                 "Quelle: https://www.cluster-dekarbonisierung.de/de/newsroom/auch-alt.html\n")(project)
    code, output = check(project)
    assert code == 1, output
    line = next(n for n, text in enumerate((project / NEWS).read_text(encoding="utf-8").splitlines(), 1) if old_page in text)
    lines = (project / NEWS).read_text(encoding="utf-8").splitlines()
    heading, text = (next(n for n, t in enumerate(lines, 1) if t.endswith(f"/newsroom/{name}.html")) for name in ("alt", "auch-alt"))
    named = [text.split(" „")[0] for text in output.splitlines() if "unter der Adresse dieser Website" in text]
    # The front matter's own field; in the text a heading and a paragraph (no field); a page of the
    # site, its feed and its logo pass; a comment in the front matter is not a link.
    assert named == [f"{NEWS}:{line}: source.url:", f"{NEWS}:{heading}:", f"{NEWS}:{text}:"], output
    code, output = check(project, lang="en")
    assert f"{NEWS}:{line}: source.url: '{old_page}' is under this website's address but is not one of its pages" in output
