"""What the MCP server answers, without the SDK: each part of the factsheet, search results and
the locales, as Markdown for the assistant to read and as JSON, never without their attribution.

Every :class:`Answer` ends (Markdown) or carries (JSON ``citation``, ``translation``,
``notices``) what :func:`factsheet.output.chunks.attribution` gives for exactly the strings it
shows: the source line (title, edition, version) with the content checksum, the notices in the
answer's language (machine translation, review), the strings shown in Dutch by message context,
and the rights statement. The labels are the interface text's, so they are translated too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from factsheet.errors import UnknownSectionError
from factsheet.i18n.messages import messages
from factsheet.loading.locale_info import locale_info
from factsheet.locale.registry import DEFAULT_LOCALE, locales
from factsheet.model.chunk_schema import ChunkSchema, CitationSchema
from factsheet.model.interface_text import InterfaceText
from factsheet.model.objects import Factsheet, Section
from factsheet.model.schema import ItemSchema, SectionSchema, TranslationSchema, to_dict
from factsheet.output.chunks import Attribution, Edition, attribution, chunk_strings, chunks, edition
from factsheet.output.render import inline_markdown, section_markdown, to_markdown

from .search import find, words

__all__ = [
    "LEAD",
    "MAX_PATH",
    "SCHEME",
    "WHOLE",
    "Answer",
    "answer",
    "locales_answer",
    "parts",
    "search",
    "uri",
]

#: The scheme of the resources: ``factsheet://en/risks/echo.md``.
SCHEME = "factsheet"
#: The path of the whole factsheet; a section's is its id, an item's ``section/item``.
WHOLE = "factsheet"
#: The item id that names a section's lead (``conversation/lead``), as the chunk ids do.
LEAD = "lead"
#: The longest path there can be: a section id, ``/``, an item id (64 characters each at most).
MAX_PATH = 129


def uri(locale: str, path: str, suffix: str = "md") -> str:
    """The resource of ``path`` in ``locale``: ``factsheet://en/risks/echo.md`` (or ``.json``)."""
    return f"{SCHEME}://{locale}/{path}.{suffix}"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: ``markdown`` to read and quote, ``data`` the same as JSON, each with attribution."""

    markdown: str
    data: dict[str, Any]

    def json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=1)


def _attribution_data(about: Attribution) -> dict[str, Any]:
    return {
        "citation": CitationSchema().dump(about.citation),
        "translation": TranslationSchema().dump(about.translation),
        "notices": list(about.notices),
    }


def _attribution_markdown(about: Attribution, ui: InterfaceText) -> str:
    citation = about.citation
    source = ui.format(
        "embed-source", title=citation.title, edition=citation.edition, version=citation.version
    )
    lines = [f"{source} SHA-256: {citation.checksum}"]
    lines += [link for link in (citation.url, citation.edition_url) if link]
    lines += about.notices
    if about.translation.fallbacks:
        lines.append(f"{ui['fallback']} ({', '.join(about.translation.fallbacks)})")
    lines.append(f"{ui['rights-heading']}: {citation.rights}")
    return "\n\n".join(["---", *(inline_markdown(line) for line in lines)]) + "\n"


def _with(body: str, data: dict[str, Any], source: Edition, contexts: Sequence[str]) -> Answer:
    about = attribution(source, contexts)
    return Answer(
        f"{body.rstrip()}\n\n{_attribution_markdown(about, source.interface)}",
        {**data, **_attribution_data(about)},
    )


def _part(section: Section, item_id: str | None) -> tuple[Section, list[str]]:
    """The section cut to one item (or to its lead, or whole), and the contexts of its strings."""
    title = [section.context("title")] if section.title else []
    if item_id is None:
        strings = [*chunk_strings(section), *(s for item in section for s in chunk_strings(section, item))]
        return section, [*title, *(context for context, _ in strings)]
    if item_id == LEAD and section.lead:
        cut = replace(section, items=())
        return cut, [*title, *(context for context, _ in chunk_strings(section))]
    item = section.item(item_id)  # UnknownItemError names the items
    cut = replace(section, items=(item,), lead=None, subheading=None)
    return cut, [*title, *(context for context, _ in chunk_strings(section, item))]


def answer(locale: str, path: str) -> Answer:
    """The part at ``path``: :data:`WHOLE`, a section id, ``section/item`` or ``section/lead``.

    An unknown locale, section or item raises the package's :class:`~factsheet.NotFoundError`,
    whose message names what there is.
    """
    source = edition(locale)
    sheet = source.factsheet
    if len(path) > MAX_PATH:  # said, not echoed: no id is this long
        raise UnknownSectionError(f"{path[:MAX_PATH]}…", (section.id for section in sheet.sections))
    if path == WHOLE:
        contexts = [message.context for message in messages(sheet)]
        return _with(to_markdown(sheet), {"factsheet": to_dict(sheet)}, source, contexts)
    section_id, _, item_id = path.partition("/")
    section = sheet.section(section_id)  # UnknownSectionError names the sections
    cut, contexts = _part(section, item_id or None)
    if item_id and item_id != LEAD:
        data = {"section": section.id, "item": ItemSchema().dump(cut.items[0])}
    else:
        data = {"section": SectionSchema().dump(cut)}
    return _with(section_markdown(cut), data, source, contexts)


def parts(sheet: Factsheet) -> Iterator[tuple[str, str]]:
    """Every part a resource is offered for: ``(path, title)``, the whole first."""
    yield WHOLE, sheet.metadata.title
    for section in sheet.sections:
        yield section.id, section.title or section.id
        for item in section:
            yield f"{section.id}/{item.id}", item.title or _start(item.text or item.id)


def _start(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def search(query: str, locale: str, limit: int = 5) -> Answer:
    """The chunks of ``locale`` that hold words of ``query``; ``ValueError`` for a query without
    words or too long, :class:`~factsheet.UnknownLocaleError` naming the locales."""
    found = chunks(locale)
    hits = find(found, query, limit)
    source = edition(locale)
    sheet = source.factsheet
    blocks, contexts = [], []
    for chunk in hits:
        section_id, _, item_id = chunk.id.partition("/")
        cut, own = _part(sheet.section(section_id), item_id)
        blocks.append(f"Chunk `{chunk.id}` ({uri(sheet.language, chunk.id)}):\n\n{section_markdown(cut, 3)}")
        contexts += own
    asked = ", ".join(words(query))
    if not blocks:
        blocks = [f"No part of the factsheet in `{sheet.language}` holds any of these words: {asked}."]
    data = {"query": asked, "locale": sheet.language, "chunks": ChunkSchema(many=True).dump(hits)}
    return _with("\n\n".join(blocks), data, source, contexts)


def locales_answer() -> Answer:
    """The shipped locales with their translation status; the attribution is the source's."""
    rows = ["| code | language | status | translated |", "|---|---|---|---|"]
    listed = []
    for code in locales():
        info = locale_info(code)
        review = f" ({info.reviewed_by}, {info.reviewed_on})" if info.reviewed_by else ""
        rows.append(
            f"| {code} | {inline_markdown(info.english_name)} · {inline_markdown(info.native_name)} "
            f"| {info.status}{inline_markdown(review)} | {info.translated}/{info.total} |"
        )
        listed.append({**asdict(info), "completeness": round(info.completeness, 4)})
    intro = (
        f"The factsheet is written in Dutch (`{DEFAULT_LOCALE}`, the source). Every other locale is a "
        "machine translation until a native speaker has reviewed it: its status says which."
    )
    return _with("\n".join([intro, "", *rows]), {"locales": listed}, edition(DEFAULT_LOCALE), [])
