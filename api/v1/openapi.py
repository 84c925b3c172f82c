"""The OpenAPI document shaped for code generators (openapi-typescript, openapi-python-client).

- **Named enums.** The locale codes, section ids, translation statuses and problem types are
  each one component schema (``LocaleCode``, ``SectionId``, ``TranslationStatus``,
  ``ProblemType``), referred to by every path parameter and body member that holds one, so a
  generator makes one type of each, not one per operation.
- **Every member of a body is required** (it is always sent, ``null`` where allowed), except in
  the problem details, whose members depend on the problem; the content format's load defaults
  (how a content file may leave a key out) are not response defaults, so they are left out.
- **Operation ids** are the views' names, ``get`` first: ``getLocalizedFactsheet``.

:class:`Plugin` does the first two as flask-smorest converts each marshmallow schema;
:func:`operation_id` the last, for :class:`api.v1.smorest.Blueprint`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.openapi import OpenAPIConverter
from marshmallow import Schema, fields

import factsheet
from factsheet import SECTION_IDS, TRANSLATION_STATUSES, ChunkSchema, SectionSchema
from factsheet.model.fields import LocaleCode, TranslationStatusField

from .problems import PROBLEM_TYPES

__all__ = ["NAMED", "Plugin", "named", "operation_id", "ref"]

#: The shared enums, by component name.
NAMED: dict[str, dict[str, Any]] = {
    "LocaleCode": {
        "type": "string",
        "enum": list(factsheet.locales()),
        "description": "A shipped locale (`/v1/locales`). A release that adds one is a MINOR "
        "version: regenerate clients to get its code.",
        "example": "en",
    },
    "SectionId": {
        "type": "string",
        "enum": list(SECTION_IDS),
        "description": "A section of the factsheet, in reading order.",
        "example": "risks",
    },
    "TranslationStatus": {
        "type": "string",
        "enum": list(TRANSLATION_STATUSES),
        "description": "`source` (Dutch), `machine-translated` (no native speaker has reviewed "
        "it yet) or `reviewed`.",
    },
    "ProblemType": {
        "type": "string",
        "enum": list(PROBLEM_TYPES),
        "description": "`about:blank` for plain HTTP errors, else a problem type of this API "
        "with its own members (`locales`, `sections`, `items`, `errors`).",
    },
}


def ref(name: str) -> dict[str, str]:
    """A reference to a component schema: ``{"$ref": "#/components/schemas/LocaleCode"}``."""
    if name not in NAMED:
        raise LookupError(f"no shared schema {name!r}; there are {', '.join(NAMED)}")
    return {"$ref": f"#/components/schemas/{name}"}


F = TypeVar("F", bound=fields.Field[Any])


def named(name: str, field: F) -> F:
    """``field``, documented as the shared schema ``name`` (for the API's own schemas)."""
    ref(name)  # fails on a name that does not exist
    field.metadata = {**field.metadata, "named": name}
    return field


def _name_of(field: fields.Field[Any]) -> str | None:
    """The shared schema a field holds: marked with :func:`named`, or known in the content format."""
    if "named" in field.metadata:
        return str(field.metadata["named"])
    if isinstance(field, LocaleCode):
        return "LocaleCode"
    if isinstance(field, TranslationStatusField):
        return "TranslationStatus"
    if (isinstance(field.parent, SectionSchema) and field.name == "id") or (
        isinstance(field.parent, ChunkSchema) and field.name == "section"
    ):
        return "SectionId"
    return None


def _shared(self: OpenAPIConverter, field: fields.Field[Any], ret: dict[str, Any]) -> dict[str, Any]:
    """An attribute function (called last): a field that holds a shared enum becomes its reference;
    no member has a default (those are the content format's, for loading)."""
    ret.pop("default", None)
    name = _name_of(field)
    if name is None:
        return {}
    ret.clear()
    return ref(name)


class Converter(OpenAPIConverter):
    def init_attribute_functions(self) -> None:
        super().init_attribute_functions()  # type: ignore[no-untyped-call]  # untyped library
        self.add_attribute_function(_shared)  # type: ignore[no-untyped-call]

    def schema2jsonschema(self, schema: Schema) -> dict[str, Any]:
        converted: dict[str, Any] = super().schema2jsonschema(schema)  # type: ignore[no-untyped-call]
        if getattr(schema, "SENT_IN_FULL", True) and converted.get("properties"):
            converted["required"] = list(converted["properties"])
        return converted


class Plugin(MarshmallowPlugin):
    """flask-smorest's marshmallow plugin with :class:`Converter`."""

    Converter = Converter


def operation_id(view_name: str) -> str:
    """``localized_factsheet`` gives ``getLocalizedFactsheet`` (every operation is a GET)."""
    return "get" + "".join(part.capitalize() for part in view_name.split("_"))
