"""Interface text in every locale: the notices and labels that pages and text formats put around
the factsheet (not part of its content). Translated through the same catalogs, with the same
per-string fallback to Dutch."""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from marshmallow import Schema, fields

from ._per_locale import PerLocale
from ._resources import content_file
from .catalogs import read_catalog, warn_fallbacks
from .locale_registry import DEFAULT_LOCALE
from .messages import Message
from .schema import Id, Text
from .source import parse_document

__all__ = [
    "INTERFACE_NAME",
    "InterfaceText",
    "interface_messages",
    "interface_text",
    "parse_interface",
    "placeholders",
    "source_interface",
]

INTERFACE_NAME = "interface.nl.yaml"
_CONTEXT = "interface/"


class _InterfaceSchema(Schema):
    strings = fields.Dict(keys=Id(), values=Text(), required=True)


@dataclass(frozen=True, slots=True)
class InterfaceText:
    """The interface strings of one locale; ``fallbacks`` lists the ids shown in Dutch."""

    language: str
    strings: tuple[tuple[str, str], ...]
    fallbacks: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> str:
        return dict(self.strings)[key]

    def format(self, key: str, **values: Any) -> str:
        """The string ``key`` with its ``{placeholders}`` filled in."""
        return self[key].format(**values)

    def is_fallback(self, key: str) -> bool:
        return key in self.fallbacks


def parse_interface(data: bytes | str, name: str) -> dict[str, str]:
    """Validate an interface-text file (``strings:`` mapping ids to Dutch text)."""
    loaded: dict[str, dict[str, str]] = parse_document(data, name, _InterfaceSchema())
    return loaded["strings"]


@cache
def source_interface() -> dict[str, str]:
    """The Dutch interface text as read from the package."""
    return parse_interface(content_file(INTERFACE_NAME).read_bytes(), f"factsheet/content/{INTERFACE_NAME}")


def interface_messages(strings: Mapping[str, str]) -> Iterator[Message]:
    for key, text in strings.items():
        yield Message(f"{_CONTEXT}{key}", text, (key,))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def interface_text(locale: str = DEFAULT_LOCALE) -> InterfaceText:
    """The interface strings in ``locale``; missing or unfinished ones in Dutch."""
    return _built.get(locale)


def _build(code: str) -> InterfaceText:
    source = source_interface()
    if code == DEFAULT_LOCALE:
        return InterfaceText(code, tuple(source.items()))
    catalog = read_catalog(code)
    strings: list[tuple[str, str]] = []
    fallbacks: list[str] = []
    for key, dutch in source.items():
        translated = catalog.get((f"{_CONTEXT}{key}", dutch))
        # A translation that lost a placeholder would fail at format time: show the Dutch instead.
        if translated is None or placeholders(translated) != placeholders(dutch):
            fallbacks.append(key)
            translated = dutch
        strings.append((key, translated))
    warn_fallbacks(code, [f"{_CONTEXT}{key}" for key in fallbacks], len(source))
    return InterfaceText(code, tuple(strings), tuple(fallbacks))


_built: PerLocale[InterfaceText] = PerLocale(_build)


def clear_cache() -> None:
    _built.clear()
    source_interface.cache_clear()
