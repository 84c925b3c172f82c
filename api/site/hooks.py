"""The request hooks :class:`api.site.answers.ReadyAnswers` passes by, and the check that no other is there.

The middleware answers a ready representation before Flask, so Flask's request hooks
(``before_request``, ``after_request``, ``teardown_request``, URL value preprocessors, app
context teardown, an app's or a blueprint's) do not run for those answers. That is right for the
hooks listed in :data:`PASSED_BY`, each for the reason given there. Any other hook would be
skipped for most requests without a word, so :func:`check_hooks` refuses it: ``create_app``
calls it before it returns (the app does not start), and the middleware calls it again on its
first request (for a hook added to the app after ``create_app``).

What to do instead of a new hook: a header meant for every response goes into
:func:`api.site.headers.common_headers` (every representation carries it); anything else that
must happen per request goes into the middleware or in front of it, as :mod:`api.site.host` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask

__all__ = ["PASSED_BY", "HookPassedBy", "check_hooks"]

#: Hooks the middleware may pass by, by ``module:qualified name``, with the reason.
PASSED_BY = {
    "flask_cors.extension:make_after_request_function.<locals>.cors_after_request": (
        "CORS headers: every representation carries them (api.site.headers.common_headers)"
    ),
    "api.site.headers:init_app.<locals>._harden": (
        "the hardening headers: every representation carries them, and it leaves answers alone"
    ),
    "api.pages.page:_bodyless_slash_redirect": "redirects: the middleware never gives one",
}

#: The application's attributes that hold request hooks, by what Flask calls them.
_HOOKS = (
    "before_request_funcs",
    "after_request_funcs",
    "teardown_request_funcs",
    "url_value_preprocessors",
)


class HookPassedBy(RuntimeError):
    """A request hook is registered that the middleware would pass by; the message says what to do."""


def _name(function: Callable[..., Any]) -> str:
    return f"{getattr(function, '__module__', '?')}:{getattr(function, '__qualname__', repr(function))}"


def _hooks(app: Flask) -> Iterator[tuple[str, str]]:
    for attribute in _HOOKS:
        for scope, functions in getattr(app, attribute).items():
            for function in functions:
                yield f"{attribute} ({'the app' if scope is None else f'blueprint {scope}'})", _name(function)
    for function in app.teardown_appcontext_funcs:
        yield "teardown_appcontext_funcs", _name(function)


def check_hooks(app: Flask) -> None:
    """Raise :class:`HookPassedBy` if ``app`` has a request hook not in :data:`PASSED_BY`."""
    unknown = [f"{name} in {where}" for where, name in _hooks(app) if name not in PASSED_BY]
    if unknown:
        raise HookPassedBy(
            f"Request hooks that the ready answers (api.site.answers.ReadyAnswers) would skip for most "
            f"requests: {'; '.join(unknown)}. Put a header for every response into "
            "api.site.headers.common_headers, or do the work in WSGI middleware (see api/site/hooks.py); "
            "a hook that may be skipped goes into api.site.hooks.PASSED_BY with the reason."
        )
