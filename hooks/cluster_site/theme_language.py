"""Material's interface texts for a language Material has none for (Sorbian, say).

Material finds the texts of a page's language in `partials/languages/<code>.html` and stops the
build if that file does not exist. For such a language the environment gets a stand-in: English
texts, and the language's own code where Material writes it (`<html lang>`), so that a new
language needs only configuration and content.
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, DictLoader, Environment, TemplateNotFound

_STAND_IN = ('{% import "partials/languages/en.html" as english %}'
             '{% macro t(key) %}{{ "{code}" if key == "language" else english.t(key) }}{% endmacro %}')


def add_missing_language(env: Environment, code: str) -> bool:
    """Give `env` English interface texts for `code` if Material has none; whether it had to."""
    name = f"partials/languages/{code}.html"
    assert env.loader is not None, "MkDocs' environment has the theme's loader"
    try:
        env.loader.get_source(env, name)
        return False
    except TemplateNotFound:
        pass
    env.loader = ChoiceLoader([DictLoader({name: _STAND_IN.replace("{code}", code)}), env.loader])
    return True
