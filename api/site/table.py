"""The site: every URL this service answers, with its representation, built once per app.

A :class:`Representation` is one answer: media type, language, cache policy, headers and the
bytes, made either at once or, for a costly body, by a function called once on first use
(thread-safe). Its ETag is a digest of its own bytes and kind only, so a change in one locale
leaves every other locale's validators as they were.

A :class:`Site` maps URL paths (relative to the application root, as ``request.path`` gives
them) to representations, and knows each one's file name in the static export
(:func:`file_name`). :mod:`api.site.build` fills it, one :meth:`Site.add` per resource; the
views of :mod:`api.v1.routes`, :mod:`api.pages.page`, :mod:`api.pages.docs`,
:mod:`api.pages.assets` and :mod:`api.v1.health` answer from it with
:func:`api.site.answers.answer` (and :class:`api.site.answers.ReadyAnswers` before them), and
:mod:`api.publish.export` writes :meth:`Site.files` to disk.
When a URL names something that does not exist, :meth:`Site.explain` says which of locale,
section and item it is, naming the ones there are.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, NoReturn

from flask import Flask
from werkzeug.exceptions import HTTPException, NotFound

import factsheet
import factsheet.history.store

from .ready import HeaderList, Ready, make_ready

__all__ = [
    "HTML",
    "JSON",
    "MARKDOWN",
    "PDF",
    "TEXT",
    "File",
    "HeaderList",
    "Ready",
    "Representation",
    "Site",
    "Unavailable",
    "encode_json",
    "file_name",
]

JSON = "application/json"
HTML = "text/html"
MARKDOWN = "text/markdown"
TEXT = "text/plain"
PDF = "application/pdf"
#: The extension a static host types each media type by (``mimetypes``' own choice).
_SUFFIX = {JSON: ".json", HTML: ".html", MARKDOWN: ".md", TEXT: ".txt", PDF: ".pdf"}
#: The representation's name in its ETag.
_KIND = {JSON: "json", HTML: "html", MARKDOWN: "md", TEXT: "txt", "text/css": "css", "text/javascript": "js"}


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON; non-ASCII text as it is, keys in the order given."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class Unavailable(Exception):
    """A body made on first use cannot be given now: a library is missing, or it is being made.

    Raised by the function of a lazy :class:`Representation`; nothing is kept, so the next
    request tries again. The live app answers a 503 problem with ``detail`` and ``type``
    (:mod:`api.v1.problems`), and ``Retry-After`` when ``retry_after`` (seconds) is given; the export
    stops with ``detail``.
    """

    def __init__(self, detail: str, *, type: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.type = type
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Representation:
    """One resource in one media type (and locale): what a 200 for it carries.

    ``body`` is the bytes, or a function that makes them: it is called once, on the first
    request or export that needs it, and never again in this process. The function may raise
    :class:`Unavailable` instead: then nothing is kept.
    """

    body: bytes | Callable[[], bytes] = field(repr=False)
    media_type: str
    language: str | None = None
    cache_control: str = "no-store"
    headers: HeaderList = ()
    """Headers of this representation beyond the usual ones: ``Content-Security-Policy``, ``Vary``."""
    _once: list[Ready] = field(default_factory=list, init=False, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type

    def ready(self) -> Ready:
        """The bytes, ETag and headers, made on the first call (by one thread; others wait)."""
        if not self._once:
            with self._lock:
                if not self._once:
                    body = self.body() if callable(self.body) else self.body
                    self._once.append(self._make(body))
        return self._once[0]

    def made(self) -> Ready | None:
        """What :meth:`ready` gives, if that calls no function: made before, or bytes from the start."""
        if self._once or not callable(self.body):
            return self.ready()
        return None

    def described(self) -> HeaderList:
        """The headers of a 200 that do not depend on the bytes (all but ``ETag`` and
        ``Content-Length``): known without making a body made on first use."""
        return self._headers()

    def _headers(self) -> HeaderList:
        language = (("Content-Language", self.language),) if self.language else ()
        # Content-Type, then CORS (Site adds it first): flask-cors looks for it on every response.
        return (
            ("Content-Type", self.content_type),
            *self.headers,
            ("Cache-Control", self.cache_control),
            *language,
        )

    def _make(self, body: bytes) -> Ready:
        kind = _KIND.get(self.media_type) or self.media_type.split("/")[-1].split("+")[0]
        return make_ready(body, self.media_type, self.language or "all", kind, self._headers())


@dataclass(frozen=True, slots=True)
class File:
    """One file of the static export: its name there, the URL it is the answer of, and that answer."""

    name: str
    """Relative to the export's folder: ``v1/nl/factsheet.json``."""
    path: str
    """Relative to the application root: ``/v1/nl/factsheet``."""
    representation: Representation


def file_name(path: str, media_type: str) -> str:
    """Where the static export writes the answer to ``path``: a leaf name a static host types right.

    A path on disk cannot be both a file and a folder (``/v1/nl/sections`` and
    ``/v1/nl/sections/risks``), so a URL without an extension gets that of its media type
    (``/v1/nl/factsheet`` is ``v1/nl/factsheet.json``) and a folder URL an index file
    (``/nl/`` is ``nl/index.html``, ``/v1/`` is ``v1/index.json``).
    """
    suffix = _SUFFIX.get(media_type, "")
    if path.endswith("/"):
        return f"{path.lstrip('/')}index{suffix}"
    name = path.lstrip("/")
    return name if PurePosixPath(name).suffix else name + suffix


class Site:
    """Every URL the app answers, by path; filled by :mod:`api.site.build`, then only read."""

    def __init__(self, app: Flask, common: HeaderList) -> None:
        self._adapter = app.url_map.bind("localhost")
        self._common = common
        self._paths: dict[str, Representation] = {}
        self._variants: dict[str, dict[str, Representation]] = {}
        self._files: dict[str, File] = {}

    def path(self, endpoint: str, **values: str) -> str:
        """The path of an endpoint, relative to the application root: ``/v1/nl/factsheet``."""
        return self._adapter.build(endpoint, values)

    def add(
        self, endpoint: str, representation: Representation, *, export: bool = True, **values: str
    ) -> None:
        """The answer at ``endpoint``'s URL; also at its export file name, if ``export``."""
        path = self.path(endpoint, **values)
        representation = self._with_common(representation)
        if path in self._paths:
            raise ValueError(f"two representations for {path}")
        self._paths[path] = representation
        if export:
            name = file_name(path, representation.media_type)
            self._files[name] = File(name, path, representation)
            leaf = "/" + name
            if leaf != path and self._routed(leaf):  # the leaf name, live where a route takes it
                self._paths.setdefault(leaf, representation)

    def _routed(self, path: str) -> bool:
        try:
            self._adapter.match(path, "GET")
        except HTTPException:  # not found, or a redirect to another URL
            return False
        return True

    def add_variant(self, endpoint: str, variant: str, representation: Representation) -> None:
        """One of the answers of a negotiated URL (``/v1/factsheet`` in ``variant``); never exported."""
        self._variants.setdefault(self.path(endpoint), {})[variant] = self._with_common(representation)

    def _with_common(self, representation: Representation) -> Representation:
        return Representation(
            representation.body,
            representation.media_type,
            representation.language,
            representation.cache_control,
            (*self._common, *representation.headers),
        )

    def paths(self) -> Iterator[str]:
        """Every URL path with a representation (exported or not), in the order added."""
        yield from self._paths

    def get(self, path: str) -> Representation | None:
        return self._paths.get(path)

    def variant(self, path: str, variant: str) -> Representation:
        return self._variants[path][variant]

    def variants_at(self, path: str) -> Mapping[str, Representation] | None:
        """The answers of the negotiated URL ``path`` by variant, or ``None`` if it is not one."""
        return self._variants.get(path)

    def variants(self) -> Iterator[tuple[str, Mapping[str, Representation]]]:
        """Every negotiated path with its answers by variant (locale), in the order added."""
        yield from self._variants.items()

    def files(self) -> Iterator[File]:
        """Every exported representation with its file name, in the order added."""
        yield from self._files.values()

    def prepare(self) -> int:
        """Make now the answer of every representation whose bytes are there from the start, its
        content codings included (:mod:`.encodings`), and say how many. ``python -m api`` calls
        it before the workers are forked: they share what it made, and no request waits while
        a worker compresses a body (the 1.5 MB Swagger UI bundle held a worker for a third of a
        second on its first request). Bodies made on first use (PDFs, the release lists, font
        cuts) stay so. Brotli and zlib let go of the GIL, so one thread per core shares the work."""
        every = (*self._paths.values(), *(r for answers in self._variants.values() for r in answers.values()))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="prepare") as pool:
            return sum(made is not None for made in pool.map(Representation.made, every))

    def find(self, path: str, names: Mapping[str, Any]) -> Representation:
        """The representation at ``path``, or the 404 that says which part of ``names`` is missing."""
        found = self._paths.get(path)
        if found is None and not path.endswith("/"):  # a route that takes /v1 for /v1/
            found = self._paths.get(path + "/")
        if found is None:
            self.explain(**names)
        return found

    @staticmethod
    def explain(
        locale: str | None = None,
        section_id: str | None = None,
        item_id: str | None = None,
        version: str | None = None,
        **_: Any,
    ) -> NoReturn:
        """Raise the 404 for a URL with nothing behind it: a release's version first, then the
        locale, against the shipped set (of that release) and nothing else, then the section,
        then the item."""
        if version is not None:
            archive = factsheet.history.store.shipped.archive(version)  # UnknownVersionError
            if locale is not None and locale not in archive.codes:
                raise factsheet.UnknownLocaleError(locale, archive.codes)
        elif locale is not None:
            shipped = factsheet.locales()
            if locale not in shipped:  # api.v1.problems answers each of these with its problem
                raise factsheet.UnknownLocaleError(locale, shipped)
            if section_id is not None:
                section = factsheet.load(locale).section(section_id)  # UnknownSectionError
                if item_id is not None:
                    section.item(item_id)  # UnknownItemError
        raise NotFound()
