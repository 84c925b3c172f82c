"""The footer line of a printed page: edition, version, address and rights, on every A4 page.

Chromium and WeasyPrint both print CSS page-margin boxes (``@page { @bottom-left { content:
"…" } }``) on every page, but neither can fill one from the document, so each locale gets a
small stylesheet of its own that holds its footer text (``print.nl.3f2a1c9e0b4d.css``, linked
with ``media="print"``). It is served like every other file of the app (digest name, kept for
a year) and needs no inline style: the pages' Content-Security-Policy stays ``style-src 'self'``.
"""

from __future__ import annotations

import hashlib

import factsheet
from factsheet import Factsheet

from .assets import Asset

__all__ = ["footer_lines", "print_stylesheet"]

#: Unicode isolates: the address reads left to right inside an Arabic line.
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
#: The margin boxes of every page: the footer text on the side where
#: lines start, the page number on the other. Margin boxes are named by physical side, and
#: Chromium aligns their text by the physical side too, so each direction names its own.
# The comment in the stylesheet names this module by its path before api/ was grouped: its bytes
# (and so its name and every page that links it) stay as released until the footer itself changes.
_TEMPLATE = """/* The footer of every printed page in one locale (api/printed.py). */
@page {{
  @bottom-{start} {{
    content: {text};
    direction: {direction};
    text-align: {start};{box}
  }}
  @bottom-{end} {{
    content: counter(page) "/" counter(pages);
    width: 12mm;
    text-align: {end};{box}
  }}
}}
"""
#: What both boxes look like: a thin rule above small type, in the fonts of the page.
_BOX = """
    vertical-align: top;
    padding-block-start: 2.5mm;
    border-block-start: 0.5pt solid #8a96a0;
    color: #333333;
    font-family: "Noto Sans", "Noto Sans Arabic", sans-serif;
    font-size: 6.8pt;
    line-height: 1.35;
    white-space: pre-wrap;"""


def footer_lines(sheet: Factsheet, public_url: str = "") -> tuple[str, str]:
    """The footer's two lines: ``Factsheet | 2026 · Versie 1.0.0 · https://…/nl/``, then the rights."""
    ui = factsheet.interface_text(sheet.language)
    parts = [sheet.metadata.footer, ui.format("version", version=sheet.metadata.version)]
    if public_url:
        parts.append(f"{_LTR_ISOLATE}{public_url}{sheet.language}/{_POP_ISOLATE}")
    return " · ".join(parts), ui["rights"]


def _css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes and line breaks escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def print_stylesheet(sheet: Factsheet, public_url: str = "") -> Asset:
    """The stylesheet with the footer of ``sheet``'s printed pages, under its digest name."""
    text = _css_string("\n".join(footer_lines(sheet, public_url)))
    direction = factsheet.locale_info(sheet.language).direction
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    body = _TEMPLATE.format(text=text, direction=direction, start=start, end=end, box=_BOX).encode()
    return Asset(f"print.{sheet.language}.{hashlib.sha256(body).hexdigest()[:12]}.css", body)
