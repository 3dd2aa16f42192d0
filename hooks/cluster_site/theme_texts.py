"""Material's interface texts ("Zum Inhalt", "Sprache auswählen" ...), looked up once per language.

Material's `partials/language.html` answers `lang.t(key)` with a macro that builds the whole
text table of the language (a 50-entry dict literal in `partials/languages/<code>.html`) on
every call, and `base.html` imports it again for every page: a tenth of the time spent in
templates. `overrides/partials/language.html` points `t` at `ThemeTexts.t` instead, which
asks Material's own tables once per key and returns exactly what the macro returned.
"""

from __future__ import annotations

from jinja2 import Environment, TemplateNotFound, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup


class ThemeTexts:
    def __init__(self, env: Environment, language: str) -> None:
        self._texts: dict[str, str] = {}
        self._fallback = env.get_template("partials/languages/en.html").module
        try:
            self._language = env.get_template(f"partials/languages/{language}.html").module
        except TemplateNotFound:  # a language Material has no texts for: English texts, its own code
            self._language = self._fallback
            self._texts["language"] = language

    @pass_eval_context
    def t(self, eval_ctx: EvalContext, key: str):
        text = self._texts.get(key)
        if text is None:  # as Material's macro: the language's text, else English, else the key
            text = self._texts[key] = str(self._language.t(key)) or str(self._fallback.t(key)) or key
        # A macro's result is safe markup where the calling template escapes, plain text elsewhere.
        return Markup(text) if eval_ctx.autoescape else text
