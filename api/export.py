"""The static export: every page and resource as a file, for any web host or CDN, without Python.

``flask --app api export OUTPUT_DIR`` writes, with Frozen-Flask, what the live app answers:

=========================================  ====================================================
live URL                                   file in the export
=========================================  ====================================================
``/`` (redirects by ``Accept-Language``)   ``index.html``: every locale; a script opens the
                                           browser's language (also live at ``/index.html``)
``/{locale}/``                             ``{locale}/index.html``
``/v1/``                                   ``v1/index.json``
``/v1/docs``                               ``v1/docs.html``
any other JSON resource, ``/v1/…``         its path plus ``.json``:
                                           ``v1/locales.json``, ``v1/en/factsheet.json``,
                                           ``v1/en/sections/risks/items/echo.json``...
everything else                            the same name: ``v1/openapi.json``,
                                           ``v1/{locale}/factsheet.md``, ``.txt`` and ``.pdf``,
                                           ``static/…``
=========================================  ====================================================

A path on disk cannot be both a file and a folder (``/v1/nl/sections`` and
``/v1/nl/sections/risks``), so every JSON resource gets a leaf name ending in ``.json``. The live
app answers those names too, with the same representation (bytes, ETag, headers): pages link to
them, so a page works the same live and on a static host, and a test compares every exported file
with the live answer. Not exported, because they need a server: the negotiated ``/v1/factsheet``
and ``/``, and ``/healthz``.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from flask import Blueprint, Flask, Response
from flask_frozen import Freezer, FrozenFlaskWarning

from .pdf import unavailable
from .representations import Key, Representation, serve
from .v1 import find

__all__ = ["ALIASES", "SERVER_ONLY", "ExportError", "Exported", "create_blueprint", "export", "init_app"]

#: Live endpoints whose representations the export writes under a leaf name, and the endpoint
#: serving that name.
ALIASES = {
    "v1.index": "files.index",
    "v1.locales": "files.locales",
    "v1.localized_factsheet": "files.factsheet",
    "v1.sections": "files.sections",
    "v1.section": "files.section",
    "v1.item": "files.item",
    "docs.docs": "files.docs",
}

#: Live endpoints that need a server, and why.
SERVER_ONLY = {
    "pages.root": "redirects by Accept-Language; the export's index.html links to every locale",
    "v1.negotiated_factsheet": "picks the locale by Accept-Language",
    "health.healthz": "tells a load balancer that a server is up",
}

#: Each kind of representation (the first part of its key), by the endpoint whose URL the export
#: writes it under and that endpoint's parameters, in key order.
_EXPORTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "chooser": ("pages.chooser", ()),
    "page": ("pages.page", ("locale",)),
    "asset": ("assets.asset", ("path",)),
    "index": ("files.index", ()),
    "locales": ("files.locales", ()),
    "openapi": ("docs.openapi_json", ()),
    "docs": ("files.docs", ()),
    "factsheet": ("files.factsheet", ("locale",)),
    "sections": ("files.sections", ("locale",)),
    "section": ("files.section", ("locale", "section_id")),
    "item": ("files.item", ("locale", "section_id", "item_id")),
    "markdown": ("v1.markdown", ("locale",)),
    "text": ("v1.text", ("locale",)),
}
#: Kinds of representation that are not exported (served by SERVER_ONLY endpoints).
_NOT_EXPORTED = frozenset({"negotiated", "health"})


class ExportError(click.ClickException):
    """The export cannot be written where it was asked to be; the message says why."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What one export wrote: each URL and its file, relative to the output folder."""

    destination: Path
    files: tuple[tuple[str, Path], ...]
    seconds: float


def create_blueprint(store: Mapping[Key, Representation]) -> Blueprint:
    """The leaf names of the resources whose live URL is (or could be) a folder on disk."""
    blp = Blueprint("files", __name__)

    @blp.get("/v1/index.json")
    def index() -> Response:
        return serve(store[("index",)])

    @blp.get("/v1/locales.json")
    def locales() -> Response:
        return serve(store[("locales",)])

    @blp.get("/v1/docs.html")
    def docs() -> Response:
        return serve(store[("docs",)])

    @blp.get("/v1/<locale>/factsheet.json")
    def factsheet(locale: str) -> Response:
        return serve(find(store, ("factsheet", locale)))

    @blp.get("/v1/<locale>/sections.json")
    def sections(locale: str) -> Response:
        return serve(find(store, ("sections", locale)))

    @blp.get("/v1/<locale>/sections/<section_id>.json")
    def section(locale: str, section_id: str) -> Response:
        return serve(find(store, ("section", locale, section_id)))

    @blp.get("/v1/<locale>/sections/<section_id>/items/<item_id>.json")
    def item(locale: str, section_id: str, item_id: str) -> Response:
        return serve(find(store, ("item", locale, section_id, item_id)))

    return blp


class _Freezer(Freezer):  # type: ignore[misc]  # untyped base class
    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        # Endpoints exported under another name, or not at all (the PDFs with pdf=False), are no
        # forgotten URL generator.
        super()._check_endpoints(seen_endpoints | set(ALIASES) | set(SERVER_ONLY) | {"pdf.pdf"})


def _urls(store: Mapping[Key, Representation], pdf: bool) -> Iterator[tuple[str, dict[str, str]]]:
    if pdf:  # made on first request (api/pdfs.py), so not in the store yet
        yield from (("pdf.pdf", {"locale": key[1]}) for key in store if key[0] == "page")
    for key in store:
        kind, values = key[0], key[1:]
        if kind in _NOT_EXPORTED:
            continue
        if kind not in _EXPORTED:  # a new kind of resource: decide whether a static host can serve it
            raise LookupError(f"the export does not know where to write {key!r}")
        endpoint, names = _EXPORTED[kind]
        yield endpoint, dict(zip(names, values, strict=True))


def export(app: Flask, destination: Path, *, force: bool = False, pdf: bool = True) -> Exported:
    """Write every exported representation of ``app`` into ``destination``.

    The PDFs too, unless ``pdf`` is false; if they cannot be made here, nothing is written and
    the error says what to install.

    ``destination`` must be empty or new, unless ``force``: then files there are replaced and
    others left alone. Any Frozen-Flask warning (a forgotten endpoint, a file name whose type
    does not match what the app sends) is an error: a static host would serve it wrong.
    """
    store: Mapping[Key, Representation] = app.extensions["factsheet"]
    destination = destination.resolve()
    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is not a folder")
    if not force and destination.is_dir() and any(destination.iterdir()):
        raise ExportError(f"{destination} is not empty: name a new or empty folder, or pass --force")
    missing = unavailable() if pdf else None
    if missing:
        raise ExportError(f"cannot write the PDFs: {missing} (or pass --no-pdf)")
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=False,  # never delete what the export did not write
        FREEZER_REDIRECT_POLICY="error",
    )
    freezer: Any = _Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: _urls(store, pdf))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FrozenFlaskWarning)
        files = tuple((page.url, Path(page.path)) for page in freezer.freeze_yield())
    return Exported(destination, files, time.perf_counter() - start)


def init_app(app: Flask, store: Mapping[Key, Representation]) -> None:
    """Register ``flask export``; ``store`` is where :func:`export` finds the representations."""
    app.extensions["factsheet"] = store

    @app.cli.command("export")
    @click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Write into a folder that is not empty (replacing files).")
    @click.option("--no-pdf", is_flag=True, help="Leave out the PDFs (they need WeasyPrint and Pango).")
    def export_command(output_dir: Path, force: bool, no_pdf: bool) -> None:
        """Write every page and resource as static files into OUTPUT_DIR (see api/export.py)."""
        result = export(app, output_dir, force=force, pdf=not no_pdf)
        click.echo(f"Exported {len(result.files)} files to {result.destination} in {result.seconds:.2f} s.")
