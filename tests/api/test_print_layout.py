"""The printed factsheet as a typesetter would judge it, in every locale's PDF: each section whole
on one page, two pages filled evenly, few hyphens and none in a short word, a footer of two lines
(edition, then the rights on one line), and nothing that only makes sense on a screen.

The PDFs of an app with a public address (its pages carry a QR code, ``test_qr.py``) and of one
without are both checked: the code must not change the layout. What is expected comes from the
content (``factsheet.load``); the bounds were measured (see each test) and say when a change of
the text or of ``page.css`` needs a person to look at the pictures again
(``test-artifacts/pdf-*.png``, written by ``test_layout_browser.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

import factsheet
from api.pages.qr import printed_code, short_address
from factsheet.output.notices import notices
from tests.outline import LOCALES, TRANSLATED

from .conftest import MakeApp
from .pdf_layout import (
    content,
    footer,
    footer_rows,
    hyphenations,
    pages,
    printed_words,
    section_pages,
    text_height,
)
from .pdf_text import findable, normalized, pdf_text
from .printed_pdfs import PUBLIC_URL, coded_app, require_tools, save_pdfs

pytestmark = pytest.mark.pdf

VARIANTS = ("plain", "coded")
#: The emptier page holds at least this share of the fuller one's text height. Measured
#: (2026-12): 0.86 (nl) to 0.98 (en); before the layout of issue 22, 0.66 (ar) to 0.93 (es).
BALANCE = 0.8
#: At most this share of a PDF's lines end in a hyphenated word. Measured: 0 % (es, tr, ar) to
#: 3.6 % (pl); before, 9 % (en) to 28 % (uk).
HYPHENATED_LINES = 0.05
#: The shortest word a line may break, and the fewest letters on either side of the break.
SHORT_WORD, FRAGMENT = 8, 3


@pytest.fixture(scope="module")
def printed(
    app: Flask, make_app: MakeApp, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Path]]:
    """The PDFs of both apps, by variant and locale."""
    require_tools()
    folder = tmp_path_factory.mktemp("printed")
    return {
        "plain": save_pdfs(app, folder, "plain"),
        "coded": save_pdfs(coded_app(make_app), folder, "coded"),
    }


def _address(variant: str, code: str) -> str:
    """The words under the QR code on page 1, which are no text of the factsheet."""
    printed = printed_code(factsheet.load(code), PUBLIC_URL + "/") if variant == "coded" else None
    return short_address(printed.address) if printed else ""


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("code", LOCALES)
def test_every_section_is_whole_on_one_of_two_pages(
    printed: dict[str, dict[str, Path]], variant: str, code: str
) -> None:
    path = printed[variant][code]
    assert len(pages(path)) == 2
    sheet = factsheet.load(code)
    found = section_pages(path, sheet)
    assert set(found) == {section.id for section in sheet.sections if section.title}
    # Heading and every item of a section on the same page (the seventh risk once sat alone).
    assert {section: len(where) for section, where in found.items()} == dict.fromkeys(found, 1), found


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("code", LOCALES)
def test_the_two_pages_are_filled_evenly(
    printed: dict[str, dict[str, Path]], variant: str, code: str
) -> None:
    sheet = factsheet.load(code)
    heights = [
        text_height(page, sheet, leave_out=_address(variant, code)) for page in pages(printed[variant][code])
    ]
    assert min(heights) / max(heights) >= BALANCE, heights


@pytest.mark.parametrize("code", LOCALES)
def test_hyphens_are_few_and_never_break_a_short_word(printed: dict[str, dict[str, Path]], code: str) -> None:
    sheet = factsheet.load(code)
    said = printed_words(sheet)
    found = pages(printed["plain"][code])
    lines = sum(len(content(page, sheet)) for page in found)
    breaks = [cut for page in found for cut in hyphenations(page, sheet, said)]
    assert len(breaks) <= HYPHENATED_LINES * lines, [cut.word for cut in breaks]
    short = [f"{cut.before}-{cut.after}" for cut in breaks if len(cut.word) < SHORT_WORD]
    cramped = [
        f"{cut.before}-{cut.after}" for cut in breaks if min(len(cut.before), len(cut.after)) < FRAGMENT
    ]
    assert (short, cramped) == ([], [])
    # Never three hyphenated lines in a row (a typesetter's ladder).
    for page in found:
        ends = sorted(cut.line for cut in hyphenations(page, sheet, said))
        assert not any(later - first == 2 for first, later in zip(ends, ends[2:], strict=False)), ends


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("code", LOCALES)
def test_the_footer_is_two_lines_with_the_rights_on_one(
    printed: dict[str, dict[str, Path]], variant: str, code: str
) -> None:
    sheet = factsheet.load(code)
    rights = findable(factsheet.interface_text(code)["rights"])
    for page in pages(printed[variant][code]):
        assert footer_rows(page, sheet) == 2
        lines = footer(page, sheet)
        # poppler gives a right-to-left line's words in visual order, letters reversed.
        shown = [set(line.words) | {word[::-1] for word in line.words} for line in lines]
        assert any(set(rights) <= words for words in shown), [line.text for line in lines]


def _notice(code: str) -> tuple[str, list[str]]:
    """The notice's link text and its sentences in ``code``."""
    ui = factsheet.interface_text(code)
    said = notices(factsheet.load(code).metadata.translation)
    return normalized(ui["original"]), [normalized(ui.format(each.key, **each.values)) for each in said]


def _extracts(code: str) -> bool:
    """Whether pdftotext gives the notice back letter for letter (not Arabic's ligatures)."""
    original, said = _notice(code)
    return findable(" ".join([original, *said])) == " ".join([original, *said]).split()


@pytest.mark.parametrize("code", [code for code in TRANSLATED if _extracts(code)])
def test_the_notice_prints_no_link_text(printed: dict[str, dict[str, Path]], code: str) -> None:
    """On paper the notice ends with its sentence: "Dutch original", the text of its link, is
    for a screen. Locales whose notice poppler cannot give back are left to the browser test,
    which checks every locale's stylesheet, Arabic included."""
    original, said = _notice(code)
    text = pdf_text(printed["plain"][code], code)
    assert all(sentence in text for sentence in said)
    assert not any(f"{sentence} {original}" in text for sentence in said)


@pytest.mark.parametrize("code", LOCALES)
def test_nothing_of_the_screen_is_printed(printed: dict[str, dict[str, Path]], code: str) -> None:
    text = pdf_text(printed["plain"][code], code)
    ui = factsheet.interface_text(code)
    for label in (ui["download-pdf"], ui["also-available"], ui["skip-to-content"]):
        words = findable(label)
        assert not words or " ".join(words) not in text, label
    names = [factsheet.locale_info(other).native_name for other in LOCALES if other != code]
    assert sum(name in text for name in names) < len(names)  # no list of the languages
