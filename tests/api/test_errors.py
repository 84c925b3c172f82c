"""What the errors say: problem details that name what exists (robustness: test_robustness.py)."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import factsheet
from api import create_app
from tests.outline import LOCALES

from .conftest import MakeApp, body

SECTIONS = [section.id for section in factsheet.load(factsheet.DEFAULT_LOCALE).sections]


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


@pytest.mark.parametrize("segment", ["xx", "qaa", "nld", "dutch", "NL_BE_x", "english", "%E2%80%AE", "%00"])
def test_unknown_locale_lists_the_shipped_ones(client: FlaskClient, segment: str) -> None:
    for url in (
        f"/v1/{segment}/factsheet",
        f"/v1/{segment}/sections",
        f"/v1/{segment}/sections/risks",
        f"/v1/{segment}/sections/risks/items/echo",
    ):
        details = problem(client.get(url), 404)
        assert details["type"] == "/v1/problems/unknown-locale"
        assert details["locales"] == list(LOCALES)
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


@pytest.mark.parametrize("lang", ["", "!", "e", "en!", "x" * 40, "en--GB", "%00", "ab cd"])
def test_a_malformed_lang_is_422(client: FlaskClient, lang: str) -> None:
    details = problem(client.get(f"/v1/factsheet?lang={lang}"), 422)
    assert details["type"] == "/v1/problems/invalid-query"
    assert "lang" in details["errors"]["query"]  # type: ignore[index]


@pytest.mark.parametrize("lang", ["qaa", "xx-BR", "zh_Hant", "xx"])
def test_a_lang_naming_no_shipped_locale_is_404(client: FlaskClient, lang: str) -> None:
    details = problem(client.get(f"/v1/factsheet?lang={lang}"), 404)
    assert details["type"] == "/v1/problems/unknown-locale"
    assert details["locales"] == list(LOCALES)


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


def test_debug_is_off_unless_asked_for(app: Flask, make_app: MakeApp) -> None:
    assert not app.debug
    assert not make_app().debug
