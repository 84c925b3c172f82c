"""The API's description: the OpenAPI document at ``/v1/openapi.json`` and a Swagger UI page at ``/v1/docs``.

Both are built once, after every documented blueprint is registered, and served like any other
representation (ETag, 304, CORS). The document's text is :data:`DESCRIPTION`. The committed copy
``api/openapi.json`` is the same document; regenerate it with
``flask --app api openapi write --format=json api/openapi.json``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, url_for

import factsheet

from .config import Settings
from .headers import common_headers
from .representations import JSON, Key, Representation, make_etag, serve

__all__ = ["DESCRIPTION", "TITLE", "build", "create_blueprint", "spec_text"]

TITLE = "AI-chatbot factsheet API"

DESCRIPTION = """\
The Dutch factsheet *AI-chatbots en mentaal welzijn van jongeren* (2026) and its translations, as JSON.

**Locales.** Dutch (`nl`) is the source; `/v1/locales` lists every shipped locale with its
translation status, and a factsheet's `metadata.translation.fallbacks` names the strings still
shown in Dutch. URLs name a locale by its shipped code (`/v1/en/factsheet`); another spelling
(`EN`, `en-GB`) gets a 404 whose detail names the code to use, so each resource has one URL.

**Negotiation.** `/v1/factsheet` picks the locale from `?lang=`, else `Accept-Language`, else
`nl`. It answers 200 with the canonical representation itself (same bytes, same ETag),
names its URL in `Content-Location` and sends `Vary: Accept-Language`, so shared caches keep
one copy per language. A redirect would cost every client a second round trip.

**Caching.** Every body is made once, when the service starts. Each carries a strong `ETag`
(a digest of the content checksum, the locale, the representation and the bytes) and
`Cache-Control: public, max-age=...`; send the ETag in `If-None-Match` to get `304 Not
Modified`. `HEAD` works on every resource. JSON is UTF-8, keys in content order.

**CORS.** Any origin may `GET` and `HEAD`, without credentials; preflights are answered;
scripts may read `ETag` and `Content-Location`.

**Errors** are RFC 9457 problem details (`application/problem+json`: `type`, `title`,
`status`, `detail`). An unknown locale, section or item is a 404 that lists the ones there are;
an unsupported method is a 405 with `Allow`; an `Accept` that excludes the resource's media
type is a 406; a malformed `?lang=` is a 422.

**Rights.** The factsheet's text belongs to its original publisher (see `metadata.rights`);
this project's MIT licence covers its code only.
"""

PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: {spec_url}, dom_id: "#swagger-ui"}});</script>
</body>
</html>
"""


def spec_text(spec: Mapping[str, Any]) -> str:
    """The document as ``flask openapi write --format=json`` writes it (indented, content order)."""
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


def create_blueprint(store: Mapping[Key, Representation]) -> Blueprint:
    """Routes for the document and the page; not themselves part of the document."""
    blp = Blueprint("docs", __name__, url_prefix="/v1")

    @blp.get("/openapi.json")
    def openapi_json() -> Response:
        return serve(store[("openapi",)])

    @blp.get("/docs")
    def docs() -> Response:
        return serve(store[("docs",)])

    return blp


def build(app: Flask, spec: Mapping[str, Any], settings: Settings) -> dict[Key, Representation]:
    """The representations of the finished OpenAPI document and of the page that shows it."""
    checksum = factsheet.content_checksum()
    common = common_headers(settings)
    cached = f"public, max-age={settings.max_age}"
    document = spec_text(spec).encode()
    with app.test_request_context():
        spec_url = json.dumps(url_for("docs.openapi_json")).replace("<", "\\u003c")
    page = PAGE.format(
        title=html.escape(TITLE), assets=html.escape(settings.docs_assets_url), spec_url=spec_url
    ).encode()
    return {
        ("openapi",): Representation.build(
            document,
            media_type=JSON,
            content_type=JSON,
            etag=make_etag(checksum, "all", "json", document),
            cache_control=cached,
            common=common,
        ),
        ("docs",): Representation.build(
            page,
            media_type="text/html",
            content_type="text/html; charset=utf-8",
            etag=make_etag(checksum, "all", "html", page),
            cache_control=cached,
            common=common,
        ),
    }
