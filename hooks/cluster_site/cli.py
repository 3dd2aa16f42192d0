"""`cluster-site`: commands for editors. `cluster-site check` validates content without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .content import Languages, missing_operator_facts
from .pages import load_site
from .problems import ContentError, message_language


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags such as !ENV."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def configured_languages(root: Path) -> Languages:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = [lang for lang in plugin["i18n"]["languages"] if lang.get("build", True)]
            default = next(lang["locale"] for lang in entries if lang.get("default"))
            codes = (default,) + tuple(lang["locale"] for lang in entries if lang["locale"] != default)
            return Languages(codes, default)
    raise SystemExit("mkdocs.yml: no i18n plugin with languages configured")


def check(root: Path, lang: str) -> int:
    try:
        content = load_site(root, configured_languages(root), root / "docs")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cluster-site", description="Tools for the cluster website's editors.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate all content without building")
    check_cmd.add_argument("--lang", choices=["de", "en"], default=None, help="language of the messages (default: de)")
    check_cmd.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (with mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root, args.lang or message_language())
    return 2


if __name__ == "__main__":
    sys.exit(main())
