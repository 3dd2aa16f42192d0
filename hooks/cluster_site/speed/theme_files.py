"""The live preview lists the theme's files once per session (part of the `preview` shortcut).

On every build MkDocs lists every file under the theme's folders to copy the static ones
(`Files.add_files_from_theme`, through the Jinja environment's `list_templates`): with
Material some 14,000 names, nearly all icons under `.icons/`, each matched against a dozen
patterns, per language. While the preview runs, the folders of installed themes do not
change, and a change under a site's `overrides/` or the generator's `theme/` makes the preview start afresh (its files are part
of page_inputs.site_digest), which empties the store this listing is kept in.

Names in a folder or file whose name starts with "." are left out before MkDocs' filter sees
them, which refuses them anyway (its patterns ".*" and "*/.*"): checked each time on one name
under each such folder (`.icons/`, `.well-known/`, `assets/.cache/` ...) and each such file,
the whole listing is filtered as before if MkDocs ever keeps one of them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any, Callable

from jinja2 import Environment


Listing = tuple[list[str], list[str], list[str]]  # hidden names, one of them per hidden folder or file, the others


def list_once(theme: Any, listings: dict[tuple[str, ...], Listing]) -> None:
    """Let the environments `theme.get_env()` makes list the theme's files from `listings`
    (by theme folders), filled on first use."""
    make_environment: Callable[[], Environment] = theme.get_env

    @functools.wraps(make_environment)
    def get_env() -> Environment:
        env = make_environment()
        env.list_templates = functools.partial(_list_templates, env, listings)  # type: ignore[method-assign]  # this environment's only
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # the shortcut itself


def _hidden_part(name: str) -> str | None:
    """The name up to its first folder or file whose name starts with "." (None: there is none)."""
    parts = name.split("/")
    for index, part in enumerate(parts):
        if part.startswith("."):
            return "/".join(parts[: index + 1])
    return None


def _list_templates(env: Environment, listings: dict[tuple[str, ...], Listing], extensions: Collection[str] | None = None,
                    filter_func: Callable[[str], bool] | None = None) -> list[str]:
    folders = getattr(env.loader, "searchpath", None)
    if extensions is not None or filter_func is None or not isinstance(folders, list):
        return Environment.list_templates(env, extensions, filter_func)
    key = tuple(folders)
    if key not in listings:
        parts = {name: _hidden_part(name) for name in Environment.list_templates(env)}
        hidden = [name for name, part in parts.items() if part is not None]
        samples = list({parts[name]: name for name in hidden}.values())
        listings[key] = (hidden, samples, [name for name, part in parts.items() if part is None])
    hidden, samples, shown = listings[key]
    if any(filter_func(name) for name in samples):  # the filter keeps dot files now: filter everything
        return sorted(name for name in (*hidden, *shown) if filter_func(name))
    return [name for name in shown if filter_func(name)]
