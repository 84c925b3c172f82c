"""Response bodies made once at app creation, and serving one: a lookup, two header checks, a Response.

A :class:`Representation` holds the bytes of one resource in one locale and media type, its
strong ETag and every header of its 200 and 304 responses, CORS and hardening headers included
(flask-cors and :mod:`api.headers` leave a response alone that already has them). A request
then costs a dict lookup and a :class:`~flask.Response` around bytes: nothing is serialised.

ETag: ``"<scope>-<representation>-<digest>"``, where the digest is SHA-256 over the content
checksum, the scope (locale code, or ``all``), the representation (``json``, ``html``, ``md``...) and the
body. It changes with any content release and with any change of the bytes sent, so it is a
valid strong validator even when only the code that shapes the JSON changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from flask import Response, request
from werkzeug.datastructures import Headers, ImmutableHeadersMixin, MIMEAccept
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import parse_accept_header, parse_etags

__all__ = [
    "JSON",
    "HeaderList",
    "Key",
    "ReadyResponse",
    "Representation",
    "encode_json",
    "make_etag",
    "serve",
]

JSON = "application/json"

HeaderList = tuple[tuple[str, str], ...]
#: How views find a representation: ``("item", "nl", "risks", "echo")``.
Key = tuple[str, ...]


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON; non-ASCII text as it is, keys in the order given."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def make_etag(checksum: str, scope: str, representation: str, body: bytes) -> str:
    """The quoted strong entity tag (see the module docstring)."""
    digest = hashlib.sha256()
    for part in (checksum.encode(), scope.encode(), representation.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return f'"{scope}-{representation}-{digest.hexdigest()[:20]}"'


class FrozenHeaders(ImmutableHeadersMixin, Headers):  # type: ignore[misc]
    """Headers that raise ``TypeError`` on any change: one response object serves every request."""

    def __init__(self, headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__()
        self._list = list(Headers(headers))  # checked by Headers (no newlines...), then fixed


class ReadyResponse(Response):
    """A response made once, at app creation, and sent for every request that asks for it.

    Its headers cannot change (:class:`FrozenHeaders`), so sharing it between threads is safe
    and a hook that tries to add a header fails loudly instead of leaking into other
    responses: such hooks must leave ready responses alone (as flask-cors and
    ``api.headers`` do). Werkzeug's per-request copy and fix-up of the headers (absolute
    ``Location``, ``Content-Length``) is skipped: they were complete when made.
    """

    def __init__(self, body: bytes | None, *, status: int, headers: HeaderList) -> None:
        super().__init__(body, status=status, headers=headers)
        if body is None:  # a 304: no body, so no Content-Type either
            del self.headers["Content-Type"]
        self.headers = FrozenHeaders(self.headers)

    def get_wsgi_headers(self, environ: Any) -> Headers:
        return self.headers


@dataclass(frozen=True, slots=True)
class Representation:
    """One resource in one locale and media type: its bytes, its ETag and its ready responses."""

    body: bytes
    etag: str
    media_type: str
    headers: HeaderList
    not_modified_headers: HeaderList
    ok: ReadyResponse = field(init=False, repr=False, compare=False)
    not_modified: ReadyResponse = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ok", ReadyResponse(self.body, status=200, headers=self.headers))
        object.__setattr__(
            self, "not_modified", ReadyResponse(None, status=304, headers=self.not_modified_headers)
        )

    @classmethod
    def build(
        cls,
        body: bytes,
        *,
        media_type: str,
        content_type: str,
        etag: str,
        cache_control: str,
        common: HeaderList,
        language: str | None = None,
        extra: HeaderList = (),
    ) -> Representation:
        """``extra`` headers go on the 200 only (a page's ``Content-Security-Policy``)."""
        cache = (("ETag", etag), ("Cache-Control", cache_control))
        described = (("Content-Language", language),) if language else ()
        # Content-Type and the CORS headers first: Werkzeug and flask-cors look for them per request.
        return cls(
            body=body,
            etag=etag,
            media_type=media_type,
            headers=(("Content-Type", content_type), *common, *cache, *described, *extra),
            not_modified_headers=(*common, *cache),
        )

    def with_headers(self, extra: Iterable[tuple[str, str]]) -> Representation:
        """The same body and ETag with more headers on both responses (``Vary``, ``Content-Location``)."""
        added = tuple(extra)
        return replace(
            self,
            headers=self.headers + added,
            not_modified_headers=self.not_modified_headers + added,
        )


def serve(representation: Representation) -> Response:
    """The response to the current GET or HEAD: 200, 304 for a matching ``If-None-Match``, or 406.

    HEAD needs nothing here: Werkzeug sends the same headers without the body.
    """
    environ = request.environ
    accept = environ.get("HTTP_ACCEPT")
    if accept and accept != "*/*" and not _accepts(accept, representation.media_type):
        raise NotAcceptable(f"This resource is available as {representation.media_type} only.")
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and (
        if_none_match == representation.etag or _matches(if_none_match, representation.etag)
    ):
        return representation.not_modified
    return representation.ok


@lru_cache(maxsize=256)
def _accepts(accept: str, media_type: str) -> bool:
    # Clients send the same few Accept values over and over; parse each once.
    return parse_accept_header(accept, MIMEAccept).best_match((media_type,)) is not None


def _matches(if_none_match: str, etag: str) -> bool:
    # If-None-Match compares weakly (RFC 9110, 13.1.2): W/"x" matches "x"; * matches anything.
    return parse_etags(if_none_match).contains_weak(etag.strip('"'))
