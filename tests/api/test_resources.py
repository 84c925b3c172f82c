"""Every resource answers with what the data package holds, in content order, as UTF-8 JSON."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

import factsheet
from factsheet import ItemSchema, SectionSchema
from factsheet.model.schema import MetadataSchema
from tests.outline import LOCALES

from .conftest import MakeApp, body


def test_index_names_the_service_its_content_and_every_resource(client: FlaskClient) -> None:
    response = client.get("/v1/")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    index = body(response)
    assert list(index) == ["name", "title", "version", "checksum", "default_locale", "locales", "links"]
    assert index["name"] == "ai-chatbot-factsheet"
    assert index["title"] == factsheet.load("nl").metadata.title
    assert index["version"] == factsheet.__version__
    assert index["checksum"] == factsheet.content_checksum()
    assert index["default_locale"] == "nl"
    assert index["locales"] == list(LOCALES)
    assert index["links"] == {
        "self": "/v1/",
        "locales": "/v1/locales",
        "factsheet": "/v1/factsheet",
        "localized_factsheet": "/v1/{locale}/factsheet",
        "sections": "/v1/{locale}/sections",
        "section": "/v1/{locale}/sections/{section_id}",
        "item": "/v1/{locale}/sections/{section_id}/items/{item_id}",
        "markdown": "/v1/{locale}/factsheet.md",
        "text": "/v1/{locale}/factsheet.txt",
        "chunks": "/v1/{locale}/chunks",
        "releases": "/v1/releases",
        "releases_feed": "/v1/releases.atom",
        "release_factsheet": "/v1/releases/{version}/{locale}/factsheet",
        "pdf": "/v1/{locale}/factsheet.pdf",
        "page": "/{locale}/",
        "openapi": "/v1/openapi.json",
        "docs": "/v1/docs",
        "health": "/healthz",
    }


def test_every_link_of_the_index_leads_somewhere(client: FlaskClient, pdfs_ready: None) -> None:
    values = {"locale": "ar", "section_id": "risks", "item_id": "echo", "version": "1.0.0"}
    for link in body(client.get("/v1/"))["links"].values():
        assert client.get(link.format(**values)).status_code == 200, link


def test_the_index_also_answers_without_its_trailing_slash(client: FlaskClient) -> None:
    response = client.get("/v1")
    assert response.status_code == 200
    assert response.data == client.get("/v1/").data


def test_locales_describe_every_shipped_locale(client: FlaskClient) -> None:
    response = client.get("/v1/locales")
    assert response.status_code == 200
    assert "Content-Language" not in response.headers
    entries = body(response)
    assert [entry["code"] for entry in entries] == list(LOCALES)
    for entry in entries:
        info = factsheet.locale_info(entry["code"])
        assert entry == {
            "code": info.code,
            "english_name": info.english_name,
            "native_name": info.native_name,
            "direction": info.direction,
            "status": info.status,
            "translated": info.translated,
            "total": info.total,
            "completeness": round(info.completeness, 4),
            "reviewed_by": info.reviewed_by,
            "reviewed_on": info.reviewed_on,
            "changed_since_review": list(info.changed_since_review),
            "links": {
                "factsheet": f"/v1/{info.code}/factsheet",
                "sections": f"/v1/{info.code}/sections",
                "markdown": f"/v1/{info.code}/factsheet.md",
                "text": f"/v1/{info.code}/factsheet.txt",
                "chunks": f"/v1/{info.code}/chunks",
                "pdf": f"/v1/{info.code}/factsheet.pdf",
                "page": f"/{info.code}/",
            },
        }
    by_code = {entry["code"]: entry for entry in entries}
    assert by_code["nl"]["status"] == "source"
    assert by_code["nl"]["completeness"] == 1.0
    assert by_code["ar"]["direction"] == "rtl"
    assert by_code["en"]["english_name"] == "English"


@pytest.mark.parametrize("code", LOCALES)
def test_the_factsheet_in_each_locale_is_wired_to_the_data_package(client: FlaskClient, code: str) -> None:
    response = client.get(f"/v1/{code}/factsheet")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.headers["Content-Language"] == code
    sheet = body(response)
    assert sheet == factsheet.to_dict(factsheet.load(code))
    assert sheet["metadata"]["language"] == code
    assert set(sheet["metadata"]["translation"]) == {
        "status",
        "translated",
        "total",
        "fallbacks",
        "reviewed_by",
        "reviewed_on",
        "changed_since_review",
    }


def test_keys_keep_content_order(client: FlaskClient) -> None:
    sheet = body(client.get("/v1/nl/factsheet"))
    assert list(sheet) == ["metadata", "sections"]
    assert list(sheet["metadata"]) == list(MetadataSchema().fields)
    assert [section["id"] for section in sheet["sections"]] == [s.id for s in factsheet.load("nl").sections]
    assert list(sheet["sections"][0]) == list(SectionSchema().fields)
    assert list(sheet["sections"][0]["items"][0]) == list(ItemSchema().fields)


def test_text_is_utf8_as_it_is_not_escaped(client: FlaskClient) -> None:
    raw = client.get("/v1/ar/factsheet").data
    assert b"\\u" not in raw
    raw.decode("utf-8")  # strict
    dutch = client.get("/v1/nl/factsheet").data
    assert "ë".encode() in dutch or "é".encode() in dutch or "’".encode() in dutch


@pytest.mark.parametrize("code", LOCALES)
def test_sections_sections_and_items_in_each_locale(client: FlaskClient, code: str) -> None:
    sheet = factsheet.load(code)
    listed = body(client.get(f"/v1/{code}/sections"))
    assert listed == [SectionSchema().dump(section) for section in sheet.sections]
    for section in sheet.sections:
        response = client.get(f"/v1/{code}/sections/{section.id}")
        assert response.status_code == 200
        assert response.headers["Content-Language"] == code
        assert body(response) == SectionSchema().dump(section)
        for item in section.items:
            response = client.get(f"/v1/{code}/sections/{section.id}/items/{item.id}")
            assert response.status_code == 200
            assert response.headers["Content-Language"] == code
            assert body(response) == ItemSchema().dump(item)


def test_healthz_says_ok_and_is_never_cached(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert body(response) == {
        "status": "ok",
        "version": factsheet.__version__,
        "checksum": factsheet.content_checksum(),
    }


def test_docs_page_loads_the_document(client: FlaskClient) -> None:
    response = client.get("/v1/docs")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    # Relative links: the same bytes work at /v1/docs, /v1/docs.html, under a prefix, and exported.
    assert 'data-spec-url="openapi.json"' in page
    assert 'src="../static/swagger-ui.' in page
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "https://" not in page.replace("https://schema.org", "")  # nothing from a CDN


def test_docs_page_loads_swagger_ui_from_the_app_itself(client: FlaskClient) -> None:
    page = client.get("/v1/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="\.\./(static/[^"]+)"', page)
    assert {asset.rsplit("/", 1)[-1].split(".")[0] for asset in assets} >= {"swagger-ui", "swagger-ui-bundle"}
    for asset in assets:
        response = client.get(f"/{asset}")
        assert response.status_code == 200, asset
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    policy = client.get("/v1/docs").headers["Content-Security-Policy"]
    assert policy == (
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
        "script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
    )


def test_links_follow_the_application_root(make_app: MakeApp) -> None:
    # Behind a proxy that mounts the service at /factsheet (SCRIPT_NAME), links must say so.
    app = make_app({"TESTING": True, "APPLICATION_ROOT": "/factsheet"})
    client = app.test_client()
    environ = {"SCRIPT_NAME": "/factsheet"}
    links = body(client.get("/v1/", environ_base=environ))["links"]
    assert links["self"] == "/factsheet/v1/"
    assert links["item"] == "/factsheet/v1/{locale}/sections/{section_id}/items/{item_id}"
    releases = body(client.get("/v1/releases", environ_base=environ))
    assert releases["links"]["edition"] == "/factsheet/v1/releases/{version}/{locale}/factsheet"
    assert (
        releases["releases"][-1]["locales"]["es"]["factsheet"] == "/factsheet/v1/releases/1.0.0/es/factsheet"
    )
    negotiated = client.get("/v1/factsheet", environ_base=environ, headers={"Accept-Language": "fr"})
    assert negotiated.headers["Content-Location"] == "/factsheet/v1/fr/factsheet"
    redirect = client.get("/", environ_base=environ, headers={"Accept-Language": "tr"})
    assert redirect.headers["Location"] == "/factsheet/tr/"
