"""The factsheet as frozen, slotted dataclasses: hashable, comparable, safe to share between threads.

Sequences are tuples. Objects are built by :mod:`factsheet.schema` from the content file and
never change afterwards; a translation is a new object (see :mod:`factsheet.translate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import UnknownItemError, UnknownSectionError

__all__ = [
    "EditorialChange",
    "Factsheet",
    "Guide",
    "Item",
    "Metadata",
    "Rights",
    "Section",
    "Translation",
    "TranslationStatus",
]

TranslationStatus = Literal["source", "machine-translated", "reviewed"]

#: The sections every factsheet has, in reading order.
SECTION_IDS = ("intro", "chatbot-types", "reasons", "risks", "conversation")


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a section: a paragraph, a chatbot type, a reason, a risk or a tip.

    ``points`` are bullet points (the features of a chatbot type, the vulnerable groups of the
    last tip); ``example`` holds example questions (the first tip).
    """

    id: str
    number: int | None = None
    title: str | None = None
    text: str | None = None
    points: tuple[str, ...] = ()
    example: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the factsheet with its items, in reading order."""

    id: str
    items: tuple[Item, ...]
    numbered: bool = False
    title: str | None = None
    lead: str | None = None
    subheading: str | None = None

    def get_item(self, item_id: str) -> Item | None:
        """The item with this id, or ``None``."""
        return next((item for item in self.items if item.id == item_id), None)

    def item(self, item_id: str) -> Item:
        """The item with this id; raises :class:`UnknownItemError` naming the ids there are."""
        found = self.get_item(item_id)
        if found is None:
            raise UnknownItemError(item_id, (item.id for item in self.items))
        return found


@dataclass(frozen=True, slots=True)
class Guide:
    """The publication the factsheet refers to for further reading."""

    lead: str
    title: str


@dataclass(frozen=True, slots=True)
class Rights:
    """Who owns the text and under which terms; the code's licence is separate."""

    holder: str
    statement: str
    code_licence: str


@dataclass(frozen=True, slots=True)
class EditorialChange:
    """A deliberate difference from the published text, with where and why."""

    path: str
    original: str
    corrected: str
    reason: str


@dataclass(frozen=True, slots=True)
class Translation:
    """How the strings of this object came to be in its language.

    ``fallbacks`` lists the message contexts (``risks/echo/text``) whose translation was
    missing or unfinished, so the Dutch text is shown for those strings instead.
    """

    status: TranslationStatus = "source"
    translated: int = 0
    total: int = 0
    fallbacks: tuple[str, ...] = ()
    reviewed_by: str | None = None
    reviewed_on: str | None = None

    @property
    def complete(self) -> bool:
        return not self.fallbacks


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    kind: str
    edition: int
    source_language: str
    audience: str
    version: str
    footer: str
    guide: Guide
    rights: Rights
    editorial_changes: tuple[EditorialChange, ...] = ()
    language: str = "nl"
    translation: Translation = Translation()


@dataclass(frozen=True, slots=True)
class Factsheet:
    """The whole factsheet in one language."""

    metadata: Metadata
    sections: tuple[Section, ...]

    @property
    def language(self) -> str:
        return self.metadata.language

    def get_section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    def section(self, section_id: str) -> Section:
        """The section with this id; raises :class:`UnknownSectionError` naming the ids there are."""
        found = self.get_section(section_id)
        if found is None:
            raise UnknownSectionError(section_id, (s.id for s in self.sections))
        return found

    @property
    def intro(self) -> tuple[Item, ...]:
        """The introductory paragraphs."""
        return self.section("intro").items

    @property
    def chatbot_types(self) -> tuple[Item, ...]:
        return self.section("chatbot-types").items

    @property
    def reasons(self) -> tuple[Item, ...]:
        """Why young people use AI chatbots."""
        return self.section("reasons").items

    @property
    def risks(self) -> tuple[Item, ...]:
        return self.section("risks").items

    @property
    def conversation(self) -> Section:
        """How to talk about it: the lead, the sub-heading and the tips."""
        return self.section("conversation")

    @property
    def tips(self) -> tuple[Item, ...]:
        return self.section("conversation").items
