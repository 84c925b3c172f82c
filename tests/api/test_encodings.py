"""Compressed answers: each text body that pays for it in Brotli and gzip too, chosen by
``Accept-Encoding``, decoding to exactly the plain bytes, with its own ETag and length."""

from __future__ import annotations

import gzip

import brotli  # type: ignore[import-untyped]
import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.site import Site
from api.site.encodings import MIN_SIZE, choose

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}
BOTH = ("br", "gzip")


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("gzip, deflate, br, zstd", "br"),  # what browsers send
        ("gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),  # q-values count
        ("GZIP", "gzip"),  # names are case-insensitive
        ("*", "br"),
        ("gzip;q=0, *", "br"),  # a coding refused by name stays refused, whatever * says
        ("br;q=0, *;q=0.1", "gzip"),
        ("br;q=0, gzip;q=0", None),  # nothing fits: the plain bytes
        ("identity;q=0", None),  # never a 406: every client reads the plain bytes
        ("identity", None),
        ("identity, gzip;q=0.5", None),  # the plain bytes, preferred by name
        ("deflate, compress", None),  # nothing offered
        ("", None),
        ("gzip;q=nonsense", None),
    ],
)
def test_the_coding_is_chosen_as_rfc_9110_says(header: str, chosen: str | None) -> None:
    assert choose(header, BOTH) == chosen


def _ready_urls(app: Flask) -> list[str]:
    site: Site = app.extensions["factsheet"]
    return [file.path for file in site.files() if file.representation.made() is not None]


def test_every_coded_body_decodes_to_the_plain_bytes(app: Flask, client: FlaskClient) -> None:
    coded = 0
    for path in _ready_urls(app):
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200, path
        assert "Content-Encoding" not in plain.headers
        vary = plain.headers.get("Vary", "")
        if len(plain.data) < MIN_SIZE:
            assert "Accept-Encoding" not in vary, path  # too small to pay: never coded
        for coding in BOTH:
            answer = client.get(path, headers={"Accept-Encoding": coding})
            if "Accept-Encoding" not in vary:
                assert answer.data == plain.data and "Content-Encoding" not in answer.headers, path
                continue
            coded += 1
            assert answer.headers["Content-Encoding"] == coding, path
            assert DECODE[coding](answer.data) == plain.data, path
            assert int(answer.headers["Content-Length"]) == len(answer.data) < len(plain.data)
            assert answer.headers["ETag"] not in (plain.headers["ETag"], ""), path
            assert answer.headers["Vary"] == vary
            head = client.head(path, headers={"Accept-Encoding": coding})
            assert head.data == b"" and head.headers == answer.headers, path
            again = client.get(
                path, headers={"Accept-Encoding": coding, "If-None-Match": answer.headers["ETag"]}
            )
            assert again.status_code == 304 and again.headers["Vary"] == vary, path
            assert "Content-Encoding" not in again.headers
    assert coded > 100  # the pages, the JSON, the text formats, the stylesheet and scripts


@pytest.mark.parametrize("path", ["/v1/nl/factsheet", "/nl/", "/embed.js", "/v1/factsheet"])
def test_the_main_answers_are_compressed_for_a_browser(client: FlaskClient, path: str) -> None:
    plain = client.get(path, headers={"Accept-Language": "nl"})
    answer = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "nl"})
    assert answer.headers["Content-Encoding"] == "br"
    assert len(answer.data) * 2 < len(plain.data)  # text compresses well: under half
    assert "Accept-Encoding" in answer.headers["Vary"]
