"""``/v1/{locale}/chunks`` and ``/llms.txt``: what the data package gives, with this site's links,
served live and written into the static export."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

import factsheet
from api.publish.export import Exported
from tests.outline import LOCALES

from .conftest import MakeApp, body


@pytest.mark.parametrize("code", LOCALES)
def test_the_chunks_are_the_packages_with_this_sites_links(client: FlaskClient, code: str) -> None:
    response = client.get(f"/v1/{code}/chunks")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.headers["Content-Language"] == code
    version = factsheet.load().metadata.version
    edition = f"/v1/releases/{version}/{code}/factsheet" if factsheet.is_released() else None
    expected = factsheet.chunks(code, url=f"/{code}/", edition_url=edition)
    assert body(response) == factsheet.ChunksSchema().dump(expected)
    assert client.get(f"/v1/{code}/chunks.json").data == response.data


def test_every_link_of_a_citation_leads_to_its_locale(client: FlaskClient) -> None:
    citation = body(client.get("/v1/ar/chunks"))["chunks"][0]["citation"]
    page = client.get(citation["url"])
    assert page.status_code == 200 and page.headers["Content-Language"] == "ar"
    if citation["edition_url"] is not None:
        assert body(client.get(citation["edition_url"]))["metadata"]["language"] == "ar"


def test_with_a_public_address_the_links_are_absolute(make_app: MakeApp) -> None:
    client = make_app(
        {"TESTING": True, "FACTSHEET_PUBLIC_URL": "https://example.org/factsheet"}
    ).test_client()
    citation = body(client.get("/v1/en/chunks"))["chunks"][0]["citation"]
    assert citation["url"] == "https://example.org/factsheet/en/"
    links = re.findall(r"\]\(([^)]+)\)", client.get("/llms.txt").get_data(as_text=True))
    assert links and all(link.startswith("https://example.org/factsheet/") for link in links)


def test_an_unknown_locale_is_a_problem_that_names_the_locales(client: FlaskClient) -> None:
    for url in ("/v1/xx/chunks", "/v1/EN/chunks", "/v1/xx/chunks.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.content_type == "application/problem+json"
        assert body(response)["locales"] == list(LOCALES)


def test_llms_txt_says_what_this_is_whose_the_text_is_and_where_it_is(client: FlaskClient) -> None:
    response = client.get("/llms.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    text = response.get_data(as_text=True)
    source = factsheet.load(factsheet.DEFAULT_LOCALE).metadata
    assert text.startswith(f"# {source.title}\n\n> ")  # one H1, then the summary (llmstxt.org)
    for code in LOCALES:
        statement = factsheet.load(code).metadata.rights.statement
        assert statement in text, code
        assert f"/v1/{code}/factsheet.md" in text and f"/v1/{code}/chunks.json" in text
        assert factsheet.locale_info(code).status in text
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert len(links) > 2 * len(LOCALES)
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_export_holds_the_chunks_and_llms_txt(client: FlaskClient, exported_site: Exported) -> None:
    names = {"llms.txt", *(f"v1/{code}/chunks.json" for code in LOCALES)}
    for name in names:
        assert (exported_site.destination / name).read_bytes() == client.get(f"/{name}").data, name
