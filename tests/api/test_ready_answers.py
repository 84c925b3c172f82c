"""The middleware in front of Flask (:class:`api.site.answers.ReadyAnswers`) answers exactly as the
views behind it would: same status, headers in the same order, same bytes, for every URL of
the site, conditional or not, GET or HEAD; and it leaves to Flask what only Flask can answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import Client, EnvironBuilder, TestResponse

from api.site import PDF, Representation, Site
from api.site.answers import ReadyAnswers, answer
from api.site.host import RequireHost

ACCEPT_LANGUAGES = [None, "", "en", "de-AT,de;q=0.9,en;q=0.5", "pt-BR", "*", "ar;q=0.1,uk", "x" * 2000]


def _middleware(app: Flask) -> ReadyAnswers:
    outer = app.wsgi_app
    assert isinstance(outer, RequireHost)  # outermost: a request without its Host goes no further
    middleware = outer.app
    assert isinstance(middleware, ReadyAnswers)
    return middleware


def _site(app: Flask) -> Site:
    site = app.extensions["factsheet"]
    assert isinstance(site, Site)
    return site


def _requests(app: Flask) -> Iterator[dict[str, Any]]:
    """Every URL of the site (PDFs aside: made on first use, seconds each), as several requests."""
    site = _site(app)
    for path in site.paths():
        representation = site.get(path)
        assert representation is not None
        if representation.media_type == PDF:
            continue
        etag = representation.ready().etag
        yield {"path": path}
        yield {"path": path, "method": "HEAD"}
        yield {"path": path, "query_string": "x=1"}
        yield {"path": path, "headers": {"If-None-Match": etag}}
        yield {"path": path, "method": "HEAD", "headers": {"If-None-Match": f'"other", {etag}'}}
        yield {"path": path, "headers": {"If-Match": '"other"'}}
        yield {"path": path, "headers": {"Accept": "image/png"}}
    for path, _variants in site.variants():
        for language in ACCEPT_LANGUAGES:
            headers = {} if language is None else {"Accept-Language": language}
            yield {"path": path, "headers": headers}
            yield {"path": path, "headers": {**headers, "If-None-Match": "*"}}
        yield {"path": path, "query_string": "lang=en"}
        yield {"path": path, "query_string": "lang=xx"}


def _fields(response: TestResponse) -> tuple[str, list[tuple[str, str]], bytes]:
    return response.status, list(response.headers.items()), response.get_data()


def test_every_url_gets_the_same_answer_with_and_without_the_middleware(app: Flask) -> None:
    with_middleware = Client(app, TestResponse)
    flask_only = Client(_middleware(app).app, TestResponse)
    compared = 0
    for request in _requests(app):
        assert _fields(with_middleware.open(**request)) == _fields(flask_only.open(**request)), request
        compared += 1
    assert compared > 4000  # some 700 URLs, seven requests each


def test_the_middleware_answers_every_ready_url_itself(app: Flask) -> None:
    middleware, site = _middleware(app), _site(app)
    for path in site.paths():
        representation = site.get(path)
        assert representation is not None
        ready = representation.made()
        if representation.media_type == PDF and ready is None:
            continue
        assert ready is not None, path
        for method in ("GET", "HEAD"):
            assert middleware.ready(EnvironBuilder(path=path, method=method).get_environ()) == ready


@pytest.mark.parametrize(
    ("request_", "why"),
    [
        ({"path": "/v1/nl/factsheet", "method": "OPTIONS"}, "a method other than GET and HEAD"),
        ({"path": "/v1/nl/factsheet", "method": "POST"}, "a method other than GET and HEAD"),
        ({"path": "/v1/xx/factsheet"}, "a URL with nothing behind it: Flask's 404 names why"),
        ({"path": "/nl"}, "a URL that redirects"),
        ({"path": "/nl/index.html"}, "a leaf name that no route takes"),
        ({"path": "/v1/nl/factsheet", "headers": {"Accept": "text/html"}}, "an Accept it cannot meet"),
        ({"path": "/v1/factsheet", "query_string": "lang=en"}, "?lang=, which the view validates"),
    ],
)
def test_the_middleware_leaves_to_flask(app: Flask, request_: dict[str, Any], why: str) -> None:
    assert _middleware(app).ready(EnvironBuilder(**request_).get_environ()) is None, why


def test_a_body_made_on_first_use_is_left_to_flask_until_it_is_made() -> None:
    calls: list[int] = []

    def make() -> bytes:
        calls.append(1)
        return b"%PDF-1.7 made"

    app = Flask(__name__)
    app.add_url_rule("/v1/<locale>/slow.pdf", "slow", answer)
    site = Site(app, ())
    site.add("slow", Representation(make, PDF, "nl", "public, max-age=60"), locale="nl")
    app.extensions["factsheet"] = site
    middleware = ReadyAnswers(app.wsgi_app, site)
    environ = EnvironBuilder(path="/v1/nl/slow.pdf").get_environ()
    assert middleware.ready(environ) is None
    assert calls == []  # asking made nothing: the view makes it, where errors become problems
    response = Client(middleware, TestResponse).get("/v1/nl/slow.pdf")
    assert (response.status_code, response.get_data(), calls) == (200, b"%PDF-1.7 made", [1])
    ready = middleware.ready(environ)
    assert ready is not None and ready.body == b"%PDF-1.7 made"
