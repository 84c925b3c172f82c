"""HTTP robustness, in one place: whatever a client sends, never a 5xx, never an HTML page; every
error is a problem+json document, every 405 says ``Allow``, every 200 a real document.

Hypothesis draws the odd input; how many examples it tries comes from the settings profile
(``tests/conftest.py``: few in development, more when ``CI=true``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import TestResponse

import factsheet

from .conftest import REFERRER_POLICY

SHIPPED = frozenset(factsheet.locales())
#: The app fixture is read-only, so sharing it between examples is safe.
FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

# Segments as an attacker or a broken client sends them: traversal, control characters, mixed
# scripts, percent-encoding (once and twice), overlong, and near-misses of real ids.
_near = st.sampled_from(
    ["nl", "EN", "en-GB", "ar_EG", "risks", "echo", "..", "%2e%2e", "%00", "nl%2F..", "ﬁ"]
)
_segments = st.one_of(
    _near,
    st.text(min_size=1, max_size=30),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).map(lambda s: quote(s, safe="")),
    st.text(min_size=1, max_size=8).map(lambda s: quote(quote(s, safe=""), safe="")),
    st.integers(200, 12_000).map(lambda n: "a" * n),
)
_header_values = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200),
    st.sampled_from(["*", "en;q=0", "ar, *;q=0", "de-AT,de;q=0.9", "x" * 5000, "en;q=abc", ";;;,,,"]),
    st.lists(st.sampled_from([*SHIPPED, "pt-BR", "zh", "*", "en-GB"]), max_size=6).map(", ".join),
)
_methods = st.sampled_from(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])


def _raw(segment: str) -> str:
    """A segment sent as is, except the two characters that would end the path."""
    return segment.replace("#", "%23").replace("?", "%3F")


def _check(response: TestResponse, method: str = "GET") -> Any:
    """Never a 5xx; an error is a problem document; returns the JSON of a 200 GET."""
    assert response.status_code < 500, response.get_data()[:300]
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
        if method != "HEAD":
            problem = json.loads(response.get_data())
            assert problem["status"] == response.status_code
            assert problem["title"] and isinstance(problem["detail"], str) and problem["type"]
        if response.status_code == 405:
            assert response.headers.get("Allow")
        return None
    if response.status_code == 200 and method == "GET" and response.mimetype == "application/json":
        return json.loads(response.get_data().decode("utf-8"))
    return None


def _check_factsheet(document: Any, response: TestResponse) -> None:
    assert document["metadata"]["language"] in SHIPPED
    assert response.headers["Content-Language"] == document["metadata"]["language"]
    expected = factsheet.load(document["metadata"]["language"]).sections
    assert [s["id"] for s in document["sections"]] == [section.id for section in expected]


@FUZZ
@given(_segments)
def test_locale_segment(app: Flask, segment: str) -> None:
    response = app.test_client().get(f"/v1/{_raw(segment)}/factsheet")
    document = _check(response)
    if "/" not in segment:  # a slash makes other paths, which may well exist
        assert (document is not None) == (segment in SHIPPED)
    if document is not None and "metadata" in document:
        _check_factsheet(document, response)


@FUZZ
@given(_segments, _segments)
def test_section_and_item_segments(app: Flask, section: str, item: str) -> None:
    client = app.test_client()
    section, item = _raw(section), _raw(item)
    _check(client.get(f"/v1/nl/sections/{section}"))
    _check(client.get(f"/v1/en/sections/risks/items/{item}"))
    _check(client.get(f"/v1/ar/sections/{section}/items/{item}"))


@FUZZ
@given(_header_values)
def test_accept_language(app: Flask, header: str) -> None:
    response = app.test_client().get("/v1/factsheet", headers={"Accept-Language": header})
    document = _check(response)
    assert response.status_code == 200
    _check_factsheet(document, response)
    assert "Accept-Language" in response.headers.get("Vary", "")


@FUZZ
@given(
    st.one_of(_segments, st.text(max_size=40)),
    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
)
def test_query_strings(app: Flask, lang: str, extra: dict[str, str]) -> None:
    client = app.test_client()
    response = client.get("/v1/factsheet", query_string={"lang": lang, **extra})
    document = _check(response)
    if document is not None:
        _check_factsheet(document, response)
    _check(client.get("/v1/nl/factsheet", query_string=extra))


@FUZZ
@given(
    _methods,
    st.sampled_from(
        ["/v1/", "/v1/locales", "/v1/nl/factsheet", "/v1/ar/sections/risks", "/healthz", "/v1/nope"]
    ),
)
def test_methods(app: Flask, method: str, path: str) -> None:
    response = app.test_client().open(path, method=method)
    _check(response, method)
    if method in {"POST", "PUT", "PATCH", "DELETE", "TRACE"} and path != "/v1/nope":
        assert response.status_code == 405


# Chosen cases: what a fuzzer would rarely draw -------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/v1/..%2f..%2fetc%2fpasswd/factsheet",
        "/v1/../factsheet",
        "/v1/%2e%2e/factsheet",
        "/v1/nl%00/factsheet",
        "/v1/" + "a" * 10_000 + "/factsheet",
        "/v1/nl/sections/" + "b" * 10_000,
        "/v1/nl/sections/risks/items/" + "c" * 10_000,
        "/v1/%F0%9F%98%80/factsheet",
        "/v1/%ff%fe/sections",
        "/v1/%C0%AE%C0%AE/factsheet",
        "/v1/\u202enl/factsheet",
        "/v1/n%CC%88l/factsheet",
        "/v1//factsheet",
        "//v1/nl/factsheet",
        "/v1/nl/factsheet/",
        "/v1/nl//sections",
        "/healthz/",
    ],
    ids=lambda path: path[:40],
)
def test_hostile_paths_are_plain_404s(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    _check(response)
    assert len(json.loads(response.data)["detail"]) < 400  # the request is not echoed back in full


#: One URL of each kind of route: what the other methods must be refused on, with ``Allow``.
ONE_OF_EACH = [
    "/v1/nl/factsheet",
    "/v1/nl/factsheet.json",
    "/v1/docs",
    "/nl/",
    "/static/nope.css",
    "/healthz",
]


@pytest.mark.parametrize("url", ONE_OF_EACH)
def test_other_methods_are_405_with_allow(client: FlaskClient, url: str) -> None:
    response = client.open(url, method="DELETE", data=b"{}", content_type="application/json")
    assert response.status_code == 405
    _check(response, "DELETE")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


#: Requests of every kind, good and bad: each answer is hardened, and an error is never HTML.
REQUESTS = [
    ("GET", "/xx/", {}),
    ("GET", "/nl/", {"Accept": "application/json"}),
    ("GET", "/static/nope.css", {}),
    ("GET", "/favicon.ico", {}),
    ("GET", "/v1/nl/factsheet", {"Accept": "text/html"}),
    ("POST", "/v1/nl/factsheet", {}),
    ("TRACE", "/v1/", {}),
    ("GET", "/v1/factsheet?lang=%FF", {}),
    ("BREW", "/v1/", {}),
    ("GET", "/v1/nl/factsheet", {}),
    ("GET", "/v1/factsheet", {"Accept-Language": "ar"}),
    ("GET", "/v1/nl/factsheet", {"If-None-Match": "*"}),
    ("GET", "/v1/docs", {}),
    ("GET", "/nope", {}),
    ("GET", "/v1/xx/factsheet", {}),
    ("DELETE", "/v1/", {}),
    ("GET", "/v1/factsheet?lang=!", {}),
    ("OPTIONS", "/v1/locales", {"Origin": "https://a.b", "Access-Control-Request-Method": "GET"}),
    ("HEAD", "/healthz", {}),
    ("GET", "/", {"Accept-Language": "fr"}),
    ("GET", "/ar/", {}),
    ("GET", "/ar", {}),
    ("GET", "/v1/ar/factsheet.md", {}),
    ("GET", "/index.html", {}),
]


@pytest.mark.parametrize(("method", "url", "headers"), REQUESTS)
def test_every_answer_is_hardened_and_no_error_is_an_html_page(
    client: FlaskClient, method: str, url: str, headers: dict[str, str]
) -> None:
    response = client.open(url, method=method, headers=headers)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == REFERRER_POLICY
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    if response.status_code >= 400:
        _check(response, method)
        assert b"<" not in response.data
