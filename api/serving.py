"""Serving the site: the one view behind every route (:func:`answer`), and :func:`serve`, which
answers the current request from a representation the plain Werkzeug way (a new response each
time; ``If-None-Match`` and ``If-Match`` judged by Werkzeug; HEAD by Werkzeug and Flask)."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from flask import Response, current_app, request
from werkzeug.datastructures import Headers, MIMEAccept
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import is_resource_modified, parse_accept_header, parse_etags

from .site import HeaderList, Representation, Site

__all__ = ["Answer", "answer", "current_site", "serve"]

#: The request headers that make a GET conditional (RFC 9110, 13.1), as WSGI names them.
_CONDITIONAL = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"}
)


def current_site() -> Site:
    """The site of the app handling the current request (put there by ``create_app``)."""
    return cast(Site, current_app.extensions["factsheet"])


class Answer(Response):
    """A response made from a representation, new for each request.

    Its headers are complete when it is made (:class:`Ready`), ``Content-Type`` included when
    there is a body: so no default media type is set on a 304 only for Werkzeug to remove it,
    and the hooks of :mod:`api.headers` know it by its type and leave it alone.
    """

    default_mimetype = None


def serve(representation: Representation) -> Answer:
    """The answer to the current GET or HEAD: 200; 304 or 412 as Werkzeug judges the validators
    (``If-None-Match``, ``If-Match``); 406 when ``Accept`` excludes the media type."""
    environ = request.environ
    accept = environ.get("HTTP_ACCEPT")
    if accept and accept != "*/*" and not _accepts(accept, representation.media_type):
        raise NotAcceptable(f"This resource is available as {representation.media_type} only.")
    ready = representation.ready()
    # The test of Response.make_conditional, without its work for the many requests that carry
    # no validator, nor for ranges (none are offered) or a Date header (the server sends one).
    if not _CONDITIONAL.isdisjoint(environ) and not is_resource_modified(environ, ready.etag):
        if_match = environ.get("HTTP_IF_MATCH")
        status = 412 if if_match and parse_etags(if_match) else 304
        return Answer(status=status, headers=_fresh(ready.not_modified))
    # A list of bytes, not bytes: its length is in the headers already (no set_data).
    return Answer([ready.body], headers=_fresh(ready.headers))


def _fresh(headers: HeaderList) -> Headers:
    """New headers for one response. Filled as a slice, they are checked like ``Headers(headers)``
    checks them (no newline in a value), in one pass instead of one ``add`` call per header."""
    fresh = Headers()
    fresh[:] = headers
    return fresh


def answer(**_: str) -> Answer:
    """The representation at the current URL: the one view behind every route of the site.

    The URL's variables (``locale``...) only matter when nothing is there: then they say why.
    """
    return serve(current_site().find(request.path, request.view_args or {}))


@lru_cache(maxsize=256)  # clients send the same few Accept values over and over
def _accepts(accept: str, media_type: str) -> bool:
    return parse_accept_header(accept, MIMEAccept).best_match((media_type,)) is not None
