"""marshmallow schemas of the chunks (:mod:`factsheet.model.chunks`): they dump them to JSON, the
one shape that ``/v1/{locale}/chunks``, its OpenAPI document and the MCP server send, and load
that JSON back into the objects."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load

from .chunks import Chunk, Chunks, Citation
from .fields import LocaleCode
from .schema import TranslationSchema

__all__ = ["ChunkSchema", "ChunksSchema", "CitationSchema"]


def _text(description: str, **kwargs: Any) -> fields.String:
    return fields.String(required=True, metadata={"description": description}, **kwargs)


class CitationSchema(Schema):
    title = _text("The factsheet's title, in the chunk's locale.")
    rights_holder = _text("Who owns the text: the original publisher.")
    rights = _text("The rights statement: no licence for the text was given.")
    edition = fields.Integer(required=True, metadata={"description": "The edition (year) of the factsheet."})
    version = _text("The version of the content.")
    checksum = _text("SHA-256 over every file the text of that version comes from.")
    url = _text("The live page of the factsheet in this locale.", allow_none=True)
    edition_url = _text(
        "The pinned edition in this locale: the text of this version, forever; null while this "
        "version is not released.",
        allow_none=True,
    )

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Citation:
        return Citation(**data)


class ChunkSchema(Schema):
    id = _text(
        "Stable: the section and item ids (`risks/echo`), or the section's and `lead` (`conversation/lead`)."
    )
    section = _text("The section the chunk belongs to.")
    section_title = _text("The title of that section (null for the introduction).", allow_none=True)
    locale = LocaleCode(required=True)
    text = _text("The content's strings, one per line: title, text, example, points; or lead, sub-heading.")
    translation = fields.Nested(TranslationSchema, required=True)
    notices = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "What a reader of this translation must be told, in its language."},
    )
    citation = fields.Nested(CitationSchema, required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Chunk:
        return Chunk(**{**data, "notices": tuple(data["notices"])})


class ChunksSchema(Schema):
    """The factsheet in one locale as chunks for a retrieval index, each with its citation."""

    locale = LocaleCode(required=True)
    version = _text("The version of the content.")
    checksum = _text("SHA-256 over every file the text of that version comes from.")
    chunks = fields.List(fields.Nested(ChunkSchema), required=True)

    @post_load
    def _make(self, data: dict[str, Any], **kwargs: Any) -> Chunks:
        return Chunks(**{**data, "chunks": tuple(data["chunks"])})
