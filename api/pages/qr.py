"""The QR code a printed page carries to its edition, and that address in words under it.

A printed copy cannot update itself; its code leads to :func:`api.pages.editions.edition_address`,
the page that says whether its edition is still the current one. The code is made offline by
segno as an inline ``<svg>`` (no file to fetch, no ``style`` attribute: the page's
Content-Security-Policy stays as strict as it is), shown only in print (``page.css``), so the
PDF, which is made from the page as it prints, has it too. Its ``<title>`` is its text
alternative (interface string ``qr-code``): browsers name the image by it, and WeasyPrint
writes it as the ``Alt`` of the tagged PDF's figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

import factsheet
from factsheet import Factsheet

from .editions import edition_address

__all__ = ["PrintedCode", "printed_code", "short_address"]

#: Error correction M (15 % of the code may be unreadable): a printed copy gets creased and worn.
_ERROR = "m"


def short_address(address: str) -> str:
    """The address as people write it: ``example.org/releases/1.1.0/de/``, without the scheme."""
    return address.split("://", 1)[-1]


@dataclass(frozen=True, slots=True)
class PrintedCode:
    """The code of a printed page: where it leads (``address``) and the code as inline SVG."""

    address: str
    svg: Markup

    @property
    def words(self) -> Markup:
        """The short address, breakable after each ``/`` only (``<wbr>``) where it must wrap."""
        return Markup("/<wbr>").join(short_address(self.address).split("/"))


def printed_code(sheet: Factsheet, public_url: str) -> PrintedCode | None:
    """The code of ``sheet``'s printed page under the site's ``public_url`` (ends in ``/``), or
    ``None`` without one: a code cannot lead anywhere unless the public address is known."""
    if not public_url:
        return None
    address = edition_address(sheet, public_url)
    alternative = factsheet.interface_text(sheet.language).format("qr-code", address=address)
    code = segno.make(address, error=_ERROR, micro=False)
    # Size from the page's stylesheet (viewBox only); dark modules in black on any background.
    svg = code.svg_inline(title=alternative, omitsize=True, svgclass="qr-code", lineclass=None)
    return PrintedCode(address, Markup(svg))  # noqa: S704 - segno's SVG; it escapes the title
