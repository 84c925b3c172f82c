"""Every translatable string of a factsheet, with its stable message context.

One walk over the objects serves both directions: extraction lists the strings
(:func:`messages`), the runtime replaces them (:func:`replace_strings`). Ids, numbers, the
code licence and the editorial record are not translatable and never pass through here; the
rights holder and statement are, since readers see them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from factsheet.model.interface_text import interface_context
from factsheet.model.objects import Factsheet, Item, Metadata, Section, message_context

__all__ = ["Location", "Message", "context", "interface_messages", "messages", "replace_strings"]

#: Where a string sits in the content file, as keys and list indexes.
Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    """The stable id path, used as ``msgctxt``: ``risks/echo/text``."""
    text: str
    location: Location
    """The place in the content file: ``("sections", 3, "items", 0, "text")``."""


#: The scheme itself is defined once, in the model: ``message_context("risks", "echo", "text")``.
context = message_context


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


def interface_messages(strings: Mapping[str, str]) -> Iterator[Message]:
    """The interface strings as messages (``interface/version``), in file order."""
    for key, text in strings.items():
        yield Message(interface_context(key), text, (key,))


def replace_strings(factsheet: Factsheet, replacer: Replacer) -> Factsheet:
    """A copy of ``factsheet`` with every translatable string passed through ``replacer``."""
    meta = factsheet.metadata
    guide = meta.guide
    rights = meta.rights
    metadata = replace(
        meta,
        title=replacer(Metadata.context("title"), ("metadata", "title"), meta.title),
        audience=replacer(Metadata.context("audience"), ("metadata", "audience"), meta.audience),
        footer=replacer(Metadata.context("footer"), ("metadata", "footer"), meta.footer),
        guide=replace(
            guide,
            lead=replacer(Metadata.context("guide", "lead"), ("metadata", "guide", "lead"), guide.lead),
            title=replacer(Metadata.context("guide", "title"), ("metadata", "guide", "title"), guide.title),
        ),
        rights=replace(
            rights,
            holder=replacer(
                Metadata.context("rights", "holder"), ("metadata", "rights", "holder"), rights.holder
            ),
            statement=replacer(
                Metadata.context("rights", "statement"), ("metadata", "rights", "statement"), rights.statement
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
        title=_optional(replacer, section.context("title"), (*at, "title"), section.title),
        lead=_optional(replacer, section.context("lead"), (*at, "lead"), section.lead),
        subheading=_optional(
            replacer, section.context("subheading"), (*at, "subheading"), section.subheading
        ),
        items=tuple(
            _item(section, item, (*at, "items", index), replacer) for index, item in enumerate(section.items)
        ),
    )


def _item(section: Section, item: Item, at: Location, replacer: Replacer) -> Item:
    def at_field(*parts: str | int) -> str:
        return section.context(item.id, *parts)

    return replace(
        item,
        title=_optional(replacer, at_field("title"), (*at, "title"), item.title),
        text=_optional(replacer, at_field("text"), (*at, "text"), item.text),
        points=tuple(
            replacer(at_field("points", number), (*at, "points", number - 1), point)
            for number, point in enumerate(item.points, start=1)
        ),
        example=_optional(replacer, at_field("example"), (*at, "example"), item.example),
    )
