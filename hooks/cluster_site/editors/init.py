"""`cluster-site init DIR`: a new cluster's site, ready to build, with nothing of another cluster.

A few questions (each with a default, each also a flag, so it runs without questions): the
cluster's name, its short name, the languages (the first is the default), the brand colour.
What only the cluster knows (its mission, founding, coordination office, legal facts) stays
empty: the build names each as a task, and the pages say "not yet given" instead of inventing
it. One example of each kind (news, event, member) is a draft: `check` lists them, the site
never shows them. The new repository depends on this generator at its version; `--generator`
says where to install it from until it is on PyPI (a wheel, a checkout, a Git address).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from string import Template

from babel import Locale, UnknownLocaleError

from ..content import Languages
from ..content.models import CONTRAST_MIN, contrast_with_white
from ..i18n import Translator, builtin_ui
from . import scaffold
from .schema import write_all

SHORT_NAME_MAX = 8  # the typographic wordmark beside the menu button in a 320 px header
LANGUAGE = re.compile(r"[a-z]{2,3}")


class InitError(ValueError):
    """An answer that would make a broken or unreadable site: what is wrong and what to do."""


@dataclass(frozen=True)
class Answers:
    name: str
    short_name: str
    languages: tuple[str, ...]
    colour: str
    generator: str  # what the new site's pyproject.toml depends on


def generator_version() -> str:
    return metadata.version("cluster-site")


def suggested_short_name(name: str) -> str:
    """The initials of the name's words that start with a capital letter: 'Cluster Wasserstoff Sachsen' -> 'CWS'."""
    initials = "".join(word[0] for word in re.findall(r"\w+", name) if word[0].isupper())
    return (initials or name[:SHORT_NAME_MAX]).upper()[:SHORT_NAME_MAX]


def darker(colour: str) -> str:
    """The nearest darker shade of `colour` on which white text meets WCAG AA."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    while contrast_with_white(f"#{red:02x}{green:02x}{blue:02x}") < CONTRAST_MIN:
        red, green, blue = (int(value * 0.95) for value in (red, green, blue))
    return f"#{red:02x}{green:02x}{blue:02x}"


def problem_with(field: str, value: str, name: str = "") -> tuple[str | None, str | None]:
    """One answer checked: (the problem, a value that would do) or (None, None)."""
    if field == "name":
        return ("the cluster's name must not be empty", None) if not value else (None, None)
    if field == "short_name":
        suggestion = suggested_short_name(name)
        if not re.fullmatch(r"[\w&.+-]+", value or "-"):
            return f"short name '{value}': one word without spaces, e.g. {suggestion}", suggestion
        if len(value) > SHORT_NAME_MAX:
            return (f"short name '{value}' has {len(value)} characters: at most {SHORT_NAME_MAX} fit the header on a "
                    f"320 px phone beside the menu; e.g. {suggestion}"), suggestion
        return None, None
    if field == "languages":
        codes = [code.strip() for code in value.split(",") if code.strip()]
        if not codes or any(not _known_language(code) for code in codes) or len(set(codes)) != len(codes):
            return (f"languages '{value}': language codes (ISO 639-1, lower case) separated by commas, each once, "
                    "the default first, e.g. de,en"), None
        texts = sorted(builtin_ui())
        if codes[0] not in texts:
            return (f"languages '{value}': the default language needs the generator's interface texts, which exist in "
                    f"{', '.join(texts)}; put one of them first (a further language without them shows the missing "
                    f"texts in the default language until content/ui/<language>.yml gives them)"), None
        return None, None
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        return f"colour '{value}': expected as #rrggbb, e.g. #1f4e79", None
    ratio = contrast_with_white(value)
    if ratio < CONTRAST_MIN:
        shade = darker(value)
        return (f"colour {value}: white text on it has a contrast of only {ratio:.1f}:1, WCAG AA needs "
                f"{CONTRAST_MIN}:1; a darker shade that does: {shade}"), shade
    return None, None


def _known_language(code: str) -> bool:
    """A language code that Babel (dates, numbers) and the search know."""
    if not LANGUAGE.fullmatch(code):
        return False
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _clean(field: str, value: str) -> str:
    value = " ".join(value.split()) if field == "name" else value.strip()
    return value.lower() if field in ("colour", "languages") else value


def checked(name: str, short_name: str, languages: str, colour: str, generator: str) -> Answers:
    """The answers, each checked; InitError naming every problem at once."""
    values = {"name": _clean("name", name), "short_name": _clean("short_name", short_name),
              "languages": _clean("languages", languages), "colour": _clean("colour", colour)}
    problems = [problem for field, value in values.items() if (problem := problem_with(field, value, values["name"])[0])]
    if problems:
        raise InitError("\n".join(problems))
    codes = tuple(code.strip() for code in values["languages"].split(","))
    return Answers(values["name"], values["short_name"], codes, values["colour"], generator)


QUESTIONS = (("name", "Name of the cluster"), ("short_name", "Short name (at most 8 characters, shown in the header)"),
             ("languages", "Languages, the default first"), ("colour", "Brand colour (white text must be readable on it)"))


def _suggested_answer(field: str, answers: dict[str, str]) -> str:
    return {"name": "Cluster", "short_name": suggested_short_name(answers.get("name", "")), "languages": "de,en",
            "colour": "#1f4e79"}[field]


def ask(given: dict[str, str | None], interactive: bool) -> dict[str, str]:
    """Every answer: from its flag, else asked (with the default; a poor answer is asked again,
    with what would do as the new default), else the default."""
    answers: dict[str, str] = {}
    for field, question in QUESTIONS:
        value = given.get(field)
        if value is None and interactive:
            default = _suggested_answer(field, answers)
            while True:
                value = _clean(field, input(f"{question} [{default}]: ") or default)
                problem, suggestion = problem_with(field, value, answers.get("name", ""))
                if problem is None:
                    break
                print(f"  {problem}")
                default = suggestion or default
        answers[field] = value if value is not None else _suggested_answer(field, answers)
    return answers


def requirement(generator: str | None) -> str | None:
    """`--generator` as a requirement: a wheel or a checkout by its absolute path, a Git address
    as `cluster-site @ git+…`, anything else as written (e.g. cluster-site==0.2.0)."""
    if not generator:
        return None
    path = Path(generator).expanduser()
    if path.exists():
        return f"cluster-site @ {path.resolve().as_uri()}"
    if generator.startswith(("git+", "https://", "http://")):
        return f"cluster-site @ {generator}"
    return generator


# --- the files of the new site ---------------------------------------------------------------


def _starter(name: str) -> str:
    return resources.files(__package__).joinpath("starter", name).read_text(encoding="utf-8")


def _localized(texts: dict[str, str], codes: tuple[str, ...], indent: int = 2) -> str:
    """A text per language in YAML; a language without a text of its own gets the default's, to translate."""
    pad = " " * indent
    return "\n".join(f"{pad}{_yaml_key(code)}: {_yaml_string(texts.get(code, texts.get(codes[0], next(iter(texts.values())))))}" for code in codes)


def _wordmark(short_name: str, colour: str) -> str:
    """A typographic wordmark: the short name in the brand colour on white, as the header shows a logo."""
    width = 24 + 17 * len(short_name)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" viewBox="0 0 {width} 40">'
            f'<rect width="{width}" height="40" rx="4" fill="#fff"/>'
            f'<text x="{width / 2:g}" y="27" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
            f'font-size="22" font-weight="700" letter-spacing="1" fill="{colour}">{_xml(short_name)}</text></svg>\n')


def _favicon(short_name: str, colour: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32" rx="6" fill="{colour}"/>'
            '<text x="16" y="22" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="16" '
            f'font-weight="700" fill="#fff">{_xml(short_name[:2])}</text></svg>\n')


def _language_name(code: str) -> str:
    """The language's own name, as the switcher gives it (Deutsch, English, Norsk)."""
    return Translator(code, code).language_name(code, in_own_language=True)


def _markdown_text(text: str) -> str:
    """The name as plain text in Markdown: its *, _, [ … are characters, not markup."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _yaml_key(code: str) -> str:
    """A language code as a key: quoted where YAML 1.1 would read a truth value (no, on, y …)."""
    return _yaml_string(code) if code in ("y", "n", "no", "yes", "on", "off") else code


def _yaml_string(text: str) -> str:
    """A double-quoted YAML (and TOML) string: whatever the answer holds, it stays one value."""
    return json.dumps(text, ensure_ascii=False)


PAGES = {  # docs/<page>.<lang>.md: what each page says before the cluster writes its own text
    "index": {"de": ("Startseite", "Hier stellt sich das $name bald vor."),
              "en": ("Home", "The $name will introduce itself here soon.")},
    "about": {"de": ("Über das Cluster", "Hier stehen bald Mission, Vision und Gründung des $name."),
              "en": ("About the cluster", "The $name's mission, vision and founding will be described here soon.")},
    "get-involved": {"de": ("Mitmachen", "Wie Unternehmen, Hochschulen und Einrichtungen im $name mitwirken können, steht hier bald."),
                     "en": ("Get involved", "How companies, universities and institutions can take part in the $name will be described here soon.")},
}


def files(answers: Answers, today: dt.date) -> dict[str, str]:
    """Every file of the new site but the examples (path -> text)."""
    codes, default = answers.languages, answers.languages[0]
    values = {"name": answers.name, "name_yaml": _yaml_string(answers.name), "short_name": answers.short_name, "short_name_yaml": _yaml_string(answers.short_name),
              "colour": answers.colour, "default": default, "generator": _yaml_string(answers.generator), "generator_text": answers.generator,
              "version": generator_version(), "year": str(today.year),
              "name_localized": _localized({code: answers.name for code in codes}, codes),
              "languages_yaml": "\n".join(
                  f"        - locale: {_yaml_string(code)}\n          name: {_yaml_string(_language_name(code))}\n"
                  f"          build: true" + ("\n          default: true" if code == default else "") for code in codes),
              "languages_list": ", ".join(codes)}
    out: dict[str, str] = {}
    for target, source in (("mkdocs.yml", "mkdocs.yml"), ("content/site.yml", "site.yml"), ("pyproject.toml", "pyproject.toml"),
                           ("Makefile", "Makefile"), ("README.md", "README.md"), (".gitignore", "gitignore"),
                           (".github/workflows/site.yml", "workflow.yml"), ("hooks/cluster_hooks.py", "cluster_hooks.py"),
                           ("CONTRIBUTING.md", "CONTRIBUTING.md")):
        out[target] = Template(_starter(source)).substitute(values)
    out["overrides/.gitkeep"] = ""
    out["content/ui/README.md"] = _starter("ui-README.md")
    out["content/tags.yml"] = ("# Schlagwörter / tags: the key (left) stays, the label is translated.\n"
                               f"allgemein:\n  label:\n{_localized({'de': 'Allgemein', 'en': 'General'}, codes, 4)}\n")
    out["content/offers.yml"] = (
        "# What the cluster offers its partners: at least one entry. Replace the example.\n"
        f"intro:\n{_localized({'de': 'Was das Cluster seinen Partnern bietet, steht hier bald.', 'en': 'What the cluster offers its partners will be described here soon.'}, codes)}\n"
        "offers:\n  - id: vernetzung\n    icon: material/account-network-outline\n"
        f"    title:\n{_localized({'de': 'Vernetzung', 'en': 'Networking'}, codes, 6)}\n"
        f"    description:\n{_localized({'de': 'Beschreibung folgt.', 'en': 'Description to follow.'}, codes, 6)}\n")
    out["content/topics.yml"] = (
        "# The topics section: its title and introduction; one file per topic in content/topics/.\n"
        f"title:\n{_localized({'de': 'Themen', 'en': 'Topics'}, codes)}\n"
        f"intro:\n{_localized({'de': 'Die Themen des Clusters stehen hier bald.', 'en': 'The cluster’s topics will be listed here soon.'}, codes)}\n")
    out["content/translations.yml"] = ("# The checked translations of content/*.yml (cluster-site translations --done); do not edit by hand.\n{}\n")
    out["docs/assets/brand/wordmark.svg"] = _wordmark(answers.short_name, answers.colour)
    out["docs/assets/brand/favicon.svg"] = _favicon(answers.short_name, answers.colour)
    for page, texts in PAGES.items():
        for code in codes:
            title, text = texts.get(code, texts["en"])
            front = {"index": "template: home.html\nhide: [navigation, toc]\n", "get-involved": "template: get_involved.html\n"}.get(page, "")
            heading = "" if page == "index" else f"# {title}\n\n"
            out[f"docs/{page}.{code}.md"] = (f"---\ntitle: {title}\n{front}---\n\n{heading}"
                                             f"{Template(text).substitute(name=_markdown_text(answers.name))}\n")
    easy = "de" if "de" in codes else default
    out[f"docs/leichte-sprache.{easy}.md"] = (
        "---\ntitle: Leichte Sprache\ntranslate: false\neasy_language: true\n---\n\n# Leichte Sprache\n\n"
        "Hier gibt es noch keinen Text in Leichter Sprache.\n")
    return out


def write(target: Path, answers: Answers, today: dt.date) -> list[Path]:
    """The new site in `target` (which must not exist or be empty), with one draft example of
    each kind of item."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target}: {'the folder is not empty' if target.is_dir() else 'is a file'}; give a new folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InitError(f"{target}: cannot be made ({error.strerror})")
    written = []
    for path, text in files(answers, today).items():
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        written.append(file)
    languages = Languages(answers.languages, answers.languages[0])
    examples = (("news", "Beispielmeldung", today), ("event", "Beispielveranstaltung", today + dt.timedelta(days=30)),
                ("member", "Beispiel-Mitglied", today))
    for kind, title, day in examples:
        written += scaffold.create(target, kind, title, languages, day)
    written += write_all(target, languages)  # schemas/: what the content files' first lines point editors' tools at
    return written


def main(target: Path, given: dict[str, str | None], generator: str | None, interactive: bool, today: dt.date) -> int:
    try:
        answers = ask(given, interactive)
        result = checked(answers["name"], answers["short_name"], answers["languages"], answers["colour"],
                         generator or f"cluster-site=={generator_version()}")
        written = write(target, result, today)
    except InitError as error:
        print("cluster-site init: nothing was written:\n" + "\n".join(f"  {line}" for line in str(error).splitlines()), file=sys.stderr)
        return 2
    print(f"A new site for {result.name} ({result.short_name}) in {target}: {len(written)} files, languages "
          f"{', '.join(result.languages)} ({result.languages[0]} the default), brand colour {result.colour}.")
    if not interactive:
        defaults = [field for field, _ in QUESTIONS if given.get(field) is None]
        if defaults:
            print(f"Defaults taken for: {', '.join(defaults)} (change them in content/site.yml and mkdocs.yml).")
    if result.generator.startswith("cluster-site @ file:"):
        print("Note: pyproject.toml installs the generator from a path on this computer; before the site's repository "
              "is pushed (its workflow builds elsewhere), name a version from PyPI or a git+https address there.")
    print("Next:")
    print(f"  cd {target}")
    print("  make build     # installs the generator and builds into site/")
    print("  make check     # lists what only the cluster can fill in (content/site.yml, mkdocs.yml) and the draft examples")
    print("  make serve     # the live preview at http://127.0.0.1:8000/")
    return 0
