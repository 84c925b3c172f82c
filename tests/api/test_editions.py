"""``/releases/{version}/{locale}/``: the page of every release in every language, with the banner
that says whether it is still the current edition, and the address a printed copy leads to."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

import factsheet
from api.pages.assets import IMMUTABLE
from api.pages.editions import edition_address, edition_path, release_date
from factsheet.history import store as stores

from .conftest import MakeApp
from .html_tree import Element, parse_html

PUBLIC = "https://example.org/factsheet/"
RELEASES = [
    (version, code) for version in stores.shipped.versions() for code in stores.shipped.archive(version).codes
]
NEWEST = stores.shipped.releases()[0]
OLDEST = stores.shipped.versions()[-1]


def _page(client: FlaskClient, path: str) -> Element:
    response = client.get(path)
    assert response.status_code == 200, path
    return parse_html(response.get_data(as_text=True))


def _has(page: Element, cls: str) -> bool:
    return any(e.attrs.get("class") == cls for e in page.iter("div"))


@pytest.mark.parametrize(("version", "code"), RELEASES)
def test_every_release_has_a_page_with_its_own_text(client: FlaskClient, version: str, code: str) -> None:
    response = client.get(f"/{edition_path(version, code)}")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == code
    assert response.headers["Cache-Control"] != IMMUTABLE  # the banner changes when a release ships
    text = " ".join(parse_html(response.get_data(as_text=True)).text.split())
    released = json.loads(stores.shipped.archive(version).json(code))  # the bytes served at release time
    for section in released["sections"]:
        for item in section["items"]:
            for value in (item.get("title"), item.get("text"), *item.get("points", [])):
                if value:
                    assert " ".join(value.split()) in text, (version, code, value)
    assert released["metadata"]["version"] == version


def test_an_old_edition_says_a_newer_one_exists_and_what_changed(client: FlaskClient) -> None:
    page = _page(client, f"/releases/{OLDEST}/es/")
    banner = page.find("div", class_="edition-banner outdated")
    assert banner.attrs["role"] == "note"
    ui = factsheet.interface_text("es")
    first = banner.find("p").text
    newer = ui.format("edition-newer", version=NEWEST.version, date=release_date(NEWEST.date, "es"))
    assert first == f"{newer} {ui['edition-link']}"
    # What changed in Spanish: the parts of the text the release diff names, linked on today's page.
    changes = factsheet.diff(OLDEST, NEWEST.version, "es").locale("es").changes
    expected: set[str] = set()
    titled = {s.id for s in factsheet.load("es").sections if s.title}
    for change in changes:
        parts = change.context.split("/")
        if parts[0] == "interface":
            continue
        if parts[0] not in titled:
            expected.add("")
        else:
            expected.add(f"{parts[0]}-{parts[1]}" if len(parts) > 2 else parts[0])
    assert expected  # 1.1.0 corrected Dutch sentences, so Spanish changed
    links = [a.attrs["href"] for a in banner.iter("a")][1:]
    assert {urlsplit(link).fragment for link in links} == expected
    live = _page(client, "/es/")
    ids = {e.attrs.get("id") for e in live.iter()}
    for link in links:
        assert urljoin(f"http://h/releases/{OLDEST}/es/", link).startswith("http://h/es/")
        assert urlsplit(link).fragment in ids | {""}, link


def test_the_newest_release_says_it_is_current(client: FlaskClient) -> None:
    for code in stores.shipped.archive(NEWEST.version).codes:
        page = _page(client, f"/releases/{NEWEST.version}/{code}/")
        banner = page.find("div", class_="edition-banner")
        ui = factsheet.interface_text(code)
        shown = banner.text
        current = ui.format("edition-current", version=NEWEST.version, date=release_date(NEWEST.date, code))
        assert shown == f"{current} {ui['edition-link']}"
        assert not _has(page, "edition-banner outdated")


def test_an_edition_links_its_own_languages_and_pinned_json_and_every_link_works(client: FlaskClient) -> None:
    version = OLDEST
    page = _page(client, f"/releases/{version}/de/")
    nav = {a.attrs["hreflang"]: a.attrs["href"] for a in page.find("nav").iter("a")}
    assert nav == {
        code: f"../../../releases/{version}/{code}/" for code in stores.shipped.archive(version).codes
    }
    json_link = [e.attrs["href"] for e in page.iter("link") if e.attrs.get("type") == "application/json"]
    assert json_link == [f"../../../v1/releases/{version}/de/factsheet.json"]
    pdf_links = [e for e in page.iter("a") if e.attrs.get("type") == "application/pdf"]
    assert pdf_links == []  # today's PDF is not this edition
    assert [e.attrs for e in page.iter("meta") if e.attrs.get("name") == "robots"] == [
        {"name": "robots", "content": "noindex"}
    ]
    base = f"http://h/releases/{version}/de/"
    for element in (*page.iter("a"), *page.iter("link")):
        target = urlsplit(urljoin(base, element.attrs.get("href", ""))).path
        assert client.get(target, follow_redirects=True).status_code == 200, target


def test_unknown_versions_and_locales_are_problems(client: FlaskClient) -> None:
    response = client.get("/releases/0.0.1/nl/")
    assert response.status_code == 404 and response.content_type == "application/problem+json"
    assert json.loads(response.data)["versions"] == list(stores.shipped.versions())
    response = client.get(f"/releases/{OLDEST}/xx/")
    assert response.status_code == 404
    assert json.loads(response.data)["locales"] == list(stores.shipped.archive(OLDEST).codes)
    assert client.get(f"/releases/{OLDEST}/nl").status_code == 308


def test_a_copy_leads_to_its_edition_or_else_to_the_live_page() -> None:
    for version, code in RELEASES:
        sheet = factsheet.load(code, version=version)
        assert edition_address(sheet, PUBLIC) == f"{PUBLIC}releases/{version}/{code}/"
    live = factsheet.load("de")
    expected = f"releases/{live.metadata.version}/de/" if factsheet.is_released() else "de/"
    assert edition_address(live, PUBLIC) == PUBLIC + expected
    edited = dataclasses.replace(live, sections=live.sections[:-1])  # a text no release holds
    assert edition_address(edited, PUBLIC) == f"{PUBLIC}de/"


def test_edition_pages_are_exported_and_not_in_the_sitemap(make_app: MakeApp, app: Flask) -> None:
    names = {file.name for file in app.extensions["factsheet"].files()}
    assert {f"{edition_path(version, code)}index.html" for version, code in RELEASES} <= names
    public = make_app({"TESTING": True, "FACTSHEET_PUBLIC_URL": PUBLIC.rstrip("/")}).test_client()
    assert "/releases/" not in public.get("/sitemap.xml").get_data(as_text=True)
    page = _page(public, f"/releases/{OLDEST}/fr/")
    canonical = [e.attrs["href"] for e in page.iter("link") if e.attrs.get("rel") == "canonical"]
    assert canonical == [f"{PUBLIC}releases/{OLDEST}/fr/"]


@pytest.mark.parametrize(("version", "code"), RELEASES)
def test_an_edition_says_of_its_translation_what_its_release_said(
    client: FlaskClient, version: str, code: str
) -> None:
    # Today's code counts 1.0.0's rights as translatable (English prose then): not "shown in Dutch".
    served = json.loads(stores.shipped.archive(version).json(code))["metadata"]["translation"]
    page = _page(client, f"/{edition_path(version, code)}")
    marked = [e for e in page.iter("span") if e.attrs.get("class") == "fallback"]
    assert bool(marked) == bool(served["fallbacks"])
    summary = factsheet.interface_text(code)["fallback-summary"]
    assert (summary in page.text) == bool(served["fallbacks"])
