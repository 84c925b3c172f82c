"""What search engines and link previews read: robots.txt, the sitemap, descriptions, and absolute
canonical, hreflang and JSON-LD addresses when the site's public address is known."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from flask import Flask
from flask.testing import FlaskClient

import factsheet
from api.site import HTML, Site

from .conftest import MakeApp
from .html_tree import parse_html

PUBLIC = "https://example.org/factsheet/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def public(make_app: MakeApp) -> Flask:
    return make_app({"TESTING": True, "FACTSHEET_PUBLIC_URL": PUBLIC.rstrip("/")})


def _pages(app: Flask) -> list[str]:
    site: Site = app.extensions["factsheet"]
    return [file.path for file in site.files() if file.representation.media_type == HTML]


def test_every_page_has_a_description(public: Flask, app: Flask) -> None:
    for each in (app, public):
        client = each.test_client()
        for path in _pages(each):
            if path == "/v1/docs":  # Swagger UI's own page, not ours to describe
                continue
            head = parse_html(client.get(path).get_data(as_text=True)).find("head")
            described = [e for e in head.iter("meta") if e.attrs.get("name") == "description"]
            assert len(described) == 1 and described[0].attrs["content"].strip(), path


def test_without_a_public_address_nothing_claims_one(client: FlaskClient) -> None:
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots.mimetype == "text/plain"
    assert "User-agent: *" in robots.text and "Sitemap" not in robots.text
    assert client.get("/sitemap.xml").status_code == 404  # a sitemap needs absolute addresses
    for path in ("/nl/", "/embed/ar/risks/"):
        document = parse_html(client.get(path).get_data(as_text=True))
        assert not [e for e in document.iter("link") if e.attrs.get("rel") == "canonical"], path


def test_with_a_public_address_the_links_are_absolute(public: Flask) -> None:
    client = public.test_client()
    codes = factsheet.locales()
    page = parse_html(client.get("/ar/").get_data(as_text=True))
    links = [e.attrs for e in page.iter("link")]
    assert {"rel": "canonical", "href": f"{PUBLIC}ar/"} in links
    hreflang = {a["hreflang"]: a["href"] for a in links if a.get("rel") == "alternate" and "hreflang" in a}
    assert hreflang == {**{code: f"{PUBLIC}{code}/" for code in codes}, "x-default": PUBLIC}
    ld = json.loads(next(e for e in page.iter("script") if e.attrs.get("type") == "application/ld+json").text)
    assert ld["url"] == f"{PUBLIC}ar/" and ld["@id"] == f"{PUBLIC}ar/#factsheet"
    frame = parse_html(client.get("/embed/ar/risks/").get_data(as_text=True))
    canonical = [e.attrs["href"] for e in frame.iter("link") if e.attrs.get("rel") == "canonical"]
    assert canonical == [f"{PUBLIC}ar/"]


def test_robots_names_the_sitemap_and_the_sitemap_every_page(public: Flask) -> None:
    client = public.test_client()
    assert f"Sitemap: {PUBLIC}sitemap.xml" in client.get("/robots.txt").text
    answer = client.get("/sitemap.xml")
    assert answer.status_code == 200 and answer.mimetype == "application/xml"
    root = ET.fromstring(answer.data)  # noqa: S314 - our own answer
    urls = root.findall("s:url", SITEMAP_NS)
    codes = factsheet.locales()
    assert [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in urls] == [f"{PUBLIC}{c}/" for c in codes]
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", SITEMAP_NS)}
        assert alternates == {code: f"{PUBLIC}{code}/" for code in codes}
