"""flask-smorest, adapted: problem details in the OpenAPI document and on the wire, typed decorators.

flask-smorest ships no type hints; these subclasses give the decorators the views use a type,
so mypy checks the views instead of treating them as untyped.
"""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

import flask_smorest
from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from .openapi import NAMED, Plugin, operation_id
from .problems import PROBLEM, problem_response
from .schemas import ProblemSchema

__all__ = ["Api", "Blueprint", "Decorator", "View"]

View = TypeVar("View", bound=Callable[..., Any])


class Decorator(Protocol):
    """What flask-smorest's decorators are: they return the view they get (or a wrapper just like it)."""

    def __call__(self, view: View, /) -> View: ...


_TEXT = {"type": "string"}

#: Response headers the operations refer to by name.
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "Strong validator of this representation; send it back in `If-None-Match`.",
        "required": True,
        "schema": {"type": "string", "pattern": '^"[^"]+"$'},
    },
    "CacheControl": {
        "description": "`public, max-age=<seconds>` for content; `no-store` for `/healthz`.",
        "required": True,
        "schema": _TEXT,
    },
    "ContentLanguage": {"description": "The locale of the body.", "required": True, "schema": _TEXT},
    "ContentDisposition": {
        "description": '`inline; filename="factsheet-<locale>.pdf"`: the name to save it under.',
        "required": True,
        "schema": _TEXT,
    },
    "Vary": {"description": "`Accept-Language`: the body depends on it.", "required": True, "schema": _TEXT},
    "ContentLocation": {
        "description": "The canonical URL of the representation sent.",
        "required": True,
        "schema": _TEXT,
    },
}

#: Request headers the operations refer to by name.
PARAMETERS: dict[str, dict[str, Any]] = {
    "IfNoneMatch": {
        "in": "header",
        "name": "If-None-Match",
        "description": "ETags the client holds; a match gives `304 Not Modified`.",
        "required": False,
        "schema": _TEXT,
    },
    "AcceptLanguage": {
        "in": "header",
        "name": "Accept-Language",
        "description": "Preferred languages (RFC 9110); ignored when `lang` is given. Anything "
        "unparsable, or longer than 1024 characters, means Dutch.",
        "required": False,
        "schema": _TEXT,
    },
}


class Api(flask_smorest.Api):  # type: ignore[misc]  # untyped base class
    """Errors are problem details; every operation documents them as its ``default`` response."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = "Problem"

    def init_app(self, app: Flask, *, spec_kwargs: dict[str, Any] | None = None) -> None:
        super().init_app(app, spec_kwargs={"marshmallow_plugin": Plugin(), **(spec_kwargs or {})})
        components = self.spec.components
        for name, schema in NAMED.items():  # shared enums (api.v1.openapi)
            components.schema(name, schema)
        # Registered by flask-smorest (0.46, 0.47) for paginated views, which this API does not have.
        components.schemas.pop("PaginationMetadata", None)
        for name, header in HEADERS.items():
            components.header(name, header)
        for name, parameter in PARAMETERS.items():
            components.parameter(name, parameter["in"], {k: v for k, v in parameter.items() if k != "in"})
        components.response(
            "NotModified",
            {
                "description": "The representation named in `If-None-Match` is still current.",
                "headers": {"ETag": "ETag", "Cache-Control": "CacheControl"},
            },
        )
        components.response("Problem", _problem("An error, as RFC 9457 problem details."))
        # flask-smorest refers to errors by status name (a 422 from webargs: UNPROCESSABLE_ENTITY)
        # and registered each lazily (used only where referred to) as application/json; errors
        # are sent as application/problem+json. A lazy registration replaces the one of the same
        # name (apispec's public Components.response), so no private hook of flask-smorest is
        # overridden; tests/api/test_smorest_internals.py fails if that stops working.
        for status in http.HTTPStatus:
            if status >= 400:
                components.response(status.name, _problem(status.phrase), lazy=True)

    def handle_http_exception(self, error: HTTPException) -> Response:
        # flask-smorest's own handler sends its JSON shape and drops the Allow header of a 405.
        return problem_response(error)


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": ProblemSchema}}}


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]  # untyped base class
    """flask-smorest's blueprint, with typed decorators; each operation's id is its view's name."""

    def route(self, rule: str, *, parameters: list[Any] | None = None, **options: Any) -> Decorator:
        register = super().route(rule, parameters=parameters, **options)

        def decorator(view: View) -> View:
            return cast(View, register(self.doc(operationId=operation_id(view.__name__))(view)))

        return decorator

    def response(self, status_code: int, schema: Any = None, **options: Any) -> Decorator:
        return cast(Decorator, super().response(status_code, schema, **options))

    def alt_response(self, status_code: int, response: Any = None, **options: Any) -> Decorator:
        return cast(Decorator, super().alt_response(status_code, response, **options))

    def arguments(self, schema: Any, **options: Any) -> Decorator:
        return cast(Decorator, super().arguments(schema, **options))
