"""Headers every response carries: CORS for any origin (read-only, no credentials) and hardening.

flask-cors answers preflights and adds CORS headers to responses made at request time (errors,
preflights, redirects). The site's representations carry the same headers from the start
(:func:`common_headers`), which flask-cors then leaves alone: a test checks that both give the
same CORS headers. ``OPTIONS`` is answered ``204 No Content`` with ``Allow``.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from flask import Flask, Response, request
from flask_cors import CORS

from api.config import Settings

from .answers import Answer
from .table import HeaderList

__all__ = ["EXPOSED_HEADERS", "common_headers", "content_security_policy", "init_app", "source_hash"]

#: Response headers a browser script may read beyond the CORS-safelisted ones.
EXPOSED_HEADERS = ("Content-Location", "ETag")
METHODS = ("GET", "HEAD", "OPTIONS")


def cors_headers() -> HeaderList:
    """What flask-cors sends on a simple request under :func:`_cors_options` (origins ``*``)."""
    # flask-cors joins the exposed headers in sorted order; keep the same bytes.
    return (
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", ", ".join(sorted(EXPOSED_HEADERS))),
    )


def security_headers(settings: Settings) -> HeaderList:
    return (
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", settings.referrer_policy),
    )


def common_headers(settings: Settings) -> HeaderList:
    """The CORS and hardening headers, for representations built ahead of time."""
    return cors_headers() + security_headers(settings)


#: What a page may do when it does nothing: load nothing, run nothing, be framed by no one.
_LOCKED = {
    "default-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": "'none'",
}


def content_security_policy(*, meta: bool = False, **allowed: str) -> str:
    """A policy that blocks everything but what ``allowed`` names (``style_src="'self'"``).

    ``meta=True`` gives the form for ``<meta http-equiv>`` (which carries the policy to a static
    host): without ``frame-ancestors``, which browsers ignore there, with a console error.
    """
    directives = {**_LOCKED, **{name.replace("_", "-"): value for name, value in allowed.items()}}
    if meta:
        del directives["frame-ancestors"]
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def source_hash(source: str) -> str:
    """The policy's name for one inline script or style: ``'sha256-...'`` of its text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _cors_options(settings: Settings) -> dict[str, Any]:
    return {
        "resources": {r"/*": {"origins": "*"}},
        # "*" itself, not the echoed Origin: no Vary: Origin, so one cached copy serves every site.
        "send_wildcard": True,
        "supports_credentials": False,
        "methods": list(METHODS),
        "expose_headers": list(EXPOSED_HEADERS),
        "max_age": settings.cors_max_age,
    }


def init_app(app: Flask, settings: Settings) -> None:
    CORS(app, **_cors_options(settings))
    hardening = security_headers(settings)

    def _harden(response: Response) -> Response:
        if type(response) is Answer:  # a representation's answer: it has them already
            return response
        headers = response.headers
        if hardening[0][0] not in headers:
            headers.extend(hardening)
        if request.method == "OPTIONS" and response.status_code == 200 and not response.data:
            # Flask's automatic answer (mostly CORS preflights): no content, not an empty HTML page.
            response.status_code = 204
            del headers["Content-Type"]
        return response

    app.after_request(_harden)
