"""`cluster-site`: commands for editors. `cluster-site check` validates content without building."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

from ..content import Languages, missing_operator_facts
from ..content.checks import MissingFact, drafts
from .. import safe_html
from . import cms, cms_bundle, scaffold
from .linkcheck import broken_links
from ..site_model import build_date, configured_page_size, load_site
from ..site_view import DEFAULT_PAGE_SIZE
from .schema import render_all, write_all
from ..content.problems import ContentError, message_language
from ..mkdocs_build import i18n_plugin


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as !ENV."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _read_mkdocs_yml(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _page_size(config: dict) -> int:
    try:
        return configured_page_size(config.get("extra") or {})
    except ValueError:
        return DEFAULT_PAGE_SIZE  # the build itself reports it


def configured_languages(root: Path) -> Languages:
    return _languages(_read_mkdocs_yml(root))


def _languages(config: dict) -> Languages:
    languages = i18n_plugin.languages_in_yaml(config)
    if languages is None:
        raise SystemExit("mkdocs.yml: no i18n plugin with languages, one of them the default, configured")
    return languages


def _github_escape(value: str, in_property: bool = False) -> str:
    """GitHub workflow commands: %, CR and LF escaped; in a property also ':' and ','."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def github_annotation(level: str, path: str, line: int, title: str, message: str) -> str:
    """One problem as a GitHub Actions annotation: shown on that line of the pull request."""
    props = f"file={_github_escape(path, True)},line={line}" + (f",title={_github_escape(title, True)}" if title else "")
    return f"::{level} {props}::{_github_escape(message)}"


def check(root: Path, lang: str, output: str = "text") -> int:
    """Validate all content. Errors, then notices (facts only the operator can give: never fatal),
    then one verdict line, all on stdout in that order, each kind looking different: an error is
    `file:line: field: message`, a notice starts with "Hinweis:", the verdict with "Ergebnis:".
    `output="github"` writes errors and notices as workflow annotations instead."""
    de = lang == "de"
    github = output == "github"
    try:
        content = _load(root, check_markup=True).content
        problems = []
    except ContentError as error:
        content, problems = None, error.problems
    for problem in problems:
        if github:
            print(github_annotation("error", problem.path, problem.line, problem.field, problem.message(lang)))
        else:
            print(problem.format(lang))
    facts = (missing_operator_facts(content) if content is not None else []) + _missing_cms_repository(root, _read_mkdocs_yml(root))
    missing = "Angabe fehlt (Betreiber)" if de else "operator must fill in"
    draft = "Entwurf (draft: true): erscheint nicht auf der Website" if de else "a draft (draft: true): not shown on the site"
    notices = [(fact, missing) for fact in facts] + [(fact, draft) for fact in (drafts(content) if content is not None else [])]
    for fact, label in notices:
        if github:
            print(github_annotation("notice", fact.path, fact.line, fact.field, label))
        else:
            print(f"{'Hinweis' if de else 'Notice'}: {fact.format()}: {label}")
    if problems:
        verdict = (f"Ergebnis: {len(problems)} Fehler. Bitte beheben; bis dahin wird nichts veröffentlicht." if de
                   else f"Result: {len(problems)} error(s). Please fix them; nothing is published until then.")
    else:
        counted = (f" ({len(facts)} Hinweise für den Betreiber, kein Fehler)" if de else f" ({len(facts)} notices for the operator, no error)") if facts else ""
        verdict = ("Ergebnis: Inhalte in Ordnung" if de else "Result: content is valid") + counted + "."
    print(verdict)
    return 1 if problems else 0


def _load(root: Path, check_markup: bool = False):
    config = _read_mkdocs_yml(root)
    converter = safe_html.markdown_converter(config.get("markdown_extensions")) if check_markup else None
    return load_site(root, _languages(config), root / "docs", page_size=_page_size(config), markdown=converter)


def new(root: Path, kind: str, title: str, lang: str, day: str | None = None) -> int:
    """Start an item. Its file name (its key, for good) begins with a date: the publication date
    for news (today unless --date says otherwise), the event's first day for events (--date)."""
    languages = configured_languages(root)
    de = lang == "de"
    when = build_date()
    if day is not None:
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:
            print(f"--date {day}: " + ("bitte als JJJJ-MM-TT angeben, z. B. 2026-03-05" if de else "please give it as YYYY-MM-DD, e.g. 2026-03-05"), file=sys.stderr)
            return 2
    elif kind == "event":
        print(("Bitte den ersten Tag der Veranstaltung angeben, er wird Teil des Dateinamens: "
               f'cluster-site new event "{title}" --date JJJJ-MM-TT') if de else
              ("Please give the event's first day, it becomes part of the file name: "
               f'cluster-site new event "{title}" --date YYYY-MM-DD'), file=sys.stderr)
        return 2
    try:
        files = scaffold.create(root, kind, title, languages, when)
    except FileExistsError as error:
        print(("Gibt es schon: " if lang == "de" else "Already exists: ") + str(error), file=sys.stderr)
        return 1
    de = lang == "de"
    print("Angelegt:" if de else "Created:")
    for path in files:
        print(f"  {path.relative_to(root)}")
    print("Jetzt ausfüllen:" if de else "Now fill in:")
    todo = {
        "news": "title, summary, tags, Text" if de else "title, summary, tags, text",
        "event": "title, start/end, location oder online, summary, tags, Text" if de else "title, start/end, location or online, summary, tags, text",
        "member": "name, short_name, kind, role, description, website",
    }[kind]
    print(f"  {todo}")
    if kind != "member" and len(files) > 1:
        print("  Übersetzung danach als fertig markieren: cluster-site translations --done <datei>" if de
              else "  when the translation is done: cluster-site translations --done <file>")
    print("  „draft: true“ löschen, wenn es erscheinen soll; prüfen mit: cluster-site check" if de
          else "  delete 'draft: true' to publish; check with: cluster-site check")
    return 0


def translations(root: Path, as_json: bool, done: list[Path], lang: str, output: str = "text") -> int:
    from . import translation_status as tr

    languages = configured_languages(root)
    for file in done:
        try:
            if file.suffix == ".yml":  # texts inside a YAML file: recorded in content/translations.yml
                count = tr.mark_yaml_done(file.resolve(), root.resolve(), languages)
                print(f"{file}: {count} → {tr.RECORD}")
                continue
            value = tr.mark_done(file.resolve(), root, languages.default)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"{file}: translation_of: {value}")
    if done:
        return 0
    try:
        content = _load(root).content
    except ContentError as error:
        print(error.report(lang))
        return 1
    statuses = tr.translation_status(root, content, root / "docs")
    if as_json:
        print(json.dumps(tr.as_json(statuses), ensure_ascii=False, indent=2))
        return 0
    labels = {"missing": "fehlt", "outdated": "veraltet", "unchecked": "ungeprüft"} if lang == "de" else {}
    rows = [(s.lang, labels.get(s.state, s.state), f"{s.path}:{s.line}" + (f" {s.field}" if s.field else ""), s.original) for s in statuses]
    header = ("Sprache", "Status", "Übersetzung", "Original") if lang == "de" else ("Language", "Status", "Translation", "Original")
    counts = {state: sum(s.state == state for s in statuses) for state in ("missing", "outdated", "unchecked")}
    totals = ", ".join(f"{n} {labels.get(state, state)}" for state, n in counts.items())
    if output == "markdown":  # a pull request's job summary
        print(f"### {'Übersetzungen' if lang == 'de' else 'Translations'}: {totals}\n")
        if rows:
            cells = lambda row: "| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |"
            print("\n".join([cells(header), "|" + "---|" * 4] + [cells(row) for row in rows]))
        return 0
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(4)]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    print(totals, file=sys.stderr)
    return 0


def schema(root: Path, check_only: bool) -> int:
    languages = configured_languages(root)
    if check_only:
        stale = [name for name, text in render_all(languages).items()
                 if not (root / "schemas" / name).is_file() or (root / "schemas" / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"schemas/{name}: out of date; run `cluster-site schema`")
        return 1 if stale else 0
    for path in write_all(root, languages):
        print(f"wrote {path.relative_to(root)}")
    return 0


def links(site_dir: Path, base: str) -> int:
    problems = broken_links(site_dir, base)
    for problem in problems:
        print(f"{site_dir.name}/{problem}")
    print(f"{len(problems)} broken internal link(s)", file=sys.stderr)
    return 1 if problems else 0


def _cms_settings(config: dict) -> cms.CmsSettings | None:
    """mkdocs.yml's `extra.cms` as the build reads it (None: no editing page). A value the build
    refuses counts as the page without settings here; the build names it."""
    try:
        return cms.CmsSettings.from_extra((config.get("extra") or {}).get("cms"))
    except (TypeError, ValueError):
        return cms.CmsSettings()


def _missing_cms_repository(root: Path, config: dict) -> list[MissingFact]:
    """The editing page's GitHub repository, while mkdocs.yml has the page but names none (the
    build says the same): until then it works only against the working copy (`make edit`)."""
    settings = _cms_settings(config)
    if settings is None or settings.repo:
        return []
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    cms_line = next((n for n, text in enumerate(lines, 1) if re.match(r"\s+cms:", text)), 1)
    line = next((n for n, text in enumerate(lines[cms_line:], cms_line + 1) if re.match(r"\s+repo:", text)), cms_line)
    return [MissingFact("mkdocs.yml", line, "extra.cms.repo")]


def fetch_cms_bundle(root: Path) -> int:
    """The editing page's Decap bundle where the build looks for it, unless the site has none."""
    if _cms_settings(_read_mkdocs_yml(root)) is None:
        return 0  # no editing page (extra.cms: false in mkdocs.yml)
    folder = cms_bundle.folder_of(root)
    try:
        if cms_bundle.install(folder):  # says nothing when it was there already (`make build` asks each time)
            print(f"{cms_bundle.PACKAGE}: fetched, checked against its pinned checksum, in {folder}")
    except cms_bundle.BundleError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cluster-site", description="Tools for the cluster website's editors.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (with mkdocs.yml)")
    parser.add_argument("--lang", choices=["de", "en"], default=None, help="language of the messages (default: de)")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project folder (with mkdocs.yml)")
    common.add_argument("--lang", choices=["de", "en"], default=argparse.SUPPRESS, help="language of the messages")
    check_cmd = commands.add_parser("check", parents=[common], help="validate all content without building")
    check_cmd.add_argument("--format", choices=["text", "github"], default="text",
                           help="github: problems as workflow annotations on the lines of a pull request")
    new_cmd = commands.add_parser("new", parents=[common], help="start a news item, event or member from a title")
    new_cmd.add_argument("kind", choices=["news", "event", "member"])
    new_cmd.add_argument("title")
    new_cmd.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                         help="news: publication date (default: today); event: its first day (required)")
    tr_cmd = commands.add_parser("translations", parents=[common], help="missing and outdated translations")
    tr_cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tr_cmd.add_argument("--format", choices=["text", "markdown"], default="text", help="markdown: a table for a job summary")
    tr_cmd.add_argument("--done", type=Path, nargs="+", default=[], metavar="FILE",
                        help="mark these translations as up to date with their original")
    schema_cmd = commands.add_parser("schema", parents=[common], help="write the JSON Schemas into schemas/")
    schema_cmd.add_argument("--check", action="store_true", help="only check that schemas/ is up to date")
    links_cmd = commands.add_parser("links", parents=[common], help="check internal links and anchors of a built site")
    links_cmd.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    links_cmd.add_argument("--base", default="/", help="path of site_url, e.g. /cluster/ (default: /)")
    commands.add_parser("cms-bundle", parents=[common], help="fetch the editing page's Decap CMS bundle (pinned; "
                        "`make build` runs it), unless mkdocs.yml says `cms: false`")
    init_cmd = commands.add_parser("init", help="start a new cluster's site in a new folder (asks a few questions)")
    init_cmd.add_argument("folder", type=Path, help="the new site's folder (new or empty)")
    init_cmd.add_argument("--name", help="the cluster's name, e.g. \"Cluster Wasserstoff Sachsen\"")
    init_cmd.add_argument("--short-name", help="short name for the header, at most 8 characters (default: the initials)")
    init_cmd.add_argument("--languages", help="language codes, the default first (default: de,en)")
    init_cmd.add_argument("--colour", help="brand colour as #rrggbb; white text on it must meet WCAG AA (default: #1f4e79)")
    init_cmd.add_argument("--generator", help="where the new site installs the generator from: a requirement "
                          "(default: cluster-site==<this version>), a wheel, a local checkout or a git+https address")
    init_cmd.add_argument("--yes", action="store_true", help="ask nothing: defaults for what no flag gives")
    args = parser.parse_args(argv)
    if args.command == "init":
        from . import init
        given = {"name": args.name, "short_name": args.short_name, "languages": args.languages, "colour": args.colour}
        return init.main(args.folder.resolve(), given, init.requirement(args.generator), sys.stdin.isatty() and not args.yes,
                         build_date())
    lang = args.lang or message_language()
    root = args.root.resolve()
    if args.command == "check":
        return check(root, lang, args.format)
    if args.command == "new":
        return new(root, args.kind, args.title, lang, args.date)
    if args.command == "translations":
        return translations(root, args.json, args.done, lang, args.format)
    if args.command == "schema":
        return schema(root, args.check)
    if args.command == "links":
        return links(args.site_dir if args.site_dir.is_absolute() else root / args.site_dir, args.base)
    if args.command == "cms-bundle":
        return fetch_cms_bundle(root)
    return 2


if __name__ == "__main__":
    sys.exit(main())
