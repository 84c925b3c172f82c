"""Markdown and plain text per locale: the data package's renderers, served like every resource."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

import factsheet
from factsheet import render
from tests.outline import LOCALES

from .conftest import PUBLIC_CACHE

FORMATS = [
    ("md", "text/markdown", render.to_markdown),
    ("txt", "text/plain", render.to_text),
]


@pytest.mark.parametrize("code", LOCALES)
@pytest.mark.parametrize(("suffix", "media_type", "renderer"), FORMATS)
def test_markdown_and_text_are_wired_to_the_renderers(
    client: FlaskClient,
    code: str,
    suffix: str,
    media_type: str,
    renderer: Callable[[factsheet.Factsheet], str],
) -> None:
    """Each locale served with the headers of every resource, the body being what the data package
    renders (the golden files pin the Dutch text itself)."""
    response = client.get(f"/v1/{code}/factsheet.{suffix}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.headers["Content-Language"] == code
    assert response.headers["Cache-Control"] == PUBLIC_CACHE
    assert re.fullmatch(rf'"{code}-{suffix}-[0-9a-f]{{20}}"', response.headers["ETag"])
    assert response.get_data(as_text=True) == renderer(factsheet.load(code))
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_markdown_has_numbered_lists_and_quotations(client: FlaskClient) -> None:
    text = client.get("/v1/en/factsheet.md").get_data(as_text=True)
    tips = factsheet.load("en").tips
    assert text.startswith(f"# {factsheet.load('en').metadata.title}\n")
    assert f"1. **{tips[0].title}**" in text
    assert f"7. **{tips[6].title}**" in text
    assert re.search(r"^ {3}> ", text, re.MULTILINE)  # the example questions, quoted inside tip 1


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_text_formats_are_conditional_and_answer_head(client: FlaskClient, suffix: str) -> None:
    url = f"/v1/de/factsheet.{suffix}"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    head = client.head(url)
    assert head.data == b""
    assert head.headers == first.headers


def test_text_formats_refuse_other_media_types(client: FlaskClient) -> None:
    assert client.get("/v1/nl/factsheet.md", headers={"Accept": "application/json"}).status_code == 406
    assert client.get("/v1/nl/factsheet.txt", headers={"Accept": "text/plain"}).status_code == 200
    assert client.get("/v1/nl/factsheet.md", headers={"Accept": "text/*"}).status_code == 200


def test_an_unknown_locale_is_the_usual_problem(client: FlaskClient) -> None:
    response = client.get("/v1/xx/factsheet.md")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json is not None
    assert response.json["type"] == "/v1/problems/unknown-locale"
