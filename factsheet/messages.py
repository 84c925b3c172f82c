"""Every translatable string of a factsheet, with its stable message context.

One walk over the objects serves both directions: extraction lists the strings
(:func:`messages`), the runtime replaces them (:func:`replace_strings`). Ids, numbers and
rights metadata are not translatable and never pass through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .model import Factsheet, Item, Section

__all__ = ["Message", "context", "messages", "replace_strings"]

#: Where a string sits in the content file, as keys and list indexes.
Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    """The stable id path, used as ``msgctxt``: ``risks/echo/text``."""
    text: str
    location: Location
    """The place in the content file: ``("sections", 3, "items", 0, "text")``."""


def context(*parts: str | int) -> str:
    """The message context (``msgctxt``) of a string: its id path, ``context("risks", "echo", "text")``.

    The one definition of the scheme: extraction, the runtime and the pages all build it here.
    """
    return "/".join(str(part) for part in parts)


#: (context, location, Dutch text) -> the text to show.
Replacer = Callable[[str, Location, str], str]


def messages(factsheet: Factsheet) -> Iterator[Message]:
    """The translatable strings in reading order (metadata first)."""
    found: list[Message] = []

    def collect(context: str, location: Location, text: str) -> str:
        found.append(Message(context, text, location))
        return text

    replace_strings(factsheet, collect)
    return iter(found)


def replace_strings(factsheet: Factsheet, replacer: Replacer) -> Factsheet:
    """A copy of ``factsheet`` with every translatable string passed through ``replacer``."""
    meta = factsheet.metadata
    guide = meta.guide
    metadata = replace(
        meta,
        title=replacer(context("metadata", "title"), ("metadata", "title"), meta.title),
        audience=replacer(context("metadata", "audience"), ("metadata", "audience"), meta.audience),
        footer=replacer(context("metadata", "footer"), ("metadata", "footer"), meta.footer),
        guide=replace(
            guide,
            lead=replacer(context("metadata", "guide", "lead"), ("metadata", "guide", "lead"), guide.lead),
            title=replacer(
                context("metadata", "guide", "title"), ("metadata", "guide", "title"), guide.title
            ),
        ),
    )
    sections = tuple(
        _section(section, ("sections", index), replacer) for index, section in enumerate(factsheet.sections)
    )
    return replace(factsheet, metadata=metadata, sections=sections)


def _optional(replacer: Replacer, context: str, location: Location, text: str | None) -> str | None:
    return None if text is None else replacer(context, location, text)


def _section(section: Section, at: Location, replacer: Replacer) -> Section:
    return replace(
        section,
        title=_optional(replacer, context(section.id, "title"), (*at, "title"), section.title),
        lead=_optional(replacer, context(section.id, "lead"), (*at, "lead"), section.lead),
        subheading=_optional(
            replacer, context(section.id, "subheading"), (*at, "subheading"), section.subheading
        ),
        items=tuple(
            _item(item, context(section.id, item.id), (*at, "items", index), replacer)
            for index, item in enumerate(section.items)
        ),
    )


def _item(item: Item, prefix: str, at: Location, replacer: Replacer) -> Item:
    return replace(
        item,
        title=_optional(replacer, context(prefix, "title"), (*at, "title"), item.title),
        text=_optional(replacer, context(prefix, "text"), (*at, "text"), item.text),
        points=tuple(
            replacer(context(prefix, "points", number), (*at, "points", number - 1), point)
            for number, point in enumerate(item.points, start=1)
        ),
        example=_optional(replacer, context(prefix, "example"), (*at, "example"), item.example),
    )
