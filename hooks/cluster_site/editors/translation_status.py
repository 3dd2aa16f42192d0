"""Which translations are missing or older than their original (`cluster-site translations`).

A translation records which version of the original it translates: `translation_of:` in its
front matter holds a short hash of what the original says (its front matter as data, and its
text; content/load.py `version_hash`). When the original changes, the hash no longer matches and
the translation is reported as outdated; git dates play no part.

Texts inside YAML files (`{de: …, en: …}`) have no front matter: content/translations.yml
records, per file and language, the checked pairs of versions "original:translation"
(`cluster-site translations --done content/<file>.yml` writes them). A text whose pair is not
there is outdated if its translation was checked against another original, else unchecked.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from ..content.load import Content, Languages, version_hash
from ..content.parse import line_of
from ..content.source_files import is_editor_file
from .schema import header_for

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MISSING, OUTDATED, UNCHECKED = "missing", "outdated", "unchecked"


@dataclass(frozen=True)
class Status:
    lang: str
    state: str  # missing | outdated | unchecked
    path: str  # the translation (or where it belongs)
    line: int
    field: str  # for texts inside YAML files
    original: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" + (f": {self.field}" if self.field else "")
        return f"{where}: {self.state} ({self.lang}; original: {self.original})"


_TRANSLATION_OF = re.compile(r"^translation_of:.*$", re.MULTILINE)


def _front_matter_value(text: str, key: str) -> str | None:
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    try:
        data = yaml.load(text[3:end], Loader=_FAST) if end > 0 else None
    except yaml.YAMLError:
        return None
    return str(data.get(key)) if isinstance(data, dict) and data.get(key) is not None else None


@dataclass(frozen=True)
class _Version:
    """One language's file of a page or item, as far as translations are concerned."""

    path: str
    version: str  # version_hash of the file
    recorded: str | None  # translation_of: the original's version this translation follows
    line: int  # of translation_of (1 if absent)
    translate: bool = True  # false in an original: not meant to be translated (Leichte Sprache)


def _versions(root: Path, content: Content, docs_dir: Path) -> list[dict[str, _Version]]:
    """{lang: _Version} per news item, event and hand-written page.

    Items were read and parsed by the content loader: their versions come from there.
    """
    result = [
        {lang: _Version(item.path, item.version, item.front.translation_of,
                        content.lines.get(item.path, {}).get("translation_of", 1))
         for lang, item in versions.items()}
        for kind in ("news", "events") for versions in getattr(content, kind).values()
    ]
    codes = "|".join(map(re.escape, content.languages.codes))
    pages: dict[str, dict[str, _Version]] = {}
    for file in sorted(docs_dir.rglob("*.md")):
        if is_editor_file(file.name) or file.is_symlink():
            continue
        match = re.match(rf"^(.*)\.({codes})\.md$", file.relative_to(docs_dir).as_posix())
        if match:
            text = file.read_text(encoding="utf-8")
            line = next((n for n, l in enumerate(text.splitlines(), 1) if l.startswith("translation_of:")), 1)
            pages.setdefault(match[1], {})[match[2]] = _Version(
                file.relative_to(root).as_posix(), version_hash(text), _front_matter_value(text, "translation_of"),
                line, _front_matter_value(text, "translate") != "False")
    return result + list(pages.values())


RECORD = "content/translations.yml"
_RECORD_HEADER = ("# The checked translations of the texts in content/*.yml: file -> language -> pairs of\n"
                  "# versions \"original:translation\". Written by `cluster-site translations --done content/<file>.yml`\n"
                  "# once a file's translations are checked; do not edit by hand.\n")


def _localized_texts(data: object, codes: tuple[str, ...]) -> list[tuple[str, dict]]:
    """(dotted field, {lang: text}) for every localized text in a YAML file's data."""
    found: list[tuple[str, dict]] = []

    def walk(node: object, dotted: str) -> None:
        if isinstance(node, dict):
            if node and set(node) <= set(codes) and all(isinstance(v, str) for v in node.values()):
                found.append((dotted, node))
                return
            for key, value in node.items():
                walk(value, f"{dotted}.{key}" if dotted else str(key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{dotted}.{index}")

    walk(data, "")
    return found


def read_record(root: Path) -> dict:
    path = root / RECORD
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST)
    return data if isinstance(data, dict) else {}


def _localized_status(content: Content) -> list[Status]:
    """Texts in YAML files ({de: …}) that lack a language, or whose original changed since the
    translation was recorded (content/translations.yml)."""
    result = []
    default, codes = content.languages.default, content.languages.codes
    record = content.translation_record
    for path in sorted(content.lines):
        if not path.endswith(".yml") or path == RECORD:
            continue
        data = yaml.load((content.root / path).read_text(encoding="utf-8"), Loader=_FAST)
        recorded = record.get(path, {})
        for dotted, texts in _localized_texts(data, codes):
            if default not in texts:
                continue
            line = line_of(content.lines, path, dotted)
            original = version_hash(texts[default])
            for lang in codes:
                if lang == default:
                    continue
                if lang not in texts:
                    result.append(Status(lang, MISSING, path, line, dotted, path))
                    continue
                pairs = recorded.get(lang, [])
                translation = version_hash(texts[lang])
                if f"{original}:{translation}" in pairs:
                    continue
                # Checked once with another original: the original has changed since.
                state = OUTDATED if any(pair.endswith(f":{translation}") for pair in pairs) else UNCHECKED
                result.append(Status(lang, state, path, line_of(content.lines, path, f"{dotted}.{lang}"), dotted, path))
    return result


def mark_yaml_done(file: Path, root: Path, languages: Languages) -> int:
    """Record the default language's current texts of a YAML file as translated (every language
    the file has a text in); returns how many translations were recorded."""
    relative, default = file.relative_to(root).as_posix(), languages.default
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=_FAST)
    entries: dict[str, set[str]] = {}
    for _, texts in _localized_texts(data, languages.codes):
        if default in texts:
            for lang in texts:
                if lang != default:
                    entries.setdefault(lang, set()).add(f"{version_hash(texts[default])}:{version_hash(texts[lang])}")
    if not entries:
        raise ValueError(f"{relative}: no translated texts ({{{default}: …, …}}) in this file")
    record = read_record(root)
    record[relative] = {lang: sorted(pairs) for lang, pairs in sorted(entries.items())}
    text = yaml.safe_dump(dict(sorted(record.items())), allow_unicode=True, sort_keys=False, width=200)
    (root / RECORD).write_text(f"{header_for('translations.yml')}\n{_RECORD_HEADER}{text}", encoding="utf-8")
    return sum(len(pairs) for pairs in entries.values())


def translation_status(root: Path, content: Content, docs_dir: Path) -> list[Status]:
    default = content.languages.default
    result = []
    for versions in _versions(root, content, docs_dir):
        original = versions.get(default)
        if original is None or not original.translate:
            continue
        for lang in content.languages.codes:
            if lang == default:
                continue
            translation = versions.get(lang)
            if translation is None:
                expected = original.path[: -len(f".{default}.md")] + f".{lang}.md"
                result.append(Status(lang, MISSING, expected, 1, "", original.path))
            elif translation.recorded != original.version:
                state = UNCHECKED if translation.recorded is None else OUTDATED
                result.append(Status(lang, state, translation.path, translation.line, "", original.path))
    result += _localized_status(content)
    return sorted(result, key=lambda s: (s.lang, s.path, s.line, s.field))


def mark_done(translation: Path, root: Path, default: str) -> str:
    """Record the original's current version in a translation's front matter."""
    match = re.match(r"^(.*)\.([^.]+)\.md$", translation.name)
    if not match or match[2] == default:
        raise ValueError(f"{translation}: not a translation (<key>.<language>.md)")
    original = translation.with_name(f"{match[1]}.{default}.md")
    if not original.is_file():
        raise ValueError(f"{translation}: its original {original.name} does not exist")
    value = version_hash(original.read_text(encoding="utf-8"))
    text = translation.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        text = f"---\ntranslation_of: {value}\n---\n\n{text}"
    elif _TRANSLATION_OF.search(text.split("\n---", 1)[0]):
        head, rest = text.split("\n---", 1)
        text = _TRANSLATION_OF.sub(f"translation_of: {value}", head, count=1) + "\n---" + rest
    else:
        text = f"---\ntranslation_of: {value}\n" + text[4:]
    translation.write_text(text, encoding="utf-8")
    return value


def as_json(statuses: list[Status]) -> list[dict]:
    return [asdict(s) for s in statuses]
