"""The export's ``_headers`` rules, and ``python -m api.static`` that applies them: the live app's headers."""

from __future__ import annotations

import http.client
import mimetypes
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from api.publish.export import Exported
from api.publish.headers_file import (
    HEADERS_FILE,
    Rule,
    file_headers,
    header_rules,
    parse_headers_file,
    urls_of,
)
from api.publish.preview import preview_server
from api.site import JSON, Representation, Site

#: Cloudflare Pages reads at most this many rules from a _headers file.
CLOUDFLARE_MAX_RULES = 100


@pytest.fixture(scope="module")
def exported(exported_site: Exported) -> Exported:
    return exported_site


def rules_of(exported: Exported) -> list[Rule]:
    return parse_headers_file((exported.destination / HEADERS_FILE).read_text(encoding="utf-8"))


def test_the_file_is_what_the_site_says(app: Flask, exported: Exported) -> None:
    assert rules_of(exported) == header_rules(app.extensions["factsheet"].files())


def test_every_file_gets_exactly_the_live_headers_once(app: Flask, exported: Exported) -> None:
    """Each header from one rule only (hosts join overlapping rules' values), and every header the
    app sends but the host's own (ETag; Content-Type where the name gives it)."""
    site: Site = app.extensions["factsheet"]
    rules = rules_of(exported)
    assert len(rules) <= CLOUDFLARE_MAX_RULES
    client = app.test_client()
    for file in site.files():
        for url in urls_of(file):
            given = [header for rule in rules if rule.matches(url) for header in rule.headers]
            names = [name.lower() for name, _ in given]
            assert len(names) == len(set(names)), url
            live = client.get(file.path).headers
            expected = {name: value for name, value in live.items() if name not in ("ETag", "Content-Length")}
            guessed, _ = mimetypes.guess_type(file.name)
            if expected["Content-Type"] == guessed:  # a host types .json right by itself
                del expected["Content-Type"]
            if expected.get("Vary") == "Accept-Encoding":  # a host compresses, and says so, itself
                del expected["Vary"]
            assert dict(given) == expected, url
            assert dict(given) == dict(file_headers(file)), url


def test_text_gets_its_charset_and_pages_their_policy(exported: Exported) -> None:
    rules = rules_of(exported)

    def headers(url: str) -> dict[str, str]:
        return {name: value for rule in rules if rule.matches(url) for name, value in rule.headers}

    assert headers("/v1/uk/factsheet.txt")["Content-Type"] == "text/plain; charset=utf-8"
    assert headers("/v1/uk/factsheet.md")["Content-Type"] == "text/markdown; charset=utf-8"
    assert headers("/v1/uk/factsheet.md")["Content-Language"] == "uk"
    assert "frame-ancestors 'none'" in headers("/ar/")["Content-Security-Policy"]
    assert headers("/")["Content-Security-Policy"] == headers("/index.html")["Content-Security-Policy"]
    assert headers("/v1/nl/sections/risks.json")["Access-Control-Allow-Origin"] == "*"
    css = next(path for path in (exported.destination / "static").glob("page.*.css"))
    assert headers(f"/static/{css.name}")["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_placeholder_matches_one_segment() -> None:
    rule = Rule("/v1/:locale/factsheet.md", (("Content-Type", "text/markdown; charset=utf-8"),))
    assert rule.matches("/v1/nl/factsheet.md") and rule.matches("/v1/pt-BR/factsheet.md")
    assert not rule.matches("/v1/factsheet.md")
    assert not rule.matches("/v1//factsheet.md")
    assert not rule.matches("/v1/releases/1.0.0/factsheet.md")
    assert not rule.matches("/v1/nl/factsheet.md/more")


def test_the_rules_grow_with_the_locales_not_with_the_releases() -> None:
    """Cloudflare Pages reads 100 rules: a release's files in every locale must not add a rule each."""
    app = Flask(__name__)
    app.add_url_rule("/v1/releases/<version>/<locale>/factsheet", "release", lambda **_: "")
    common = (("X-Content-Type-Options", "nosniff"),)
    locales, versions = ("nl", "en", "de"), ("1.0.0", "1.1.0", "1.2.0", "2.0.0")

    def rules(count: int) -> list[Rule]:
        site = Site(app, common)
        for version in versions[:count]:
            for code in locales:
                released = Representation(f"{version} {code}".encode(), JSON, code, "immutable")
                site.add("release", released, version=version, locale=code)
        return header_rules(site.files())

    assert len(rules(2)) == len(rules(4))
    patterns = [rule.pattern for rule in rules(4)]
    assert "/v1/releases/:version/de/factsheet.json" in patterns
    assert not any(rule.pattern.startswith("/v1/releases/1.") for rule in rules(4))


@pytest.fixture(scope="module")
def static_server(exported: Exported) -> Iterator[int]:
    server = preview_server(exported.destination, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, url: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", url)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_python_m_api_static_sends_charsets_and_the_live_headers(
    app: Flask, exported: Exported, static_server: int
) -> None:
    client = app.test_client()
    for url in ("/v1/uk/factsheet.txt", "/v1/ar/factsheet.md", "/v1/nl/factsheet.json", "/de/", "/"):
        served, live = get(static_server, url), client.get(url if url != "/" else "/index.html")
        assert served.status == 200, url
        for name in ("Content-Type", "Content-Language", "Access-Control-Allow-Origin", "Cache-Control"):
            assert served.getheader(name) == live.headers.get(name), f"{url}: {name}"
    assert get(static_server, "/" + HEADERS_FILE).status == 404
    missing = get(static_server, "/v1/nope.json")
    assert missing.status == 404
    assert missing.getheader("Access-Control-Allow-Origin") is None  # the rules are for files only


def test_python_m_api_static_refuses_a_folder_without_an_export(tmp_path: Path) -> None:
    from api.publish.preview import main

    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path)])
    assert stopped.value.code == 2
