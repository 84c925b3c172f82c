"""The production command serves the API over real HTTP, and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - a loopback http URL
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:  # urllib treats 304 (and errors) as exceptions
        with error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The README's production command on a free loopback port; its URL."""
    port = free_port()
    environ = {**os.environ, "FACTSHEET_BIND": f"127.0.0.1:{port}", "FACTSHEET_WORKERS": "1"}
    command = [sys.executable, "-m", "gunicorn", "-c", "api/gunicorn.conf.py", "api:create_app()"]
    log_path = tmp_path_factory.mktemp("gunicorn") / "log"
    with log_path.open("wb") as log:  # a file, not a pipe: the access log cannot fill it and block
        process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, base, log_path)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)  # graceful: finish requests, then exit 0
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, log_path.read_text()
    output = log_path.read_text()
    assert '"GET /v1/nl/factsheet HTTP/1.1" 200' in output  # the access log goes to stdout
    assert "Traceback" not in output


def _wait_until_healthy(process: subprocess.Popen[bytes], base: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no answer from /healthz within {STARTUP_SECONDS} s:\n{log_path.read_text()}")
        time.sleep(0.2)


def test_gunicorn_serves_the_factsheet_with_a_304_round_trip(server: str) -> None:
    status, headers, data = get(f"{server}/v1/nl/factsheet")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert headers["Content-Language"] == "nl"
    assert headers["Server"] == "gunicorn"
    sheet = json.loads(data.decode("utf-8"))
    assert sheet["metadata"]["language"] == "nl"
    assert int(headers["Content-Length"]) == len(data)

    status, again, data = get(f"{server}/v1/nl/factsheet", {"If-None-Match": headers["ETag"]})
    assert status == 304
    assert data == b""
    assert again["ETag"] == headers["ETag"]


def test_gunicorn_negotiates_and_answers_errors_as_problems(server: str) -> None:
    status, headers, _ = get(f"{server}/v1/factsheet", {"Accept-Language": "de-DE,de;q=0.9"})
    assert status == 200
    assert headers["Content-Location"] == "/v1/de/factsheet"
    status, headers, data = get(f"{server}/v1/xx/factsheet")
    assert status == 404
    assert headers["Content-Type"] == "application/problem+json"
    assert json.loads(data)["locales"][0] == "nl"
