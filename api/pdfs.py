"""``GET /v1/{locale}/factsheet.pdf``: the page of a locale as PDF, made on the first request for it.

Making the nine PDFs takes seconds (``benchmarks/pdf.py``), so they are not made when the app
starts: the first request for a locale renders it (:func:`api.pdf.render_pdf`), once per
process, under a lock of that locale; every later request gets the same bytes, with a strong
ETag, like every other representation. The bytes depend on the page alone, and the page's
HTML names every file it loads by its digest, so the cache is keyed by the page.

Without WeasyPrint or Pango the rest of the service runs, and this URL answers a 503 problem
that says what to install.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

from flask import Blueprint, Response

import factsheet

from .config import Settings
from .errors import Problem, unknown_locale
from .headers import common_headers
from .pdf import MEDIA_TYPE, PdfError, render_pdf, unavailable
from .representations import Key, Representation, make_etag, serve

__all__ = ["UNAVAILABLE", "Pdfs", "create_blueprint"]

UNAVAILABLE = "/v1/problems/pdf-unavailable"

#: Rendered PDFs by the digest of their page: one rendering per page per process, whatever the app.
_RENDERED: dict[str, bytes] = {}
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _rendered(html: bytes, code: str, files: Mapping[str, bytes]) -> bytes:
    key = hashlib.sha256(html).hexdigest()
    with _LOCKS_LOCK:
        lock = _LOCKS.setdefault(key, threading.Lock())
    with lock:  # a second request for the same page waits for the first rendering
        if key not in _RENDERED:
            _RENDERED[key] = render_pdf(html.decode(), locale=code, files=files)
        return _RENDERED[key]


class Pdfs:
    """The PDFs of the pages in ``store``: made when first asked for."""

    def __init__(self, store: Mapping[Key, Representation], settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._ready: dict[str, Representation] = {}

    def get(self, code: str) -> Representation:
        """The PDF of ``code``'s page; raises the 404 of an unknown locale, or a 503 :class:`Problem`."""
        if code not in factsheet.locales():
            raise unknown_locale(factsheet.UnknownLocaleError(code, factsheet.locales()))
        ready = self._ready.get(code)
        if ready is not None:
            return ready
        missing = unavailable()
        if missing:
            raise Problem(503, f"PDFs cannot be made on this server: {missing}.", type=UNAVAILABLE)
        files = {key[1]: found.body for key, found in self._store.items() if key[0] == "asset"}
        try:
            body = _rendered(self._store[("page", code)].body, code, files)
        except PdfError as error:
            raise Problem(503, f"The PDF could not be made: {error}.", type=UNAVAILABLE) from error
        ready = Representation.build(
            body,
            media_type=MEDIA_TYPE,
            content_type=MEDIA_TYPE,
            etag=make_etag(factsheet.content_checksum(), code, "pdf", body),
            cache_control=f"public, max-age={self._settings.max_age}",
            common=common_headers(self._settings),
            language=code,
            extra=(("Content-Disposition", f'inline; filename="factsheet-{code}.pdf"'),),
        )
        self._ready[code] = ready  # one dict store: safe to race, both hold the same bytes
        return ready


def create_blueprint(pdfs: Pdfs) -> Blueprint:
    blp = Blueprint("pdf", __name__)

    @blp.get("/v1/<locale>/factsheet.pdf")
    def pdf(locale: str) -> Response:
        return serve(pdfs.get(locale))

    return blp
