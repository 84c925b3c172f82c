"""The PDFs as the API serves them, of an app without a public address and of one with it (whose
pages carry a QR code), saved as files for poppler and zbar. Each is made once per test run: the
run's PDF cache (``tests/conftest.py``) keeps them for every module that asks again."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask

from api.pages import pdf
from tests.conftest import require
from tests.outline import LOCALES

from .conftest import MakeApp

#: The public address of the app whose printed pages carry a QR code (as test_crawlers.py's).
PUBLIC_URL = "https://example.org/factsheet"
POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


def coded_app(make_app: MakeApp) -> Flask:
    """The app that knows its public address, shared by every test that reads it."""
    return make_app({"TESTING": True, "FACTSHEET_PUBLIC_URL": PUBLIC_URL})


def require_programs(*names: str) -> None:
    """Skip (in CI: fail) unless poppler's programs and ``names`` (``zbarimg``) are here."""
    missing = [tool for tool in (*POPPLER, *names) if shutil.which(tool) is None]
    packages = "poppler-utils" + (", zbar-tools" if "zbarimg" in missing else "")
    require(
        f"{', '.join(missing)} not found: install the Debian packages {packages}" if missing else None,
        what="the print layout tests",
    )


def require_tools(*names: str) -> None:
    """As :func:`require_programs`, and WeasyPrint to make the PDFs."""
    require(pdf.unavailable(), what="the print layout tests")
    require_programs(*names)


def save_pdfs(app: Flask, folder: Path, name: str) -> dict[str, Path]:
    """Every locale's PDF as ``app`` answers it, saved in ``folder`` as ``{name}-{locale}.pdf``."""
    app.extensions["factsheet.pdfs"].prepare(wait=True)  # made before they are asked for
    client = app.test_client()
    files = {}
    for code in LOCALES:
        response = client.get(f"/v1/{code}/factsheet.pdf")
        assert response.status_code == 200, response.data[:300]
        files[code] = folder / f"{name}-{code}.pdf"
        files[code].write_bytes(response.data)
    return files
