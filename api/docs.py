"""The API's description: the OpenAPI document at ``/v1/openapi.json`` and a Swagger UI page at ``/v1/docs``.

Both are built once, after every documented blueprint is registered, and served like any other
representation (ETag, 304, CORS); the page loads Swagger UI from the app itself
(:mod:`api.assets`), under a Content-Security-Policy. The document's text is
:data:`DESCRIPTION`. The committed copy ``api/openapi.json`` is the same document; regenerate it with
``flask --app api openapi write --format=json api/openapi.json``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response

import factsheet

from .assets import Assets
from .config import Settings
from .headers import common_headers, content_security_policy
from .representations import JSON, Key, Representation, make_etag, serve

__all__ = ["DESCRIPTION", "TITLE", "build", "create_blueprint", "page_policy", "spec_text"]

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

**Text and pages.** `/v1/{locale}/factsheet.md` (Markdown) and `/v1/{locale}/factsheet.txt`
(plain text) are what the `factsheet` command prints. People read the factsheet at `/{locale}/`
(HTML); `/` redirects there by `Accept-Language`.

**Static copy.** `flask --app api export DIR` writes every resource as a file, for any web host.
A path on disk cannot be both a file and a folder (`/v1/en/sections` and
`/v1/en/sections/risks`), so there each JSON resource has a leaf name: its URL plus `.json`
(`/v1/en/sections/risks.json`), with `/v1/index.json` for `/v1/` and `/v1/docs.html` for
`/v1/docs`. This service answers those names too, with the same bytes and ETag.
`/v1/openapi.json`, the text formats and the pages (`/{locale}/`, written as
`/{locale}/index.html`) keep their names; `/index.html` links to every locale. A static host
cannot negotiate, so the copy has no `/v1/factsheet`, no redirect at `/` and no `/healthz`, and
it sends whatever headers the host sends. Links inside JSON bodies name the URLs of this service.

**Rights.** The factsheet's text belongs to its original publisher (see `metadata.rights`);
this project's MIT licence covers its code only.
"""

PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{meta_policy}">
<meta name="referrer" content="{referrer}">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" href="{icon}" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui" data-spec-url="openapi.json"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{init}"></script>
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


def page_policy(settings: Settings, *, meta: bool = False) -> str:
    """What the page may load: its scripts and styles, the document, Swagger UI's ``data:`` icons."""
    origin = ""
    if settings.docs_assets_url.startswith(("https://", "http://")):
        parts = urlsplit(settings.docs_assets_url)
        origin = f" {parts.scheme}://{parts.netloc}"
    return content_security_policy(
        meta=meta,
        script_src="'self'" + origin,
        style_src="'self'" + origin,
        img_src="'self' data:",
        connect_src="'self'",
    )


def build(spec: Mapping[str, Any], settings: Settings, assets: Assets) -> dict[Key, Representation]:
    """The representations of the finished OpenAPI document and of the page that shows it.

    The page links to everything relatively (``openapi.json``, ``../static/...``): the same bytes
    work at ``/v1/docs``, at ``/v1/docs.html``, under any path prefix and in the static export.
    """
    checksum = factsheet.content_checksum()
    common = common_headers(settings)
    cached = f"public, max-age={settings.max_age}"
    document = spec_text(spec).encode()
    bundled = f"../static/{PurePosixPath(assets.swagger_ui[0].path).parent}"
    page = PAGE.format(
        meta_policy=html.escape(page_policy(settings, meta=True)),
        referrer=html.escape(settings.referrer_policy),
        title=html.escape(TITLE),
        assets=html.escape(settings.docs_assets_url or bundled),
        init=html.escape(f"../static/{assets.docs_js.path}"),
        icon=html.escape(f"../static/{assets.icon.path}"),
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
            extra=(("Content-Security-Policy", page_policy(settings)),),
        ),
    }
