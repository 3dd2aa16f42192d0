"""Small repairs of Material's HTML that the Nu Html Checker rejects (valid HTML on every page).

Every page passes through here: plain string searches, not regular expressions, which would
step through each page's 20-odd KB character by character.
"""

from __future__ import annotations

import importlib.metadata

# Material names the engine and its own version in <meta name="generator">; the engine's name
# differs between MkDocs and ProperDocs, whose sites are otherwise the same: it names ours.
_GENERATOR = '<meta name="generator" content="'


def _generator() -> str:
    try:
        return f"cluster-site {importlib.metadata.version('cluster-site')}"
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "cluster-site"


GENERATOR = _generator()

# <input class="md-toggle" ... type="checkbox" ... autocomplete="off">: not allowed on checkboxes.
_TOGGLE = '<input class="md-toggle"'
_CHECKBOX = 'type="checkbox"'
_AUTOCOMPLETE = ' autocomplete="off"'
# Section labels in the navigation get tabindex="" (an empty value is not an integer).
_EMPTY_TABINDEX = ' tabindex=""'
# The table of contents' title points at a toggle (#__toc) that only exists in some layouts;
# and on a page without headings the toggle is there with no label to name it.
_TOC_LABEL = '<label class="md-nav__title" for="__toc"'
_TOC_LABEL_REPAIRED = '<label class="md-nav__title"'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
# Material marks nested navigation lists aria-expanded, which the navigation role does not
# support (its JavaScript would keep it current; without it, it only misinforms).
_NESTED_NAV = '<nav class="md-nav" data-md-level="'
_EXPANDED = ' aria-expanded="'
# Material's drawer and search toggles: unnamed checkboxes (accessibility checkers flag them) that
# only its JavaScript and its header use. Our header has neither (tabs at every width, a search
# field), so the toggles go, and the labels that pointed at the drawer label nothing.
_UNUSED_TOGGLES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
                   '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">')
_DRAWER_LABELS = (('<label class="md-overlay" for="__drawer"></label>', ""),
                  ('<label class="md-nav__title" for="__drawer">', '<label class="md-nav__title">'))


def repair(html: str) -> str:
    html = _our_generator(html)
    html = _drop_checkbox_autocomplete(html)
    for toggle in _UNUSED_TOGGLES:
        html = html.replace(toggle, "", 1)
    for label, repaired in _DRAWER_LABELS:
        html = html.replace(label, repaired)
    html = html.replace(_EMPTY_TABINDEX, "")
    html = _drop_nav_expanded(html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, _TOC_LABEL_REPAIRED)
    elif 'for="__toc"' not in html:
        html = html.replace(_TOC_TOGGLE, "", 1)
    return html


def _our_generator(html: str) -> str:
    start = html.find(_GENERATOR)
    if start < 0:
        return html
    start += len(_GENERATOR)
    end = html.find('"', start)
    return html[:start] + GENERATOR + html[end:] if end > 0 else html


def _drop_checkbox_autocomplete(html: str) -> str:
    """Each toggle tag that is a checkbox loses its autocomplete="off" (after the type)."""
    parts, done = [], 0
    start = html.find(_TOGGLE)
    while start >= 0:
        end = html.find(">", start)
        end = len(html) if end < 0 else end
        checkbox = html.find(_CHECKBOX, start, end)
        drop = html.find(_AUTOCOMPLETE, checkbox + len(_CHECKBOX), end) if checkbox >= 0 else -1
        if drop >= 0:
            parts += [html[done:drop]]
            done = drop + len(_AUTOCOMPLETE)
        start = html.find(_TOGGLE, end)
    return "".join(parts) + html[done:] if parts else html


def _drop_nav_expanded(html: str) -> str:
    """Each nested navigation's opening tag loses its aria-expanded="…"."""
    parts, done = [], 0
    start = html.find(_NESTED_NAV)
    while start >= 0:
        end = html.find(">", start)
        end = len(html) if end < 0 else end
        drop = html.find(_EXPANDED, start, end)
        if drop >= 0:
            value_end = html.find('"', drop + len(_EXPANDED))
            parts += [html[done:drop]]
            done = value_end + 1
        start = html.find(_NESTED_NAV, end)
    return "".join(parts) + html[done:] if parts else html
