"""HTTP behaviour: validators and 304, HEAD, caching, negotiation, 406, CORS and hardening headers."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from flask import Flask, Response
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, TestResponse

import factsheet
from api import create_app
from api.site import hooks
from api.site.answers import respond

from .conftest import PUBLIC_CACHE, REFERRER_POLICY, body

#: One URL of each resource, and the locale its body is in (None: not localised).
RESOURCES = {
    "/v1/": None,
    "/v1/locales": None,
    "/v1/factsheet": "nl",
    "/v1/en/factsheet": "en",
    "/v1/de/sections": "de",
    "/v1/ar/sections/risks": "ar",
    "/v1/uk/sections/conversation/items/open-attitude": "uk",
    "/v1/openapi.json": None,
    "/v1/docs": None,
    "/healthz": None,
}
STRONG_ETAG = re.compile(r'^"[a-z]{2,3}-(json|html|md|txt|css|js|svg)-[0-9a-f]{20}"$')


@pytest.fixture(scope="module")
def every_url(app: Flask) -> list[str]:
    """A URL of every resource of every shipped locale."""
    urls = ["/v1/", "/v1/locales", "/v1/factsheet", "/v1/openapi.json", "/v1/docs", "/healthz", "/index.html"]
    for code in factsheet.locales():
        sheet = factsheet.load(code)
        urls += [f"/{code}/", f"/v1/{code}/factsheet.md", f"/v1/{code}/factsheet.txt"]
        urls += [f"/v1/{code}/factsheet", f"/v1/{code}/sections"]
        for section in sheet.sections:
            urls.append(f"/v1/{code}/sections/{section.id}")
            urls += [f"/v1/{code}/sections/{section.id}/items/{item.id}" for item in section.items]
    return urls


@pytest.mark.parametrize(("url", "language"), RESOURCES.items())
def test_headers_of_every_resource(client: FlaskClient, url: str, language: str | None) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert STRONG_ETAG.match(response.headers["ETag"])
    expected_cache = "no-store" if url == "/healthz" else PUBLIC_CACHE
    assert response.headers["Cache-Control"] == expected_cache
    assert response.headers.get("Content-Language") == language
    assert response.headers["Content-Length"] == str(len(response.data))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == REFERRER_POLICY
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_etags_differ_between_resources_and_locales(client: FlaskClient, every_url: list[str]) -> None:
    canonical = [url for url in every_url if url != "/v1/factsheet"]
    etags = [client.get(url).headers["ETag"] for url in canonical]
    assert len(set(etags)) == len(etags)


def test_etags_are_stable_between_app_instances(client: FlaskClient) -> None:
    again = create_app({"TESTING": True}).test_client()
    for url in RESOURCES:
        assert client.get(url).headers["ETag"] == again.get(url).headers["ETag"]


def test_a_change_in_one_locale_leaves_every_other_etag_as_it_was(
    client: FlaskClient, every_url: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a fix in one catalog would: one locale's text and the release checksum change.
    changed = factsheet.locales()[-1]
    original = factsheet.load

    def load(code: str = factsheet.DEFAULT_LOCALE, version: str | None = None) -> factsheet.Factsheet:
        sheet = original(code, version=version)
        if code != changed or version is not None:  # a release's text never changes
            return sheet
        intro, *rest = sheet.sections
        first = replace(intro.items[0], text=f"{intro.items[0].text} (fixed)")
        return replace(sheet, sections=(replace(intro, items=(first, *intro.items[1:])), *rest))

    monkeypatch.setattr(factsheet, "load", load)
    monkeypatch.setattr(factsheet, "content_checksum", lambda: "0" * 64)
    fixed = create_app({"TESTING": True}).test_client()
    changed_urls = []
    for url in every_url:
        before, after = client.get(url), fixed.get(url)
        same = before.data == after.data
        assert (before.headers["ETag"] == after.headers["ETag"]) == same, url  # the bytes, nothing else
        if not same:
            changed_urls.append(url)
    assert f"/v1/{changed}/factsheet" in changed_urls
    others = [url for url in changed_urls if f"/{changed}/" not in url]
    assert set(others) <= {"/v1/", "/v1/locales", "/healthz"}  # they state the release checksum


@pytest.mark.parametrize("url", RESOURCES)
@pytest.mark.parametrize("form", ["{}", "W/{}", '"other", {}', "*"])
def test_if_none_match_gives_304(client: FlaskClient, url: str, form: str) -> None:
    first = client.get(url)
    etag = first.headers["ETag"]
    response = client.get(url, headers={"If-None-Match": form.format(etag)})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert "Content-Type" not in response.headers
    assert "Content-Length" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("other", ['"nl-json-0000"', 'W/"x"', "garbage", ""])
def test_another_etag_gives_the_body(client: FlaskClient, other: str) -> None:
    response = client.get("/v1/nl/factsheet", headers={"If-None-Match": other})
    assert response.status_code == 200
    assert body(response)["metadata"]["language"] == "nl"


def test_head_gives_the_headers_of_get_without_the_body(client: FlaskClient, every_url: list[str]) -> None:
    for url in every_url:
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200, url
        assert head.data == b""
        get.headers.pop("Date", None), head.headers.pop("Date", None)  # a second may pass between
        assert head.headers == get.headers


def test_head_is_conditional_too(client: FlaskClient) -> None:
    etag = client.head("/v1/en/factsheet").headers["ETag"]
    assert client.head("/v1/en/factsheet", headers={"If-None-Match": etag}).status_code == 304


def test_max_age_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTSHEET_MAX_AGE", "60")
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/v1/nl/factsheet").headers["Cache-Control"] == "public, max-age=60"
    assert client.get("/v1/docs").headers["Cache-Control"] == "public, max-age=60"
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    given = create_app({"TESTING": True, "FACTSHEET_MAX_AGE": 0}).test_client()
    assert given.get("/v1/").headers["Cache-Control"] == "public, max-age=0"


# Negotiation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        (None, "nl"),
        ("de", "de"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-CA", "fr"),
        ("AR", "ar"),
        ("xx-BR, es;q=0.5", "es"),
        ("nl;q=0, uk;q=0.3", "uk"),
        ("*", "nl"),
        ("xx-BR", "nl"),
        ("", "nl"),
        ("$%^&;;;q=x,,", "nl"),
        ("de;q=abc", "nl"),
        ("de, " + "x" * 2000, "nl"),
        ("zh-Hant-TW;q=0.9, tr;q=0.8", "tr"),
    ],
)
def test_accept_language_picks_the_locale(
    client: FlaskClient, accept_language: str | None, expected: str
) -> None:
    headers = {} if accept_language is None else {"Accept-Language": accept_language}
    response = client.get("/v1/factsheet", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == expected
    assert body(response)["metadata"]["language"] == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("de_AT", "de")])
def test_lang_wins_over_accept_language(client: FlaskClient, lang: str, expected: str) -> None:
    response = client.get(f"/v1/factsheet?lang={lang}", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == expected


def test_the_negotiated_answer_is_the_canonical_representation(client: FlaskClient) -> None:
    for code in factsheet.locales():
        negotiated = client.get("/v1/factsheet", headers={"Accept-Language": code})
        canonical = client.get(f"/v1/{code}/factsheet")
        assert negotiated.data == canonical.data
        assert negotiated.headers["ETag"] == canonical.headers["ETag"]
        assert negotiated.headers["Content-Location"] == f"/v1/{code}/factsheet"
        assert negotiated.headers["Vary"] == "Accept-Language, Accept-Encoding"
        assert canonical.headers["Vary"] == "Accept-Encoding"  # the JSON is sent compressed to some
        assert "Content-Location" not in canonical.headers


def test_the_negotiated_304_keeps_vary_and_content_location(client: FlaskClient) -> None:
    etag = client.get("/v1/de/factsheet").headers["ETag"]
    response = client.get("/v1/factsheet", headers={"Accept-Language": "de", "If-None-Match": etag})
    assert response.status_code == 304
    assert response.headers["Vary"] == "Accept-Language, Accept-Encoding"
    assert response.headers["Content-Location"] == "/v1/de/factsheet"
    other = client.get("/v1/factsheet", headers={"Accept-Language": "fr", "If-None-Match": etag})
    assert other.status_code == 200


def test_unknown_query_parameters_are_ignored(client: FlaskClient) -> None:
    assert client.get("/v1/factsheet?utm_source=x&lang=tr").headers["Content-Language"] == "tr"
    assert client.get("/v1/nl/factsheet?lang=de").headers["Content-Language"] == "nl"


# 406 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept",
    [
        "application/json",
        "*/*",
        "application/*",
        "application/json;q=0.5, text/html",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ],
)
def test_json_is_served_to_whoever_accepts_it(client: FlaskClient, accept: str) -> None:
    assert client.get("/v1/nl/factsheet", headers={"Accept": accept}).status_code == 200


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "application/json;q=0", "image/*"])
def test_json_only_resources_refuse_other_media_types(client: FlaskClient, accept: str) -> None:
    response = client.get("/v1/nl/factsheet", headers={"Accept": accept})
    assert response.status_code == 406
    assert response.content_type == "application/problem+json"
    problem = body(response)
    assert problem["status"] == 406
    assert "application/json" in problem["detail"]


def test_the_docs_page_is_html_only(client: FlaskClient) -> None:
    assert client.get("/v1/docs", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/v1/docs", headers={"Accept": "application/json"}).status_code == 406


# CORS and hardening ------------------------------------------------------------------------------


def test_any_origin_may_read_without_credentials(client: FlaskClient) -> None:
    response = client.get("/v1/nl/factsheet", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Expose-Headers"] == "Content-Location, ETag"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" not in response.headers.get("Vary", "")


def test_preflight_is_answered(client: FlaskClient) -> None:
    response = client.options(
        "/v1/en/sections/risks",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match, Accept-Language",
        },
    )
    assert response.status_code == 204
    assert response.data == b""
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert set(response.headers["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert allowed == {"if-none-match", "accept-language"}
    assert response.headers["Access-Control-Max-Age"] == "86400"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_ready_responses_carry_the_cors_headers_flask_cors_would_add(client: FlaskClient) -> None:
    # Precomputed responses bypass flask-cors; an error response goes through it.
    def cors(response: TestResponse) -> dict[str, str]:
        return {k: v for k, v in response.headers.items() if k.startswith("Access-Control-")}

    origin = {"Origin": "https://example.org"}
    assert cors(client.get("/v1/nl/factsheet", headers=origin)) == cors(client.get("/nope", headers=origin))
    assert cors(client.get("/v1/nl/factsheet")) == cors(client.get("/nope"))


def test_referrer_policy_is_configurable() -> None:
    client = create_app({"TESTING": True, "FACTSHEET_REFERRER_POLICY": "same-origin"}).test_client()
    assert client.get("/v1/").headers["Referrer-Policy"] == "same-origin"
    assert client.get("/nope").headers["Referrer-Policy"] == "same-origin"


# Conditional requests, Werkzeug's way -------------------------------------------------------------


def test_if_match_that_fails_gives_412(client: FlaskClient) -> None:
    etag = client.get("/v1/nl/factsheet").headers["ETag"]
    assert client.get("/v1/nl/factsheet", headers={"If-Match": etag}).status_code == 200
    assert client.get("/v1/nl/factsheet", headers={"If-Match": '"other"'}).status_code == 412


def test_every_answer_is_a_response_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a hook adds never leaks into the next answer; the middleware's answers are new each time.
    app = create_app({"TESTING": True})
    seen: list[str] = []

    def tag(response: Response) -> Response:
        seen.append("x")
        response.headers["X-Request"] = str(len(seen))
        return response

    # A hook for what Flask answers only, so one the ready answers may pass by (api/site/hooks.py).
    monkeypatch.setitem(hooks.PASSED_BY, f"{tag.__module__}:{tag.__qualname__}", "this test's")
    app.after_request(tag)

    client = app.test_client()  # ?lang= goes to the view (the middleware leaves it to Flask)
    assert client.get("/v1/factsheet?lang=nl").headers.getlist("X-Request") == ["1"]
    assert client.get("/v1/factsheet?lang=nl").headers.getlist("X-Request") == ["2"]
    representation = app.extensions["factsheet"].get("/v1/nl/factsheet")
    environ = EnvironBuilder(path="/v1/nl/factsheet").get_environ()
    first, second = respond(environ, representation.ready()), respond(environ, representation.ready())
    first.headers["X-Request"] = "1"
    assert first is not second and "X-Request" not in second.headers
