"""Finding chunks by words: what the MCP ``search`` tool does, without the SDK.

Twenty-four short chunks per locale need no index: each query word is looked for in each
chunk's id, section title and text, compared without case and accents (``suicidale`` finds
``Suïcidale``; Arabic is compared without its vowel marks). Chunks are ranked by how many of the
words they hold, then in reading order. The ids are the same in every locale, so an English word
of an id (``crisis``) finds its chunk in any language too.
"""

from __future__ import annotations

import re
import unicodedata

from factsheet.model.chunks import Chunk, Chunks

__all__ = ["MAX_QUERY", "MAX_RESULTS", "MAX_WORDS", "find", "words"]

#: The longest query, in characters, and the most words of it that count.
MAX_QUERY = 200
MAX_WORDS = 12
#: The most chunks one search returns.
MAX_RESULTS = 24

_WORD = re.compile(r"\w+")


def _folded(text: str) -> str:
    """``text`` without case and combining marks (accents, Arabic vowel marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(query: str) -> tuple[str, ...]:
    """The distinct words of ``query`` that are searched for, folded, in order (at most
    :data:`MAX_WORDS`); ``ValueError`` if it is longer than :data:`MAX_QUERY` or has none."""
    if len(query) > MAX_QUERY:
        raise ValueError(f"the query has {len(query)} characters; at most {MAX_QUERY} are allowed")
    found = tuple(dict.fromkeys(_WORD.findall(_folded(query))))[:MAX_WORDS]
    if not found:
        raise ValueError("the query has no words: give one or more words to look for")
    return found


def find(chunks: Chunks, query: str, limit: int = 5) -> list[Chunk]:
    """The chunks that hold any word of ``query``, most words first, then in reading order."""
    wanted = words(query)
    scored = []
    for index, chunk in enumerate(chunks):
        haystack = _folded(" ".join([chunk.id, chunk.section_title or "", chunk.text]))
        hits = sum(1 for word in wanted if word in haystack)
        if hits:
            scored.append((-hits, index, chunk))
    return [chunk for _, _, chunk in sorted(scored, key=lambda entry: entry[:2])[: max(0, limit)]]
