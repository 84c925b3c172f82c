"""Content codings: each body that pays for it is also kept in Brotli and gzip, made once, with
the body, and chosen per request by ``Accept-Encoding`` (RFC 9110, 12.5.3).

- **Which bodies**: text (JSON, HTML, CSS, JavaScript, Markdown, plain text, SVG, Atom) of at
  least :data:`MIN_SIZE` bytes, in a coding only when it saves a tenth or more. PDFs and WOFF2
  fonts are compressed inside already.
- **How**: Brotli at its best quality (11) up to :data:`BEST_UP_TO` bytes (about 30 ms for the
  page), quality 9 above (the 1.5 MB Swagger UI bundle: 0.1 s instead of 3 s, 9 % larger);
  gzip at level 9 with no time stamp, so the bytes are the same in every run and in the export.
- **Choice**: the coding with the highest q-value that is offered, Brotli before gzip when they
  tie; ``*`` counts for a coding the header does not name; ``identity`` when nothing fits or
  nothing was asked (a coding of q=0 is refused, and ``identity;q=0`` is never refused: every
  client can read the plain bytes, and a 406 would help no one).
"""

from __future__ import annotations

import gzip
from functools import lru_cache

import brotli  # type: ignore[import-untyped]  # no stubs; compress() returns bytes
from werkzeug.datastructures import Accept
from werkzeug.http import parse_accept_header

__all__ = ["BEST_UP_TO", "CODINGS", "COMPRESSIBLE", "MIN_SIZE", "SIBLING_SUFFIX", "choose", "compress"]

#: The codings offered, in order of preference, as ``Content-Encoding`` names them.
CODINGS = ("br", "gzip")
#: The name a static server looks for beside a file, per coding (``page.css.gz``).
SIBLING_SUFFIX = {"br": ".br", "gzip": ".gz"}
#: Media types whose bodies are compressed (the others are compressed inside, or tiny).
COMPRESSIBLE = frozenset(
    {
        "application/json",
        "application/problem+json",
        "application/atom+xml",
        "application/xml",
        "text/html",
        "text/css",
        "text/javascript",
        "text/markdown",
        "text/plain",
        "image/svg+xml",
    }
)
#: Smaller bodies stay as they are: a coding would save less than its header and work cost.
MIN_SIZE = 1024
#: Bodies up to this size get Brotli's best quality; larger ones quality 9.
BEST_UP_TO = 256 * 1024


@lru_cache(maxsize=4096)  # every app of a process (the tests make many) compresses a body once
def compress(body: bytes, media_type: str) -> tuple[tuple[str, bytes], ...]:
    """``(coding, bytes)`` of the codings that pay for ``body``; empty when none does."""
    if media_type not in COMPRESSIBLE or len(body) < MIN_SIZE:
        return ()
    quality = 11 if len(body) <= BEST_UP_TO else 9
    made = {
        "br": brotli.compress(body, mode=brotli.MODE_TEXT, quality=quality),
        "gzip": gzip.compress(body, compresslevel=9, mtime=0),
    }
    return tuple((coding, data) for coding, data in made.items() if len(data) * 10 <= len(body) * 9)


@lru_cache(maxsize=256)  # clients send the same few values over and over
def choose(accept_encoding: str, offered: tuple[str, ...]) -> str | None:
    """The coding of the answer, of ``offered``; ``None`` for the body as it is."""
    accept = parse_accept_header(accept_encoding, Accept)
    best, best_quality = None, 0.0
    for coding in offered:
        quality = _quality(accept, coding)
        if quality > best_quality:
            best, best_quality = coding, quality
    if best is not None and _named(accept, "identity", default=0.0) > best_quality:
        return None  # the client prefers the plain bytes, and said so
    return best


def _quality(accept: Accept, coding: str) -> float:
    """A coding's q-value: as named, else as ``*`` says, else 0 (Werkzeug's ``Accept.quality``
    lets a ``*`` listed first win over ``gzip;q=0``)."""
    return _named(accept, coding, default=_named(accept, "*", default=0.0))


def _named(accept: Accept, name: str, *, default: float) -> float:
    return next((quality for value, quality in accept if value.lower() == name), default)
