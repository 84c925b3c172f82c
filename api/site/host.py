"""The ``Host`` header as RFC 9112, section 3.2 requires it: WSGI middleware, outermost.

A server "MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that
lacks a Host header field and to any request message that contains more than one Host header
field line". granian (``python -m api``) passes both on: it sets ``HTTP_HOST`` to ``""`` when the
header is missing (or empty: an ``http`` URI has no empty host, RFC 9110, section 4.2.1), joins
repeated lines with ``,`` (``a,b``; Werkzeug joins them with ``", "``) and says ``HTTP/1`` for
HTTP/1.0. So an HTTP/1.1 request whose ``HTTP_HOST`` is absent or empty, and any request whose
``HTTP_HOST`` has a comma (which no DNS name has), is answered here, before Flask, with the same
problem details and headers as every other error of the app. HTTP/1.0 may leave ``Host`` out.

Not caught, as granian hides it: an HTTP/1.1 request in absolute form (``GET http://a/ HTTP/1.1``)
without ``Host`` reaches the app with the URI's authority as ``HTTP_HOST``, the host RFC 9112
(section 3.2.2) says to use for such a request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from api.config import Settings
from api.v1.problems import Problem, problem_response

from .headers import common_headers

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["RequireHost", "host_problem"]

MISSING = "An HTTP/1.1 request needs a Host header (RFC 9112, section 3.2)."
SEVERAL = "A request may have one Host header only (RFC 9112, section 3.2)."


def host_problem(environ: WSGIEnvironment) -> str | None:
    """Why the request's ``Host`` is not acceptable, or ``None`` when it is."""
    host = environ.get("HTTP_HOST")
    if host and "," in host:
        return SEVERAL
    if not host and environ.get("SERVER_PROTOCOL") == "HTTP/1.1":
        return MISSING
    return None


class RequireHost:
    """WSGI middleware: a request without its one ``Host`` gets a ``400`` problem (see above)."""

    def __init__(self, app: WSGIApplication, settings: Settings) -> None:
        self.app = app
        """The application behind, which answers every request with an acceptable ``Host``."""
        self.headers = common_headers(settings)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        problem = host_problem(environ)
        if problem is None:
            return self.app(environ, start_response)
        response = problem_response(Problem(400, problem))
        response.headers.extend(self.headers)
        return response(environ, start_response)
