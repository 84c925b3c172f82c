"""``chunks()``: the factsheet as chunks for a retrieval index, every one with its attribution.

A chunk is one item, or one section's lead, as plain text: the content's own strings, one per
line, nothing added, so a quotation of it is the text itself. What a reader must be told comes
beside the text, in the chunk's language: the citation (title, rights holder, rights statement,
edition, version and content checksum), the translation of the chunk's strings, and the
notices of :mod:`factsheet.output.notices` (machine translation, review, strings shown in Dutch).
The same rules serve any part of the factsheet (:func:`attribution`), for the MCP server too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace

from factsheet.loading.checksum import content_checksum
from factsheet.loading.factsheets import current_version, load
from factsheet.loading.interface import interface_text
from factsheet.locale.registry import DEFAULT_LOCALE
from factsheet.model.chunks import Chunk, Chunks, Citation
from factsheet.model.interface_text import InterfaceText, interface_context
from factsheet.model.objects import Factsheet, Item, Metadata, Section, Translation
from factsheet.model.status import CHANGED_SINCE_REVIEW

from .notices import notices

__all__ = [
    "MAX_CHUNK_CHARACTERS",
    "Attribution",
    "Edition",
    "attribution",
    "chunk_strings",
    "chunks",
    "edition",
]

#: The longest chunk text: a few hundred words, well inside what embedding models read at once.
#: A longer item would have to be cut; ``tests/test_chunks.py`` says so before that happens.
MAX_CHUNK_CHARACTERS = 2000
#: The metadata strings a citation shows.
CITATION_CONTEXTS = (
    Metadata.context("title"),
    Metadata.context("rights", "holder"),
    Metadata.context("rights", "statement"),
)


@dataclass(frozen=True, slots=True)
class Edition:
    """A factsheet with what belongs to its version: the interface text and the content checksum."""

    factsheet: Factsheet
    interface: InterfaceText
    checksum: str


def edition(locale: str = DEFAULT_LOCALE, version: str | None = None) -> Edition:
    """The factsheet in ``locale`` as :func:`~factsheet.load` gives it, with its interface text
    and checksum: the working files', or those of the release ``version``."""
    sheet = load(locale, version)
    code = sheet.language
    if version is None or version == current_version():
        return Edition(sheet, interface_text(code), content_checksum())
    from factsheet.history.store import shipped  # noqa: PLC0415 - only a pinned edition reads archives

    return Edition(sheet, shipped.snapshot(version).interface(code), shipped.archive(version).checksum)


@dataclass(frozen=True, slots=True)
class Attribution:
    """What goes with any part of the factsheet: its citation, the translation of its strings
    (with the citation's and the notices'), and the notices themselves, in its language."""

    citation: Citation
    translation: Translation
    notices: tuple[str, ...]


def attribution(
    source: Edition, contexts: Collection[str], url: str | None = None, edition_url: str | None = None
) -> Attribution:
    """The attribution of the strings ``contexts`` (message contexts) of ``source``."""
    meta = source.factsheet.metadata
    citation = Citation(
        title=meta.title,
        rights_holder=meta.rights.holder,
        rights=meta.rights.statement,
        edition=meta.edition,
        version=meta.version,
        checksum=source.checksum,
        url=url,
        edition_url=edition_url,
    )
    own = dict.fromkeys([*contexts, *CITATION_CONTEXTS])
    translation = _scoped(meta.translation, own, source.interface)
    ui = source.interface
    shown = tuple(ui.format(notice.key, **notice.values) for notice in notices(translation))
    return Attribution(citation, translation, shown)


def _scoped(whole: Translation, contexts: Collection[str], ui: InterfaceText) -> Translation:
    """``whole`` (a locale's translation) as it holds for these strings and for the notices
    about them: a notice shown in Dutch is named among the fallbacks, like any other string."""
    scoped = _of(whole, contexts)
    for _ in range(2):  # a notice in Dutch adds the notice that says so, once
        keys = [notice.key for notice in notices(scoped)]
        dutch = [interface_context(key) for key in keys if ui.is_fallback(key)]
        scoped = _of(whole, [*contexts, *(interface_context(key) for key in keys)], dutch)
    return scoped


def _of(whole: Translation, contexts: Collection[str], dutch: Collection[str] = ()) -> Translation:
    wanted = set(contexts)
    fallbacks = (*(c for c in whole.fallbacks if c in wanted), *dutch)
    changed = tuple(c for c in whole.changed_since_review if c in wanted)
    status = whole.status
    if status == CHANGED_SINCE_REVIEW and not changed:
        status = "reviewed"  # none of these strings changed since the review
    total = len(wanted)
    return replace(
        whole,
        status=status,
        translated=total - len(set(fallbacks)),
        total=total,
        fallbacks=tuple(dict.fromkeys(fallbacks)),
        changed_since_review=changed,
    )


def chunk_strings(section: Section, item: Item | None = None) -> list[tuple[str, str]]:
    """``(message context, text)`` of a chunk's strings in reading order: an item's title, text,
    example and points, or (``item=None``) a section's lead and sub-heading."""
    if item is None:
        parts = [("lead", section.lead), ("subheading", section.subheading)]
        return [(section.context(name), text) for name, text in parts if text]
    found = [
        (section.context(item.id, name), text)
        for name, text in (("title", item.title), ("text", item.text), ("example", item.example))
        if text
    ]
    found += [(section.context(item.id, "points", n), point) for n, point in enumerate(item.points, 1)]
    return found


def _parts(sheet: Factsheet) -> Iterator[tuple[str, Section, list[tuple[str, str]]]]:
    for section in sheet.sections:
        if section.lead:
            yield section.context("lead"), section, chunk_strings(section)
        for item in section.items:
            yield section.context(item.id), section, chunk_strings(section, item)


def chunks(
    locale: str = DEFAULT_LOCALE,
    version: str | None = None,
    *,
    url: str | None = None,
    edition_url: str | None = None,
) -> Chunks:
    """The factsheet in ``locale`` as chunks, one per item and per section lead, in reading order.

    ``version``: a release, as for :func:`~factsheet.load`; its chunks are those of its archive
    and never change. ``url`` and ``edition_url`` go into every citation: the live page and the
    pinned edition of this locale, where the caller publishes them.
    """
    source = edition(locale, version)
    sheet = source.factsheet
    found = []
    for chunk_id, section, strings in _parts(sheet):
        title = [(section.context("title"), section.title)] if section.title else []
        about = attribution(source, [c for c, _ in [*title, *strings]], url, edition_url)
        found.append(
            Chunk(
                id=chunk_id,
                section=section.id,
                section_title=section.title,
                locale=sheet.language,
                text="\n".join(text for _, text in strings),
                translation=about.translation,
                notices=about.notices,
                citation=about.citation,
            )
        )
    return Chunks(sheet.language, sheet.metadata.version, source.checksum, tuple(found))
