"""/v1/releases, /v1/releases.atom and the pinned editions /v1/releases/{version}/{locale}/factsheet."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from flask.testing import FlaskClient

import factsheet
from api import create_app
from api.publish.export import Exported
from factsheet.history import store as stores
from factsheet.history.releases import current_version
from factsheet.history.store import ARCHIVE_DIR, ReleaseStore

from .conftest import body

IMMUTABLE = "public, max-age=31536000, immutable"
ATOM = "{http://www.w3.org/2005/Atom}"
TIP_1 = "conversation/standard-questions/example"


def test_every_release_newest_first_with_its_changes(client: FlaskClient) -> None:
    response = client.get("/v1/releases")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = body(response)
    releases = factsheet.releases()
    assert [(r["version"], r["date"], r["checksum"]) for r in data["releases"]] == [
        (r.version, r.date, r.checksum) for r in releases
    ]
    first = data["releases"][-1]
    assert first["previous"] is None and first["released"] is True
    assert first["locales"]["es"]["factsheet"] == "/v1/releases/1.0.0/es/factsheet"
    assert data["links"]["edition"] == "/v1/releases/{version}/{locale}/factsheet"
    assert data["current_version"] == current_version()
    assert client.get("/v1/releases.json").get_data() == response.get_data()


def test_one_request_says_what_changed_in_spanish_in_1_1_0(client: FlaskClient) -> None:
    data = body(client.get("/v1/releases"))
    after = next(entry for entry in data["releases"] if entry["version"] == "1.1.0")
    assert after["previous"] == "1.0.0"
    spanish = after["locales"]["es"]
    tip = next(change for change in spanish["changes"] if change["context"] == TIP_1)
    assert tip["kind"] == "translation"
    assert "¿Utiliza alguna vez" in tip["old"] and "¿Usas alguna vez" in tip["new"]
    assert tip["old_source"] == tip["new_source"]
    assert {c["context"] for c in spanish["changes"]} == set(
        factsheet.diff("1.0.0", "1.1.0", "es").locale("es").contexts
    )


def test_a_pinned_edition_is_the_archived_bytes_for_ever(client: FlaskClient) -> None:
    archive = stores.shipped.archive("1.0.0")
    for code in archive.codes:
        response = client.get(f"/v1/releases/1.0.0/{code}/factsheet")
        assert response.status_code == 200, code
        assert response.get_data() == archive.json(code)
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["Content-Language"] == code
        again = client.get(
            f"/v1/releases/1.0.0/{code}/factsheet", headers={"If-None-Match": response.headers["ETag"]}
        )
        assert again.status_code == 304
        assert client.get(f"/v1/releases/1.0.0/{code}/factsheet.json").get_data() == archive.json(code)
    old = body(client.get("/v1/releases/1.0.0/es/factsheet"))
    new = body(client.get("/v1/es/factsheet"))
    tips_old = next(s for s in old["sections"] if s["id"] == "conversation")["items"][0]["example"]
    tips_new = next(s for s in new["sections"] if s["id"] == "conversation")["items"][0]["example"]
    assert "¿Utiliza" in tips_old and "¿Usas" in tips_new


@pytest.mark.parametrize(
    ("url", "kind", "member"),
    [
        ("/v1/releases/0.9.0/es/factsheet", "unknown-version", "versions"),
        ("/v1/releases/1.0/es/factsheet", "unknown-version", "versions"),
        ("/v1/releases/1.0.0/xx/factsheet", "unknown-locale", "locales"),
    ],
)
def test_unknown_versions_and_locales_are_problems_naming_what_there_is(
    client: FlaskClient, url: str, kind: str, member: str
) -> None:
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    problem = body(response)
    assert problem["type"] == f"/v1/problems/{kind}"
    assert ("1.0.0" if member == "versions" else "es") in problem[member]


def test_the_atom_feed_has_one_entry_per_release(client: FlaskClient) -> None:
    response = client.get("/v1/releases.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())  # noqa: S314 - the feed this app made
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Release {r.version}" for r in factsheet.releases()
    ]
    first = entries[-1]
    assert first.findtext(f"{ATOM}id") == "urn:ai-chatbot-factsheet:release:1.0.0"
    assert first.findtext(f"{ATOM}updated") == "2026-11-27T00:00:00Z"
    links = {link.get("hreflang"): link.get("href") for link in first.findall(f"{ATOM}link")}
    assert links["es"] == "/v1/releases/1.0.0/es/factsheet"
    assert feed.findtext(f"{ATOM}rights") == factsheet.load().metadata.rights.statement
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None


def test_after_a_release_its_copy_is_the_live_answer_and_the_feed_tells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    releases = ReleaseStore(tmp_path)
    for archive in ARCHIVE_DIR.glob("*.zip"):
        shutil.copy(archive, tmp_path)
    monkeypatch.setattr(stores, "shipped", releases)
    app = create_app({"TESTING": True})
    if current_version() not in releases.versions():
        assert app.test_cli_runner().invoke(args=["freeze-release", "--date", "2026-12-01"]).exit_code == 0
        app = create_app({"TESTING": True})
    client = app.test_client()
    for code in factsheet.locales():
        pinned = client.get(f"/v1/releases/{current_version()}/{code}/factsheet")
        assert pinned.get_data() == client.get(f"/v1/{code}/factsheet").get_data(), code
    data = body(client.get("/v1/releases"))
    assert data["unreleased"] is None and data["releases"][0]["version"] == current_version()
    newest = data["releases"][0]
    if newest["previous"] == "1.0.0":
        assert TIP_1 in {c["context"] for c in newest["locales"]["es"]["changes"]}
    feed = ET.fromstring(client.get("/v1/releases.atom").get_data())  # noqa: S314 - this app's own
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and summary.text is not None and "es: " in summary.text


def test_the_static_export_holds_the_releases(exported_site: Exported, client: FlaskClient) -> None:
    root = exported_site.destination
    assert (root / "v1/releases.json").read_bytes() == client.get("/v1/releases").get_data()
    assert (root / "v1/releases.atom").read_bytes() == client.get("/v1/releases.atom").get_data()
    archive = stores.shipped.archive("1.0.0")
    for code in archive.codes:
        assert (root / f"v1/releases/1.0.0/{code}/factsheet.json").read_bytes() == archive.json(code)
