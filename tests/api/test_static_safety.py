"""``python -m api.static`` with links in its folder and odd requests, over a real socket.

Nothing outside the folder is served (a link out is a 404), no folder is listed, ``_headers`` is
hidden however its URL is spelled, and every request gets a status line: never a traceback.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from api.publish.export import export
from api.publish.headers_file import HEADERS_FILE
from api.publish.preview import preview_server


@pytest.fixture(scope="module")
def folder(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An export with links in it: two that leave it, two that stay inside."""
    root = tmp_path_factory.mktemp("static")
    site = export(app, root / "site", pdf=False).destination
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (outside / "index.html").write_text("secret page")
    (site / "outside-link").symlink_to(outside, target_is_directory=True)
    (site / "v1" / "secret.txt").symlink_to(outside / "secret.txt")
    (site / "nl" / "same.html").symlink_to(site / "nl" / "index.html")
    (site / "headers-link").symlink_to(site / HEADERS_FILE)
    return site


@pytest.fixture(scope="module")
def port(folder: Path) -> Iterator[int]:
    server = preview_server(folder, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def exchange(port: int, raw: bytes) -> bytes:
    """Send ``raw`` as it is and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(raw)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def get(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET of ``target``, sent byte for byte as given."""
    answer = exchange(port, f"GET {target} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    match = re.fullmatch(r"HTTP/1\.[01] (\d{3}) .*", status)
    assert match, answer[:200]
    headers = dict(line.split(": ", 1) for line in lines)
    return int(match.group(1)), headers, body


def test_a_link_that_leaves_the_folder_is_not_followed(folder: Path, port: int) -> None:
    for target in ("/outside-link/secret.txt", "/outside-link/", "/outside-link", "/v1/secret.txt"):
        status, _, body = get(port, target)
        assert status == 404, target
        assert b"secret" not in body, target
    status, _, body = get(port, "/nl/same.html")  # a link that stays inside is served
    assert status == 200
    assert body == (folder / "nl" / "index.html").read_bytes()


def test_no_folder_is_listed(folder: Path, port: int) -> None:
    for target in ("/v1/", "/static/", "/v1/nl/sections/"):
        status, _, body = get(port, target)
        assert status == 404, target
        assert b"Directory listing" not in body, target
    status, _, body = get(port, "/nl/")  # a folder's index.html is its page, as before
    assert status == 200
    assert body == (folder / "nl" / "index.html").read_bytes()
    assert get(port, "/")[2] == (folder / "index.html").read_bytes()


def test_the_rules_file_is_hidden_however_spelled(folder: Path, port: int) -> None:
    rules = (folder / HEADERS_FILE).read_bytes()[:40]
    for target in ("/_headers", "/./_headers", "/%5fheaders", "/%5Fheaders", "//_headers", "/v1/../_headers"):
        status, _, body = get(port, target)
        assert status == 404, target
        assert rules not in body, target
    assert get(port, "/headers-link")[0] == 404  # a link to it too


def test_an_error_is_typed_as_what_it_is(port: int) -> None:
    """The rules' Content-Type is for the file they describe, not for a 404 at a URL they match."""
    status, headers, _ = get(port, "/v1/xx/factsheet.md")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert "Access-Control-Allow-Origin" not in headers


@pytest.mark.parametrize(
    ("raw", "statuses"),
    [
        (b"GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", {400}),
        (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", {400, 505}),
        (b"GET /%00 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", {400, 404}),
        (b"GET /nl/%00/index.html HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", {400, 404}),
        (b"GET /%ed%a0%80 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", {400, 404}),
    ],
)
def test_a_bad_request_gets_an_answer_not_a_traceback(
    port: int, capfd: pytest.CaptureFixture[str], raw: bytes, statuses: set[int]
) -> None:
    answer = exchange(port, raw)
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    assert match, answer[:200]
    assert int(match.group(1)) in statuses
    assert "Traceback" not in capfd.readouterr().err


def test_the_log_escapes_control_characters(port: int, capfd: pytest.CaptureFixture[str]) -> None:
    """A raw escape in the request line would reach the terminal that shows the log."""
    exchange(port, b"GET /\x1b[31mred HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
    logged = capfd.readouterr().err
    assert "red" in logged
    assert "\x1b" not in logged
    assert "\\x1b" in logged
