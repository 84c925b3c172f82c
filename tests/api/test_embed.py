"""The embed over HTTP: ``/embed.js`` (type, CORS, caching, size), the framable iframe pages and
only those, the generator page, and their policies matching their inline code."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import pytest
from flask.testing import FlaskClient

import factsheet
from api.pages import assets, embed
from tests.outline import LOCALES

from .conftest import PUBLIC_CACHE, body
from .html_tree import Element, parse_html

#: The budget of the issue: the element, gzipped, under 8 KB.
GZIP_BUDGET = 8 * 1024


def _raw(element: Element) -> str:
    return "".join(child for child in element.children if isinstance(child, str))


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_script_is_a_module_any_site_may_load(client: FlaskClient) -> None:
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"  # module scripts load in CORS mode
    assert response.headers["Cache-Control"] == PUBLIC_CACHE
    assert "Set-Cookie" not in response.headers
    again = client.get("/embed.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_script_is_under_its_size_budget(client: FlaskClient) -> None:
    size = len(gzip.compress(client.get("/embed.js").data, 9))
    assert size < GZIP_BUDGET, f"/embed.js is {size} bytes gzip -9 (budget {GZIP_BUDGET})"


def test_the_script_carries_every_locale_and_its_interface_text(client: FlaskClient) -> None:
    script = client.get("/embed.js").get_data(as_text=True)
    found = re.search(r"^const DATA = (\{.*\});$", script, re.MULTILINE)
    assert found, "the data table was not written into the script"
    data = json.loads(found.group(1))
    assert list(data["locales"]) == list(LOCALES)
    for code in LOCALES:
        ui = factsheet.interface_text(code)
        assert data["locales"][code]["dir"] == factsheet.locale_info(code).direction
        assert data["locales"][code]["text"] == {key: ui[key] for key in embed.EMBED_TEXT}
        assert data["locales"][code]["nl"] == [key for key in embed.EMBED_TEXT if ui.is_fallback(key)]
    assert "/*DATA*/" not in script and "@typedef" not in script  # comments left out
    for forbidden in (
        "innerHTML",
        "eval(",
        "new Function",
        "document.cookie",
        "localStorage",
        "sessionStorage",
    ):
        assert forbidden not in script, forbidden


def test_code_after_a_comment_on_one_line_is_refused() -> None:
    with pytest.raises(ValueError, match="code after a comment"):
        assets._without_comments("/** @type {x} */ (y);\n", "x.js")
    source = "  /** a\n   * b */\n  a();\n// c\nb(); // d\n"
    assert assets._without_comments(source, "x.js") == "a();\nb(); // d\n"


@pytest.mark.parametrize("path", ["/embed/ar/", "/embed/ar/risks/", "/embed/nl/intro/"])
def test_only_the_iframe_pages_may_be_framed_by_any_site(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy and "unsafe" not in policy
    document = parse_html(response.get_data(as_text=True))
    scripts = [e for e in document.iter() if e.tag == "script" and "src" not in e.attrs]
    styles = [e for e in document.iter() if e.tag == "style"]
    assert [_hash(_raw(e)) for e in scripts] == [_hash(assets.inline_source("frame.js"))]
    assert scripts[0].attrs["data-message"] == embed.FRAME_MESSAGE
    assert all(_hash(_raw(e)) in policy for e in scripts + styles)
    element = next(e for e in document.iter() if e.tag == "ai-chatbot-factsheet")
    assert element.attrs["locale"] == path.split("/")[2]


@pytest.mark.parametrize("path", ["/index.html", "/nl/", "/ar/", "/embed/", "/v1/docs"])
def test_every_other_page_keeps_its_no_framing_policy(client: FlaskClient, path: str) -> None:
    assert "frame-ancestors 'none'" in client.get(path).headers["Content-Security-Policy"]


def test_unknown_iframe_pages_are_problems_that_say_what_there_is(client: FlaskClient) -> None:
    response = client.get("/embed/xx/")
    assert response.status_code == 404
    assert body(response)["type"] == "/v1/problems/unknown-locale"
    response = client.get("/embed/nl/nope/risks/")
    assert response.status_code == 404
    response = client.get("/embed/nl/nope/")
    assert body(response)["type"] == "/v1/problems/unknown-section"


def test_the_generator_page_offers_every_locale_and_is_linked_from_the_chooser(client: FlaskClient) -> None:
    response = client.get("/embed/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    document = parse_html(response.get_data(as_text=True))
    options = [e.attrs["value"] for e in document.iter() if e.tag == "option" and e.attrs.get("lang")]
    assert options == list(LOCALES)
    scripts = [
        e for e in document.iter() if e.tag == "script" and "src" not in e.attrs and "type" not in e.attrs
    ]
    assert len(scripts) == 1 and _hash(_raw(scripts[0])) in policy
    data = next(e for e in document.iter() if e.attrs.get("id") == "embed-data")
    strings = json.loads(_raw(data))["locales"]
    assert strings["de"]["text"]["embed-title"] == factsheet.interface_text("de")["embed-title"]
    chooser = parse_html(client.get("/index.html").get_data(as_text=True))
    assert "embed/" in [e.attrs.get("href") for e in chooser.iter() if e.tag == "a"]


@pytest.mark.parametrize(
    ("path", "location"), [("/embed/nl", "/embed/nl/"), ("/embed/de/risks", "/embed/de/risks/")]
)
def test_a_missing_slash_is_a_bodyless_relative_redirect(
    client: FlaskClient, path: str, location: str
) -> None:
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == location  # never built from the client's Host
    assert response.data == b""
    assert "Content-Type" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("path", ["/embed/index.html", "/embed/nl/index.html", "/embed/nl/risks/index.html"])
def test_file_names_under_embed_are_not_sections(client: FlaskClient, path: str) -> None:
    # As on a static copy (where these are the files' names, answered as the folder's URL only
    # by hosts that map folders to index.html): no redirect to ".../index.html/".
    response = client.get(path)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
