"""Interface text: the notices and labels that pages and text formats put around the factsheet
(not part of its content), as read from ``interface.nl.yaml`` and as one locale's strings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError, fields, validates

from .fields import Id, Text
from .objects import message_context
from .placeholders import fill, placeholder_problem, placeholders
from .strict_yaml import parse_document

__all__ = ["InterfaceText", "interface_context", "parse_interface", "placeholders"]


class _InterfaceSchema(Schema):
    strings = fields.Dict(keys=Id(), values=Text(), required=True)

    @validates("strings")
    def _plain_placeholders(self, value: dict[str, str], data_key: str) -> None:
        errors = {key: [problem] for key, text in value.items() if (problem := placeholder_problem(text))}
        if errors:
            raise ValidationError(errors)


def interface_context(key: str) -> str:
    """The message context of an interface string: ``interface/version``."""
    return message_context("interface", key)


@dataclass(frozen=True, slots=True)
class InterfaceText:
    """The interface strings of one locale; ``fallbacks`` lists the ids shown in Dutch."""

    language: str
    strings: tuple[tuple[str, str], ...]
    fallbacks: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> str:
        for name, text in self.strings:
            if name == key:
                return text
        raise KeyError(key)

    def format(self, key: str, **values: Any) -> str:
        """The string ``key`` with its plain ``{placeholders}`` filled in (never ``str.format``)."""
        return fill(self[key], values)

    def is_fallback(self, key: str) -> bool:
        return key in self.fallbacks

    @staticmethod
    def context(key: str) -> str:
        """The message context of the string ``key``."""
        return interface_context(key)


def parse_interface(data: bytes | str, name: str) -> dict[str, str]:
    """Validate an interface-text file (``strings:`` mapping ids to Dutch text)."""
    loaded: dict[str, dict[str, str]] = parse_document(data, name, _InterfaceSchema().load, "interface text")
    return loaded["strings"]
