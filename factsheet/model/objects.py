"""The factsheet as frozen, slotted dataclasses: hashable, comparable, safe to share between threads.

Sequences are tuples. Objects are built by :mod:`factsheet.model.schema` from the content file
and never change afterwards; a translation is a new object with the same ids (see
:mod:`factsheet.i18n.messages`).

Every translatable string has a message context (``msgctxt``): its id path, made by
:func:`message_context` and reached through ``section.context(...)`` and
``metadata.context(...)``. Catalogs, extraction and pages all use that one scheme.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from factsheet.errors import UnknownItemError, UnknownSectionError

from .status import TranslationStatus

__all__ = [
    "SECTION_IDS",
    "EditorialChange",
    "Factsheet",
    "Guide",
    "Item",
    "Metadata",
    "Rights",
    "Section",
    "Translation",
    "message_context",
]

#: The sections every factsheet has, in reading order. The content schema accepts exactly these:
#: a new section is a change here (and a MINOR version), never only a change of the content file.
SECTION_IDS = ("intro", "chatbot-types", "reasons", "risks", "conversation")


def message_context(*parts: str | int) -> str:
    """The message context (``msgctxt``) of a string: its id path, ``risks/echo/text``.

    Points count from 1 (``chatbot-types/generic/points/1``); metadata strings start with
    ``metadata`` (``metadata/guide/title``); interface text with ``interface``.
    """
    return "/".join(str(part) for part in parts)


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
class Section(Sequence[Item]):
    """A part of the factsheet: a sequence of its items, in reading order.

    ``fs.risks[0]``, ``len(fs.risks)``, ``for risk in fs.risks`` and ``fs.risks.item("echo")``
    all work; ``items`` is the same as a tuple.
    """

    id: str
    items: tuple[Item, ...]
    numbered: bool = False
    title: str | None = None
    lead: str | None = None
    subheading: str | None = None

    @overload
    def __getitem__(self, index: int) -> Item: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...
    def __getitem__(self, index: int | slice) -> Item | tuple[Item, ...]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def context(self, *parts: str | int) -> str:
        """The message context of a string in this section.

        ``context("title")`` is ``risks/title``; ``context("echo", "text")`` is
        ``risks/echo/text``; the first point of an item is ``context("generic", "points", 1)``.
        """
        return message_context(self.id, *parts)

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
    ``changed_since_review`` lists, for the status ``changed-since-review``, the contexts whose
    Dutch or translation changed after the review recorded for the locale.
    """

    status: TranslationStatus = "source"
    translated: int = 0
    total: int = 0
    fallbacks: tuple[str, ...] = ()
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    changed_since_review: tuple[str, ...] = ()

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

    @staticmethod
    def context(*parts: str) -> str:
        """The message context of a metadata string: ``context("guide", "title")``."""
        return message_context("metadata", *parts)


class _Shortcut:
    """``fs.risks`` for ``fs.section("risks")``: every shortcut is the section itself."""

    def __init__(self, section_id: str, doc: str) -> None:
        self.section_id = section_id
        self.__doc__ = doc

    @overload
    def __get__(self, factsheet: None, owner: type[Factsheet]) -> _Shortcut: ...
    @overload
    def __get__(self, factsheet: Factsheet, owner: type[Factsheet]) -> Section: ...
    def __get__(self, factsheet: Factsheet | None, owner: type[Factsheet]) -> Section | _Shortcut:
        return self if factsheet is None else factsheet.section(self.section_id)


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

    intro = _Shortcut("intro", "The introductory paragraphs.")
    chatbot_types = _Shortcut("chatbot-types", "The kinds of chatbots, numbered.")
    reasons = _Shortcut("reasons", "Why young people use AI chatbots.")
    risks = _Shortcut("risks", "What to be alert to.")
    conversation = _Shortcut("conversation", "How to talk about it: the lead, the sub-heading and the tips.")
    tips = _Shortcut("conversation", "The numbered tips: the same section as ``conversation``.")
