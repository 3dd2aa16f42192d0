"""Text -> data with line numbers: YAML, front matter, and pydantic's errors as problems.

Every value read from a file keeps the line it came from (dotted field -> line), so that an
editor's message names file, line and field.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from . import source_files
from .problems import Problem

# --- YAML with line numbers ------------------------------------------------------------


def _line_index(node: yaml.Node | None, prefix: str = "", out: dict[str, int] | None = None) -> dict[str, int]:
    """Map dotted field paths ("legal.address.street", "offers.2.title") to 1-based lines."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}{key.value}"
            out.setdefault(path, key.start_mark.line + 1)
            _line_index(value, path + ".", out)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            path = f"{prefix}{index}"
            out.setdefault(path, value.start_mark.line + 1)
            _line_index(value, path + ".", out)
    return out


def _duplicate_keys(node: yaml.Node | None, path: str, offset: int, prefix: str = "") -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1 + offset
            if key.value in seen:
                problems.append(Problem(path, line, prefix + str(key.value), "duplicate", (key.value, f"{path}:{seen[key.value]}")))
            seen.setdefault(key.value, line)
            problems += _duplicate_keys(value, path, offset, f"{prefix}{key.value}.")
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            problems += _duplicate_keys(value, path, offset, f"{prefix}{index}.")
    return problems


# libyaml's parser when PyYAML has it (several times faster on large sites), else pure Python.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_BaseLoader):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """SafeLoader that keeps an impossible date (2022-02-30) as text for the model to report."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def yaml_data(text: str) -> Any:
    """YAML text as data, read as parse_yaml reads it (no line numbers, no checks: for text that
    has passed them, or whose problems are reported elsewhere)."""
    return yaml.load(text, Loader=_YamlLoader)


@dataclass
class Parsed:
    data: Any
    lines: dict[str, int]  # dotted field -> line in the file (front-matter offset applied)
    offset: int  # lines before the YAML text in the file (front matter: 1)


def _yaml_problem(exc: yaml.YAMLError, text: str, path: str, offset: int) -> Problem:
    """The parser's complaint in an editor's words, on the line to change: the usual mistakes
    (a colon in a value, a tab, a quote left open) get their own message; others the parser's."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    code = "yaml"
    args: tuple[str, ...] = (problem,)
    if "mapping values are not allowed" in problem:
        code, args = "yaml_colon", ()
    elif mark is not None and "\t" in (text.splitlines()[mark.line:mark.line + 1] or [""])[0]:
        code, args = "yaml_tab", ()
    elif "quoted scalar" in context:  # the quote opened here was never closed
        code, args, mark = "yaml_quote", (), getattr(exc, "context_mark", None) or mark
    line = mark.line + 1 if mark else 1
    if code == "yaml":  # a quote left open often closes at the next value's quote, and fails there
        opened = next((number for number, text_line in enumerate(text.splitlines()[:line], start=1)
                       if _OPEN_QUOTE.match(text_line)), None)
        if opened is not None:
            code, args, line = "yaml_quote", (), opened
    return Problem(path, line + offset, "", code, args)


# `key: "value` with no closing quote on its line.
_OPEN_QUOTE = re.compile(r'^\s*[\w-]+:\s+"(?:[^"\\]|\\.)*$')


def parse_yaml(text: str, path: str, offset: int, problems: list[Problem]) -> Parsed | None:
    if source_files.yaml_too_deep(text):  # before libyaml's composer sees it
        problems.append(Problem(path, 1 + offset, "", "yaml_too_deep", (source_files.MAX_YAML_DEPTH,)))
        return None
    loader = _YamlLoader(text)
    try:  # one parse: the node tree gives line numbers, and is then constructed into data
        node = loader.get_single_node()
        aliases = source_files.yaml_alias_problems(node, path, offset)
        if aliases:  # an alias bomb is never constructed
            problems += aliases
            return None
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, text, path, offset))
        return None
    finally:
        loader.dispose()
    problems += _duplicate_keys(node, path, offset)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(path, 1 + offset, "", "not_mapping"))
        return None
    return Parsed(data, {k: v + offset for k, v in _line_index(node).items()}, offset)


# MkDocs' own rule for front matter (mkdocs.utils.meta.YAML_RE: closed by "---" or "..."), and


# MkDocs' own rule for front matter (mkdocs.utils.meta.YAML_RE: closed by "---" or "...").
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_page(text: str) -> tuple[str | None, str, int]:
    """A docs/ page's text as MkDocs splits it: front matter YAML (None without), the body, and
    the line the body starts on."""
    front = _MKDOCS_FRONT_MATTER.match(text)
    return (front[1], text[front.end():], 1 + front[0].count("\n")) if front else (None, text, 1)


def page_body(file: Path) -> tuple[str, int]:
    """A page under docs/ as MkDocs renders it: the text after its front matter, and the line
    that text starts on."""
    _, body, first_line = split_page(file.read_bytes().decode("utf-8-sig", errors="replace"))
    return body, first_line


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """Return (front matter YAML, body, first body line) or an error code."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)  # a byte-order mark is no content
    if not lines or lines[0].strip() != "---":
        return "front_matter_missing"
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "front_matter_unclosed"


# --- pydantic errors -> problems -------------------------------------------------------

# Model-level checks point at the field an editor has to change.
_CHECK_FIELD = {
    "end_before_start": "end",
    "start_end_mixed": "end",
    "no_place": "location",
    "logo_without_alt": "logo_alt",
    "updated_before_date": "updated",
    "own_part_without_source": "own_part",
}
_DATE_TYPES = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_past", "date_future"}
_DATETIME_TYPES = {"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"}
_PLAIN_TYPES = {
    "missing", "string_type", "string_too_short", "string_pattern_mismatch", "int_type", "int_parsing",
    "bool_type", "bool_parsing", "list_type", "dict_type", "model_type", "too_short", "int_from_float",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        found = []
        for arg in typing.get_args(annotation):
            found += _unwrap(arg)
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: Any, loc: tuple) -> type[BaseModel] | None:
    current = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            candidates = _unwrap(current.model_fields[part].annotation)
            current = candidates[0] if candidates else None
        elif not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _branch_start(model: Any, loc: tuple) -> int:
    """Where pydantic's union/validator tags begin in `loc` ("start", "datetime" -> 1)."""
    for index, part in enumerate(loc):
        if not isinstance(part, str):
            continue
        if "[" in part:
            return index
        if part in ("date", "datetime") and index > 0:
            parent = _model_at(model, loc[:index]) if model is not None else None
            if parent is None or part not in parent.model_fields:
                return index
    return len(loc)


def validation_problems(exc: ValidationError, model: Any, path: str, parsed: Parsed) -> list[Problem]:
    problems = []
    for error in exc.errors():
        kind = error["type"]
        raw = error["loc"]
        loc = tuple(raw[: _branch_start(model, raw)])  # the field path, without union tags
        args: tuple = ()
        if kind in _PLAIN_TYPES:
            code = kind
        elif kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = tuple(parent.model_fields) if parent else ()
            code, args = kind, (str(loc[-1]), allowed)
        elif kind in _DATE_TYPES or kind in _DATETIME_TYPES:
            union = "datetime" in raw[len(loc):]
            code = "datetime" if union or kind in _DATETIME_TYPES else "date"
        elif kind == "enum":
            code, args = "enum", (error["ctx"]["expected"],)
        elif kind in ("string_too_long", "too_long"):  # too_long: a length limit on top of Text's
            code, args = "string_too_long", (error["ctx"]["max_length"],)
        elif kind in ("greater_than_equal", "less_than_equal"):
            code, args = kind, (next(iter(error["ctx"].values())),)
        elif kind == "value_error":
            code, *rest = str(error["ctx"]["error"]).split(":")
            args = tuple(rest)
            if code in _CHECK_FIELD:
                loc = loc + (_CHECK_FIELD[code],)
        else:
            code, args = "raw", (error["msg"],)
        dotted = ".".join(str(p) for p in loc)
        line = nearest_line(parsed.lines, ".".join(str(p) for p in loc), 1 + parsed.offset)
        problems.append(Problem(path, line, dotted, code, args))
    return problems


def nearest_line(lines: dict[str, int], dotted: str, default: int = 1) -> int:
    """The line of a dotted field, or of its nearest parent that exists in the file."""
    while dotted:
        if dotted in lines:
            return lines[dotted]
        dotted = dotted.rpartition(".")[0]
    return default


def validate(model: Any, parsed: Parsed, path: str, context: dict[str, Any], problems: list[Problem]) -> Any:
    """`parsed` validated against `model` (a pydantic model or TypeAdapter); None, with its
    problems added, if it does not fit."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(parsed.data, context=context)
        return model.model_validate(parsed.data, context=context)
    except ValidationError as exc:
        problems += validation_problems(exc, model if not isinstance(model, TypeAdapter) else None, path, parsed)
        return None


def line_of(lines_by_path: dict[str, dict[str, int]], path: str, dotted: str) -> int:
    return nearest_line(lines_by_path.get(path, {}), dotted)
