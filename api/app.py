"""``create_app``: the Flask application, wired from the modules beside this one."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response
from flask.json.provider import DefaultJSONProvider

import factsheet

from . import docs, errors, headers, health, resources, v1
from .config import DEFAULTS, from_environ, settings_from
from .representations import Key, Representation
from .smorest import Api

__all__ = ["create_app"]


class ContentOrderJSON(DefaultJSONProvider):
    """Keys in the order the content gives them; non-ASCII text as it is."""

    sort_keys = False
    ensure_ascii = False


class FactsheetApp(Flask):
    def make_default_options_response(self) -> Response:
        """``OPTIONS`` (mostly CORS preflights): ``204 No Content`` with ``Allow``, not an empty HTML page."""
        response = super().make_default_options_response()
        response.status_code = 204
        del response.headers["Content-Type"]
        return response


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The API application: settings are the defaults, then ``FACTSHEET_*`` variables, then ``config``.

    Every response body is built here, once; building fails loudly (a bad setting, a broken
    content file) rather than at the first request.
    """
    app = FactsheetApp(__name__)
    app.json = ContentOrderJSON(app)
    app.config.update(DEFAULTS)
    app.config.update(from_environ(os.environ))
    app.config.update(
        API_TITLE=docs.TITLE,
        API_VERSION=factsheet.__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=None,  # docs.py serves the document and the page, ready-made
        API_SPEC_OPTIONS={
            "info": {
                "description": docs.DESCRIPTION,
                "license": {"name": "MIT (the code; the factsheet text belongs to its publisher)"},
            }
        },
    )
    app.config.update(config or {})
    settings = settings_from(app.config)
    # One spelling per URL: Werkzeug's slash-merging redirects would answer with an HTML body.
    app.url_map.merge_slashes = False

    errors.init_app(app)
    headers.init_app(app, settings)
    api = Api(app)

    # Routes first (the bodies link to them), then the bodies the views look up.
    store: dict[Key, Representation] = {}
    api.register_blueprint(v1.create_blueprint(store))
    api.register_blueprint(health.create_blueprint(store))
    app.register_blueprint(docs.create_blueprint(store))
    store.update(resources.build(app, settings))
    store.update(docs.build(app, api.spec.to_dict(), settings))
    return app
