"""The page's grids on a screen and its print from the browser, in every locale, in Chromium (the
tools and skips of ``test_browser.py``): no holes or half-empty cards at 1280 and 360 px, and a
browser print like the PDF (two pages, each section whole on one, filled evenly, the QR code
read back by zbar). The pictures a person judges go to ``test-artifacts/``: ``layout-*.png``
(screen), ``print-*.png`` (Chromium's print), ``pdf-*.png`` (the PDF), ``edition-*.png``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import factsheet
from api.pages.editions import edition_address
from api.pages.qr import short_address
from tests.outline import LOCALES

from . import test_browser as shared
from .conftest import MakeApp
from .pdf_layout import footer_rows, pages, section_pages, text_height
from .pdf_text import run
from .printed_pdfs import PUBLIC_URL, coded_app, require_programs, require_tools, save_pdfs
from .test_browser import DESKTOP, PHONE, Served, Tab, artifact
from .test_print_layout import BALANCE

# The browser and the tab helper of the page tests (pytest finds fixtures by name).
browser = shared.browser
open_tab = shared.open_tab

pytestmark = pytest.mark.browser

#: A hole: more space than this (CSS px) between two items of a column.
GAP = 48
#: The columns of a list end within this share of its height of each other: a grid's short last
#: row, or a column left nearly empty, is a hole. Measured: at most 19 % (pl tips; before, 32 %).
RAGGED = 0.25
#: A card whose content leaves more than this share of it empty is half empty (before: 77 %).
EMPTY = 0.5

#: For each list of a section: its columns, the widest gap in a column, how far the columns'
#: ends lie apart (share of the list's height) and the emptiest item (share of its content box).
MEASURE = """() => [...document.querySelectorAll("main section > .items")].map(list => {
  const items = [...list.children].filter(li => getComputedStyle(li).columnSpan !== "all").map(li => {
    const box = li.getBoundingClientRect(), style = getComputedStyle(li);
    const top = box.top + parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth);
    const bottom = box.bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
    const used = Math.max(...[...li.children].map(child => child.getBoundingClientRect().bottom));
    const empty = (bottom - used) / (bottom - top);
    return {x: Math.round(box.left), top: box.top, bottom: box.bottom, empty};
  });
  const columns = {};
  for (const item of items) (columns[item.x] ??= []).push(item);
  let gap = 0;
  for (const column of Object.values(columns)) {
    column.sort((a, b) => a.top - b.top);
    for (let i = 1; i < column.length; i++) gap = Math.max(gap, column[i].top - column[i - 1].bottom);
  }
  const ends = Object.values(columns).map(column => column[column.length - 1].bottom);
  const height = Math.max(...ends) - Math.min(...items.map(item => item.top));
  return {id: list.parentElement.id, columns: Object.keys(columns).length, gap,
          ragged: (Math.max(...ends) - Math.min(...ends)) / height,
          empty: Math.max(...items.map(item => item.empty))};
})"""


@pytest.fixture(scope="module")
def coded_site(make_app: MakeApp) -> Iterator[str]:
    """The app that knows its public address (its printed pages carry a QR code), over HTTP."""
    served = Served(coded_app(make_app))
    yield served.url
    served.stop()


def _pictures(pdf: Path, prefix: str) -> None:
    """Each page of ``pdf`` as ``test-artifacts/{prefix}-{page}.png`` (60 dpi: the whole page)."""
    if shutil.which("pdftoppm"):
        run("pdftoppm", "-r", "60", "-png", pdf, artifact(prefix))


@pytest.mark.parametrize("width", [DESKTOP["width"], PHONE["width"]])
@pytest.mark.parametrize("code", LOCALES)
def test_the_grids_have_no_holes_and_no_half_empty_cards(
    open_tab: Callable[..., Tab], coded_site: str, code: str, width: int
) -> None:
    tab = open_tab(viewport={"width": width, "height": 900})
    tab.page.goto(f"{coded_site}/{code}/")
    tab.page.evaluate("document.fonts.ready")
    lists: list[dict[str, Any]] = tab.page.evaluate(MEASURE)
    tab.page.screenshot(path=artifact(f"layout-{code}-{width}.png"), full_page=True)
    sheet = factsheet.load(code)
    assert [each["id"] for each in lists] == [section.id for section in sheet.sections if section.title]
    for each in lists:
        assert each["gap"] <= GAP, each
        assert each["ragged"] <= RAGGED, each
        assert each["empty"] < EMPTY, each
    assert tab.problems == []


@pytest.mark.parametrize("code", LOCALES)
def test_the_browser_prints_the_pdf_layout_with_the_code(
    open_tab: Callable[..., Tab], coded_site: str, code: str
) -> None:
    tab = open_tab()
    page = tab.page
    page.goto(f"{coded_site}/{code}/")
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    # Nothing that only works on a screen: the languages, the download, the notice's link.
    for selector in (".site-header", ".download", ".formats", ".notice a"):
        assert all(not element.is_visible() for element in page.locator(selector).all()), selector
    assert page.locator("figure.qr").is_visible()
    pdf = Path(artifact(f"print-{code}.pdf"))
    page.pdf(path=str(pdf), format="A4", print_background=True)
    _pictures(pdf, f"print-{code}")
    require_programs("zbarimg")
    sheet = factsheet.load(code)
    found = pages(pdf)
    assert len(found) == 2
    assert all(len(where) == 1 for where in section_pages(pdf, sheet).values())
    address = edition_address(sheet, PUBLIC_URL + "/")
    heights = [text_height(each, sheet, leave_out=short_address(address)) for each in found]
    assert min(heights) / max(heights) >= BALANCE, heights
    assert [footer_rows(each, sheet) for each in found] == [2, 2]
    picture = pdf.with_name(f"print-{code}-code")
    run("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, picture)
    read = subprocess.run(
        ["zbarimg", "-q", "--raw", f"{picture}.png"], capture_output=True, text=True, check=False
    )
    assert read.stdout == address + "\n", read.stderr
    assert tab.problems == []


@pytest.mark.pdf
def test_the_pdf_pages_are_kept_as_pictures(
    make_app: MakeApp, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The PDFs (WeasyPrint) of every locale, as a person judges them: ``pdf-{locale}-{page}.png``."""
    require_tools()
    for code, path in save_pdfs(coded_app(make_app), tmp_path_factory.mktemp("pictures"), "coded").items():
        _pictures(path, f"pdf-{code}")
        assert Path(artifact(f"pdf-{code}-2.png")).is_file()


@pytest.mark.parametrize(("version", "code"), [("1.0.0", "es"), ("1.1.0", "nl")])
def test_an_edition_page_shows_its_banner_on_screen_and_paper(
    open_tab: Callable[..., Tab], coded_site: str, version: str, code: str
) -> None:
    for viewport in (DESKTOP, PHONE):
        tab = open_tab(viewport=viewport)
        tab.page.goto(f"{coded_site}/releases/{version}/{code}/")
        banner = tab.page.locator(".edition-banner")
        assert banner.is_visible()
        banner.screenshot(path=artifact(f"edition-{code}-{version}-{viewport['width']}.png"))
        tab.page.emulate_media(media="print")
        assert banner.is_visible()  # what it says is true of the day it is printed
        assert not banner.locator("> p:first-child > a").is_visible()  # a link: for a screen
        assert tab.problems == []
    pdf = Path(artifact(f"edition-{code}-{version}.pdf"))
    tab.page.pdf(path=str(pdf), format="A4", print_background=True)
    _pictures(pdf, f"edition-{code}-{version}-print")
