"""The pages people read: structure, languages, notices, links, policy, caching; without a browser.

tests/api/test_browser.py looks at the same pages in Chromium.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from flask.testing import FlaskClient

import factsheet

from .conftest import ROOT
from .html_tree import Element, parse_html

LOCALES = factsheet.locales()
STRONG_HTML_ETAG = re.compile(r'^"[a-z]{2,3}-html-[0-9a-f]{20}"$')
PAGE_POLICY = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "style-src 'self'; img-src 'self'"
)


def page(client: FlaskClient, code: str) -> Element:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    return parse_html(response.get_data(as_text=True))


def json_ld(document: Element) -> dict[str, object]:
    script = document.find("script", type="application/ld+json")
    data: dict[str, object] = json.loads(script.text)
    return data


@pytest.mark.parametrize("code", LOCALES)
def test_a_page_is_the_whole_factsheet_in_its_language(client: FlaskClient, code: str) -> None:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    assert response.headers["Content-Language"] == code
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert STRONG_HTML_ETAG.match(response.headers["ETag"])
    document = parse_html(response.get_data(as_text=True))
    sheet = factsheet.load(code)

    html = document.find("html")
    assert html.attrs == {"lang": code, "dir": factsheet.locale_info(code).direction}
    assert [h1.text for h1 in document.iter("h1")] == [sheet.metadata.title]
    assert document.find("title").text == sheet.metadata.title
    main = document.find("main")
    assert [h2.text for h2 in main.iter("h2")] == [s.title for s in sheet.sections if s.title]
    intro = main.find("div", class_="intro")
    assert [p.text for p in intro.iter("p")] == [item.text for item in sheet.intro]

    for section in sheet.sections[1:]:
        element = main.find("section", id=section.id)
        listing = next(e for e in element.elements() if e.attrs.get("class") == "items")
        assert listing.tag == ("ol" if section.numbered else "ul"), section.id
        items = listing.elements()
        assert [li.attrs["id"] for li in items] == [f"{section.id}-{item.id}" for item in section.items]
        for li, item in zip(items, section.items, strict=True):
            heading = li.elements()[0]
            assert heading.tag == ("h4" if section.subheading else "h3")
            assert heading.text == item.title
            if section.numbered:
                assert li.attrs["value"] == str(item.number)
            if item.example:
                assert li.find("blockquote").text == item.example
            if item.points:
                assert [p.text for p in li.find("ul", class_="points").iter("li")] == list(item.points)
    conversation = sheet.conversation
    assert main.find("p", class_="lead").text == conversation.lead
    assert main.find("h3", class_="subheading").text == conversation.subheading


@pytest.mark.parametrize("code", LOCALES)
def test_the_language_switcher_names_every_locale_in_its_own_language(client: FlaskClient, code: str) -> None:
    nav = page(client, code).find("nav")
    ui = factsheet.interface_text(code)
    assert nav.find("span", id="languages-label").text == ui["language"]
    links = list(nav.iter("a"))
    assert [a.attrs["href"] for a in links] == [f"../{other}/" for other in LOCALES]
    for a, other in zip(links, LOCALES, strict=True):
        info = factsheet.locale_info(other)
        assert a.text == info.native_name
        assert (a.attrs["lang"], a.attrs["hreflang"], a.attrs["dir"]) == (other, other, info.direction)
        assert ("aria-current" in a.attrs) == (other == code)


@pytest.mark.parametrize(
    ("accept_language", "code"),
    [(None, "nl"), ("de-AT,de;q=0.9", "de"), ("pt-BR, ar;q=0.5", "ar"), ("xx", "nl"), ("en;q=0, uk", "uk")],
)
def test_the_root_redirects_to_the_readers_language(
    client: FlaskClient, accept_language: str | None, code: str
) -> None:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{code}/"
    assert response.headers["Vary"] == "Accept-Language"
    assert response.headers["Cache-Control"] == "private, no-cache"  # never one language for all
    assert response.data == b""
    assert "Content-Type" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_page_without_its_slash_redirects_without_a_body(client: FlaskClient) -> None:
    response = client.get("/de", headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == "/de/"  # relative: never the client's Host
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert response.data == b""
    assert "Content-Type" not in response.headers


@pytest.mark.parametrize("url", ["/nope", "/EN", "/xx"])
def test_a_segment_that_names_no_locale_is_a_404_not_a_redirect(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert "Location" not in response.headers
    assert json.loads(response.data)["locales"] == list(LOCALES)


@pytest.mark.parametrize(
    ("segment", "hint"), [("xx", None), ("EN", "en"), ("pt-BR", None), ("healthz", None)]
)
def test_an_unknown_locale_page_is_a_problem_listing_the_locales(
    client: FlaskClient, segment: str, hint: str | None
) -> None:
    response = client.get(f"/{segment}/")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["type"] == "/v1/problems/unknown-locale"
    assert problem["locales"] == list(LOCALES)
    if hint:
        assert f"use the shipped code: {hint!r}" in problem["detail"]


def test_pages_answer_if_none_match_and_head(client: FlaskClient) -> None:
    first = client.get("/ar/")
    again = client.get("/ar/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    head = client.head("/ar/")
    assert head.headers == first.headers
    assert head.data == b""


def test_pages_are_html_only(client: FlaskClient) -> None:
    assert (
        client.get("/en/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}).status_code == 200
    )
    assert client.get("/en/", headers={"Accept": "application/json"}).status_code == 406


def test_the_stylesheet_is_named_by_its_bytes_and_kept_for_a_year(client: FlaskClient) -> None:
    href = page(client, "nl").find("link", rel="stylesheet").attrs["href"]
    name = href.removeprefix("../static/")
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.content_type == "text/css; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert name == f"page.{hashlib.sha256(response.data).hexdigest()[:12]}.css"
    assert response.data == (ROOT / "api" / "assets" / "page.css").read_bytes()
    assert client.get("/static/page.css").status_code == 404  # only the name that cannot go stale


def test_the_stylesheet_mirrors_for_right_to_left_and_prints_on_a4() -> None:
    css = (ROOT / "api" / "assets" / "page.css").read_text(encoding="utf-8")
    # Physical sides would stay put in Arabic; logical ones (inline-start/end) follow the text.
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)|(?<![-\w])(?:left|right)\s*:|float\s*:", css
    )
    assert physical == []
    assert not re.search(r"text-align\s*:\s*(left|right)", css)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    print_rules = css[css.index("@media print") :]
    assert re.search(r"\.site-header,?[^{]*\{\s*display:\s*none", print_rules)
    assert "break-inside: avoid" in print_rules
    assert "break-after: avoid" in print_rules
