"""The editors' tools: JSON Schemas, `cluster-site new`, `translations`, `links`, and the CI files."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import EPOCH, ROOT, run_build
from conftest import run_cli as cli

sys.path.insert(0, str(ROOT / "hooks"))
from cluster_site.editors.cli import configured_languages  # noqa: E402
from cluster_site.editors.schema import FILE_SCHEMAS, header_for, render_all  # noqa: E402

BUILD_DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()


# --- JSON Schema ----------------------------------------------------------------------


def test_committed_schemas_are_in_sync_with_the_models():
    rendered = render_all(configured_languages(ROOT))
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert committed == rendered, "run `cluster-site schema` and commit schemas/"
    assert cli(ROOT, "schema", "--check").returncode == 0


def _as_editor_sees(value):
    """YAML 1.2 (the editor's YAML extension) reads dates as text."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema(name):
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def _front_matter(path: Path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0][4:])


def test_every_content_file_passes_its_schema_and_names_the_right_one():
    """A file may lack the first-line schema comment (the editing page writes files without
    comments); one that has it names the schema its path calls for."""
    content = ROOT / "content"
    checked = 0
    for file in sorted(content.rglob("*.yml")):
        rel = file.relative_to(content).as_posix()
        first = file.read_text(encoding="utf-8").splitlines()[0]
        header = header_for(rel)
        assert header, rel
        if first.startswith("# yaml-language-server:"):
            assert first == header, rel
        schema_path = (file.parent / header.split("$schema=")[1]).resolve()
        assert schema_path.is_file(), rel
        data = _as_editor_sees(yaml.safe_load(file.read_text(encoding="utf-8")))
        jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
        checked += 1
    for kind, name in (("news", "news.schema.json"), ("events", "event.schema.json")):
        for file in sorted((content / kind).glob("*.md")):
            jsonschema.validate(_as_editor_sees(_front_matter(file)), _schema(name))
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("name, bad", [
    ("member.schema.json", {"name": {"de": "X"}, "short_name": "X", "kind": "uni", "role": "member", "description": {"de": "x"}}),
    ("member.schema.json", {"name": {"en": "X"}, "short_name": "X", "kind": "company", "role": "member", "description": {"de": "x"}}),
    ("member.schema.json", {"name": {"de": "X"}, "short_name": "X", "kind": "company", "role": "member", "description": {"de": "x"}, "webseite": "x"}),
    ("news.schema.json", {"title": "X", "date": "21.10.2022", "summary": "x"}),
    ("event.schema.json", {"title": "X", "start": "2022-10-20T10", "summary": "x", "online": True}),
])
def test_schemas_reject_what_the_check_rejects(name, bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema(name))


def test_schema_files_cover_every_content_file_kind():
    assert set(FILE_SCHEMAS.values()) <= {p.name for p in (ROOT / "schemas").glob("*.json")}


# --- cluster-site new ------------------------------------------------------------------


def test_new_news_event_and_member_pass_the_check_and_build(project):
    day = BUILD_DAY.isoformat()
    result = cli(project, "new", "news", "Größe & Maß: Wärme-Tag in Cottbus")
    assert result.returncode == 0, result.stderr
    news = [project / f"content/news/{day}-groesse-mass-waerme-tag-in-cottbus.{lang}.md" for lang in ("de", "en")]
    assert all(p.is_file() for p in news), result.stdout
    assert "Jetzt ausfüllen" in result.stdout and "draft: true" in result.stdout
    text = news[0].read_text(encoding="utf-8")
    # Every field of the model is present (optional ones commented out).
    for field in _schema("news.schema.json")["properties"]:
        if field != "translation_of":
            assert re.search(rf"^#? ?{field}:", text, re.MULTILINE), field
    assert f"date: {day}" in text and 'title: "Größe & Maß: Wärme-Tag in Cottbus"' in text
    # The translation's file says in English what to translate, and nothing in German.
    english = news[1].read_text(encoding="utf-8")
    assert f"# Translation of content/news/{day}-groesse-mass-waerme-tag-in-cottbus.de.md: translate" in english
    assert not re.search(r"Schlagwörter|diese Zeile|Meldung|löschen", english)

    undated = cli(project, "new", "event", "Wasserstoff-Frühstück")
    assert undated.returncode == 2 and "--date" in undated.stderr  # the event's day names the file for good
    assert not list((project / "content/events").glob("*wasserstoff-fruehstueck*"))
    assert cli(project, "new", "event", "Wasserstoff-Frühstück", "--date", "2026-03-05").returncode == 0
    event = project / "content/events/2026-03-05-wasserstoff-fruehstueck.de.md"
    assert "start: 2026-03-05" in event.read_text(encoding="utf-8")
    for field in _schema("event.schema.json")["properties"]:
        if field != "translation_of":
            assert re.search(rf"^#? ?{field}:", event.read_text(encoding="utf-8"), re.MULTILINE), field
    assert cli(project, "new", "member", "Lausitzer Stahlwerk GmbH").returncode == 0
    member = project / "content/members/lausitzer-stahlwerk-gmbh.yml"
    for field in _schema("member.schema.json")["properties"]:
        assert re.search(rf"^#? ?{field}:", member.read_text(encoding="utf-8"), re.MULTILINE), field

    again = cli(project, "new", "news", "Größe & Maß: Wärme-Tag in Cottbus")
    assert again.returncode == 1 and "Gibt es schon" in again.stderr

    assert cli(project, "check").returncode == 0
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    # Drafts: nothing of them is published yet.
    assert not (build.site / f"news/{day}-groesse-mass-waerme-tag-in-cottbus.html").exists()
    assert "Lausitzer Stahlwerk" not in build.text("members.html")

    # The editor writes the text and deletes the draft line: it appears.
    from cluster_site.content import placeholders
    for path in news + [member]:
        text = re.sub(r"^draft: true.*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        for placeholder in placeholders.ALL:
            text = text.replace(placeholder, "Eigener Text der Redaktion.")
        path.write_text(text, encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert "Größe & Maß: Wärme-Tag in Cottbus" in build.text(f"news/{day}-groesse-mass-waerme-tag-in-cottbus.html")
    assert "Lausitzer Stahlwerk GmbH" in build.text("members.html")


@pytest.mark.parametrize("title, slug", [
    ("Größe & Maß", "groesse-mass"),
    ("Über Öl, Äpfel und Übermut!", "ueber-oel-aepfel-und-uebermut"),
    ("Café  Crème – 2026", "cafe-creme-2026"),
])
def test_slugs_transliterate_german(title, slug):
    from cluster_site.editors.scaffold import slugify
    assert slugify(title) == slug


# --- cluster-site translations ----------------------------------------------------------


def test_translations_report_missing_and_outdated(project):
    assert json.loads(cli(project, "translations", "--json").stdout) == []
    (project / "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.en.md").unlink()
    original = project / "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")
    offers = project / "content/offers.yml"
    offers.write_text(re.sub(r"\n  en: The CDI supports.*", "", offers.read_text(encoding="utf-8"), count=1), encoding="utf-8")

    report = json.loads(cli(project, "translations", "--json").stdout)
    states = {(r["state"], r["path"]) for r in report}
    assert ("missing", "content/news/2021-09-23-go-cluster-virtuelles-clustertreffen.en.md") in states
    assert ("outdated", "content/news/2022-10-21-go-cluster-jahrestreffen.en.md") in states
    assert any(r["state"] == "missing" and r["path"] == "content/offers.yml" and r["field"] for r in report)
    assert len(report) == 3, report
    table = cli(project, "translations", lang="en").stdout
    assert "outdated" in table and "content/news/2022-10-21-go-cluster-jahrestreffen.en.md" in table

    # The build names them and still succeeds.
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    assert "Translation content/news/2022-10-21-go-cluster-jahrestreffen.en.md:2: outdated" in build.output

    # The translator updates the text and marks it done.
    done = cli(project, "translations", "--done", str(project / "content/news/2022-10-21-go-cluster-jahrestreffen.en.md"))
    assert done.returncode == 0, done.stderr
    report = json.loads(cli(project, "translations", "--json").stdout)
    assert not any(r["state"] == "outdated" for r in report)
    assert cli(project, "check").returncode == 0


def test_rewriting_an_originals_front_matter_in_another_style_does_not_outdate_its_translation(project):
    """The editing page writes front matter in its own style (block lists, other quoting, other key
    order, wrapped lines): what the original says is unchanged, so its translation stays current."""
    original = project / "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    text = original.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    rewritten = yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True, width=60, default_flow_style=False)
    assert rewritten.strip() != front.removeprefix("---\n").strip()
    original.write_text(f"---\n{rewritten}---\n{body}", encoding="utf-8")
    assert cli(project, "check").returncode == 0
    assert json.loads(cli(project, "translations", "--json").stdout) == []
    # A changed word is a change.
    original.write_text(f"---\n{rewritten}---\n{body.replace('Clustertreffen', 'Cluster-Treffen', 1)}", encoding="utf-8")
    report = json.loads(cli(project, "translations", "--json").stdout)
    assert [(r["state"], r["path"]) for r in report] == [("outdated", "content/news/2022-10-21-go-cluster-jahrestreffen.en.md")]


def test_a_translation_not_begun_is_missing_not_wrong(project):
    """The editing page writes the shared fields (date, tags) into each language's file: an
    English file with nothing of its own is a missing translation, and the site falls back."""
    english = project / "content/news/2022-10-21-go-cluster-jahrestreffen.en.md"
    english.write_text("---\ndate: 2022-10-21\ntags:\n  - go-cluster\n  - transformation\n  - clusterpolitik\ndraft: false\n---\n", encoding="utf-8")
    assert cli(project, "check").returncode == 0
    report = json.loads(cli(project, "translations", "--json").stdout)
    assert {(r["state"], r["path"]) for r in report} == {("missing", "content/news/2022-10-21-go-cluster-jahrestreffen.en.md")}
    # With a title of its own it is a translation, and one with problems.
    english.write_text("---\ntitle: Annual meeting\ndate: 2022-10-21\n---\n", encoding="utf-8")
    check = cli(project, "check")
    assert check.returncode == 1 and "summary" in check.stdout


def test_texts_inside_yaml_files_are_tracked_like_files(project):
    """Changing a German text in a YAML file marks its English text outdated (with file, line and
    field); a new English text is unchecked; `--done <file>.yml` records both as current."""
    members = project / "content/members/btu.yml"
    text = members.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("description:")) + 2  # its "en:" line
    members.write_text(text.replace("  de: Die BTU Cottbus-Senftenberg ist", "  de: Die BTU Cottbus–Senftenberg ist"), encoding="utf-8")
    offers = project / "content/offers.yml"
    offers.write_text(re.sub(r"\n  en: The CDI supports.*", "\n  en: A new English intro.", offers.read_text(encoding="utf-8"),
                             count=1), encoding="utf-8")
    record = project / "content/translations.yml"
    report = json.loads(cli(project, "translations", "--json").stdout)
    assert {(r["state"], r["path"], r["line"], r["field"]) for r in report} == {
        ("outdated", "content/members/btu.yml", line, "description"),
        ("unchecked", "content/offers.yml", 5, "intro"),
    }, report
    assert "outdated" in cli(project, "translations", lang="en").stdout
    done = cli(project, "translations", "--done", str(members), str(offers))
    assert done.returncode == 0, done.stderr
    assert json.loads(cli(project, "translations", "--json").stdout) == []
    # Moving entries within a list (the editing page lets editors drag them) changes nothing.
    topic = project / "content/topics/energie.yml"
    text = topic.read_text(encoding="utf-8")
    first, second = [line for line in text.splitlines() if line.startswith("  - text: {de:")][-2:]
    topic.write_text(text.replace(first, "\0").replace(second, first).replace("\0", second), encoding="utf-8")
    assert topic.read_text(encoding="utf-8") != text
    assert json.loads(cli(project, "translations", "--json").stdout) == []
    # The record is content: a broken one is named like any other file's problem.
    record.write_text(record.read_text(encoding="utf-8") + "content/site.yml: [nonsense]\n", encoding="utf-8")
    check = cli(project, "check")
    assert check.returncode == 1 and "content/translations.yml:" in check.stdout


# --- cluster-site links ------------------------------------------------------------------


def test_built_site_has_no_broken_internal_links(site):
    result = cli(site.project, "links", str(site.site))
    assert result.returncode == 0, result.stdout
    page = site.site / "about.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="members.html#nirgends">x</a><a href="fehlt.html">y</a></main>'),
                    encoding="utf-8")
    try:
        result = cli(site.project, "links", str(site.site))
        assert result.returncode == 1
        assert "about.html:" in result.stdout and "members.html#nirgends: no such anchor" in result.stdout
        assert "fehlt.html: no such file" in result.stdout
    finally:
        page.write_text(page.read_text(encoding="utf-8").replace('<a href="members.html#nirgends">x</a><a href="fehlt.html">y</a>', ""),
                        encoding="utf-8")


# --- CI files ----------------------------------------------------------------------------

ALLOWED_ACTIONS = {
    "actions/checkout", "actions/setup-python", "actions/setup-node", "actions/setup-java", "actions/cache",
    "actions/upload-artifact", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages",
}


def _make_targets():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for names in re.findall(r"^([a-zA-Z][\w.-]*(?: [a-zA-Z][\w.-]*)*):(?!=)", text, re.MULTILINE)
            for name in names.split()}


def _cli_commands():
    text = (ROOT / "hooks/cluster_site/editors/cli.py").read_text(encoding="utf-8")
    return set(re.findall(r'add_parser\("([a-z-]+)"', text))


def _workflows():
    files = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert len(files) >= 2
    return {f.name: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}


def test_workflows_parse_and_name_only_what_exists():
    targets, commands = _make_targets(), _cli_commands()
    triggers = set()
    for name, flow in _workflows().items():
        on = flow.get(True) or flow.get("on")  # YAML 1.1 reads the key `on` as True
        triggers |= set(on)
        for job in flow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    action, _, version = step["uses"].partition("@")
                    assert action in ALLOWED_ACTIONS and version, (name, step["uses"])
                for line in step.get("run", "").splitlines():
                    words = shlex.split(line, comments=True)
                    words = words[: next((i for i, w in enumerate(words) if w in (">", ">>", "|")), len(words))]  # the command, not where its output goes
                    if not words:
                        continue
                    if words[0] == "make":
                        assert all(w in targets for w in words[1:] if not w.startswith("-") and "=" not in w), (name, line)
                    if words[0] == "cluster-site" or words[:2] == [".venv/bin/cluster-site"]:
                        sub = next(w for w in words[1:] if not w.startswith("-"))
                        assert sub in commands, (name, line)
                    for word in words:
                        if word.startswith((".venv/bin/", "bench/", "scripts/")):
                            assert (ROOT / word).exists() or word.startswith(".venv/"), (name, word)
    assert {"pull_request", "push", "schedule"} <= triggers


def test_workflows_are_bounded_and_least_privileged():
    """A pull request's content can make a build hang or try to reach further than it should:
    every job stops after its time limit, asks only for the permissions it needs, and runs
    third-party actions at a fixed commit (the version in a comment, for Dependabot and readers)."""
    for name, flow in _workflows().items():
        assert flow.get("permissions") == {}, (name, "nothing granted by default")
        text = (ROOT / ".github/workflows" / name).read_text(encoding="utf-8")
        for job_name, job in flow["jobs"].items():
            assert 0 < job["timeout-minutes"] <= 60, (name, job_name)
            assert job.get("permissions"), (name, job_name, "permissions per job")
            uses = [step["uses"] for step in job["steps"] if "uses" in step]
            if job_name != "deploy":  # only deploying needs to write
                assert set(job["permissions"].values()) == {"read"}, (name, job_name, job["permissions"])
            for action in uses:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (name, action)
                assert re.search(re.escape(action) + r"\s+# v\d+\.\d+\.\d+", text), (name, action, "version comment")


def test_pre_commit_and_dependabot_configuration():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in hooks["repos"] for hook in repo["hooks"]]
    # The project's own command, so the hooks work without an active venv.
    assert any(e.split()[0] == ".venv/bin/cluster-site" and e.split()[1] in _cli_commands() for e in entries)
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in dependabot["updates"]} >= {"pip", "github-actions"}
    for doc in ("CONTRIBUTING.md", "CONTRIBUTING.en.md", ".github/pull_request_template.md"):
        assert (ROOT / doc).is_file(), doc
    # The contributing guides show commands that exist.
    for doc in ("CONTRIBUTING.md", "CONTRIBUTING.en.md"):
        used = set(re.findall(r"cluster-site ([a-z]+)", (ROOT / doc).read_text(encoding="utf-8")))
        assert used and used <= _cli_commands(), (doc, used - _cli_commands())
        used_targets = set(re.findall(r"\bmake ([a-z][a-z-]*)", (ROOT / doc).read_text(encoding="utf-8")))
        assert used_targets <= _make_targets(), (doc, used_targets - _make_targets())


# --- commands as the guides write them, and what the check prints ------------------------


def test_guides_commands_work_as_written_after_make_build(project):
    """`make new-news TITLE="…"` and the other documented commands, run in the project folder as
    an editor types them (the installed venv stands in for what `make build` made there)."""
    import shutil
    import subprocess

    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)  # the installed venv stays up to date
    # -o: never reinstall into the shared venv from this copy (an editable install would point there).
    make = lambda *args: subprocess.run(["make", "--no-print-directory", f"VENV={ROOT / '.venv'}", "-o", f"{ROOT / '.venv'}/.installed",
                                         "-o", f"{ROOT / '.venv'}/.installed-test", *args], cwd=project,
                                        capture_output=True, text=True, env={**__import__("os").environ, "SOURCE_DATE_EPOCH": EPOCH})
    news = make("new-news", "TITLE=Jahrestreffen 2026: Wasserstoff für die Lausitz")
    assert news.returncode == 0, news.stdout + news.stderr
    assert (project / f"content/news/{BUILD_DAY}-jahrestreffen-2026-wasserstoff-fuer-die-lausitz.de.md").is_file()
    event = make("new-event", "TITLE=Wasserstoff-Frühstück", "DATE=2026-03-05")
    assert event.returncode == 0, event.stdout + event.stderr
    assert (project / "content/events/2026-03-05-wasserstoff-fruehstueck.en.md").is_file()
    assert make("new-news").returncode != 0  # no title: says how
    check = make("check")
    assert check.returncode == 0 and check.stdout.strip().splitlines()[-1].startswith("Ergebnis: Inhalte in Ordnung"), check.stdout
    venv_command = subprocess.run([".venv/bin/cluster-site", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert venv_command.returncode == 0  # what the guides and the pre-commit hooks call


def _broken(project: Path) -> None:
    news = project / "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    text = news.read_text(encoding="utf-8").replace("date: 2022-10-21", "date: 21.10.2022")
    news.write_text(text.replace("tags: [", "tags: [gibtsnicht, ") + "\nSiehe [hier](../gibtsnicht.md).\n", encoding="utf-8")


def test_check_says_errors_notices_and_its_verdict_each_in_its_own_form(project):
    fine = cli(project, "check")
    lines = fine.stdout.strip().splitlines()
    assert fine.returncode == 0 and fine.stderr == ""
    assert lines[-1].startswith("Ergebnis: Inhalte in Ordnung") and "Hinweise für den Betreiber" in lines[-1]
    notices = lines[:-1]
    assert notices and all(line.startswith(("Hinweis: content/site.yml:", "Hinweis: mkdocs.yml:")) for line in notices), notices
    assert re.match(r"Hinweis: mkdocs.yml:\d+: extra.cms.repo: Angabe fehlt", notices[-1]), notices  # the editing page's repository
    _broken(project)
    bad = cli(project, "check")
    lines = bad.stdout.strip().splitlines()
    assert bad.returncode == 1
    errors = [line for line in lines if line.startswith("content/news/2022-10-21-go-cluster-jahrestreffen.de.md:")]
    assert len(errors) == 3, lines  # the date, the tag and the link: independent problems, one run
    assert lines[-1] == "Ergebnis: 3 Fehler. Bitte beheben; bis dahin wird nichts veröffentlicht."
    english = cli(project, "check", lang="en")
    assert english.stdout.strip().splitlines()[-1].startswith("Result: 3 error(s).")


def test_check_for_github_puts_each_problem_on_its_line(project):
    clean = cli(project, "check", "--format", "github")
    assert clean.returncode == 0 and not [line for line in clean.stdout.splitlines() if line.startswith("::error")]
    assert [line for line in clean.stdout.splitlines() if line.startswith("::notice file=content/site.yml,line=")]
    _broken(project)
    result = cli(project, "check", "--format", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    path = "content/news/2022-10-21-go-cluster-jahrestreffen.de.md"
    parsed = [re.fullmatch(r"::error file=([^,]+),line=(\d+)(?:,title=([^:]+))?::(.+)", line) for line in annotations]
    assert all(parsed), annotations
    assert sorted((m[1], m[3] or "") for m in parsed) == [(path, ""), (path, "date"), (path, "tags.0")]
    lines = path_lines = (project / path).read_text(encoding="utf-8").splitlines()
    assert "gibtsnicht.md" in lines[int(next(m for m in parsed if not m[3])[2]) - 1]  # the link's own line
    for m in (m for m in parsed if m[3]):  # the line named is the field's line in the file
        assert lines[int(m[2]) - 1].startswith(m[3].split(".")[0] + ":"), (m[0], path_lines[int(m[2]) - 1])
    # A message with a newline or a colon in it stays one annotation.
    from cluster_site.editors.cli import github_annotation
    assert github_annotation("error", "a,b.md", 3, "x:y", "eins\nzwei 100%") == "::error file=a%2Cb.md,line=3,title=x%3Ay::eins%0Azwei 100%25"


def test_translation_status_as_a_job_summary_table(project):
    (project / "content/news/2022-10-21-go-cluster-jahrestreffen.en.md").unlink()
    result = cli(project, "translations", "--format", "markdown")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("### Übersetzungen: 1 fehlt")
    assert lines[2] == "| Sprache | Status | Übersetzung | Original |" and lines[3] == "|---|---|---|---|"
    assert any("| en | fehlt |" in line and "2022-10-21-go-cluster-jahrestreffen" in line for line in lines[4:])


def test_a_scaffold_published_unfilled_is_refused(project):
    """`new` writes placeholders for a draft; removing `draft: true` without replacing them is an error."""
    assert cli(project, "new", "news", "Halb fertig", "--date", "2026-11-20").returncode == 0
    assert cli(project, "check").returncode == 0  # a draft may keep them
    for lang in ("de", "en"):
        path = project / f"content/news/2026-11-20-halb-fertig.{lang}.md"
        text = re.sub(r"^draft: true.*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text, encoding="utf-8")
    result = cli(project, "check")
    assert result.returncode == 1
    placeholders = [line for line in result.stdout.splitlines() if "Platzhaltertext" in line]
    assert {line.split(":")[0] for line in placeholders} == {f"content/news/2026-11-20-halb-fertig.{lang}.md" for lang in ("de", "en")}
    assert any(": summary:" in line for line in placeholders) and len(placeholders) == 4  # summary and text, both languages
