"""The PDFs claim PDF/UA-1: the machine-checkable part, checked by a tool we did not write.

`pdfua <https://pypi.org/project/pdfua/>`_ (on pikepdf; veraPDF needs a JVM this project does
not install) checks 16 of the 106 rules of PDF/UA-1 and the WCAG criteria a PDF alone decides:
tags, language, title, figures' alternatives, annotations. Every one of its findings fails here,
at any severity. One of its rules cannot run on any PDF with arrays in its structure tree (0.1.3
asks a pikepdf array for an attribute, which raises), so that rule, "headings are not empty",
is checked below with pikepdf itself; a rule that stops running for another reason fails.
"""

from __future__ import annotations

from pathlib import Path

import pdfua
import pikepdf
import pytest
from flask import Flask

import factsheet
from api.pages import pdf
from tests.conftest import require
from tests.outline import LOCALES

from .printed_pdfs import save_pdfs

pytestmark = pytest.mark.pdf

#: pdfua's rules that cannot run on our PDFs, each with the reason and where it is covered instead.
UNEVALUATED = {"UA-14-001": "raises on a /K array (pdfua 0.1.3); test_no_heading_is_empty checks it"}
HEADINGS = {f"/H{level}" for level in range(1, 7)}


@pytest.fixture(scope="module")
def saved(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every locale's PDF as the API answers it (made once per test run: tests/conftest.py)."""
    require(pdf.unavailable(), what="the PDF/UA tests")
    return save_pdfs(app, tmp_path_factory.mktemp("pdf-ua"), "factsheet")


@pytest.mark.parametrize("code", LOCALES)
def test_pdfua_finds_nothing(saved: dict[str, Path], code: str) -> None:
    report = pdfua.validate(str(saved[code]))
    found = [(f.rule_id, f.severity.name, f.message, f.location) for f in report.findings]
    assert found == []
    assert {o.rule_id for o in report.skipped} == set(UNEVALUATED), [o.skipped_reason for o in report.skipped]
    assert len(report.outcomes) > 10  # its rules ran


def _marks_content(node: object) -> bool:
    """Whether a structure element's kids reach marked content on a page (an MCID)."""
    if isinstance(node, int):
        return True
    if isinstance(node, pikepdf.Array):
        return any(_marks_content(kid) for kid in node)
    if isinstance(node, pikepdf.Dictionary):
        if "/MCID" in node:
            return True
        return "/K" in node and _marks_content(node.K)
    return False


def _structure(pdf_file: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in document order."""
    found: list[pikepdf.Dictionary] = []
    pending: list[object] = [pdf_file.Root.StructTreeRoot.K]
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Array):
            pending.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                pending.append(node.K)
    return found


@pytest.mark.parametrize("code", LOCALES)
def test_no_heading_is_empty(saved: dict[str, Path], code: str) -> None:
    with pikepdf.open(saved[code]) as opened:
        elements = _structure(opened)
        headings = [element for element in elements if str(element.S) in HEADINGS]
        assert headings  # the title, the sections, the cards
        assert [str(h.S) for h in headings if not _marks_content(h.get("/K"))] == []
        figures = [element for element in elements if str(element.S) == "/Figure"]
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
        # Each risk's icon has its card's title as its alternative (api/templates/icons.html).
        risks = {risk.title for risk in factsheet.load(code).risks}
        assert risks <= {str(figure.Alt) for figure in figures}
