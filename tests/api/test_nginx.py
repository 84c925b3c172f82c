"""Real nginx with the generated configuration answers as the live app: same URLs, bodies and headers.

nginx (Debian ``nginx-light``, which ``.ci/run`` installs) runs on a free loopback port with its
own prefix, pid file, logs and temporary folders, on a fresh export; every exported file's URL
and the negotiated URLs are asked of it and of the Flask test client. The differences nginx
cannot avoid are in :data:`DIFFERENCES` (and the README), and tested as such.
"""

from __future__ import annotations

import gzip
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.publish.export import Exported
from api.publish.nginx import nginx_config
from api.site import Site
from tests.conftest import free_port, require

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)
require(
    None if NGINX else "nginx is not installed (Debian package nginx-light; .ci/run installs it)",
    what="the nginx tests",
    module=True,
)
pytestmark = pytest.mark.nginx

#: Compared on every answer (the body too).
COMPARED = (
    "Content-Type",
    "Content-Language",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Vary",
    "Cache-Control",
    "Content-Location",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
)
#: Values of Accept-Language on which nginx's map and the app agree.
SAME_CHOICE = (
    None,
    "",
    "de",
    "de-AT,de;q=0.9,en;q=0.8",
    "EN-gb",
    "en-US,en;q=0.9",
    "nl-BE, en",  # a region of an earlier language beats an exact later one, in both
    "de-AT,en;q=0.5",
    "de, en",  # equal q-values: the order of the list, in both
    "fr;q=0.5, ar;q=0.5",
    "ar;q=0.5, fr;q=0.5",
    "pt-BR",
    "*",
    "*, de",
    "en;q=0, de",
    "tr;q=0.0, uk",
    "ar-EG;q=0.9, xx",
    "garbage;;,,q=",
    "x" * 1100,  # overlong: not parsed, the default
)
#: Differences nginx cannot avoid (also in the README), each tested to be what is said.
DIFFERENCES = {
    # A later language with a higher q: nginx reads the list in order (browsers sort it by q).
    "de;q=0.5, en": ("en", "de"),
    # q=0 on a language excludes it in the app also as the fallback of a regional tag.
    "de;q=0, de-AT": ("nl", "de"),
}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


@pytest.fixture(scope="module")
def nginx(
    app: Flask, exported_site: Exported, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Flask, int]]:
    assert NGINX is not None
    root = tmp_path_factory.mktemp("nginx")
    site = exported_site.destination
    port = free_port()
    prefix = root / "prefix"
    (prefix / "logs").mkdir(parents=True)
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as nobody, who cannot enter pytest's private folders.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\n"
        f"pid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temp}\n"
        f"{nginx_config(site, f'127.0.0.1:{port}', app=app)}}}\n"
    )
    command = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    output = prefix / "output.log"
    with output.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {output.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not listen within 10 s")
                time.sleep(0.05)
        yield app, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _asked(accept_language: str | None, accept_encoding: str | None) -> dict[str, str]:
    asked = {"Accept-Language": accept_language, "Accept-Encoding": accept_encoding}
    return {name: value for name, value in asked.items() if value}


def ask_nginx(
    port: int, url: str, accept_language: str | None = None, accept_encoding: str | None = None
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", url, headers=_asked(accept_language, accept_encoding))
        response = connection.getresponse()
        headers: dict[str, str] = {}
        for name, value in response.getheaders():  # nginx sends gzip_vary's Vary on a line of its own
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        return Answer(response.status, headers, response.read())
    finally:
        connection.close()


def ask_app(
    client: FlaskClient, url: str, accept_language: str | None = None, accept_encoding: str | None = None
) -> Answer:
    response = client.get(url, headers=_asked(accept_language, accept_encoding))
    return Answer(response.status_code, dict(response.headers), response.data)


def assert_same(url: str, live: Answer, served: Answer, *, body: bool = True) -> None:
    assert served.status == live.status, url
    if body:
        assert served.body == live.body, url
    for name in COMPARED:
        if name == "Vary":  # a set of field names: order and line breaks carry no meaning
            assert _names(served.headers.get(name)) == _names(live.headers.get(name)), url
            continue
        assert served.headers.get(name) == live.headers.get(name), f"{url}: {name}"


def _names(vary: str | None) -> set[str]:
    return {name.strip().lower() for name in (vary or "").split(",") if name.strip()}


def urls(site: Site) -> Iterator[str]:
    for file in site.files():
        yield from dict.fromkeys((file.path, "/" + file.name))


def test_every_exported_resource_at_every_url_the_app_answers(nginx: tuple[Flask, int]) -> None:
    app, port = nginx
    client = app.test_client()
    site: Site = app.extensions["factsheet"]
    asked = list(urls(site))
    assert len(asked) > 300
    assert {"/v1/nl/factsheet", "/v1/nl/factsheet.json", "/nl/", "/v1/", "/v1/docs"} <= set(asked)
    for url in asked:
        assert_same(url, ask_app(client, url), ask_nginx(port, url))


def test_every_resource_compressed_as_the_app_compresses_it(nginx: tuple[Flask, int]) -> None:
    # nginx-light has gzip_static (the export's .gz files) but no Brotli: a client asking for gzip.
    app, port = nginx
    client = app.test_client()
    coded = 0
    for url in urls(app.extensions["factsheet"]):
        live, served = ask_app(client, url, None, "gzip"), ask_nginx(port, url, None, "gzip")
        assert_same(url, live, served, body=False)
        assert served.headers.get("Content-Encoding") == live.headers.get("Content-Encoding"), url
        if live.headers.get("Content-Encoding") == "gzip":
            coded += 1
            assert gzip.decompress(served.body) == gzip.decompress(live.body), url
            assert served.headers["Content-Length"] == str(len(served.body)), url
    assert coded > 100


@pytest.mark.parametrize("language", SAME_CHOICE)
def test_the_negotiated_urls(nginx: tuple[Flask, int], language: str | None) -> None:
    app, port = nginx
    client = app.test_client()
    for url in ("/v1/factsheet", "/v1/factsheet?lang=EN-gb", "/v1/factsheet?lang=ar"):
        assert_same(url, ask_app(client, url, language), ask_nginx(port, url, language))
    live, served = ask_app(client, "/", language), ask_nginx(port, "/", language)
    assert_same("/", live, served)
    assert served.headers["Location"] == live.headers["Location"]
    assert served.headers["Content-Length"] == "0"


@pytest.mark.parametrize(("language", "choices"), DIFFERENCES.items())
def test_where_nginx_reads_accept_language_differently(
    nginx: tuple[Flask, int], language: str, choices: tuple[str, str]
) -> None:
    app, port = nginx
    live = ask_app(app.test_client(), "/v1/factsheet", language)
    served = ask_nginx(port, "/v1/factsheet", language)
    assert (live.headers["Content-Language"], served.headers["Content-Language"]) == choices
    assert (
        _names(served.headers["Vary"])
        == _names(live.headers["Vary"])
        == {"accept-language", "accept-encoding"}
    )


def test_a_missing_url_under_v1_is_problem_details(nginx: tuple[Flask, int]) -> None:
    app, port = nginx
    client = app.test_client()
    generic = "/v1/no-such-thing"
    assert_same(generic, ask_app(client, generic), ask_nginx(port, generic))
    # The app names what is missing and what there is; nginx says only "not found", as problem details.
    live, served = ask_app(client, "/v1/xx/factsheet"), ask_nginx(port, "/v1/xx/factsheet")
    assert (live.status, served.status) == (404, 404)
    assert served.headers["Content-Type"] == live.headers["Content-Type"] == "application/problem+json"
    assert served.headers["Access-Control-Allow-Origin"] == "*"
    assert served.body == ask_app(client, generic).body
    unknown_lang = ask_nginx(port, "/v1/factsheet?lang=xx")
    assert (unknown_lang.status, unknown_lang.headers["Content-Type"]) == (404, "application/problem+json")


def test_a_page_without_its_slash_is_moved_there(nginx: tuple[Flask, int]) -> None:
    app, port = nginx
    client = app.test_client()
    for url in ("/nl", "/ar"):
        live, served = ask_app(client, url), ask_nginx(port, url)
        assert_same(url, live, served)
        assert (served.status, served.headers["Location"]) == (308, live.headers["Location"])
        assert served.headers["Content-Length"] == "0"


PREFLIGHT = {
    "Origin": "https://example.org",
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "if-none-match, x-custom",
}
OPTIONS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Max-Age",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Content-Type",
)


@pytest.mark.parametrize("asked", [PREFLIGHT, {"Origin": "https://example.org"}, {}])
def test_options_and_cors_preflights(nginx: tuple[Flask, int], asked: dict[str, str]) -> None:
    app, port = nginx
    client = app.test_client()
    for url in ("/v1/nl/factsheet", "/v1/factsheet", "/nl/", "/", "/nl", "/nope"):
        live = client.options(url, headers=asked)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("OPTIONS", url, headers=asked)
            served = connection.getresponse()
            body = served.read()
        finally:
            connection.close()
        assert (served.status, body) == (live.status_code, live.data) == (204, b""), url
        for name in OPTIONS_HEADERS:
            assert served.getheader(name) == live.headers.get(name), f"{url}: {name}"
        # Werkzeug lists the methods in no fixed order.
        assert set(served.getheader("Allow", "").split(", ")) == set(live.headers["Allow"].split(", "))
    if asked is PREFLIGHT:  # the requested headers are allowed, so a script may send If-None-Match
        assert served.getheader("Access-Control-Allow-Headers") == "if-none-match, x-custom"


def test_nothing_else_is_served(nginx: tuple[Flask, int]) -> None:
    app, port = nginx
    client = app.test_client()
    for url in ("/_headers", "/static/", "/v1/nl/", "/nope", "/nl/index.html", "/xx", "/nlx"):
        live, served = ask_app(client, url), ask_nginx(port, url)
        assert (served.status, live.status) == (404, 404), url
        assert served.headers["Content-Type"] == live.headers["Content-Type"] == "application/problem+json"


def test_nginx_validates_the_files_own_way(nginx: tuple[Flask, int]) -> None:
    _, port = nginx
    first = ask_nginx(port, "/v1/nl/factsheet")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/v1/nl/factsheet", headers={"If-None-Match": first.headers["ETag"]})
    response = connection.getresponse()
    assert response.status == 304
    assert response.getheader("Cache-Control") == first.headers["Cache-Control"]
    connection.close()
