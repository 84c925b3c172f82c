"""Odd input against the app: never a 5xx, every error a problem+json, every 200 a real document."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import TestResponse

import factsheet

SHIPPED = frozenset(factsheet.locales())
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

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
    assert [s["id"] for s in document["sections"]] == [
        "intro",
        "chatbot-types",
        "reasons",
        "risks",
        "conversation",
    ]


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
