"""What a representation sends, made once from its bytes: the body, its ETag and the headers of a
200 and of a 304, for the bytes as they are and for each content coding that pays
(:mod:`api.site.encodings`).

The ETag is a digest of the representation's own bytes and kind only (``"nl-json-…"``), so a
change in one locale leaves every other locale's validators as they were; a coded body has its
own (``"nl-json-…-br"``), since its bytes differ (RFC 9110, 8.8.3). A representation that is
sent coded to some clients says ``Vary: Accept-Encoding`` in every answer, plain ones too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from .encodings import compress

__all__ = ["BODY_HEADERS", "HeaderList", "Ready", "make_ready"]

HeaderList = tuple[tuple[str, str], ...]
#: Headers that describe the body, sent with it only (a 304 keeps the rest: RFC 9110, 15.4.5).
BODY_HEADERS = frozenset({"content-type", "content-language", "content-security-policy", "content-encoding"})


@dataclass(frozen=True, slots=True)
class Ready:
    """What a representation sends: its bytes, their ETag, every header of a 200 and of a 304."""

    body: bytes
    etag: str
    headers: HeaderList
    not_modified: HeaderList
    codings: Mapping[str, Ready] = field(default_factory=dict)
    """The same in each content coding that pays, by its name (``br``, ``gzip``)."""


def make_ready(body: bytes, media_type: str, scope: str, kind: str, headers: HeaderList) -> Ready:
    """``Ready`` for ``body``; its ETag starts with ``scope`` (a locale, or ``all``) and ``kind``
    (``json``); ``headers`` are those of a 200 but ``ETag`` (put before ``Cache-Control``) and
    ``Content-Length``."""
    coded = compress(body, media_type)
    if coded:
        headers = _vary(headers)
    digest = _digest(media_type, scope, kind, body)
    codings = {
        coding: _ready(data, f"{digest}-{coding}", headers, (("Content-Encoding", coding),))
        for coding, data in coded
    }
    return _ready(body, digest, headers, (), codings)


def _digest(media_type: str, scope: str, kind: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (media_type.encode(), scope.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return f"{scope}-{kind}-{digest.hexdigest()[:20]}"


def _ready(
    body: bytes,
    etag: str,
    headers: HeaderList,
    coding: HeaderList,
    codings: Mapping[str, Ready] | None = None,
) -> Ready:
    quoted = f'"{etag}"'
    at = next((n for n, (name, _) in enumerate(headers) if name == "Cache-Control"), len(headers))
    full = (*headers[:at], *coding, ("ETag", quoted), *headers[at:])
    not_modified = tuple(h for h in full if h[0].lower() not in BODY_HEADERS)
    # Content-Length last, where Werkzeug would put it: known now, so not counted per response.
    return Ready(body, quoted, (*full, ("Content-Length", str(len(body)))), not_modified, codings or {})


def _vary(headers: HeaderList) -> HeaderList:
    """``headers`` with ``Accept-Encoding`` added to its ``Vary`` (or a ``Vary`` of its own)."""
    if not any(name == "Vary" for name, _ in headers):
        return (*headers[:1], ("Vary", "Accept-Encoding"), *headers[1:])
    return tuple((name, f"{value}, Accept-Encoding" if name == "Vary" else value) for name, value in headers)
