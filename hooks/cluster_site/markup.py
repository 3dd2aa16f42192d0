"""Small repairs of Material's HTML that the Nu Html Checker rejects (valid HTML on every page)."""

from __future__ import annotations

import re

# <input class="md-toggle" type="checkbox" ... autocomplete="off">: not allowed on checkboxes.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# Section labels in the navigation get tabindex="" (an empty value is not an integer).
_EMPTY_TABINDEX = ' tabindex=""'
# The table of contents' title points at a toggle (#__toc) that only exists in some layouts.
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def repair(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(_EMPTY_TABINDEX, "")
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html
