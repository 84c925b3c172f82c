"""The site object: lazy bodies made once, export file names, one representation per URL."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask

from api.pages.pdf_cache import PdfCache
from api.publish.export import export
from api.publish.headers_file import HEADERS_FILE
from api.site import HTML, JSON, MARKDOWN, Representation, Site, Unavailable, file_name
from api.site.answers import answer
from api.v1 import problems as errors


def _app_with(representation: Representation) -> Flask:
    app = Flask(__name__)
    app.add_url_rule("/v1/<locale>/slow.pdf", "slow", answer)
    site = Site(app, (("X-Common", "yes"),))
    site.add("slow", representation, locale="nl")
    app.extensions["factsheet"] = site
    return app


def test_a_lazy_body_is_made_once_on_first_use_even_under_concurrent_requests(tmp_path: Path) -> None:
    calls: list[str] = []
    started = threading.Event()

    def make() -> bytes:
        calls.append(threading.current_thread().name)
        started.set()
        time.sleep(0.05)  # long enough for the other requests to arrive meanwhile
        return b"%PDF-1.7 made"

    app = _app_with(Representation(make, "application/pdf", "nl", "public, max-age=60"))
    assert calls == []  # building the site made nothing
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: app.test_client().get("/v1/nl/slow.pdf"), range(16)))
    assert started.is_set()
    assert calls == [calls[0]]
    assert {response.data for response in answers} == {b"%PDF-1.7 made"}
    assert {response.headers["ETag"] for response in answers} == {answers[0].headers["ETag"]}
    assert answers[0].headers["X-Common"] == "yes"
    assert answers[0].headers["Content-Language"] == "nl"
    result = export(app, tmp_path / "out")
    assert (tmp_path / "out" / "v1" / "nl" / "slow.pdf").read_bytes() == b"%PDF-1.7 made"
    assert [path.as_posix() for path in result.files] == ["v1/nl/slow.pdf", HEADERS_FILE]
    assert len(calls) == 1


def test_a_lazy_body_that_cannot_be_made_is_a_503_problem_and_is_tried_again() -> None:
    calls: list[int] = []

    def make() -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise Unavailable("Nothing to make it with: install it.", type="/v1/problems/x-unavailable")
        return b"%PDF-made"

    app = _app_with(Representation(make, "application/pdf", "nl"))
    errors.init_app(app)
    first = app.test_client().get("/v1/nl/slow.pdf")
    assert (first.status_code, first.content_type) == (503, "application/problem+json")
    assert first.json == {
        "type": "/v1/problems/x-unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "Nothing to make it with: install it.",
    }
    again = app.test_client().get("/v1/nl/slow.pdf")  # nothing was kept: made on this request
    assert (again.status_code, again.data) == (200, b"%PDF-made")
    assert len(calls) == 2


def test_one_representation_per_url() -> None:
    app = _app_with(Representation(b"x", "application/pdf"))
    with pytest.raises(ValueError, match="two representations"):
        app.extensions["factsheet"].add("slow", Representation(b"y", "application/pdf"), locale="nl")


@pytest.mark.parametrize(
    ("path", "media_type", "name"),
    [
        ("/v1/", JSON, "v1/index.json"),
        ("/v1/nl/factsheet", JSON, "v1/nl/factsheet.json"),
        ("/v1/nl/factsheet.md", MARKDOWN, "v1/nl/factsheet.md"),
        ("/nl/", HTML, "nl/index.html"),
        ("/v1/docs", HTML, "v1/docs.html"),
        ("/index.html", HTML, "index.html"),
    ],
)
def test_file_names_are_leaves_a_static_host_types_right(path: str, media_type: str, name: str) -> None:
    assert file_name(path, media_type) == name


def test_the_etag_is_the_bytes_and_the_representation() -> None:
    def etag(body: bytes, media_type: str = JSON, language: str | None = "nl") -> str:
        return Representation(body, media_type, language).ready().etag

    assert etag(b"{}") == etag(b"{}")
    assert etag(b"{}").startswith('"nl-json-')
    assert etag(b"{}") != etag(b"[]")
    assert etag(b"{}") != etag(b"{}", language="en")
    assert etag(b"{}") != etag(b"{}", media_type=HTML)


def test_prepare_makes_every_answer_whose_bytes_are_there_and_leaves_lazy_ones() -> None:
    made: list[str] = []

    def pdf() -> bytes:
        made.append("pdf")
        return b"%PDF-"

    app = _app_with(Representation(pdf, "application/pdf", "nl"))
    site: Site = app.extensions["factsheet"]
    app.add_url_rule("/v1/<locale>/page", "page", answer)
    page = Representation(b"<p>" + b"words " * 400 + b"</p>", HTML, "nl")
    site.add("page", page, locale="nl")
    assert site.prepare() == 1
    assert page.made() is not None and set(page.ready().codings) == {"br", "gzip"}
    assert made == []  # a body made on first use is not made


def test_the_production_command_prepares_every_answer_before_the_workers_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import api.__main__ as command  # the entry point, run here without a server

    seen: dict[str, int] = {}

    def serve(app: Flask, *_: object, **__: object) -> None:
        site: Site = app.extensions["factsheet"]
        eager = [r for r in map(site.get, site.paths()) if r is not None and not callable(r.body)]
        seen["eager"], seen["unmade"] = len(eager), sum(not r._once for r in eager)

    monkeypatch.setattr(command, "run_production", serve)
    monkeypatch.setattr(PdfCache, "prepare", lambda self, wait: None)
    monkeypatch.setenv("FACTSHEET_PDF_CACHE", str(tmp_path / "pdfs"))
    command.main()
    assert seen["eager"] > 100 and seen["unmade"] == 0
