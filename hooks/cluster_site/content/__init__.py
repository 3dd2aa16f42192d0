"""Content files -> validated models: read and validated file by file (load.py, with parse.py),
checked across files (checks.py). site_model.load_site runs both and the link checks, and
raises every problem found together.
"""

from __future__ import annotations

from .checks import accessibility_gaps, cross_problems, link_problems, linked_pages, missing_operator_facts
from .load import Content, InParts, Item, ReadFiles, Languages, is_published, read_content
from .problems import ContentError, Problem

__all__ = ["Content", "ContentError", "InParts", "Item", "ReadFiles", "Languages", "Problem", "cross_problems", "is_published",
           "accessibility_gaps", "link_problems", "linked_pages", "missing_operator_facts", "read_content"]
