"""marshmallow schemas: they validate content files, build the objects and dump them to JSON.

Unknown keys are refused at every level: every schema here keeps marshmallow's default
``unknown=RAISE``, which (unlike ``load(unknown=...)``) holds for nested schemas too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from .fields import (
    ID_PATH_PATTERN,
    VERSION_PATTERN,
    Date,
    Id,
    LocaleCode,
    OptionalText,
    ReviewRule,
    StrictBoolean,
    Text,
    TranslationStatusField,
    matches,
)
from .objects import (
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


class _Builds(Schema):
    """A schema whose ``load`` builds ``model`` (a frozen dataclass), every list made a tuple."""

    model: ClassVar[Callable[..., Any]]

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Any:
        return self.model(**{key: tuple(v) if isinstance(v, list) else v for key, v in data.items()})


def _unique_ids(things: Sequence[Item | Section], field: str) -> None:
    seen: dict[str, int] = {}
    errors: dict[int, dict[str, list[str]]] = {}
    for index, thing in enumerate(things):
        if thing.id in seen:
            first = seen[thing.id] + 1
            errors[index] = {"id": [f"duplicate id {thing.id!r}: entry {first} of this list has it already"]}
        seen.setdefault(thing.id, index)
    if errors:
        raise ValidationError({field: errors})


class ItemSchema(_Builds):
    model = Item
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


class SectionSchema(_Builds):
    model = Section
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


class GuideSchema(_Builds):
    model = Guide
    lead = Text(required=True)
    title = Text(required=True)


class RightsSchema(_Builds):
    model = Rights
    holder = Text(required=True)
    statement = Text(required=True)
    code_licence = Text(required=True)


class EditorialChangeSchema(_Builds):
    model = EditorialChange
    path = fields.String(required=True, validate=matches(ID_PATH_PATTERN, "an id path"))
    original = fields.String(required=True)
    corrected = Text(required=True)
    reason = Text(required=True)


class TranslationSchema(_Builds, ReviewRule):
    model = Translation
    status = TranslationStatusField(load_default="source")
    translated = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0))
    total = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0))
    fallbacks = fields.List(fields.String(), load_default=())
    reviewed_by = OptionalText()
    reviewed_on = Date()
    changed_since_review = fields.List(fields.String(), load_default=())


class MetadataSchema(_Builds):
    model = Metadata
    title = Text(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["factsheet"]))
    edition = fields.Integer(strict=True, required=True, validate=validate.Range(min=2000, max=2100))
    language = LocaleCode(load_default="nl")
    source_language = LocaleCode(required=True)
    audience = Text(required=True)
    version = fields.String(required=True, validate=matches(VERSION_PATTERN, "a version MAJOR.MINOR.PATCH"))
    footer = Text(required=True)
    guide = fields.Nested(GuideSchema, required=True)
    rights = fields.Nested(RightsSchema, required=True)
    editorial_changes = fields.List(fields.Nested(EditorialChangeSchema), load_default=())
    translation = fields.Nested(TranslationSchema, load_default=Translation)


class FactsheetSchema(_Builds):
    model = Factsheet
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


_FACTSHEET_SCHEMA = FactsheetSchema()


def to_dict(factsheet: Factsheet) -> dict[str, Any]:
    """The factsheet as a JSON-ready dict, keys in content order; ``FactsheetSchema().load`` reverses it."""
    result: dict[str, Any] = _FACTSHEET_SCHEMA.dump(factsheet)
    return result
