"""Every error is RFC 9457 problem details: never an HTML page, never a traceback."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import factsheet
from api import create_app

from .conftest import body

LOCALES = list(factsheet.locales())
SECTIONS = ["intro", "chatbot-types", "reasons", "risks", "conversation"]


def problem(response: TestResponse, status: int) -> dict[str, object]:
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    details: dict[str, object] = body(response)
    assert details["status"] == status
    assert isinstance(details["type"], str)
    assert isinstance(details["title"], str)
    return details


def test_unknown_path(client: FlaskClient) -> None:
    details = problem(client.get("/v2/nl/factsheet"), 404)
    assert details["type"] == "about:blank"
    assert details["title"] == "Not Found"
    assert details["detail"]


@pytest.mark.parametrize("segment", ["xx", "pt", "nld", "dutch", "NL_BE_x", "english", "%E2%80%AE", "%00"])
def test_unknown_locale_lists_the_shipped_ones(client: FlaskClient, segment: str) -> None:
    for url in (
        f"/v1/{segment}/factsheet",
        f"/v1/{segment}/sections",
        f"/v1/{segment}/sections/risks",
        f"/v1/{segment}/sections/risks/items/echo",
    ):
        details = problem(client.get(url), 404)
        assert details["type"] == "/v1/problems/unknown-locale"
        assert details["locales"] == LOCALES
        assert "Shipped locales: nl, en," in str(details["detail"])


@pytest.mark.parametrize(("segment", "code"), [("EN", "en"), ("en-GB", "en"), ("de_AT", "de"), ("Nl", "nl")])
def test_another_spelling_of_a_locale_is_a_404_naming_the_code(
    client: FlaskClient, segment: str, code: str
) -> None:
    details = problem(client.get(f"/v1/{segment}/factsheet"), 404)
    assert details["type"] == "/v1/problems/unknown-locale"
    assert f"Locale URLs use the shipped code: {code!r}" in str(details["detail"])


def test_the_locale_is_checked_before_the_section_and_item(client: FlaskClient) -> None:
    details = problem(client.get("/v1/xx/sections/nope/items/nope"), 404)
    assert details["type"] == "/v1/problems/unknown-locale"


def test_unknown_section_lists_the_sections(client: FlaskClient) -> None:
    for url in ("/v1/de/sections/nope", "/v1/de/sections/nope/items/echo", "/v1/de/sections/RISKS"):
        details = problem(client.get(url), 404)
        assert details["type"] == "/v1/problems/unknown-section"
        assert details["sections"] == SECTIONS


def test_unknown_item_lists_the_items_of_its_section(client: FlaskClient) -> None:
    details = problem(client.get("/v1/fr/sections/intro/items/echo"), 404)
    assert details["type"] == "/v1/problems/unknown-item"
    assert details["items"] == ["situation", "purpose"]
    assert "'echo'" in str(details["detail"])


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
)
def test_hostile_paths_are_plain_404s(client: FlaskClient, path: str) -> None:
    details = problem(client.get(path), 404)
    assert len(str(details.get("detail", ""))) < 400  # the request is not echoed back in full


@pytest.mark.parametrize(
    "url",
    [
        "/v1/",
        "/v1/locales",
        "/v1/factsheet",
        "/v1/nl/factsheet",
        "/v1/nl/sections",
        "/v1/nl/sections/risks",
        "/v1/nl/sections/risks/items/echo",
        "/v1/openapi.json",
        "/v1/docs",
        "/healthz",
        "/",
        "/index.html",
        "/nl/",
        "/v1/nl/factsheet.md",
        "/v1/nl/factsheet.txt",
        "/v1/nl/sections/risks/items/echo.json",
        "/static/nope.css",
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_other_methods_are_405_with_allow(client: FlaskClient, url: str, method: str) -> None:
    response = client.open(url, method=method, data=b"{}", content_type="application/json")
    details = problem(response, 405)
    assert details["type"] == "about:blank"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("lang", ["", "!", "e", "en!", "x" * 40, "en--GB", "%00", "ab cd"])
def test_a_malformed_lang_is_422(client: FlaskClient, lang: str) -> None:
    details = problem(client.get(f"/v1/factsheet?lang={lang}"), 422)
    assert details["type"] == "/v1/problems/invalid-query"
    assert "lang" in details["errors"]["query"]  # type: ignore[index]


@pytest.mark.parametrize("lang", ["pt", "pt-BR", "zh_Hant", "xx"])
def test_a_lang_naming_no_shipped_locale_is_404(client: FlaskClient, lang: str) -> None:
    details = problem(client.get(f"/v1/factsheet?lang={lang}"), 404)
    assert details["type"] == "/v1/problems/unknown-locale"
    assert details["locales"] == LOCALES


@pytest.fixture
def failing_app() -> Flask:
    app = create_app({"PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internal detail: /srv/db password=hunter2")

    return app


def test_500_says_nothing_internal_and_is_logged(
    failing_app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/boom")
    details = problem(response, 500)
    assert details == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "The server could not answer this request. The error has been logged.",
    }
    assert b"hunter2" not in response.data
    assert b"Traceback" not in response.data
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "hunter2" in caplog.text  # for the operator, in the server log


def test_debug_is_off_unless_asked_for(app: Flask) -> None:
    assert not app.debug
    assert not create_app().debug


@pytest.mark.parametrize(
    ("method", "url", "headers"),
    [
        ("GET", "/xx/", {}),
        ("GET", "/nl/", {"Accept": "application/json"}),
        ("GET", "/static/nope.css", {}),
        ("GET", "/favicon.ico", {}),
        ("GET", "/v1/nl/factsheet", {"Accept": "text/html"}),
        ("POST", "/v1/nl/factsheet", {}),
        ("TRACE", "/v1/", {}),
        ("GET", "/v1/factsheet?lang=%FF", {}),
        ("BREW", "/v1/", {}),
    ],
)
def test_no_error_is_an_html_page(
    client: FlaskClient, method: str, url: str, headers: dict[str, str]
) -> None:
    response = client.open(url, method=method, headers=headers)
    assert response.status_code >= 400
    assert response.content_type == "application/problem+json"
    assert b"<" not in response.data
