"""Serving the site the plain Werkzeug way: a new response for each request, ``If-None-Match``
and ``If-Match`` judged by Werkzeug, HEAD by Werkzeug.

- :func:`answer` is the one view behind every route of the site: Flask routes the request, the
  site finds the representation or says why there is none.
- :class:`ReadyAnswers` is WSGI middleware in front of Flask, the way WhiteNoise serves files in
  front of a web framework: a GET or HEAD of a URL whose representation is ready is answered
  from the site at once, with the same response the view would give (a test compares them for
  every URL); everything else (errors, other methods, ``?lang=``, a body made on first use)
  goes on to Flask. It costs a dict lookup, and it saves Flask's request handling where that
  handling would do nothing but find the same bytes. Flask's request hooks run only for what
  Flask answers: a header for every response belongs in :func:`api.site.headers.common_headers`,
  which every representation carries from the start, and a hook the middleware would pass by
  stops the app (:mod:`api.site.hooks`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from flask import Flask, Response, current_app, request
from werkzeug.datastructures import Headers, MIMEAccept
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import is_resource_modified, parse_accept_header, parse_etags

import factsheet

from .encodings import choose
from .hooks import check_hooks
from .table import HeaderList, Ready, Representation, Site

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["Answer", "ReadyAnswers", "acceptable", "answer", "current_site", "respond", "serve"]

#: The request headers that make a GET conditional (RFC 9110, 13.1), as WSGI names them.
_CONDITIONAL = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"}
)
#: The methods a representation answers; Flask answers the others (OPTIONS, 405).
_READ = frozenset({"GET", "HEAD"})


def current_site() -> Site:
    """The site of the app handling the current request (put there by ``create_app``)."""
    return cast(Site, current_app.extensions["factsheet"])


class Answer(Response):
    """A response made from a representation, new for each request.

    Its headers are complete when it is made (:class:`~api.site.Ready`), ``Content-Type``
    included when there is a body: so no default media type is set on a 304 only for Werkzeug
    to remove it, and the hooks of :mod:`api.site.headers` know it by its type and leave it alone.
    """

    default_mimetype = None


def serve(representation: Representation) -> Answer:
    """The answer to the current GET or HEAD: 200; 304 or 412 as Werkzeug judges the validators
    (``If-None-Match``, ``If-Match``); 406 when ``Accept`` excludes the media type."""
    environ = request.environ
    if not acceptable(environ, representation.media_type):
        raise NotAcceptable(f"This resource is available as {representation.media_type} only.")
    return respond(environ, representation.ready())


def respond(environ: WSGIEnvironment, ready: Ready) -> Answer:
    """The response to a GET or HEAD of ``ready``, in the coding ``Accept-Encoding`` asks for:
    200, or 304 or 412 as the validators say."""
    # The test of Response.make_conditional, without its work for the many requests that carry
    # no validator, nor for ranges (none are offered) or a Date header (the server sends one).
    if ready.codings:
        coding = choose(environ.get("HTTP_ACCEPT_ENCODING", ""), tuple(ready.codings))
        ready = ready.codings[coding] if coding else ready
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


def acceptable(environ: WSGIEnvironment, media_type: str) -> bool:
    """Whether the request's ``Accept`` (if any) takes ``media_type``."""
    accept = environ.get("HTTP_ACCEPT")
    return not accept or accept == "*/*" or _accepts(accept, media_type)


@lru_cache(maxsize=256)  # clients send the same few Accept values over and over
def _accepts(accept: str, media_type: str) -> bool:
    return parse_accept_header(accept, MIMEAccept).best_match((media_type,)) is not None


class ReadyAnswers:
    """WSGI middleware: the site's ready representations, answered before Flask (see above).

    With ``hooks_of`` (the Flask app), its first request checks that the app has no request hook
    it would pass by (:func:`api.site.hooks.check_hooks`): one added after ``create_app``.
    """

    def __init__(self, app: WSGIApplication, site: Site, hooks_of: Flask | None = None) -> None:
        self.app = app
        """The application behind: Flask's ``wsgi_app``, which answers everything else."""
        self.site = site
        self._unchecked = hooks_of

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if self._unchecked is not None:
            check_hooks(self._unchecked)  # raises on every request until the hook is gone
            self._unchecked = None
        ready = self.ready(environ)
        if ready is None:
            return self.app(environ, start_response)
        return respond(environ, ready)(environ, start_response)

    def ready(self, environ: WSGIEnvironment) -> Ready | None:
        """The representation that Flask's view would send, if it is ready and acceptable."""
        if environ["REQUEST_METHOD"] not in _READ:
            return None
        path = environ.get("PATH_INFO") or "/"
        representation = self.site.get(path)
        if representation is None:
            variants = self.site.variants_at(path)
            if variants is None or environ.get("QUERY_STRING"):  # the view validates ?lang=
                return None
            representation = variants[factsheet.negotiate_locale(environ.get("HTTP_ACCEPT_LANGUAGE"))]
        if not acceptable(environ, representation.media_type):  # the view's 406 problem
            return None
        return representation.made()
