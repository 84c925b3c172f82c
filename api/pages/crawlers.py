"""What crawlers read first: ``/robots.txt`` and, when the site's public address is known
(``FACTSHEET_PUBLIC_URL``), ``/sitemap.xml``.

Everything may be crawled: the pages, the API and the embed (whose pages name the page they come
from as canonical, when the address is known). A sitemap needs absolute URLs, so without the
address there is none, and ``robots.txt`` does not name one. The sitemap lists each locale's
page with its translations as alternates (``xhtml:link``, as search engines read them).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from flask import Blueprint

import factsheet
from api.site.answers import answer

__all__ = ["SITEMAP", "bp", "robots", "sitemap"]

#: The media type of ``/sitemap.xml``.
SITEMAP = "application/xml"


def robots(public_url: str) -> str:
    lines = [f"# {factsheet.DISTRIBUTION}: everything here may be crawled.", "User-agent: *", "Allow: /"]
    if public_url:
        lines.append(f"Sitemap: {public_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def sitemap(public_url: str) -> str:
    """The sitemap of a site at ``public_url`` (``https://example.org/factsheet/``)."""
    codes = factsheet.locales()
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(f"{public_url}{code}/")}/>'
        for code in codes
    )
    urls = "".join(f"<url><loc>{public_url}{code}/</loc>{alternates}</url>" for code in codes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        f"{urls}</urlset>\n"
    )


bp = Blueprint("crawlers", __name__)
bp.add_url_rule("/robots.txt", "robots", answer)
bp.add_url_rule("/sitemap.xml", "sitemap", answer)
