"""Every error as RFC 9457 problem details: one JSON shape, never an HTML page or a traceback.

Views fail by raising: a Werkzeug :class:`~werkzeug.exceptions.HTTPException` (``NotFound``,
``MethodNotAllowed``...), a :class:`Problem`, or one of the data package's strict-lookup errors
(:class:`factsheet.NotFoundError`), or a lazy body that cannot be made here
(:class:`api.site.Unavailable`, a 503); each becomes ``application/problem+json``.
An unexpected exception is logged by Flask and answered with a bare 500.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask import Flask, Response
from werkzeug.exceptions import HTTPException, MethodNotAllowed

import factsheet
from api.site.table import Unavailable, encode_json

__all__ = [
    "PDF_UNAVAILABLE",
    "PROBLEM",
    "PROBLEM_MEMBERS",
    "PROBLEM_TYPES",
    "Problem",
    "init_app",
    "not_found_example",
    "problem_response",
]

PROBLEM = "application/problem+json"
#: The problem type of a PDF that cannot be made on this server (WeasyPrint or Pango missing).
PDF_UNAVAILABLE = "/v1/problems/pdf-unavailable"
#: Every ``type`` a problem of this API has, with the member it adds to the body (``None``: none):
#: plain HTTP errors, then this API's own. The OpenAPI enum and ``ProblemSchema``'s text use it.
PROBLEM_MEMBERS: Mapping[str, str | None] = MappingProxyType(
    {
        "about:blank": None,
        "/v1/problems/unknown-locale": "locales",
        "/v1/problems/unknown-section": "sections",
        "/v1/problems/unknown-item": "items",
        "/v1/problems/unknown-version": "versions",
        "/v1/problems/invalid-query": "errors",
        PDF_UNAVAILABLE: None,  # with Retry-After when the PDF is being made
    }
)
PROBLEM_TYPES = tuple(PROBLEM_MEMBERS)
#: Longest piece of a request echoed in a ``detail``; the rest is cut off.
ECHO_LIMIT = 40


class Problem(HTTPException):
    """An HTTP error with a problem type of this API and its extension members."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type: str = "about:blank",
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        self.code = status
        super().__init__(description=detail)
        self.type = type
        self.extensions = dict(extensions or {})


def echo(value: str) -> str:
    """``value`` quoted for a message, shortened: requests can carry 10 kB of anything."""
    shown = value if len(value) <= ECHO_LIMIT else f"{value[:ECHO_LIMIT]}…"
    return repr(shown)


def unknown_locale(error: factsheet.UnknownLocaleError) -> Problem:
    """The locale is not shipped; name the ones that are, and the right code for a variant (``EN``)."""
    hint = ""
    try:
        code = factsheet.normalize_locale(error.key)
    except factsheet.UnknownLocaleError:
        pass
    else:
        hint = f" Locale URLs use the shipped code: {code!r}."
    return Problem(
        404,
        f"There is no locale {echo(error.key)}.{hint} Shipped locales: {', '.join(error.available)}.",
        type="/v1/problems/unknown-locale",
        extensions={"locales": list(error.available)},
    )


def not_found(error: factsheet.NotFoundError) -> Problem:
    """A failed strict lookup of the data package as a 404 naming what does exist."""
    if isinstance(error, factsheet.UnknownLocaleError):
        return unknown_locale(error)
    members = f"{error.kind}s"  # sections, items, versions
    return Problem(
        404,
        f"There is no {error.kind} {echo(error.key)}. There are: {', '.join(error.available)}.",
        type=f"/v1/problems/unknown-{error.kind}",
        extensions={members: list(error.available)},
    )


def not_found_example() -> dict[str, Any]:
    """The body of ``/v1/EN/factsheet``, as sent: the example of a 404 in the OpenAPI document."""
    error = factsheet.UnknownLocaleError("EN", factsheet.locales())
    data: dict[str, Any] = json.loads(problem_response(unknown_locale(error)).get_data())
    return data


def problem_response(error: HTTPException) -> Response:
    """The problem details of any HTTP error, with the headers it needs (``Allow`` on a 405)."""
    status = error.code or 500
    body: dict[str, Any] = {
        "type": getattr(error, "type", "about:blank"),
        "title": error.name,
        "status": status,
    }
    if status >= 500 and not isinstance(error, Problem):  # a Problem's detail is meant for the client
        body["detail"] = "The server could not answer this request. The error has been logged."
    elif error.description:
        body["detail"] = error.description
    body.update(getattr(error, "extensions", {}))
    data = getattr(error, "data", None)  # webargs puts validation messages here (flask-smorest's abort)
    if isinstance(data, Mapping) and "messages" in data:
        body["type"] = "/v1/problems/invalid-query"
        body["detail"] = "The query is not valid; see errors."
        body["errors"] = data["messages"]
    response = Response(encode_json(body), status=status, content_type=PROBLEM)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def init_app(app: Flask) -> None:
    """Answer every failed lookup of the data package with problem details.

    Every other HTTP error reaches :func:`problem_response` through flask-smorest's error
    handler (:class:`api.v1.smorest.Api`), which the ``Api`` registers for ``HTTPException``.
    """
    app.register_error_handler(factsheet.NotFoundError, _lookup_failed)
    app.register_error_handler(Unavailable, _unavailable)


def _lookup_failed(error: factsheet.NotFoundError) -> Response:
    return problem_response(not_found(error))


def _unavailable(error: Unavailable) -> Response:
    response = problem_response(Problem(503, error.detail, type=error.type))
    if error.retry_after is not None:  # a body being made (api.pages.pdf_cache)
        response.headers["Retry-After"] = str(error.retry_after)
    return response
