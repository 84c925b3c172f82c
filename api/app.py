"""``create_app``: the Flask application, wired from the modules beside this one.

It reads like a table of contents: settings, error and header hooks, the blueprints (routes
and their documentation), then the site (:mod:`api.site.build`), which needs every route to exist
because its bodies link to them, in front of Flask the middleware that answers from it
(:class:`api.site.answers.ReadyAnswers`), and the ``export`` command.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

import factsheet

from .config import DEFAULTS, from_environ, settings_from
from .pages import assets, crawlers, docs, embed, llms, page
from .publish import export, freeze, nginx
from .site import headers
from .site.answers import ReadyAnswers
from .site.build import build_site
from .site.hooks import check_hooks
from .site.host import RequireHost
from .v1 import health, problems, routes
from .v1.smorest import Api

__all__ = ["create_app"]


class ContentOrderJSON(DefaultJSONProvider):
    """Keys in the order the content gives them; non-ASCII text as it is (``flask openapi write``)."""

    sort_keys = False
    ensure_ascii = False


class FactsheetApp(Flask):
    json_provider_class = ContentOrderJSON


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The API application: settings are the defaults, then ``FACTSHEET_*`` variables, then ``config``.

    Every response body is built here, once (a costly one on its first request); building fails
    loudly (a bad setting, a broken content file) rather than at the first request.
    """
    app = FactsheetApp(__name__, static_folder=None)  # api/pages/assets.py serves the files, ready-made
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

    problems.init_app(app)
    headers.init_app(app, settings)
    api = Api(app)
    api.register_blueprint(routes.blp)
    api.register_blueprint(health.blp)
    app.register_blueprint(routes.leaf_names)
    app.register_blueprint(docs.bp)
    app.register_blueprint(page.bp)
    app.register_blueprint(assets.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(crawlers.bp)
    app.register_blueprint(llms.bp)
    site = app.extensions["factsheet"] = build_site(app, settings, api.spec.to_dict())
    # Flask's documented way to add WSGI middleware (its docs wrap ProxyFix like this).
    app.wsgi_app = ReadyAnswers(app.wsgi_app, site, hooks_of=app)  # type: ignore[method-assign]
    app.wsgi_app = RequireHost(app.wsgi_app, settings)  # type: ignore[method-assign]
    export.init_app(app)
    nginx.init_app(app)
    freeze.init_app(app)
    check_hooks(app)  # no request hook that the ready answers would pass by (api/site/hooks.py)
    return app
