"""marshmallow schemas of what the API adds to the factsheet: index, locales, health, problems, query.

The factsheet itself is dumped and documented by the data package's own schemas
(:mod:`factsheet.model.schema`), so the OpenAPI document describes exactly what is sent.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

__all__ = [
    "HealthSchema",
    "IndexSchema",
    "LangQuerySchema",
    "LocaleSchema",
    "ProblemSchema",
]

#: What ``normalize_locale`` can accept at all: a language tag with ``-`` or ``_``, at most 35 characters.
LOCALE_TAG = r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$"


class LinksSchema(Schema):
    """Where every resource is; ``{locale}``, ``{section_id}``, ``{item_id}``: URI templates (RFC 6570)."""

    self = fields.String(required=True)
    locales = fields.String(required=True)
    factsheet = fields.String(
        required=True, metadata={"description": "The factsheet in the negotiated locale."}
    )
    localized_factsheet = fields.String(required=True)
    sections = fields.String(required=True)
    section = fields.String(required=True)
    item = fields.String(required=True)
    markdown = fields.String(required=True, metadata={"description": "The factsheet as Markdown."})
    text = fields.String(required=True, metadata={"description": "The factsheet as plain text."})
    pdf = fields.String(
        required=True, metadata={"description": "The factsheet as PDF (two A4 pages), as it prints."}
    )
    page = fields.String(required=True, metadata={"description": "The factsheet as a web page, for people."})
    openapi = fields.String(required=True)
    docs = fields.String(required=True)
    health = fields.String(required=True)


class IndexSchema(Schema):
    name = fields.String(required=True, metadata={"description": "The distribution name."})
    title = fields.String(required=True, metadata={"description": "The factsheet's title, in Dutch."})
    version = fields.String(
        required=True, metadata={"description": "Version of the package and its content."}
    )
    checksum = fields.String(
        required=True, metadata={"description": "SHA-256 over the Dutch source and every catalog."}
    )
    default_locale = fields.String(required=True)
    locales = fields.List(fields.String(), required=True, metadata={"description": "Shipped locale codes."})
    links = fields.Nested(LinksSchema, required=True)


class LocaleLinksSchema(Schema):
    factsheet = fields.String(required=True)
    sections = fields.String(required=True)
    markdown = fields.String(required=True)
    text = fields.String(required=True)
    pdf = fields.String(required=True)
    page = fields.String(required=True)


class LocaleSchema(Schema):
    """A shipped locale: its names, text direction and how far its translation can be trusted."""

    code = fields.String(required=True)
    english_name = fields.String(required=True)
    native_name = fields.String(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(["ltr", "rtl"]))
    status = fields.String(
        required=True, validate=validate.OneOf(["source", "machine-translated", "reviewed"])
    )
    translated = fields.Integer(
        required=True, metadata={"description": "Strings with a finished translation."}
    )
    total = fields.Integer(required=True)
    completeness = fields.Float(
        required=True,
        validate=validate.Range(min=0, max=1),
        metadata={"description": "translated / total, rounded to 4 places."},
    )
    reviewed_by = fields.String(required=True, allow_none=True)
    reviewed_on = fields.String(required=True, allow_none=True, metadata={"description": "YYYY-MM-DD"})
    links = fields.Nested(LocaleLinksSchema, required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ok"]))
    version = fields.String(required=True)
    checksum = fields.String(required=True)


class ProblemSchema(Schema):
    """An error as RFC 9457 problem details (``application/problem+json``).

    ``type`` is ``about:blank`` for plain HTTP errors; the problem types of this API add members:
    ``/v1/problems/unknown-locale`` (``locales``), ``/v1/problems/unknown-section`` (``sections``),
    ``/v1/problems/unknown-item`` (``items``) and ``/v1/problems/invalid-query`` (``errors``).
    """

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    locales = fields.List(fields.String(), metadata={"description": "The shipped locale codes."})
    sections = fields.List(fields.String(), metadata={"description": "The section ids there are."})
    items = fields.List(fields.String(), metadata={"description": "The item ids of the section."})
    errors = fields.Dict(metadata={"description": "What is wrong with each query parameter."})


class LangQuerySchema(Schema):
    lang = fields.String(
        validate=[validate.Length(max=35), validate.Regexp(LOCALE_TAG)],
        metadata={
            "description": "A shipped locale code (see /v1/locales); other spellings of one, such as "
            "`EN`, `en-GB` or `en_GB`, are accepted too. Takes precedence over Accept-Language.",
            "example": "en",
        },
    )
