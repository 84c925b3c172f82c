"""``create_app``: the Flask application, wired from the modules beside this one."""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask import Flask, Response
from flask.json.provider import DefaultJSONProvider
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

import factsheet

from . import assets, docs, errors, export, headers, health, pages, pdfs, resources, v1
from .config import DEFAULTS, from_environ, settings_from
from .representations import Key, ReadyResponse, Representation
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

    def handle_http_exception(self, e: HTTPException) -> HTTPException | ResponseReturnValue:
        """A missing slash (``/nl`` for ``/nl/``): a ``308`` with ``Location`` and no HTML body."""
        if isinstance(e, RequestRedirect):
            response = Response(status=e.code, headers={"Location": e.new_url})
            del response.headers["Content-Type"]
            return response
        return super().handle_http_exception(e)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The API application: settings are the defaults, then ``FACTSHEET_*`` variables, then ``config``.

    Every response body is built here, once; building fails loudly (a bad setting, a broken
    content file) rather than at the first request.
    """
    app = FactsheetApp(__name__, static_folder=None)  # api/assets.py serves the files, ready-made
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
    redirects: dict[str, ReadyResponse] = {}
    api.register_blueprint(v1.create_blueprint(store))
    api.register_blueprint(health.create_blueprint(store))
    app.register_blueprint(docs.create_blueprint(store))
    app.register_blueprint(pages.create_blueprint(store, redirects))
    app.register_blueprint(assets.create_blueprint(store))
    app.register_blueprint(export.create_blueprint(store))
    app.register_blueprint(pdfs.create_blueprint(pdfs.Pdfs(store, settings)))  # made on first request
    files = assets.load()
    store.update(resources.build(app, settings))
    store.update(assets.build(files, settings, factsheet.content_checksum()))
    store.update(pages.build(settings, files))
    store.update(docs.build(api.spec.to_dict(), settings, files))
    redirects.update(pages.redirects(app, settings))
    export.init_app(app, MappingProxyType(store))
    return app
