"""The factsheet as PDF: a page's HTML and its print stylesheets, laid out by WeasyPrint.

One design, not two: the PDF is the page as Chromium prints it (``@media print`` in
``page.css``, the footer of ``print.{locale}.css``), on two A4 pages, with the fonts the app
ships embedded and subset. WeasyPrint reads the page's files from memory (the bytes the app
serves under ``/static/``) and nothing else: no network, no file of the machine, no font of the
machine, so the same release gives the same bytes everywhere. The PDF carries no date, and its
identifier is a digest of the page, so two builds are byte-identical.

WeasyPrint is an optional dependency (``pip install -e '.[pdf]'``) and needs Pango (Debian:
``libpango-1.0-0 libpangoft2-1.0-0``). :func:`unavailable` says what is missing, if anything.

Making the nine PDFs takes seconds (``benchmarks/pdf.py``), so no serving process makes one:
:mod:`api.pages.pdf_cache` has them made by a child process, once per content and machine, and kept
on disk. Without WeasyPrint or Pango the rest of the service runs, and the PDF URL answers a
503 problem that says what to install.
"""

from __future__ import annotations

import ctypes.util
import fcntl
import hashlib
import importlib.util
import os
import pickle
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["PDF_VARIANT", "PdfError", "render_pdf", "unavailable"]

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
    """Why no PDF can be made here (WeasyPrint or Pango missing), or ``None`` if one can.

    It looks without importing WeasyPrint (0.3 s and tens of MB in every process that would):
    the package's presence and Pango's libraries by name. :func:`render_pdf` says more if the
    import itself fails.
    """
    if importlib.util.find_spec("weasyprint") is None:
        return "WeasyPrint is not installed: .venv/bin/pip install -e '.[api,pdf]' (it needs Pango too)"
    missing = [name for name in ("pango-1.0", "pangoft2-1.0") if ctypes.util.find_library(name) is None]
    if missing:
        return (
            f"WeasyPrint cannot load Pango (lib{', lib'.join(missing)} not found): install the Debian "
            "packages libpango-1.0-0 and libpangoft2-1.0-0 (or your system's Pango 1.44 or newer)"
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
    try:
        import weasyprint  # noqa: PLC0415
        from weasyprint.urls import FatalURLFetchingError  # noqa: PLC0415
    except (ImportError, OSError) as error:  # OSError: cffi could not load Pango
        raise PdfError(f"WeasyPrint cannot be loaded ({error})") from error

    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    try:
        document = weasyprint.HTML(string=html, base_url=f"{_BASE}{locale}/", url_fetcher=_fetcher(files))
        pdf: bytes = document.write_pdf(pdf_variant=variant, pdf_identifier=identifier)
    except FatalURLFetchingError as error:
        raise PdfError(str(error)) from error
    return pdf


#: The renderer's CPU priority, below the service's: serving goes first on a busy machine.
NICENESS = 10
#: The lock a renderer holds on a cache folder while it makes a PDF (one at a time per folder).
LOCK_NAME = "render.lock"


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    handle = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # waits while another renderer makes a PDF here
        yield
    finally:
        os.close(handle)  # releases the lock


def main() -> None:
    """The renderer (``python -P api/pages/pdf.py``, started by :mod:`api.pages.pdf_cache`): it reads
    ``(folder, parent's PID, [(name, html, locale, files), ...])`` pickled from its parent on
    stdin and writes each PDF not yet in the folder as ``name.pdf``, one at a time per folder.
    It stops early when its parent is gone. A PDF that cannot be made ends it with the reason."""
    # Started from a thread that blocks the stop signals (api/server/threads.py): take them again.
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    directory, parent, payload = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - our parent's
    directory = Path(directory)
    os.nice(NICENESS)
    directory.mkdir(parents=True, exist_ok=True)
    for key, html, locale, files in payload:
        if os.getppid() != parent:  # the service stopped: nobody waits for the rest
            return
        target = directory / f"{key}.pdf"
        with _locked(directory):
            if target.exists():
                continue
            try:
                body = render_pdf(html, locale=locale, files=files)
            except PdfError as error:
                sys.exit(str(error))
            partial = target.with_name(f".{key}.{os.getpid()}.tmp")
            partial.write_bytes(body)
            os.replace(partial, target)


if __name__ == "__main__":
    main()
