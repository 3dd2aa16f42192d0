"""Broken content stops the build with every problem named by file, line and field; the
previous site stays as it was; no traceback reaches the editor."""

from __future__ import annotations

import re

import pytest

from conftest import run_build

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
        (project / path).write_text(text, encoding="utf-8")
    return edit


def write_bytes(path, data):
    def edit(project):
        (project / path).write_bytes(data)
    return edit


# (id, edit, expected "path:line: field" prefix, words the message must contain)
CASES = [
    ("unknown-field-typo", replace("content/members/btu.yml", "website:", "webseite:"),
     "content/members/btu.yml:13: webseite:", "meinten Sie „website“"),
    ("missing-required", replace("content/members/btu.yml", "kind: university\n", ""),
     "content/members/btu.yml:1: kind:", "Pflichtfeld fehlt"),
    ("bad-enum", replace("content/members/btu.yml", "kind: university", "kind: uni"),
     "content/members/btu.yml:6: kind:", "erlaubt sind"),
    ("missing-default-language", replace("content/members/btu.yml",
     "  de: Brandenburgische Technische Universität Cottbus-Senftenberg\n", ""),
     "content/members/btu.yml:2: name:", "Hauptsprache „de“"),
    ("unknown-language-key", replace("content/members/btu.yml", "  en: Brandenburg University", "  fr: Brandenburg University"),
     "content/members/btu.yml:2: name:", "„fr“ ist nicht konfiguriert"),
    ("bad-url", replace("content/members/btu.yml", "https://www.b-tu.de", "www.b-tu.de"),
     "content/members/btu.yml:13: website:", "keine gültige Webadresse"),
    ("yaml-syntax", replace("content/offers.yml", "  - id: netzwerk", "  - id: [netzwerk"),
     "content/offers.yml:", "YAML-Fehler"),
    ("impossible-date", replace(NEWS, "date: 2022-10-21", "date: 2022-02-30"),
     f"{NEWS}:3: date:", "kein gültiges Datum"),
    ("event-ends-before-start", replace(EVENT, "end: 2023-11-09", "end: 2023-11-07"),
     f"{EVENT}:4: end:", "endet, bevor sie beginnt"),
    ("unknown-tag", replace(NEWS, "tags: [go-cluster,", "tags: [go-clustr,"),
     f"{NEWS}:5: tags.0:", "go-clustr"),
    ("unknown-member", replace("content/site.yml", "  member: kei", "  member: kie"),
     "content/site.yml:32: coordination_office.member:", "„kie“ gibt es nicht"),
    ("translation-date-differs", replace("content/news/2022-10-21-go-cluster-jahrestreffen.en.md", "date: 2022-10-21", "date: 2022-10-22"),
     "content/news/2022-10-21-go-cluster-jahrestreffen.en.md:3: date:", "dasselbe Datum"),
    ("unconfigured-language-suffix", write("content/news/2022-10-21-go-cluster-jahrestreffen.fr.md", "---\ntitle: x\n---\n"),
     "content/news/2022-10-21-go-cluster-jahrestreffen.fr.md:1:", "„fr“ ist nicht konfiguriert"),
    ("front-matter-missing", write("content/news/2024-01-01-neu.de.md", "title: Neu\n"),
     "content/news/2024-01-01-neu.de.md:1:", "Kopfdaten fehlen"),
    ("wrong-folder", write("content/members/notiz.md", "# Notiz\n"),
     "content/members/notiz.md:1:", "gehört nicht in diesen Ordner"),
    ("not-utf8", write_bytes("content/members/btu.yml", "name:\n  de: Universit\xe4t\n".encode("latin-1")),
     "content/members/btu.yml:2:", "nicht UTF-8"),
    ("duplicate-offer-id", replace("content/offers.yml", "  - id: forschung", "  - id: netzwerk"),
     "content/offers.yml:", "doppelte Kennung „netzwerk“"),
    ("image-without-alt", replace(NEWS, "tags: [", "image:\n  src: assets/x.png\ntags: ["),
     f"{NEWS}:5: image.alt:", "Pflichtfeld fehlt"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_content_is_reported_precisely(project, case):
    _, edit, where, words = case
    edit(project)
    build = run_build(project)
    assert build.result.returncode != 0
    assert "Traceback" not in build.output
    lines = [l for l in build.output.splitlines() if l.startswith(where)]
    assert lines, f"expected a line starting with {where!r} in:\n{build.output}"
    assert any(words in l for l in lines), lines


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
    for where in ("content/members/btu.yml:6: kind:", "content/members/kei.yml:", f"{NEWS}:3: date:"):
        assert where in bad.output
    assert (project / "site/index.html").read_bytes() == before


def test_english_messages_on_request(project):
    replace("content/members/btu.yml", "website:", "webseite:")(project)
    build = run_build(project, extra_env={"CLUSTER_SITE_LANG": "en"})
    assert "content/members/btu.yml:13: webseite: unknown field; did you mean 'website'?" in build.output


def test_check_command_reports_without_building(project):
    import subprocess
    import sys
    replace("content/members/btu.yml", "kind: university", "kind: uni")(project)
    result = subprocess.run([sys.executable, "-m", "cluster_site.cli", "check", "--lang", "en", "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/members/btu.yml:6: kind: invalid value" in result.stdout
    assert not (project / "site").exists()
