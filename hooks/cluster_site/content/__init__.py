"""Content files -> validated models: read (load.py, parse.py), checked across files (checks.py).
"""

from __future__ import annotations

from pathlib import Path

from .checks import cross_problems, link_problems, missing_operator_facts
from .load import Content, InParts, Item, Languages, is_published, read_content
from .problems import ContentError, Problem

__all__ = ["Content", "ContentError", "InParts", "Item", "Languages", "Problem", "is_published", "load_content",
           "missing_operator_facts", "link_problems", "read_content"]


def load_content(root: Path, languages: Languages, docs_dir: Path | None = None) -> Content:
    """Read, validate and check across files everything under ``root/content``; ContentError
    with every problem if there is any. (Links to pages need the pages: site_model.load_site.)"""
    content, problems = read_content(root, languages, docs_dir)
    if content is not None:
        problems += cross_problems(content, docs_dir)
    if problems or content is None:
        raise ContentError(problems)
    return content
