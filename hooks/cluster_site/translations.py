"""Which translations are missing or older than their original (`cluster-site translations`).

A translation records which version of the original it translates: `translation_of:` in its
front matter holds a short hash of the original file. When the original changes, the hash no
longer matches and the translation is reported as outdated; git dates play no part.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from .content import Content, line_of

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MISSING, OUTDATED, UNCHECKED = "missing", "outdated", "unchecked"


def version_hash(text: str) -> str:
    """Short hash of an original's text (line endings and trailing spaces do not count)."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


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


def _file_pairs(root: Path, content: Content, docs_dir: Path) -> list[tuple[str, str, dict[str, Path]]]:
    """(kind, key, {lang: file}) for news, events and hand-written pages."""
    pairs = []
    for kind in ("news", "events"):
        for slug, versions in getattr(content, kind).items():
            pairs.append((kind, slug, {lang: root / item.path for lang, item in versions.items()}))
    codes = "|".join(map(re.escape, content.languages.codes))
    pages: dict[str, dict[str, Path]] = {}
    for file in sorted(docs_dir.rglob("*.md")):
        match = re.match(rf"^(.*)\.({codes})\.md$", file.relative_to(docs_dir).as_posix())
        if match:
            pages.setdefault(match[1], {})[match[2]] = file
    pairs += [("docs", key, files) for key, files in pages.items()]
    return pairs


def _localized_gaps(content: Content) -> list[Status]:
    """Texts in YAML files ({de: …}) that lack a language."""
    result = []
    default, codes = content.languages.default, content.languages.codes
    for path in sorted(content.lines):
        if not path.endswith(".yml"):
            continue
        data = yaml.load((content.root / path).read_text(encoding="utf-8"), Loader=_FAST)

        def walk(node, dotted: str) -> None:
            if isinstance(node, dict):
                keys = set(node)
                if default in keys and keys <= set(codes):
                    for lang in codes:
                        if lang not in keys:
                            result.append(Status(lang, MISSING, path, line_of(content.lines, path, dotted), dotted, path))
                    return
                for key, value in node.items():
                    walk(value, f"{dotted}.{key}" if dotted else str(key))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, f"{dotted}.{index}")

        walk(data, "")
    return result


def translation_status(root: Path, content: Content, docs_dir: Path) -> list[Status]:
    default = content.languages.default
    result = []
    for kind, key, files in _file_pairs(root, content, docs_dir):
        original = files.get(default)
        if original is None:
            continue
        original_rel = original.relative_to(root).as_posix()
        original_text = original.read_text(encoding="utf-8")
        if _front_matter_value(original_text, "translate") == "False":
            continue  # e.g. Leichte Sprache: German by nature
        current = version_hash(original_text)
        for lang in content.languages.codes:
            if lang == default:
                continue
            file = files.get(lang)
            if file is None:
                expected = original_rel[: -len(f".{default}.md")] + f".{lang}.md"
                result.append(Status(lang, MISSING, expected, 1, "", original_rel))
                continue
            text = file.read_text(encoding="utf-8")
            recorded = _front_matter_value(text, "translation_of")
            if recorded != current:
                line = next((n for n, l in enumerate(text.splitlines(), 1) if l.startswith("translation_of:")), 1)
                result.append(Status(lang, UNCHECKED if recorded is None else OUTDATED,
                                     file.relative_to(root).as_posix(), line, "", original_rel))
    result += _localized_gaps(content)
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
