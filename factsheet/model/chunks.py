"""The factsheet cut for a retrieval index: one :class:`Chunk` per item and per section lead,
each carrying what a reader must be told with it (:class:`Citation`, the translation of its own
strings and the notices about it). Built by :func:`factsheet.output.chunks.chunks`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from .objects import Translation

__all__ = ["Chunk", "Chunks", "Citation"]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a chunk comes from, and who owns its text.

    ``title``, ``rights_holder`` and ``rights`` are in the chunk's locale (``metadata.title``,
    ``metadata.rights.holder`` and ``metadata.rights.statement``). ``version`` and ``checksum``
    name the exact edition: the content checksum of the working files, or of the release for a
    pinned version. ``url`` is the live page and ``edition_url`` the pinned edition, where the
    caller knows them (the API does; ``None`` otherwise, and for an edition not released yet).
    """

    title: str
    rights_holder: str
    rights: str
    edition: int
    version: str
    checksum: str
    url: str | None = None
    edition_url: str | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    """One item (``risks/echo``) or one section's lead (``conversation/lead``) as plain text.

    ``text`` is the strings of the content, one per line, in reading order: an item's title,
    text, example and points; a lead's lead and sub-heading. ``section_title`` is the title of
    its section (``None`` for the introduction). ``translation`` describes these strings, the
    citation's and the notices': the status (``reviewed`` where a locale changed since its
    review but none of them did), and ``fallbacks``, the message contexts shown in Dutch.
    ``notices`` are what a reader of a translation is told, in its language.
    """

    id: str
    section: str
    section_title: str | None
    locale: str
    text: str
    translation: Translation
    notices: tuple[str, ...]
    citation: Citation


@dataclass(frozen=True, slots=True)
class Chunks(Sequence[Chunk]):
    """Every chunk of the factsheet in one locale and version, in reading order."""

    locale: str
    version: str
    checksum: str
    chunks: tuple[Chunk, ...]

    @overload
    def __getitem__(self, index: int) -> Chunk: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Chunk, ...]: ...
    def __getitem__(self, index: int | slice) -> Chunk | tuple[Chunk, ...]:
        return self.chunks[index]

    def __len__(self) -> int:
        return len(self.chunks)

    def __iter__(self) -> Iterator[Chunk]:
        return iter(self.chunks)

    def get(self, chunk_id: str) -> Chunk | None:
        """The chunk with this id (``risks/echo``), or ``None``."""
        return next((chunk for chunk in self.chunks if chunk.id == chunk_id), None)
