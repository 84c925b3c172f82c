"""The footer of a printed page: edition, version and rights on every A4 page, the page number
beside them, and on the pages after the first the address its QR code leads to (:mod:`api.pages.qr`).

Chromium and WeasyPrint both print CSS page-margin boxes (``@page { @bottom-left { content:
"…" } }``) on every page, but neither can fill one from the document, so each locale gets a
small stylesheet of its own that holds its footer text (``css/print.nl.3f2a1c9e0b4d.css``, linked
with ``media="print"``). It is served like every other file of the app (digest name, kept for
a year) and needs no inline style: the pages' Content-Security-Policy stays ``style-src 'self'``.

The footer box takes the whole width of the page's text, so the rights fit on one line in every
locale; the page number hangs in the corner beside it. The first page has the QR code with the
address in words under it (``page.css``), so its footer leaves the address out.
"""

from __future__ import annotations

import hashlib

import factsheet
from factsheet import Factsheet

from .assets import Asset
from .editions import edition_address
from .qr import short_address

__all__ = ["footer_lines", "print_stylesheet"]

#: Unicode isolates: the address reads left to right inside an Arabic line.
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
#: The margin boxes of every page: the footer text on the side where lines start, over the
#: width of the text, and the page number in the corner on the other side. Margin boxes are
#: named by physical side, and Chromium aligns their text by the physical side too, so each
#: direction names its own.
_TEMPLATE = """/* The footer of every printed page in one locale (api/pages/printed.py). */
@page {{
  @bottom-{start} {{
    content: {text};
    width: 100%;
    direction: {direction};
    text-align: {start};
    border-block-start: 0.5pt solid #8a96a0;{box}
  }}
  @bottom-{end}-corner {{
    content: counter(page) "/" counter(pages);
    text-align: {start};
    padding-{start}: 2mm;{box}
  }}
}}
"""
#: The footer of the first page, when it differs (it has the QR code and its address).
_FIRST = """
@page :first {{
  @bottom-{start} {{
    content: {text};
  }}
}}
"""
#: What both boxes look like: small type below a thin rule, in the fonts of the page.
_BOX = """
    vertical-align: top;
    padding-block-start: 2.5mm;
    color: #333333;
    font-family: "Noto Sans", "Noto Sans Arabic", sans-serif;
    font-size: 6.4pt;
    line-height: 1.35;
    white-space: pre-wrap;"""


def footer_lines(sheet: Factsheet, address: str = "") -> tuple[str, str]:
    """The footer's two lines: ``Factsheet | 2026 · Versie 1.2.0 · example.org/nl/`` (the
    ``address`` in its short form, if given), then the rights."""
    ui = factsheet.interface_text(sheet.language)
    parts = [sheet.metadata.footer, ui.format("version", version=sheet.metadata.version)]
    if address:
        parts.append(f"{_LTR_ISOLATE}{short_address(address)}{_POP_ISOLATE}")
    return " · ".join(parts), ui["rights"]


def _css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes and line breaks escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def print_stylesheet(sheet: Factsheet, public_url: str = "") -> Asset:
    """The stylesheet with the footer of ``sheet``'s printed pages, under its digest name."""
    address = edition_address(sheet, public_url) if public_url else ""  # where the QR code leads
    plain = _css_string("\n".join(footer_lines(sheet)))
    direction = factsheet.locale_info(sheet.language).direction
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    sides = {"direction": direction, "start": start, "end": end, "box": _BOX}
    if not address:
        css = _TEMPLATE.format(text=plain, **sides)
    else:  # the address on every page but the first, which has it under the code
        addressed = _css_string("\n".join(footer_lines(sheet, address)))
        css = _TEMPLATE.format(text=addressed, **sides) + _FIRST.format(text=plain, **sides)
    body = css.encode()
    return Asset(f"css/print.{sheet.language}.{hashlib.sha256(body).hexdigest()[:12]}.css", body)
