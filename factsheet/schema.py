"""marshmallow schemas: they validate content files, build the objects and dump them to JSON.

Unknown keys are refused at every level: every schema here keeps marshmallow's default
``unknown=RAISE``, which (unlike ``load(unknown=...)``) holds for nested schemas too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from .model import (
    SECTION_IDS,
    EditorialChange,
    Factsheet,
    Guide,
    Item,
    Metadata,
    Rights,
    Section,
    Translation,
)

__all__ = ["FactsheetSchema", "ItemSchema", "MetadataSchema", "SectionSchema", "to_dict"]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LOCALE_PATTERN = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
VERSION_PATTERN = re.compile(r"(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("must not be empty")
    if value != value.strip():
        raise ValidationError("must not start or end with white space")


def _matches(pattern: re.Pattern[str], what: str) -> validate.Regexp:
    return validate.Regexp(pattern, error=f"must be {what} (got {{input!r}})")


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
            validate=_matches(ID_PATTERN, "lowercase ASCII words joined by hyphens"),
            **kwargs,
        )


class StrictBoolean(fields.Boolean):
    """Only ``true`` or ``false``: YAML 1.1 would otherwise turn ``yes`` or ``1`` into a flag."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


def _unique_ids(things: Sequence[Item | Section], field: str) -> None:
    seen: dict[str, int] = {}
    errors: dict[int, dict[str, list[str]]] = {}
    for index, thing in enumerate(things):
        if thing.id in seen:
            errors[index] = {"id": [f"duplicate id {thing.id!r} (first used at index {seen[thing.id]})"]}
        seen.setdefault(thing.id, index)
    if errors:
        raise ValidationError({field: errors})


class ItemSchema(Schema):
    id = Id()
    number = fields.Integer(strict=True, load_default=None, allow_none=True)
    title = OptionalText()
    text = OptionalText()
    points = fields.List(Text(), load_default=())
    example = OptionalText()

    @validates_schema
    def _has_body(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        if not data.get("text") and not data.get("points"):
            raise ValidationError("an item needs a text, points or both", "text")

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Item:
        data["points"] = tuple(data["points"])
        return Item(**data)


class SectionSchema(Schema):
    id = Id()
    title = OptionalText()
    lead = OptionalText()
    subheading = OptionalText()
    numbered = StrictBoolean(required=True)
    items = fields.List(fields.Nested(ItemSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def _check_items(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        items: list[Item] = data["items"]
        _unique_ids(items, "items")
        errors: dict[int, dict[str, list[str]]] = {}
        for index, item in enumerate(items):
            if data["numbered"] and item.number != index + 1:
                errors[index] = {
                    "number": [
                        f"must be {index + 1}: numbered items count 1, 2, 3 … in order (got {item.number})"
                    ]
                }
            elif not data["numbered"] and item.number is not None:
                errors[index] = {"number": ["not allowed: this section is not numbered"]}
        if errors:
            raise ValidationError({"items": errors})

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Section:
        data["items"] = tuple(data["items"])
        return Section(**data)


class GuideSchema(Schema):
    lead = Text(required=True)
    title = Text(required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Guide:
        return Guide(**data)


class RightsSchema(Schema):
    holder = Text(required=True)
    statement = Text(required=True)
    code_licence = Text(required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Rights:
        return Rights(**data)


class EditorialChangeSchema(Schema):
    path = fields.String(required=True, validate=_matches(re.compile(r"[a-z0-9/-]+"), "an id path"))
    original = fields.String(required=True)
    corrected = Text(required=True)
    reason = Text(required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> EditorialChange:
        return EditorialChange(**data)


class TranslationSchema(Schema):
    status = fields.String(
        load_default="source",
        validate=validate.OneOf(["source", "machine-translated", "reviewed"]),
    )
    translated = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0))
    total = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0))
    fallbacks = fields.List(fields.String(), load_default=())
    reviewed_by = OptionalText()
    reviewed_on = fields.String(
        load_default=None, allow_none=True, validate=_matches(DATE_PATTERN, "a date YYYY-MM-DD")
    )

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Translation:
        data["fallbacks"] = tuple(data["fallbacks"])
        return Translation(**data)


class MetadataSchema(Schema):
    title = Text(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["factsheet"]))
    edition = fields.Integer(strict=True, required=True, validate=validate.Range(min=2000, max=2100))
    language = fields.String(load_default="nl", validate=_matches(LOCALE_PATTERN, "a locale code"))
    source_language = fields.String(required=True, validate=_matches(LOCALE_PATTERN, "a locale code"))
    audience = Text(required=True)
    version = fields.String(required=True, validate=_matches(VERSION_PATTERN, "a version MAJOR.MINOR.PATCH"))
    footer = Text(required=True)
    guide = fields.Nested(GuideSchema, required=True)
    rights = fields.Nested(RightsSchema, required=True)
    editorial_changes = fields.List(fields.Nested(EditorialChangeSchema), load_default=())
    translation = fields.Nested(TranslationSchema, load_default=Translation)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Metadata:
        data["editorial_changes"] = tuple(data["editorial_changes"])
        return Metadata(**data)


class FactsheetSchema(Schema):
    metadata = fields.Nested(MetadataSchema, required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)

    @validates_schema
    def _check_sections(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        sections: list[Section] = data["sections"]
        _unique_ids(sections, "sections")
        ids = tuple(section.id for section in sections)
        if ids != SECTION_IDS:
            raise ValidationError(
                f"must be the sections {', '.join(SECTION_IDS)} in this order "
                f"(got {', '.join(ids) or 'none'})",
                "sections",
            )

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Factsheet:
        return Factsheet(metadata=data["metadata"], sections=tuple(data["sections"]))


_FACTSHEET_SCHEMA = FactsheetSchema()


def to_dict(factsheet: Factsheet) -> dict[str, Any]:
    """The factsheet as a JSON-ready dict, keys in content order; ``FactsheetSchema().load`` reverses it."""
    result: dict[str, Any] = _FACTSHEET_SCHEMA.dump(factsheet)
    return result
