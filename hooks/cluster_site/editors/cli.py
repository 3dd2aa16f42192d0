"""`cluster-site`: commands for editors. `cluster-site check` validates content without building."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from ..content import Languages, missing_operator_facts
from .. import safe_html
from . import scaffold
from .linkcheck import broken_links
from ..site_model import build_date, configured_page_size, load_site
from ..site_view import DEFAULT_PAGE_SIZE
from .schema import render_all, write_all
from ..content.problems import ContentError, message_language


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as !ENV."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _page_size(config: dict) -> int:
    try:
        return configured_page_size(config.get("extra") or {})
    except ValueError:
        return DEFAULT_PAGE_SIZE  # the build itself reports it


def configured_languages(root: Path) -> Languages:
    return _languages(_config(root))


def _languages(config: dict) -> Languages:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = [lang for lang in plugin["i18n"]["languages"] if lang.get("build", True)]
            default = next(lang["locale"] for lang in entries if lang.get("default"))
            codes = (default,) + tuple(lang["locale"] for lang in entries if lang["locale"] != default)
            return Languages(codes, default)
    raise SystemExit("mkdocs.yml: no i18n plugin with languages configured")


def check(root: Path, lang: str) -> int:
    try:
        content = _load(root, check_markup=True).content
    except ContentError as error:
        print(error.report(lang))
        summary = {"de": f"{len(error.problems)} Problem(e) gefunden.", "en": f"{len(error.problems)} problem(s) found."}
        print(summary.get(lang, summary["en"]), file=sys.stderr)
        return 1
    for fact in missing_operator_facts(content):
        label = "Angabe fehlt (Betreiber)" if lang == "de" else "operator must fill in"
        print(f"{fact.format()}: {label}")
    print("Inhalte in Ordnung." if lang == "de" else "Content is valid.", file=sys.stderr)
    return 0


def _load(root: Path, check_markup: bool = False):
    config = _config(root)
    converter = safe_html.markdown_converter(config.get("markdown_extensions")) if check_markup else None
    return load_site(root, _languages(config), root / "docs", page_size=_page_size(config), markdown=converter)


def new(root: Path, kind: str, title: str, lang: str) -> int:
    languages = configured_languages(root)
    try:
        files = scaffold.create(root, kind, title, languages, build_date())
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


def translations(root: Path, as_json: bool, done: list[Path], lang: str) -> int:
    from . import translation_status as tr

    languages = configured_languages(root)
    for file in done:
        try:
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
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(4)]
    for row in [header] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    counts = {state: sum(s.state == state for s in statuses) for state in ("missing", "outdated", "unchecked")}
    print(", ".join(f"{n} {labels.get(state, state)}" for state, n in counts.items()), file=sys.stderr)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cluster-site", description="Tools for the cluster website's editors.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (with mkdocs.yml)")
    parser.add_argument("--lang", choices=["de", "en"], default=None, help="language of the messages (default: de)")
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project folder (with mkdocs.yml)")
    common.add_argument("--lang", choices=["de", "en"], default=argparse.SUPPRESS, help="language of the messages")
    commands.add_parser("check", parents=[common], help="validate all content without building")
    new_cmd = commands.add_parser("new", parents=[common], help="start a news item, event or member from a title")
    new_cmd.add_argument("kind", choices=["news", "event", "member"])
    new_cmd.add_argument("title")
    tr_cmd = commands.add_parser("translations", parents=[common], help="missing and outdated translations")
    tr_cmd.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tr_cmd.add_argument("--done", type=Path, nargs="+", default=[], metavar="FILE",
                        help="mark these translations as up to date with their original")
    schema_cmd = commands.add_parser("schema", parents=[common], help="write the JSON Schemas into schemas/")
    schema_cmd.add_argument("--check", action="store_true", help="only check that schemas/ is up to date")
    links_cmd = commands.add_parser("links", parents=[common], help="check internal links and anchors of a built site")
    links_cmd.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    links_cmd.add_argument("--base", default="/", help="path of site_url, e.g. /cdi/ (default: /)")
    args = parser.parse_args(argv)
    lang = args.lang or message_language()
    root = args.root.resolve()
    if args.command == "check":
        return check(root, lang)
    if args.command == "new":
        return new(root, args.kind, args.title, lang)
    if args.command == "translations":
        return translations(root, args.json, args.done, lang)
    if args.command == "schema":
        return schema(root, args.check)
    if args.command == "links":
        return links(args.site_dir if args.site_dir.is_absolute() else root / args.site_dir, args.base)
    return 2


if __name__ == "__main__":
    sys.exit(main())
