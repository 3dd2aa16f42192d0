"""Two of Jinja's lookups, done without raising exceptions where the answer is known.

Every call in a template (`t.t(...)`, `cluster.url(...)`, a macro) goes through `Context.call`,
which asks the callable twice, through `hasattr`, whether it wants the context or environment
passed in. For a function, a method or a macro both questions fail: an AttributeError raised
and caught inside `hasattr` each time. And every `a.b` goes through `Environment.getattr`, which
tries the attribute first: on a dict (page.meta, the switcher's entries) that raises too before
the key is looked up. Together about 5 % of a large build's CPU.

The answers are the same as Jinja's (3.1, pinned): a function's `jinja_pass_arg` is in its
`__dict__` (that is where `pass_context` puts it, and where `hasattr` finds it, also through a
method); a plain dict's attributes are those of its type. Anything else takes Jinja's own way.
"""

from __future__ import annotations

from types import FunctionType, MethodType
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context, Macro
from jinja2.utils import internalcode

_DICT_ATTRIBUTES = frozenset(dir(dict))
# Jinja asks a macro for `jinja_pass_arg` on the macro and on its __call__: neither has one.
_MACRO_PLAIN = not hasattr(Macro, "jinja_pass_arg") and not hasattr(Macro.__call__, "jinja_pass_arg")


class QuickCallContext(Context):
    @internalcode
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        kind = type(__obj)
        if kind is MethodType:
            function = __obj.__func__
        elif kind is FunctionType:
            function = __obj
        elif kind is Macro and _MACRO_PLAIN:
            function = None
        else:
            return Context.call(__self, __obj, *args, **kwargs)
        if function is not None and (type(function) is not FunctionType or "jinja_pass_arg" in function.__dict__):
            return Context.call(__self, __obj, *args, **kwargs)  # it wants the context: Jinja's way
        # A plain callable: what Context.call does for one.
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


def install(env: Environment) -> None:
    """Use the quick lookups in `env` (for the templates it loads from now on)."""
    env.context_class = QuickCallContext
    jinja_getattr = env.getattr

    def getattr(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return jinja_getattr(obj, attribute)

    env.getattr = getattr  # compiled templates call environment.getattr(obj, "name")
