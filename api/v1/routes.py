"""The v1 resources: routes and their OpenAPI documentation; every view answers from the site.

The representations are made by :mod:`api.site.build`; :func:`api.site.answers.answer` finds the one at the
request's URL, or the 404 that says which of locale, section or item does not exist. Each JSON
resource is also answered at its export file name (``/v1/nl/factsheet.json``, ``/v1/index.json``),
on the ``leaf_names`` blueprint, so pages and scripts can use one URL live and on a static copy.
"""

from __future__ import annotations

from typing import Any

import flask
from flask import Response, request

import factsheet
from api.pages.assets import IMMUTABLE
from api.site.answers import answer, current_site, serve
from api.site.table import JSON, MARKDOWN, PDF, TEXT, file_name
from factsheet import ChunksSchema, FactsheetSchema, ItemSchema, SectionSchema

from .openapi import ref
from .problems import PROBLEM, not_found_example
from .releases import ATOM
from .schemas import IndexSchema, LangQuerySchema, LocaleSchema, ProblemSchema, ReleasesSchema
from .smorest import Blueprint, Decorator, View

__all__ = ["blp", "leaf_names"]

_STRING = {"type": "string"}
_MARKDOWN_DOC = "The factsheet as CommonMark (UTF-8)."
_TEXT_DOC = "The factsheet as plain text (UTF-8)."
_PDF_DOC = "The factsheet's page as PDF: two A4 pages, fonts embedded, tagged (PDF/UA-1)."

CACHED = {"ETag": "ETag", "Cache-Control": "CacheControl"}
LOCALIZED = {**CACHED, "Content-Language": "ContentLanguage"}
NEGOTIATED = {**LOCALIZED, "Vary": "Vary", "Content-Location": "ContentLocation"}


def _path_parameter(name: str, description: str, schema: dict[str, Any], example: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "description": description, "schema": schema, "example": example}


blp = Blueprint("v1", __name__, url_prefix="/v1", description="The factsheet, by locale.")
#: The export file names of the JSON resources, answered live too (undocumented: same resource).
leaf_names = flask.Blueprint("leaf_names", __name__, url_prefix="/v1")
locale_param = _path_parameter(
    "locale",
    "A shipped locale code, as listed by /v1/locales. Other spellings (`EN`, `en-GB`) are not "
    "redirected: they get a 404 that names the code to use.",
    ref("LocaleCode"),
    "en",
)
section_param = _path_parameter("section_id", "A section of the factsheet.", ref("SectionId"), "risks")
item_param = _path_parameter(
    "item_id",
    "An item of that section, as listed in the section's `items`.",
    {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 64},
    "echo",
)
not_found = {
    "schema": ProblemSchema,
    "content_type": PROBLEM,
    "description": "No such locale, section or item; the problem lists the ones there are.",
    "example": not_found_example(),
}
#: Examples of bodies: English, as the API sends them.
_EXAMPLE = factsheet.load("en")
ITEM_EXAMPLE = ItemSchema().dump(_EXAMPLE.section("risks").item("echo"))
SECTION_EXAMPLE = SectionSchema().dump(_EXAMPLE.section("reasons"))


def resource(rule: str, *, parameters: list[Any], **options: Any) -> Decorator:
    """A documented JSON route, also answered at its export file name (``/<locale>/factsheet.json``)."""

    def decorator(view: View) -> View:
        leaf_names.add_url_rule("/" + file_name(rule, JSON), view.__name__, answer)
        return blp.route(rule, parameters=parameters, **options)(view)

    return decorator


@resource("/", strict_slashes=False, parameters=["IfNoneMatch"])
@blp.response(200, IndexSchema, headers=CACHED)
@blp.alt_response(304, "NotModified")
def index() -> Response:
    """The entry point

    Name, version and content checksum, the default and the shipped locales, and a link
    (or URI template) for every resource.
    """
    return answer()


@resource("/locales", parameters=["IfNoneMatch"])
@blp.response(200, LocaleSchema(many=True), headers=CACHED)
@blp.alt_response(304, "NotModified")
def locales() -> Response:
    """The shipped locales

    Per locale: English and native name, text direction, how many strings are translated
    and whether a native speaker reviewed them. Dutch (`nl`) is the source.
    """
    return answer()


@blp.route("/factsheet", parameters=["AcceptLanguage", "IfNoneMatch"])
@blp.arguments(LangQuerySchema(), location="query", as_kwargs=True)  # one instance, not one per request
@blp.response(200, FactsheetSchema, headers=NEGOTIATED)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def negotiated_factsheet(lang: str | None = None) -> Response:
    """The factsheet in the reader's locale

    The locale comes from `?lang=` if given, else from `Accept-Language`, else Dutch (`nl`).
    The answer is the canonical resource itself (same body, same ETag), with
    `Content-Location` naming its canonical URL and `Vary: Accept-Language` so that shared
    caches keep one copy per language. A `?lang=` that is not a language tag is a 422; one
    that names no shipped locale is a 404 listing the locales.
    """
    if lang is None:
        code = factsheet.negotiate_locale(request.headers.get("Accept-Language"))
    else:
        code = factsheet.normalize_locale(lang)
    return serve(current_site().variant(request.path, code))


@resource("/<locale>/factsheet", parameters=[locale_param, "IfNoneMatch"])
@blp.response(200, FactsheetSchema, headers=LOCALIZED)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def localized_factsheet(locale: str) -> Response:
    """The whole factsheet in a locale

    With its metadata: version, edition, rights, and the translation's status and
    `fallbacks` (the strings still shown in Dutch).
    """
    return answer()


@resource("/<locale>/sections", parameters=[locale_param, "IfNoneMatch"])
@blp.response(200, SectionSchema(many=True), headers=LOCALIZED)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def sections(locale: str) -> Response:
    """Every section in a locale, in reading order"""
    return answer()


@resource("/<locale>/sections/<section_id>", parameters=[locale_param, section_param, "IfNoneMatch"])
@blp.response(200, SectionSchema, headers=LOCALIZED, example=SECTION_EXAMPLE)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def section(locale: str, section_id: str) -> Response:
    """One section with its items"""
    return answer()


@resource(
    "/<locale>/sections/<section_id>/items/<item_id>",
    parameters=[locale_param, section_param, item_param, "IfNoneMatch"],
)
@blp.response(200, ItemSchema, headers=LOCALIZED, example=ITEM_EXAMPLE)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def item(locale: str, section_id: str, item_id: str) -> Response:
    """One item of a section: a paragraph, chatbot type, reason, risk or tip"""
    return answer()


@resource("/<locale>/chunks", parameters=[locale_param, "IfNoneMatch"])
@blp.response(200, ChunksSchema, headers=LOCALIZED)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def chunks(locale: str) -> Response:
    """The factsheet as chunks for a retrieval index

    One per item and section lead (`risks/echo`), as plain text, with the translation of its
    strings, the notices and a `citation` (title, rights, edition, version, checksum, page,
    pinned edition). Show the citation, rights and notices with every chunk.
    """
    return answer()


@blp.route("/<locale>/factsheet.md", parameters=[locale_param, "IfNoneMatch"])
@blp.response(200, _STRING, content_type=MARKDOWN, headers=LOCALIZED, description=_MARKDOWN_DOC)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def markdown(locale: str) -> Response:
    """The whole factsheet as Markdown

    CommonMark in reading order (headings, numbered lists, quotations), closing with the
    edition and version, the translation notice and the rights: what
    `factsheet show --format markdown` prints.
    """
    return answer()


@blp.route("/<locale>/factsheet.txt", parameters=[locale_param, "IfNoneMatch"])
@blp.response(200, _STRING, content_type=TEXT, headers=LOCALIZED, description=_TEXT_DOC)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def text(locale: str) -> Response:
    """The whole factsheet as plain text

    Wrapped at 78 columns, headings underlined, closing with the edition and version, the
    translation notice and the rights: what `factsheet show` prints.
    """
    return answer()


version_param = _path_parameter(
    "version",
    "A released version, as listed by /v1/releases.",
    {"type": "string", "pattern": r"^\d+\.\d+\.\d+$", "maxLength": 32},
    "1.0.0",
)
release_locale_param = _path_parameter(
    "locale",
    "A locale of that release, as its entry in /v1/releases lists them.",
    {"type": "string", "pattern": "^[a-z]{2,3}$"},
    "es",
)
#: A pinned edition is the ``Factsheet`` document as its release sent it: the members of that
#: release's version of the schema (1.0.0 had no ``changed_since_review``, for one).
_RELEASED_FACTSHEET = {
    "type": "object",
    "description": "The Factsheet document as that release sent it (the Factsheet schema of its version).",
}
IMMUTABLE_DOC = f"The edition exactly as released: these bytes never change (`Cache-Control: {IMMUTABLE}`)."


@resource("/releases", parameters=["IfNoneMatch"])
@blp.response(200, ReleasesSchema, headers=CACHED)
@blp.alt_response(304, "NotModified")
def releases() -> Response:
    """Every release, and what changed

    Newest first: version, date, content checksum and, per locale, every message context that
    changed against the release before (added, removed, the Dutch `source` changed, or only the
    `translation`), with the old and new text, status changes, and the link of the pinned
    edition. `unreleased`: the same for the changes since the newest release, while the current
    version is not released yet.
    """
    return answer()


@blp.route("/releases.atom", parameters=["IfNoneMatch"])
@blp.response(
    200,
    _STRING,
    content_type=ATOM,
    headers=CACHED,
    description="An Atom feed (RFC 4287), one entry per release.",
)
@blp.alt_response(304, "NotModified")
def releases_feed() -> Response:
    """The releases as an Atom feed

    One entry per release, newest first, with a per-locale summary of what changed and a link
    to the pinned edition in every locale.
    """
    return answer()


@resource(
    "/releases/<version>/<locale>/factsheet", parameters=[version_param, release_locale_param, "IfNoneMatch"]
)
@blp.response(200, _RELEASED_FACTSHEET, headers=LOCALIZED, description=IMMUTABLE_DOC)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
def release_factsheet(version: str, locale: str) -> Response:
    """A pinned edition: the factsheet in a locale as released in a version

    The bytes served at release time, forever; for the current version once released, the same
    bytes as `/v1/{locale}/factsheet`. An unknown version is a 404 that lists the releases.
    """
    return answer()


@blp.route("/<locale>/factsheet.pdf", parameters=[locale_param, "IfNoneMatch"])
@blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type=PDF,
    headers={**LOCALIZED, "Content-Disposition": "ContentDisposition"},
    description=_PDF_DOC,
)
@blp.alt_response(304, "NotModified")
@blp.alt_response(404, **not_found)
@blp.alt_response(503, "Problem", description="This server cannot make PDFs (WeasyPrint or Pango missing).")
def pdf(locale: str) -> Response:
    """The factsheet as PDF

    The page of the locale as it prints, laid out by WeasyPrint: two A4 pages with the footer
    line (edition, version, rights) on each, text selectable, language and title in the
    metadata. Made on the first request once per process; the same release gives the same bytes.
    A server without WeasyPrint or Pango answers 503 with a problem that says what to install.
    """
    return answer()
