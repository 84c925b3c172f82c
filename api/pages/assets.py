"""Files the pages load, served by the app itself: no CDN, so pages work offline and on a static host.

The app's own files (``api/assets/``) are served under a name that carries a digest of their
bytes (``page.3f2a1c9e0b4d.css``, ``fonts/NotoSans-Regular.0a1b2c3d4e5f.woff2``; the
stylesheet's ``url()`` references are rewritten to those names before its own digest is taken);
Swagger UI's in a folder named for a digest of its files
(``swagger-ui.0c1d2e3f4a5b/``: the bundle does not say its version in its folder name). A
URL's bytes therefore never change, so browsers and CDNs may keep them for a year
(``immutable``). Each file is read once, when the app starts, and served like every other
representation (ETag, 304, CORS): :mod:`api.site.build` adds each to the site.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from flask import Blueprint, Response, request
from werkzeug.exceptions import NotFound

from api.config import public_cache
from api.site.answers import current_site, serve

__all__ = ["IMMUTABLE", "Asset", "Assets", "bp", "inline_source", "load"]

#: Cache-Control of a URL whose bytes never change.
IMMUTABLE = f"{public_cache(365 * 24 * 3600)}, immutable"

_OWN = Path(__file__).parents[1] / "assets"  # api/assets/
_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".woff2": "font/woff2"}
#: A reference from the stylesheet to a file beside it: ``url("fonts/NotoSans-Regular.woff2")``.
_URL = re.compile(r'url\("([^"()]+)"\)')
#: The Swagger UI files ``/v1/docs`` loads (the bundle holds the standalone preset it needs).
_SWAGGER_UI = ("swagger-ui.css", "swagger-ui-bundle.js")


def _without_comments(source: str, name: str) -> str:
    """The source without its whole-line comments and indentation (the JSDoc types are for ``tsc``).

    Only lines that are comments from their start are dropped, and a ``/* ... */`` block only
    when it also ends a line; a multi-line string would lose its indentation, so keep none.
    """
    kept: list[str] = []
    in_block = False
    for line in source.splitlines():
        text = line.strip()
        if in_block or text.startswith("/*"):
            if "*/" in text and not text.endswith("*/"):
                raise ValueError(f"api/assets/{name}: code after a comment on one line: {text!r}")
            in_block = not text.endswith("*/")
            continue
        if text and not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept) + "\n"


@cache
def inline_source(name: str) -> str:
    """A script or stylesheet of ``api/assets/`` that a page carries inline (and its policy allows
    by hash): JavaScript without its comments, CSS as it is. Kept as files so that editors, ``tsc``
    and linters see them as what they are."""
    text = (_OWN / name).read_text(encoding="utf-8")
    return _without_comments(text, name) if name.endswith(".js") else text


@dataclass(frozen=True, slots=True)
class Asset:
    path: str
    """Where it is served, below ``/static/``: ``page.3f2a1c9e0b4d.css``."""
    body: bytes

    @property
    def media_type(self) -> str:
        return _TYPES[PurePosixPath(self.path).suffix]


@dataclass(frozen=True, slots=True)
class Assets:
    """Every file the app serves under ``/static/``, by the name the code knows it by."""

    page_css: Asset
    icon: Asset
    docs_js: Asset
    swagger_ui: tuple[Asset, ...]
    fonts_css: Asset
    """The whole fonts, for print and the PDF (``fonts.css``)."""
    fonts: tuple[Asset, ...] = ()
    """The fonts ``fonts.css`` loads (``api/assets/fonts/``); on screen, each page loads its
    own cut of them (:mod:`api.pages.fonts`)."""

    def all(self) -> tuple[Asset, ...]:
        return (self.page_css, self.fonts_css, self.icon, self.docs_js, *self.swagger_ui, *self.fonts)


def _own(name: str) -> Asset:
    body = (_OWN / name).read_bytes()
    stem, suffix = name.rsplit(".", 1)
    return Asset(f"{stem}.{hashlib.sha256(body).hexdigest()[:12]}.{suffix}", body)


def _stylesheet(name: str) -> tuple[Asset, tuple[Asset, ...]]:
    """A stylesheet and the files it references, each under its digest name."""
    text = (_OWN / name).read_text(encoding="utf-8")
    files = {ref: _own(ref) for ref in dict.fromkeys(_URL.findall(text))}  # a missing file fails here
    served = _URL.sub(lambda match: f'url("{files[match.group(1)].path}")', text).encode()
    stem, suffix = name.rsplit(".", 1)
    return Asset(f"{stem}.{hashlib.sha256(served).hexdigest()[:12]}.{suffix}", served), tuple(files.values())


def _swagger_ui() -> tuple[Asset, ...]:
    from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]  # noqa: PLC0415

    folder = Path(swagger_ui_path)
    bodies = {name: (folder / name).read_bytes() for name in _SWAGGER_UI}
    digest = hashlib.sha256(b"".join(bodies.values())).hexdigest()[:12]
    return tuple(Asset(f"swagger-ui.{digest}/{name}", body) for name, body in bodies.items())


def load() -> Assets:
    """Read every file; a missing one (an install without ``swagger-ui-bundle-v2``) fails here."""
    page_css, _ = _stylesheet("page.css")
    fonts_css, fonts = _stylesheet("fonts.css")
    return Assets(
        page_css=page_css,
        fonts_css=fonts_css,
        icon=_own("icon.svg"),
        docs_js=_own("docs.js"),
        swagger_ui=_swagger_ui(),
        fonts=fonts,
    )


bp = Blueprint("assets", __name__)


@bp.get("/static/<path:path>")
def asset(path: str) -> Response:
    found = current_site().get(request.path)
    if found is None:
        raise NotFound(f"There is no file {path[:40]!r} here.")
    return serve(found)
