"""The ``Host`` header as RFC 9112, section 3.2 requires it (:mod:`api.site.host`): an HTTP/1.1 request
without one, or any request with more than one, is answered ``400`` with problem details; an
HTTP/1.0 request may come without one.

In process with Flask's test client, whose environ is made to look like what each server gives:
granian (``python -m api``) sets ``HTTP_HOST`` to ``""`` when the header is missing, joins repeated
lines with ``,`` and says ``HTTP/1`` for HTTP/1.0; Werkzeug leaves ``HTTP_HOST`` out and joins
with ``", "``. Then once over a real socket against ``python -m api``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, TestResponse
from werkzeug.wrappers import Request

from .conftest import body
from .test_server import Server, exchange, start

#: A URL the middleware in front of Flask answers, one Flask answers, and one it answers with a 404.
PATHS = ["/v1/nl/factsheet", "/healthz", "/v1/xx/factsheet"]


def _send(client: FlaskClient, path: str, method: str = "GET", **environ: Any) -> TestResponse:
    """``method path`` with an environ changed by ``environ``; a value ``None`` takes the key out."""
    made = EnvironBuilder(path=path, method=method).get_environ()
    for key, value in environ.items():
        if value is None:
            made.pop(key, None)
        else:
            made[key] = value
    return client.open(Request(made))


def _assert_bad_host(response: TestResponse, client: FlaskClient, detail: str) -> None:
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    problem = body(response)
    assert list(problem) == ["type", "title", "status", "detail"]
    assert (problem["type"], problem["title"], problem["status"]) == ("about:blank", "Bad Request", 400)
    assert detail in problem["detail"] and "RFC 9112" in problem["detail"]
    # The headers of every other problem the app sends (CORS, hardening), in the same order.
    other = client.get("/v1/xx/factsheet")
    assert other.status_code == 404
    assert [name for name, _ in response.headers] == [name for name, _ in other.headers]
    assert {k: v for k, v in response.headers if k != "Content-Length"} == {
        k: v for k, v in other.headers if k != "Content-Length"
    }
    assert int(response.headers["Content-Length"]) == len(response.get_data())


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("missing", [None, ""], ids=["werkzeug-absent", "granian-empty"])
def test_http11_without_host_is_a_400_problem(client: FlaskClient, path: str, missing: str | None) -> None:
    response = _send(client, path, HTTP_HOST=missing, SERVER_PROTOCOL="HTTP/1.1")
    _assert_bad_host(response, client, "Host header")


@pytest.mark.parametrize("path", PATHS)
def test_two_host_headers_are_a_400_problem(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers=[("Host", "a.example"), ("Host", "b.example")])  # "a, b"
    _assert_bad_host(response, client, "one Host header")
    granian = _send(client, path, HTTP_HOST="a.example,a.example")  # two lines, as granian joins them
    _assert_bad_host(granian, client, "one Host header")
    # RFC 9112 says "any request message": an HTTP/1.0 request too.
    old = _send(client, path, HTTP_HOST="a.example,b.example", SERVER_PROTOCOL="HTTP/1")
    _assert_bad_host(old, client, "one Host header")


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "POST"])
def test_every_method_is_refused_the_same_way(client: FlaskClient, method: str) -> None:
    response = _send(client, "/v1/", method, HTTP_HOST=None)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    if method == "HEAD":
        assert response.get_data() == b""
    else:
        assert body(response)["status"] == 400


@pytest.mark.parametrize("protocol", ["HTTP/1.0", "HTTP/1"], ids=["werkzeug", "granian"])
@pytest.mark.parametrize("missing", [None, ""], ids=["absent", "empty"])
def test_http10_without_host_is_served(client: FlaskClient, protocol: str, missing: str | None) -> None:
    for path, status in (("/v1/nl/factsheet", 200), ("/healthz", 200), ("/v1/xx/factsheet", 404)):
        response = _send(client, path, HTTP_HOST=missing, SERVER_PROTOCOL=protocol)
        assert response.status_code == status, path


def test_one_host_header_is_served(client: FlaskClient, app: Flask) -> None:
    assert client.get("/v1/nl/factsheet", headers={"Host": "factsheet.example.org:8443"}).status_code == 200
    assert client.get("/v1/nl/factsheet", headers={"Host": "[::1]:8000"}).status_code == 200
    # The app's own requests (export, release checks) go through the same stack, with Host: localhost.
    assert app.test_client().get("/healthz").status_code == 200


# Over a real socket, against the production server ------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``python -m api`` on a free port, started as ``tests/api/test_server.py`` starts it."""
    running = start(tmp_path_factory.mktemp("host"))
    try:
        yield running
    finally:
        code = running.stop()
    assert code == 0, running.logs()
    assert "Traceback" not in running.logs()


def _answer(server: Server, head: bytes) -> tuple[bytes, dict[str, str], bytes]:
    answer = exchange(server.port, b"GET /v1/nl/factsheet " + head + b"Connection: close\r\n\r\n")
    lines, _, data = answer.partition(b"\r\n\r\n")
    status, *fields = lines.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (f.partition(":") for f in fields)}
    assert len(data) == int(headers["content-length"]), answer[:500]  # one answer, nothing after it
    return status.encode(), headers, data


@pytest.mark.server
@pytest.mark.parametrize(
    ("head", "detail"),
    [
        (b"HTTP/1.1\r\n", "Host header"),
        (b"HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n", "one Host header"),
        (b"HTTP/1.1\r\nHost: a.example\r\nHost:\r\n", "one Host header"),
        (b"HTTP/1.0\r\nHost: a.example\r\nHost: a.example\r\n", "one Host header"),
    ],
    ids=["1.1-none", "1.1-two", "1.1-two-one-empty", "1.0-two"],
)
def test_the_production_server_refuses_a_bad_host(server: Server, head: bytes, detail: str) -> None:
    status, headers, data = _answer(server, head)
    assert status.split(b" ")[1] == b"400", status
    assert headers["content-type"] == "application/problem+json"
    assert headers["x-content-type-options"] == "nosniff"
    problem: dict[str, Any] = json.loads(data)
    assert problem["status"] == 400 and detail in problem["detail"]


@pytest.mark.server
@pytest.mark.parametrize("head", [b"HTTP/1.1\r\nHost: a.example\r\n", b"HTTP/1.0\r\n"], ids=["1.1", "1.0"])
def test_the_production_server_serves_a_good_host(server: Server, head: bytes) -> None:
    status, headers, data = _answer(server, head)
    assert status.split(b" ")[1] == b"200", status
    assert headers["content-type"] == "application/json"
    assert json.loads(data)["metadata"]["language"] == "nl"
