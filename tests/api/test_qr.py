"""The QR code of a printed page (``api/pages/qr.py``): with the site's public address known, every
printed page and PDF carries a code to the page of its edition in its language, the address in
words under it and a text alternative; without it, no code and nothing broken.

The PDF tests read the code as a phone would, with zbar (``zbarimg``, Debian ``zbar-tools``) on
poppler's picture of the page (``pdftoppm``), and ask the app for the address it leads to.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from flask import Flask

import factsheet
from api.pages.editions import edition_address
from api.pages.printed import print_stylesheet
from api.pages.qr import printed_code, short_address
from tests.outline import LOCALES

from .conftest import MakeApp
from .html_tree import Element, parse_html
from .pdf_layout import content, pages
from .pdf_text import pdf_text, run
from .printed_pdfs import PUBLIC_URL, coded_app, require_tools, save_pdfs

PUBLIC = PUBLIC_URL + "/"  # as the settings hold it
#: Locales whose PDFs are read with zbar: the source, long words, right to left, Cyrillic.
READ = ("nl", "de", "ar", "uk")
#: pdftoppm's resolution for zbar: a module of the 17 mm code is about 2.5 pixels.
DPI = 150
#: What zbarimg answers when it finds no code in a picture.
NO_CODE = 4
#: The corner the code sits in: a square this wide (mm) at the top of page 1.
CORNER_MM = 45


def _figure(document: Element) -> Element | None:
    return next((e for e in document.iter("figure") if e.attrs.get("class") == "qr"), None)


def _page(app: Flask, path: str) -> Element:
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    return parse_html(response.get_data(as_text=True))


# In the page ------------------------------------------------------------------------------------


def test_without_a_public_address_there_is_no_code(app: Flask) -> None:
    sheet = factsheet.load("nl")
    assert printed_code(sheet, "") is None
    for path in ("/nl/", "/ar/", "/releases/1.0.0/es/"):
        document = _page(app, path)
        assert _figure(document) is None, path
        assert not [svg for svg in document.iter("svg") if svg.attrs.get("class") == "qr-code"], path


@pytest.mark.parametrize("code", LOCALES)
def test_a_printed_page_has_a_code_to_its_edition_with_a_text_alternative(
    make_app: MakeApp, code: str
) -> None:
    sheet = factsheet.load(code)
    address = edition_address(sheet, PUBLIC)
    figure = _figure(_page(coded_app(make_app), f"/{code}/"))
    assert figure is not None
    svg = figure.find("svg", class_="qr-code")
    alternative = factsheet.interface_text(code).format("qr-code", address=address)
    assert svg.find("title").text == alternative  # browsers name the image by it, and the PDF's Alt
    caption = figure.find("figcaption")
    assert caption.text == short_address(address) == address.removeprefix("https://")
    assert caption.attrs["dir"] == "ltr"  # an address reads left to right, in Arabic too


def test_the_page_of_an_edition_leads_to_itself(make_app: MakeApp) -> None:
    """A printed copy of a release's page leads back to that release, in its language."""
    app = coded_app(make_app)
    for version in factsheet.releases():
        path = f"/releases/{version.version}/es/"
        figure = _figure(_page(app, path))
        assert figure is not None
        assert figure.find("figcaption").text == short_address(PUBLIC_URL + path)


def test_the_code_keeps_the_page_policy_strict(app: Flask, make_app: MakeApp) -> None:
    """Inline SVG without a style attribute or element: the same Content-Security-Policy."""
    plain = app.test_client().get("/de/")
    coded = coded_app(make_app).test_client().get("/de/")
    assert coded.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]
    figure = _figure(parse_html(coded.get_data(as_text=True)))
    assert figure is not None
    inside = list(figure.iter())
    assert not [e.tag for e in inside if e.tag in ("style", "script", "img") or "style" in e.attrs]


def test_the_footer_leaves_the_address_to_the_code_on_page_one() -> None:
    """The first page has the address under the code; the others name it in their footer."""
    sheet = factsheet.load("ar")
    words = short_address(edition_address(sheet, PUBLIC))
    css = print_stylesheet(sheet, PUBLIC).body.decode()
    first = css[css.index("@page :first") :]
    assert words not in first
    assert f"\u2066{words}\u2069" in css[: css.index("@page :first")]  # isolated: left to right in Arabic
    assert words not in print_stylesheet(sheet).body.decode()
    assert "@page :first" not in print_stylesheet(sheet).body.decode()


# In the PDF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coded_pdfs(make_app: MakeApp, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_tools("zbarimg")
    return save_pdfs(coded_app(make_app), tmp_path_factory.mktemp("coded"), "coded")


@pytest.fixture(scope="module")
def plain_pdfs(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_tools("zbarimg")
    return save_pdfs(app, tmp_path_factory.mktemp("plain"), "plain")


def _read(pdf: Path, page: int, *crop: int) -> subprocess.CompletedProcess[str]:
    """zbarimg on pdftoppm's picture of ``page`` (``crop``: x, y, width, height in pixels)."""
    picture = pdf.with_name(f"{pdf.stem}-{page}-{'-'.join(map(str, crop)) or 'whole'}")
    box = [part for flag, value in zip("xyWH", crop, strict=False) for part in (f"-{flag}", str(value))]
    run(
        "pdftoppm",
        "-r",
        str(DPI),
        "-f",
        str(page),
        "-l",
        str(page),
        *box,
        "-png",
        "-singlefile",
        pdf,
        picture,
    )
    return subprocess.run(
        ["zbarimg", "-q", "--raw", f"{picture}.png"], capture_output=True, text=True, check=False
    )


@pytest.mark.pdf
@pytest.mark.parametrize("code", READ)
def test_the_code_on_the_pdf_leads_to_its_edition_page(
    coded_pdfs: dict[str, Path], make_app: MakeApp, code: str
) -> None:
    address = edition_address(factsheet.load(code), PUBLIC)
    read = _read(coded_pdfs[code], 1)
    assert (read.returncode, read.stdout) == (0, address + "\n"), read.stderr
    assert _read(coded_pdfs[code], 2).returncode == NO_CODE  # one code, on page 1
    # The address is served, and it is the page of that edition in that language.
    response = coded_app(make_app).test_client().get("/" + address.removeprefix(PUBLIC))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == code
    # In words under the code on page 1, in the footer of page 2.
    words = short_address(address)
    assert words in pdf_text(coded_pdfs[code], code, "-f", "1", "-l", "1").replace(" ", "")
    assert words in pdf_text(coded_pdfs[code], code, "-f", "2", "-l", "2").replace(" ", "")


@pytest.mark.pdf
@pytest.mark.parametrize("code", READ)
def test_the_code_sits_in_the_top_corner_where_lines_end(coded_pdfs: dict[str, Path], code: str) -> None:
    """Read again from the picture of page 1's top corner on the side where lines end (right, in
    Arabic left): the code is there, its address under it, and no line of text runs into them."""
    sheet = factsheet.load(code)
    first = pages(coded_pdfs[code])[0]
    words = short_address(edition_address(sheet, PUBLIC))
    corner = CORNER_MM * 72 / 25.4  # points
    ltr = factsheet.locale_info(code).direction == "ltr"
    scale = DPI / 72
    side = round(corner * scale)
    start = round(first.width * scale) - side if ltr else 0
    read = _read(coded_pdfs[code], 1, start, 0, side, side)
    assert read.stdout == edition_address(sheet, PUBLIC) + "\n", read.stderr
    text = content(first, sheet, leave_out=words)
    caption = [line for line in content(first, sheet) if line not in text]
    assert "".join(word for line in caption for word in line.words) == words  # under the code
    # No text beside the code reaches into the column of its address.
    band = max(line.bottom for line in caption)
    left, right = min(line.left for line in caption), max(line.right for line in caption)
    under = [line.text for line in text if line.top < band and line.left < right and line.right > left]
    assert under == []


@pytest.mark.pdf
@pytest.mark.parametrize("code", ["nl", "ar"])
def test_without_a_public_address_the_pdf_has_no_code(plain_pdfs: dict[str, Path], code: str) -> None:
    for page in (1, 2):
        assert _read(plain_pdfs[code], page).returncode == NO_CODE
