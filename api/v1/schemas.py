"""marshmallow schemas of what the API adds to the factsheet: index, locales, health, problems, query.

The factsheet itself is dumped and documented by the data package's own schemas
(:mod:`factsheet.model.schema`), so the OpenAPI document describes exactly what is sent.
"""

from __future__ import annotations

from typing import ClassVar

from marshmallow import Schema, fields, validate

import factsheet
from factsheet.history.diff import CHANGE_KINDS

from .openapi import named
from .problems import PROBLEM_MEMBERS

__all__ = [
    "HealthSchema",
    "IndexSchema",
    "LangQuerySchema",
    "LocaleSchema",
    "ProblemSchema",
    "ReleasesSchema",
]

#: What ``normalize_locale`` can accept at all: the package's language tag, whole.
LOCALE_TAG = rf"^(?:{factsheet.LOCALE_TAG.pattern})$"


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
    chunks = fields.String(
        required=True, metadata={"description": "The factsheet as chunks for retrieval, with citations."}
    )
    releases = fields.String(required=True, metadata={"description": "Every release and what changed."})
    releases_feed = fields.String(required=True, metadata={"description": "The releases as an Atom feed."})
    release_factsheet = fields.String(
        required=True, metadata={"description": "A pinned edition: the factsheet as released in a version."}
    )
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
    default_locale = named("LocaleCode", fields.String(required=True))
    locales = fields.List(
        named("LocaleCode", fields.String()), required=True, metadata={"description": "Shipped locale codes."}
    )
    links = fields.Nested(LinksSchema, required=True)


class LocaleLinksSchema(Schema):
    factsheet = fields.String(required=True)
    sections = fields.String(required=True)
    markdown = fields.String(required=True)
    text = fields.String(required=True)
    chunks = fields.String(required=True)
    pdf = fields.String(required=True)
    page = fields.String(required=True)


class LocaleSchema(Schema):
    """A shipped locale: its names, text direction and how far its translation can be trusted."""

    code = named("LocaleCode", fields.String(required=True))
    english_name = fields.String(required=True)
    native_name = fields.String(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(["ltr", "rtl"]))
    status = named("TranslationStatus", fields.String(required=True))
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
    changed_since_review = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "For the status changed-since-review: the message contexts changed since."},
    )
    links = fields.Nested(LocaleLinksSchema, required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ok"]))
    version = fields.String(required=True)
    checksum = fields.String(required=True)


class ProblemSchema(Schema):
    """An error as RFC 9457 problem details; the text that follows is written from the problem types."""

    SENT_IN_FULL: ClassVar[bool] = False  # the members beyond type, title and status depend on it

    type = named("ProblemType", fields.String(required=True))
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    locales = fields.List(
        named("LocaleCode", fields.String()), metadata={"description": "The shipped locale codes."}
    )
    sections = fields.List(
        named("SectionId", fields.String()), metadata={"description": "The section ids there are."}
    )
    items = fields.List(fields.String(), metadata={"description": "The item ids of the section."})
    versions = fields.List(fields.String(), metadata={"description": "The released versions."})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.List(fields.String())),
        metadata={
            "description": "Where (`query`), which parameter and what is wrong with it: "
            '`{"query": {"lang": ["..."]}}`.'
        },
    )


def _problem_doc() -> str:
    """``ProblemSchema``'s text, written from :data:`api.v1.problems.PROBLEM_MEMBERS`."""
    own = [
        f"``{kind}``" + (f" (``{member}``)" if member else "")
        for kind, member in PROBLEM_MEMBERS.items()
        if kind != "about:blank"
    ]
    return (
        "An error as RFC 9457 problem details (``application/problem+json``).\n\n"
        "``type`` is ``about:blank`` for plain HTTP errors; the problem types of this API, with the "
        f"member each adds: {', '.join(own[:-1])} and {own[-1]}.\n"
    )


ProblemSchema.__doc__ = _problem_doc()


class LangQuerySchema(Schema):
    lang = fields.String(
        validate=[validate.Length(max=factsheet.MAX_LOCALE_TAG), validate.Regexp(LOCALE_TAG)],
        metadata={
            "description": "A shipped locale code (see /v1/locales); other spellings of one, such as "
            "`EN`, `en-GB` or `en_GB`, are accepted too. Takes precedence over Accept-Language.",
            "example": "en",
        },
    )


class StringChangeSchema(Schema):
    """One message context that changed; ``old``/``new`` as shown in the locale, ``*_source`` the Dutch."""

    context = fields.String(required=True, metadata={"example": "conversation/standard-questions/example"})
    kind = fields.String(required=True, validate=validate.OneOf(CHANGE_KINDS))
    old = fields.String(required=True, allow_none=True)
    new = fields.String(required=True, allow_none=True)
    old_source = fields.String(required=True, allow_none=True)
    new_source = fields.String(required=True, allow_none=True)


class StatusChangeSchema(Schema):
    old = fields.String(required=True, allow_none=True, metadata={"description": "null: not shipped"})
    new = fields.String(required=True, allow_none=True)


class LocaleChangesSchema(Schema):
    changes = fields.List(fields.Nested(StringChangeSchema), required=True)
    status = fields.Nested(StatusChangeSchema, required=True, allow_none=True)
    factsheet = fields.String(
        required=True, allow_none=True, metadata={"description": "The edition in this locale (pinned URL)."}
    )


class ReleaseSchema(Schema):
    version = fields.String(required=True)
    date = fields.String(required=True, allow_none=True, metadata={"description": "YYYY-MM-DD"})
    checksum = fields.String(required=True)
    released = fields.Boolean(required=True)
    previous = fields.String(
        required=True, allow_none=True, metadata={"description": "The release the changes are against."}
    )
    locales = fields.Dict(keys=fields.String(), values=fields.Nested(LocaleChangesSchema), required=True)


class ReleasesLinksSchema(Schema):
    self = fields.String(required=True)
    feed = fields.String(required=True, metadata={"description": "The Atom feed of the releases."})
    edition = fields.String(required=True, metadata={"description": "URI template of a pinned edition."})


class ReleasesSchema(Schema):
    """Every release, newest first; ``unreleased``: the changes since the newest one, if any."""

    current_version = fields.String(required=True)
    unreleased = fields.Nested(ReleaseSchema, required=True, allow_none=True)
    releases = fields.List(fields.Nested(ReleaseSchema), required=True)
    links = fields.Nested(ReleasesLinksSchema, required=True)
