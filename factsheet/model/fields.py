"""The field types of the content format: text, ids, flags, versions, dates, translation status."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from factsheet.locale.tags import LOCALE_CODE

from .status import RECORDED_STATUSES, TRANSLATION_STATUSES, review_problem

__all__ = [
    "DATE_PATTERN",
    "DIGEST_PATTERN",
    "ID_PATH_PATTERN",
    "ID_PATTERN",
    "VERSION_PATTERN",
    "Date",
    "Id",
    "LocaleCode",
    "OptionalText",
    "ReviewRule",
    "ReviewedSchema",
    "StrictBoolean",
    "Text",
    "TranslationStatusField",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VERSION_PATTERN = re.compile(r"(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
DIGEST_PATTERN = re.compile(r"[0-9a-f]{16}")
ID_PATH_PATTERN = re.compile(r"[a-z0-9/-]+")


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("must not be empty")
    if value != value.strip():
        raise ValidationError("must not start or end with white space")


def matches(pattern: re.Pattern[str], what: str) -> validate.Regexp:
    """A validator of the whole value that says what was expected, and what came.

    marshmallow's ``Regexp`` matches a prefix (``echo chamber`` would pass as an id), so the
    pattern is anchored: ``^`` and ``$`` (as JSON Schema reads the OpenAPI ``pattern``), and
    ``(?!\\n)``, since Python's ``$`` also matches before a final newline.
    """
    anchored = re.compile(rf"^(?:{pattern.pattern})$(?!\n)", pattern.flags)
    return validate.Regexp(anchored, error=f"must be {what} (got {{input!r}})")


class Text(fields.String):
    """A required human-readable string: a str, not empty, not padded with white space."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_not_blank, **kwargs)


class OptionalText(Text):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(load_default=None, allow_none=True, **kwargs)


class Id(fields.String):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=True,
            validate=matches(ID_PATTERN, "lowercase ASCII words joined by hyphens"),
            **kwargs,
        )


class LocaleCode(fields.String):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=matches(LOCALE_CODE, "a locale code of 2 or 3 lowercase letters"), **kwargs)


class Date(fields.String):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            load_default=None, allow_none=True, validate=matches(DATE_PATTERN, "a date YYYY-MM-DD"), **kwargs
        )


class StrictBoolean(fields.Boolean):
    """Only ``true`` or ``false``: YAML 1.1 would otherwise turn ``yes`` or ``1`` into a flag."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


class TranslationStatusField(fields.String):
    """One of :data:`~factsheet.model.status.TRANSLATION_STATUSES` (an OpenAPI ``enum`` too)."""

    def __init__(self, choices: tuple[str, ...] = TRANSLATION_STATUSES, **kwargs: Any) -> None:
        super().__init__(
            validate=validate.OneOf(choices, error="must be one of: {choices} (got {input!r})"), **kwargs
        )


class ReviewRule(Schema):
    """The rule that binds a status to its review record, for any schema with those three fields.

    Used by ``metadata.translation`` in content and by each locale in ``locales.yaml``.
    """

    @validates_schema
    def _review_recorded(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        problem = review_problem(data["status"], data.get("reviewed_by"), data.get("reviewed_on"))
        if problem:
            raise ValidationError(problem, "status")


class ReviewedSchema(ReviewRule):
    """A locale's entry in ``locales.yaml``: a status with its review record.

    ``reviewed_strings`` pins a review to the strings reviewed: message context to a digest of
    that context, its Dutch and its translation (``python -m factsheet.i18n review`` writes it).
    """

    status = TranslationStatusField(RECORDED_STATUSES, required=True)
    reviewed_by = OptionalText()
    reviewed_on = Date()
    reviewed_strings = fields.Dict(
        keys=fields.String(validate=matches(ID_PATH_PATTERN, "a message context")),
        values=fields.String(validate=matches(DIGEST_PATTERN, "a digest of 16 hexadecimal digits")),
        load_default=None,
    )

    @validates_schema
    def _strings_pinned(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        if (data["status"] == "reviewed") != bool(data.get("reviewed_strings")):
            raise ValidationError(
                "a reviewed locale lists the strings reviewed (reviewed_strings, written by "
                "python -m factsheet.i18n review), and no other locale does",
                "reviewed_strings",
            )
