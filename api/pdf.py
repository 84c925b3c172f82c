"""The factsheet as PDF: a page's HTML and its print stylesheets, laid out by WeasyPrint.

One design, not two: the PDF is the page as Chromium prints it (``@media print`` in
``page.css``, the footer of ``print.{locale}.css``), on two A4 pages, with the fonts the app
ships embedded and subset. WeasyPrint reads the page's files from memory (the bytes the app
serves under ``/static/``) and nothing else: no network, no file of the machine, no font of the
machine, so the same release gives the same bytes everywhere. The PDF carries no date, and its
identifier is a digest of the page, so two builds are byte-identical.

WeasyPrint is an optional dependency (``pip install -e '.[pdf]'``) and needs Pango (Debian:
``libpango-1.0-0 libpangoft2-1.0-0``). :func:`unavailable` says what is missing, if anything.

Making the nine PDFs takes seconds (``benchmarks/pdf.py``), so the app does not make them when
it starts: :func:`lazy_pdf` gives the site (:mod:`api.build`) a function that renders a page's
PDF on the first request or export that needs it, once per process (every app of the process
shares the renderings, keyed by the page's bytes, which name every file they load by its digest).
Without WeasyPrint or Pango that function raises :class:`api.site.Unavailable`: the rest of the
service runs, and the PDF URL answers a 503 problem that says what to install.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from .errors import PDF_UNAVAILABLE
from .site import Unavailable

__all__ = ["PDF_VARIANT", "PdfError", "lazy_pdf", "render_pdf", "unavailable"]

#: Tagged PDF (PDF/UA-1): headings, lists and reading order for assistive technology. It changes
#: no layout (same two pages and line breaks, tests/api/test_pdf.py) and costs about 10 % more time.
PDF_VARIANT = "pdf/ua-1"
#: The address the page is laid out at: a name that cannot resolve, so nothing can be fetched.
_BASE = "https://factsheet.invalid/"
_STATIC = f"{_BASE}static/"
_TYPES = {"css": "text/css", "woff2": "font/woff2", "svg": "image/svg+xml"}


class PdfError(RuntimeError):
    """A PDF cannot be made on this machine, or the page asked for a file the app does not serve."""


@cache
def unavailable() -> str | None:
    """Why no PDF can be made here (WeasyPrint or Pango missing), or ``None`` if one can."""
    try:
        import weasyprint  # noqa: F401, PLC0415 - optional, and slow to import (about 0.3 s)
    except ImportError:
        return "WeasyPrint is not installed: pip install -e '.[pdf]'"
    except OSError as error:  # cffi could not load Pango's libraries
        return (
            f"WeasyPrint cannot load Pango ({error}): install the Debian packages "
            "libpango-1.0-0 and libpangoft2-1.0-0 (or your system's Pango 1.44 or newer)"
        )
    return None


def _fetcher(files: Mapping[str, bytes]) -> Any:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class OwnFiles(URLFetcher):  # type: ignore[misc]  # untyped base class
        """The app's own files, from memory; any other URL stops the rendering."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = url.removeprefix(_STATIC) if url.startswith(_STATIC) else None
            if path is None or path not in files:
                raise FatalURLFetchingError(f"a PDF uses the app's own files only, not {url}")
            media_type = _TYPES.get(path.rsplit(".", 1)[-1], "application/octet-stream")
            return URLFetcherResponse(url, files[path], headers={"Content-Type": media_type})

    return OwnFiles()


def render_pdf(
    html: str, *, locale: str, files: Mapping[str, bytes], variant: str | None = PDF_VARIANT
) -> bytes:
    """The PDF of the page ``html`` of ``locale`` (served at ``/{locale}/``).

    ``files`` maps each path below ``/static/`` (``page.3f2a1c9e0b4d.css``) to its bytes: the
    stylesheets and fonts the page links. Raises :class:`PdfError` if WeasyPrint cannot run here
    or the page links a file that is not in ``files``.
    """
    missing = unavailable()
    if missing:
        raise PdfError(missing)
    import weasyprint  # noqa: PLC0415
    from weasyprint.urls import FatalURLFetchingError  # noqa: PLC0415

    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    try:
        document = weasyprint.HTML(string=html, base_url=f"{_BASE}{locale}/", url_fetcher=_fetcher(files))
        pdf: bytes = document.write_pdf(pdf_variant=variant, pdf_identifier=identifier)
    except FatalURLFetchingError as error:
        raise PdfError(str(error)) from error
    return pdf


#: Rendered PDFs by the digest of their page: one rendering per page per process, whatever the app.
_RENDERED: dict[str, bytes] = {}
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def lazy_pdf(html: str, *, locale: str, files: Mapping[str, bytes]) -> Callable[[], bytes]:
    """A function that gives the PDF of the page ``html`` (see :func:`render_pdf`), rendered on
    its first call in this process; it raises :class:`~api.site.Unavailable` if none can be made here."""
    key = hashlib.sha256(html.encode()).hexdigest()

    def make() -> bytes:
        missing = unavailable()
        if missing:
            raise Unavailable(f"PDFs cannot be made on this server: {missing}.", type=PDF_UNAVAILABLE)
        with _LOCKS_LOCK:
            lock = _LOCKS.setdefault(key, threading.Lock())
        with lock:  # a second request for the same page waits for the first rendering
            if key not in _RENDERED:
                _RENDERED[key] = render_pdf(html, locale=locale, files=files)
            return _RENDERED[key]

    return make
