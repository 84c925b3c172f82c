"""``/v1/{locale}/factsheet.pdf``: two A4 pages per locale, fonts embedded, text that extracts, same bytes.

The PDFs are checked with Debian's ``poppler-utils`` (``pdfinfo``, ``pdffonts``, ``pdftotext``)
and need WeasyPrint with Pango; ``bash .ci/run`` installs both. Without them these tests skip
and say why (in CI, where ``CI=true``, they fail instead). Each PDF is made once per test run
(into the run's PDF cache, ``tests/conftest.py``) and shared by every test (the module's
``saved`` fixture), so the whole module costs at most the nine renderings and one more, in a
process of its own, for byte-identity (``benchmarks/pdf.py`` prints their time).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import factsheet
from api import create_app
from api.pages import pdf
from api.v1.problems import PDF_UNAVAILABLE, PROBLEM_TYPES
from tests.conftest import require
from tests.outline import LOCALES

from .conftest import ROOT
from .pdf_text import findable, normalized, pdf_text, run, split_items
from .printed_pdfs import save_pdfs

pytestmark = pytest.mark.pdf

A4 = (595.28, 841.89)  # points
POPPLER = ("pdfinfo", "pdffonts", "pdftotext")


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(pdf.unavailable(), what="the PDF tests")
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    tools = f"{', '.join(missing)} not found: install the Debian package poppler-utils"
    require(tools if missing else None, what="the PDF tests")
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def saved(app: Flask, pdf_dir: Path) -> dict[str, Path]:
    """Every locale's PDF as the API answers it, saved as a file for poppler."""
    return save_pdfs(app, pdf_dir, "factsheet")


def _info(path: Path) -> dict[str, str]:
    lines = run("pdfinfo", path).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


@pytest.mark.parametrize("code", LOCALES)
def test_a_pdf_is_two_a4_pages_titled_in_its_language(saved: dict[str, Path], code: str) -> None:
    info = _info(saved[code])
    assert info["Pages"] == "2"
    width, height = (float(n) for n in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    assert info["Title"] == factsheet.load(code).metadata.title
    assert info["Tagged"] == "yes"  # PDF/UA-1: headings, lists and reading order for assistive technology
    # The document language is in the catalog, which sits in a compressed object stream.
    data = saved[code].read_bytes()
    found = re.findall(rb"stream\r?\n(.*?)endstream", data, re.S)
    streams = b"".join(zlib.decompressobj().decompress(raw) for raw in found if raw[:1] == b"x")
    assert f"/Lang ({code})".encode() in streams


@pytest.mark.parametrize("code", LOCALES)
def test_a_pdf_embeds_the_shipped_fonts_only(saved: dict[str, Path], code: str) -> None:
    rows = run("pdffonts", saved[code]).splitlines()[2:]
    assert rows
    names = set()
    for row in rows:
        name, *_, emb, sub, uni, _object, _generation = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row  # embedded, subset, with a Unicode map
        names.add(name.split("+", 1)[1])
    shipped = {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Arabic", "Noto-Sans-Arabic-Bold"}
    assert names <= shipped  # no font of this machine
    assert {"Noto-Sans", "Noto-Sans-Bold"} <= names
    assert ("Noto-Sans-Arabic" in names) == (code == "ar")


@pytest.mark.parametrize("code", LOCALES)
def test_the_text_of_a_pdf_can_be_found(saved: dict[str, Path], code: str) -> None:
    text = pdf_text(saved[code], code)
    sheet = factsheet.load(code)
    rights = factsheet.interface_text(code)["rights"]
    for title in (*(risk.title for risk in sheet.risks), *(tip.title for tip in sheet.tips), rights):
        if code == "ar":
            words = findable(title)
            assert all(word in text for word in words), title
        else:
            assert normalized(title) in text
    for number in ("1", "2"):  # the footer line on both pages: version and rights
        page = pdf_text(saved[code], code, "-f", number, "-l", number)
        assert sheet.metadata.version in page
        assert all(word in page for word in findable(rights))


@pytest.mark.parametrize("code", [code for code in LOCALES if factsheet.locale_info(code).direction == "ltr"])
def test_no_card_or_tip_is_split_between_pages(saved: dict[str, Path], code: str) -> None:
    assert split_items(saved[code], code) == []


def test_arabic_extracts_in_reading_order(saved: dict[str, Path]) -> None:
    text = pdf_text(saved["ar"], "ar")
    sheet = factsheet.load("ar")
    opening = " ".join(normalized(sheet.intro[0].text).split()[:4])
    assert findable(opening) == opening.split()
    assert opening in text  # words in reading order (a visual extraction reverses them)
    assert " ".join(reversed(opening.split())) not in text
    titles = [
        normalized(risk.title)
        for risk in sheet.risks
        if findable(risk.title) == normalized(risk.title).split()
    ]
    assert titles  # some titles without ligatures or vowel marks, whole
    for title in titles:
        assert normalized(title) in text
    assert text.index(titles[0]) < text.index(titles[-1])


#: A second build, in a process of its own: the Arabic PDF as that app answers it, into a file.
_BUILD = """
import sys
from pathlib import Path
from api import create_app
site = create_app().extensions["factsheet"]
Path(sys.argv[1]).write_bytes(site.get("/v1/ar/factsheet.pdf").ready().body)
"""


def test_a_pdf_has_the_same_bytes_on_every_build(saved: dict[str, Path], pdf_dir: Path) -> None:
    first = saved["ar"].read_bytes()  # what the API serves
    other = pdf_dir / "other-build.pdf"
    subprocess.run([sys.executable, "-c", _BUILD, str(other)], check=True, cwd=ROOT)
    assert other.read_bytes() == first
    assert b"CreationDate" not in first
    assert b"ModDate" not in first


def test_a_pdf_answers_like_every_representation(client: FlaskClient, saved: dict[str, Path]) -> None:
    response = client.get("/v1/de/factsheet.pdf")
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Language"] == "de"
    assert response.headers["Content-Disposition"] == 'inline; filename="factsheet-de.pdf"'
    assert re.fullmatch(r'"de-pdf-[0-9a-f]{20}"', response.headers["ETag"])
    again = client.get("/v1/de/factsheet.pdf", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_pdf_of_an_unknown_locale_is_a_problem(client: FlaskClient) -> None:
    response = client.get("/v1/xx/factsheet.pdf")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert json.loads(response.data)["locales"] == list(LOCALES)


def test_without_pango_the_service_runs_and_the_pdf_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reason = "WeasyPrint cannot load Pango (no libpango): install the Debian packages libpango-1.0-0"
    monkeypatch.setattr(pdf, "unavailable", lambda: reason)
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/nl/").status_code == 200
    response = client.get("/v1/nl/factsheet.pdf")
    assert response.status_code == 503
    assert response.content_type == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["type"] == PDF_UNAVAILABLE
    assert problem["type"] in PROBLEM_TYPES  # documented: the OpenAPI enum ProblemType lists it
    assert reason in problem["detail"]
    assert problem["status"] == 503
    assert client.get("/v1/nl/factsheet.pdf").status_code == 503  # asked again: the same answer, no crash


def test_the_app_starts_without_loading_weasyprint() -> None:
    code = "import sys, api; api.create_app(); print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"
