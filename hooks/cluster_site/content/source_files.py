"""What the build may read: the repository's own plain files, bounded in size and depth.

A pull request can contain anything. Before any content is parsed:

- no symbolic link under docs/, content/ or overrides/ (one rule, wherever it points: a link to a
  file outside the repository would publish it, e.g. /proc/self/environ; a link inside the
  repository is a copy the Git host, Windows checkouts and web editors each handle differently);
- each text file at most `MAX_TEXT_BYTES`, valid UTF-8, without control characters;
- YAML without aliases (`*name`: what a "billion laughs" bomb is made of) and nested at most
  `MAX_YAML_DEPTH` levels (libyaml's composer crashes on very deep nesting);
- Markdown whose brackets nest at most as deep as a text needs (Python-Markdown is quadratic).

Every finding is a `Problem` with file and line, reported with all others.

What editors and file managers leave beside the files they open (`EDITOR_FILES`) is neither
read nor checked nor published, under all three folders alike.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

import yaml

from .problems import Problem

SOURCE_FOLDERS = ("docs", "content", "overrides")
# Swap, lock, backup and autosave files and folder settings: Vim (.name.swp, and 4913, which it
# writes for a moment to test a folder), Emacs (name~, #name#, and .#name, a link to nowhere),
# Kate, gedit, JetBrains IDEs, LibreOffice, macOS and Windows. An editor with a content file open would
# otherwise stop the build (and the live preview) with a file it never showed.
EDITOR_FILES = ("*~", "#*#", ".#*", ".*.sw?", ".*.kate-swp", ".goutputstream-*", "*___jb_tmp___", "*___jb_old___",
                ".~lock.*#", ".DS_Store", "._*", "Thumbs.db", "desktop.ini", "4913")
_EDITOR_FILE = re.compile("|".join(fnmatch.translate(pattern) for pattern in EDITOR_FILES))
MAX_TEXT_BYTES = 1_000_000
MAX_YAML_DEPTH = 40
# C0 controls but tab, line feed and carriage return; DEL; C1 controls. And the bidirectional
# overrides and isolates, which make text display in another order than it reads.
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_BRACKETS = re.compile(r"[^\[\]{}]+")


def is_editor_file(name: str) -> bool:
    """Whether a file of this name (without its folder) is one an editor or the system left."""
    return _EDITOR_FILE.match(name) is not None


def symlink_problems(root: Path, folders: tuple[str, ...] = SOURCE_FOLDERS) -> list[Problem]:
    """Every symbolic link under `folders` of `root`, files and folders alike (not followed)."""
    problems = []
    real_root = root.resolve()
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            problems.append(_symlink_problem(top, root, real_root))
            continue
        problems += [_symlink_problem(link, root, real_root) for link in _links_under(top)]
    return problems


def _links_under(top: Path) -> list[Path]:
    """The symbolic links under a folder, in name order, without following any: the kind of each
    entry comes with the folder listing, so no file is looked at on its own."""
    links, folders = [], [str(top)]
    while folders:
        try:
            with os.scandir(folders.pop()) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_symlink():
                if is_editor_file(entry.name) and not os.path.exists(entry.path):
                    continue  # Emacs' lock file: a link to nowhere, nothing to read through it
                links.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    return links


def _symlink_problem(link: Path, root: Path, real_root: Path) -> Problem:
    target = os.readlink(link)
    try:
        resolved = (link.parent / target).resolve()
        inside = resolved == real_root or real_root in resolved.parents
    except (OSError, RuntimeError):  # a loop of links: refused like any link
        inside = True
    code = "symlink" if inside else "symlink_outside"
    return Problem(link.relative_to(root).as_posix(), 1, "", code, (target,))


# What may lie under docs/ besides pages: files a browser shows but never runs. No HTML, script
# or XML (MkDocs copies them as they are, outside every check and policy); SVG only without script.
ASSET_SUFFIXES = frozenset({
    ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf", ".mp4", ".webm",
    ".mp3", ".ogg", ".vtt", ".woff2", ".txt",
})
_SVG_SCRIPT = re.compile(rb"<script|<foreignObject|\son[a-z]+\s*=|javascript:|<!ENTITY", re.IGNORECASE)


def asset_problems(docs_dir: Path, root: Path, page_suffixes: tuple[str, ...]) -> list[Problem]:
    """Files under docs/ that are neither pages nor assets a browser cannot run."""
    problems = []
    for folder, dirs, names in os.walk(docs_dir):  # symbolic links are not followed
        dirs.sort()
        for name in sorted(names):
            file = Path(folder) / name
            suffix = file.suffix.lower()
            if is_editor_file(name) or file.is_symlink() or suffix in page_suffixes:
                continue
            path = file.relative_to(root).as_posix()
            if suffix not in ASSET_SUFFIXES:
                problems.append(Problem(path, 1, "", "asset_type", (suffix or name, ", ".join(sorted(ASSET_SUFFIXES)))))
            elif suffix == ".svg" and file.stat().st_size <= MAX_TEXT_BYTES * 5:
                data = file.read_bytes()
                match = _SVG_SCRIPT.search(data)
                if match:
                    problems.append(Problem(path, data[: match.start()].count(b"\n") + 1, "", "svg_script"))
    return problems


def read_text(file: Path, path: str, problems: list[Problem]) -> str | None:
    """The text of a content file, or None with the reason added to `problems`."""
    size = file.stat().st_size
    if size > MAX_TEXT_BYTES:
        problems.append(Problem(path, 1, "", "file_too_large", (f"{size / 1e6:.1f}", f"{MAX_TEXT_BYTES / 1e6:g}")))
        return None
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # as MkDocs reads it: a byte order mark is not text
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, data[: exc.start].count(b"\n") + 1, "", "not_utf8"))
        return None
    problems += control_character_problems(text, path)
    return text


def control_character_problems(text: str, path: str, first_line: int = 1, field: str = "") -> list[Problem]:
    """One problem per line of `text` that holds a control character."""
    problems = []
    last_line = None
    for match in _CONTROL.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        if line != last_line:
            problems.append(Problem(path, line, field, "control_character", (f"U+{ord(match[0]):04X}",)))
            last_line = line
    return problems


# Python-Markdown's time grows with the square of how deep brackets nest; no text needs this many.
MAX_MARKDOWN_NESTING = 100


def markdown_nesting_problems(body: str, path: str, first_line: int) -> list[Problem]:
    if bracket_depth(body) > MAX_MARKDOWN_NESTING:
        return [Problem(path, first_line, "", "markdown_too_deep", (MAX_MARKDOWN_NESTING,))]
    return []


def bracket_depth(text: str) -> int:
    """How deep `[` and `{` nest in `text` (quotes and code not considered: an upper bound).
    Python-Markdown's time grows with the square of it."""
    depth = deepest = 0
    for bracket in _BRACKETS.sub("", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def yaml_too_deep(text: str) -> bool:
    """Whether collections nest deeper than MAX_YAML_DEPTH, found from libyaml's event stream
    (iterative), before its recursive composer could crash on the text."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return True
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False  # the parse proper reports it, with its line
    return False


def yaml_alias_problems(node: yaml.Node | None, path: str, offset: int) -> list[Problem]:
    """Aliases in a composed YAML node tree (whose depth `yaml_too_deep` has bounded), walked
    without recursion: an alias shares its node, so a node met twice is an alias."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)] if node is not None else []
    while stack:
        current, line = stack.pop()
        if id(current) in seen:
            problems.append(Problem(path, line + offset, "", "yaml_alias"))
            continue
        seen.add(id(current))
        # Pushed last to first, so the first use of a shared node is the one met first.
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((value, key.start_mark.line + 1))
        elif isinstance(current, yaml.SequenceNode):
            for value in reversed(current.value):  # an alias keeps no place of its own: its list's line
                stack.append((value, line if id(value) in seen else value.start_mark.line + 1))
    return sorted(set(problems))
