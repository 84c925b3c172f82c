"""The recorded exceptions to the catalog checks, ``translations/exceptions.yaml``.

Where a translation departs on purpose from the glossary's chosen term, or a pofilter test fires
on something right, the exception is written down with its reason instead of weakening the
rule. Each names the locale (``all``: every locale, for a Dutch word that is not the glossary's
concept in that string), the message context, the glossary concept or the pofilter test, and
why. The check reports an exception that excuses nothing any more, so the list cannot go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validates_schema

from factsheet.errors import ContentError
from factsheet.files import read_input
from factsheet.model.fields import ID_PATH_PATTERN, ID_PATTERN, Text, matches
from factsheet.model.strict_yaml import parse_document

__all__ = ["ALL", "FILE", "RecordedException", "read_exceptions"]

FILE = "exceptions.yaml"
#: The locale of an exception that holds for every locale.
ALL = "all"


@dataclass(frozen=True, slots=True)
class RecordedException:
    """A translation that may depart from one rule in one string, and why."""

    locale: str
    context: str
    reason: str
    glossary: str | None = None
    """The glossary concept (its termEntry id) whose chosen term this string need not use."""
    pofilter: str | None = None
    """The pofilter test that may fire on this string."""

    def covers(
        self, code: str, context: str, *, glossary: str | None = None, pofilter: str | None = None
    ) -> bool:
        return (
            self.locale in (ALL, code)
            and self.context == context
            and (self.glossary, self.pofilter) == (glossary, pofilter)
        )

    def describe(self) -> str:
        rule = f"glossary {self.glossary}" if self.glossary else f"pofilter {self.pofilter}"
        return f"{self.locale}, {self.context}, {rule}"


class _ExceptionSchema(Schema):
    locale = fields.String(required=True, validate=matches(ID_PATTERN, "a locale code or 'all'"))
    context = fields.String(required=True, validate=matches(ID_PATH_PATTERN, "a message context"))
    glossary = fields.String(load_default=None, validate=matches(ID_PATTERN, "a glossary concept id"))
    pofilter = fields.String(load_default=None, validate=matches(ID_PATTERN, "a pofilter test name"))
    reason = Text(required=True)

    @validates_schema
    def _one_rule(self, data: dict[str, Any], **kwargs: Any) -> None:
        if (data.get("glossary") is None) == (data.get("pofilter") is None):
            raise ValidationError("give either glossary (a concept id) or pofilter (a test name)")

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> RecordedException:
        return RecordedException(**data)


class _FileSchema(Schema):
    exceptions = fields.List(fields.Nested(_ExceptionSchema), required=True)


def read_exceptions(path: Path) -> tuple[tuple[RecordedException, ...], list[str]]:
    """The exceptions recorded at ``path`` (none if there is no file), and what is wrong with it."""
    if not path.is_file():
        return (), []
    name = f"translations/{path.name}"
    try:
        loaded = parse_document(read_input(path, name), name, _FileSchema().load, "exception list")
    except ContentError as error:
        return (), [str(error)]
    return tuple(loaded["exceptions"]), []
