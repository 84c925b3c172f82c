"""The PDFs are made by a child process, kept on disk, and never made in a request (api/pages/pdf_cache.py).

Each test here gives the app a cache folder of its own, so every PDF starts missing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import factsheet
from api import create_app
from api.pages import pdf, pdf_cache
from api.v1.problems import PDF_UNAVAILABLE
from tests.conftest import require

pytestmark = pytest.mark.pdf

#: How long the background making of one PDF may take here (it takes seconds).
MAKING_S = 120


def _app(cache: Path) -> Flask:
    return create_app({"TESTING": True, "FACTSHEET_PDF_CACHE": str(cache)})


def _poll(client: FlaskClient, url: str, until: Callable[[TestResponse], bool]) -> TestResponse:
    """Ask for ``url`` until the answer is ``until``'s (or the time for making a PDF is over)."""
    deadline = time.monotonic() + MAKING_S
    while not until(response := client.get(url)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return response


def _made(response: TestResponse) -> bool:
    return response.status_code == 200


def test_a_pdf_not_made_yet_is_a_503_to_retry_and_is_made_meanwhile(tmp_path: Path) -> None:
    require(pdf.unavailable(), what="the PDF tests")
    client = _app(tmp_path / "pdfs").test_client()
    started = time.perf_counter()
    response = client.get("/v1/en/factsheet.pdf")
    assert time.perf_counter() - started < 1  # answered at once, not after a rendering
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(pdf_cache.RETRY_AFTER_S)
    problem = json.loads(response.data)
    assert problem["type"] == PDF_UNAVAILABLE
    assert "being made" in problem["detail"]
    made = _poll(client, "/v1/en/factsheet.pdf", _made)
    assert made.status_code == 200
    assert made.data.startswith(b"%PDF-")
    assert made.headers["Content-Length"] == str(len(made.data))
    # Kept on disk: another app (a restarted worker, another instance) answers at once.
    again = _app(tmp_path / "pdfs").test_client().get("/v1/en/factsheet.pdf")
    assert (again.status_code, again.data) == (200, made.data)
    assert not list((tmp_path / "pdfs").glob("*.tmp"))  # written whole, then renamed


def test_outside_a_request_reading_a_pdf_waits_for_all_of_them(tmp_path: Path) -> None:
    require(pdf.unavailable(), what="the PDF tests")
    app = _app(tmp_path / "pdfs")
    site = app.extensions["factsheet"]
    first = site.get("/v1/nl/factsheet.pdf").ready()  # as the export reads it
    assert first.body.startswith(b"%PDF-")
    assert len(list((tmp_path / "pdfs").glob("*.pdf"))) == len(factsheet.locales())  # one child, all
    assert app.extensions["factsheet.pdfs"].missing() == []


def test_a_pdf_that_cannot_be_made_says_why_and_is_not_retried_at_once(tmp_path: Path) -> None:
    require(pdf.unavailable(), what="the PDF tests")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    client = _app(blocked).test_client()
    response = _poll(client, "/v1/de/factsheet.pdf", lambda answer: b"being made" not in answer.data)
    assert response.status_code == 503
    problem = json.loads(response.data)
    assert problem["type"] == PDF_UNAVAILABLE
    assert problem["detail"].startswith("The PDF could not be made: ")
    assert "a-file" in problem["detail"]
    assert response.headers["Retry-After"] == str(pdf_cache.FAILED_FOR_S)  # not tried again at once
    assert client.get("/v1/de/factsheet.pdf").data == response.data


def test_the_nginx_configuration_makes_no_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("a PDF was made for its headers")

    monkeypatch.setattr(pdf_cache, "_start", refuse)
    app = _app(tmp_path / "pdfs")
    result = app.test_cli_runner().invoke(args=["nginx-config", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "factsheet.pdf" in result.output  # the PDFs' headers are in it
    assert not (tmp_path / "pdfs").exists()


def test_the_cache_name_changes_with_what_a_pdf_is_made_from() -> None:
    files = {"page.css": b"body{}"}
    job = pdf_cache.Job.of("<p>a</p>", locale="nl", files=files)
    assert pdf_cache.Job.of("<p>a</p>", locale="nl", files=dict(files)).key == job.key
    others = [
        pdf_cache.Job.of("<p>b</p>", locale="nl", files=files),
        pdf_cache.Job.of("<p>a</p>", locale="en", files=files),
        pdf_cache.Job.of("<p>a</p>", locale="nl", files={"page.css": b"body{color:red}"}),
        pdf_cache.Job.of("<p>a</p>", locale="nl", files={"other.css": b"body{}"}),
    ]
    assert len({job.key, *(other.key for other in others)}) == 5


def test_without_weasyprint_no_child_is_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("a child was started where no PDF can be made")

    monkeypatch.setattr(pdf, "unavailable", lambda: "WeasyPrint is not installed")
    monkeypatch.setattr(pdf_cache, "_start", refuse)
    pdfs = _app(tmp_path / "pdfs").extensions["factsheet.pdfs"]
    assert pdfs.prepare(wait=False) is None  # what python -m api does at start
    assert pdfs.prepare(wait=True) is None
