"""The API's description: the OpenAPI document at ``/v1/openapi.json`` and a Swagger UI page at ``/v1/docs``.

Both are built once, after every documented blueprint is registered, and served like any other
representation (ETag, 304, CORS); the page (``templates/docs.html``) loads Swagger UI from the
app itself (:mod:`api.pages.assets`), under a Content-Security-Policy. The document's text is
:data:`DESCRIPTION`. The committed copy ``api/openapi.json`` is the same document; regenerate it with
``flask --app api openapi write --format=json api/openapi.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint

from api.config import Settings
from api.site.answers import answer
from api.site.headers import content_security_policy

from .assets import Assets
from .jinja import environment

__all__ = ["DESCRIPTION", "TITLE", "bp", "page_policy", "render_docs", "spec_text"]

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
(a digest of the representation's own bytes, media type and locale) and
`Cache-Control: public, max-age=...`; send the ETag in `If-None-Match` to get `304 Not
Modified` (an `If-Match` it does not match gets `412`). `HEAD` works on every resource.
JSON is UTF-8, keys in content order.

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


def spec_text(spec: Mapping[str, Any]) -> str:
    """The document as ``flask openapi write --format=json`` writes it (indented, content order)."""
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


bp = Blueprint("docs", __name__, url_prefix="/v1")
bp.add_url_rule("/openapi.json", "openapi_json", answer)
bp.add_url_rule("/docs", "docs", answer)
bp.add_url_rule("/docs.html", "docs_file", answer)  # its name in the export, answered live too


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


def render_docs(settings: Settings, assets: Assets) -> str:
    """The page, linking to everything relatively (``openapi.json``, ``../static/...``): the same
    bytes work at ``/v1/docs``, at ``/v1/docs.html``, under any path prefix and in the export."""
    bundled = f"../static/{PurePosixPath(assets.swagger_ui[0].path).parent}"
    return (
        environment()
        .get_template("docs.html")
        .render(
            meta_policy=page_policy(settings, meta=True),
            referrer_policy=settings.referrer_policy,
            title=TITLE,
            assets=settings.docs_assets_url or bundled,
            init=f"../static/{assets.docs_js.path}",
            icon=f"../static/{assets.icon.path}",
        )
    )
