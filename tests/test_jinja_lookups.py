"""The quick lookups (cluster_site/jinja_lookups.py) give the same output as Jinja's own.

Each template runs in a plain Jinja environment and in one with the quick lookups; the whole
site built with them is compared in test_page_frame.py and by every other build test.
"""

from __future__ import annotations

import jinja2
import pytest
from jinja2 import pass_context, pass_environment, pass_eval_context

from cluster_site import jinja_lookups


class Helpers:
    def __init__(self) -> None:
        self.calls = 0

    def plain(self, value, suffix="!"):
        self.calls += 1
        return f"{value}{suffix}"

    @pass_context
    def sees_context(self, context, name):
        return f"{name}={context.get(name)}"

    @pass_environment
    def sees_environment(self, environment, value):
        return f"{type(environment).__name__}:{value}"


class CallableWithContext:
    @pass_context
    def __call__(self, context, name):
        return f"called:{context.get(name)}"


@pass_eval_context
def eval_context_function(eval_ctx, value):
    return f"autoescape={eval_ctx.autoescape}:{value}"


def stops():
    raise StopIteration


TEMPLATES = {
    "calls.html": (
        "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{% macro wrap() %}[{{ caller() }}]{% endmacro %}"
        "{{ h.plain('a') }} {{ h.plain('b', suffix='?') }} {{ h.sees_context('who') }} "
        "{{ h.sees_environment(1) }} {{ twice('m') }} {{ callable_object('who') }} "
        "{{ eval_context_function('<') }} {{ free(3) }} {{ range(3) | list }} {{ stops() }}|"
        "{% for who in ['loop'] %}{{ h.sees_context('who') }}{% endfor %}"
        "{% set outer = 'block' %}{% for x in [1] %}{{ h.sees_context('outer') }}{% endfor %}"
        "{% call wrap() %}caller{% endcall %}"
    ),
    "lookups.html": (
        "{{ d.title }} {{ d.items is defined }} {{ d.missing is defined }} [{{ d.missing }}] "
        "{{ d['items'] }} {{ sub.title }} {{ obj.real }} {{ nested.a.b }} {{ d.get('title') }} "
        "{{ (d.items() | list) | length }} {{ none_dict.x is defined }}"
    ),
}


def _render(name: str, quick: bool, undefined=jinja2.Undefined) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=undefined)
    if quick:
        jinja_lookups.install(env)
    class Sub(dict):
        pass
    class Obj:
        real = "attribute"
    values = {
        "h": Helpers(), "who": "top", "callable_object": CallableWithContext(),
        "eval_context_function": eval_context_function, "free": lambda n: n * 2, "stops": stops,
        "d": {"title": "T", "items": "key named items"}, "sub": Sub(title="S"), "obj": Obj(),
        "nested": {"a": {"b": "deep"}}, "none_dict": {},
    }
    return env.get_template(name).render(values)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_the_quick_lookups_render_what_jinja_renders(name):
    assert _render(name, quick=True) == _render(name, quick=False)


def test_what_the_calls_template_shows():
    # Not just equal: the cases are really exercised (context, loop variables, macros, caller).
    html = _render("calls.html", quick=True)
    assert html.startswith("a! b? who=top Environment:1 mm called:top autoescape=True:&lt; 6 [0, 1, 2] |")
    assert html.endswith("|who=topouter=block[caller]")  # a set variable reaches the function, as in Jinja


def test_a_missing_key_is_still_an_error_under_strict_undefined():
    with pytest.raises(jinja2.UndefinedError) as quick:
        _render("lookups.html", quick=True, undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError) as plain:
        _render("lookups.html", quick=False, undefined=jinja2.StrictUndefined)
    assert str(quick.value) == str(plain.value)
