"""The factsheet "AI-chatbots en mentaal welzijn van jongeren" (2026) as typed Python objects.

>>> import factsheet
>>> fs = factsheet.load("nl")
>>> len(fs.risks), len(fs.tips)
(7, 7)
>>> fs.section("risks").item("echo").title
'Echo'
>>> fs.risks.item("echo") is fs.risks[0]
True

The modules, by what they hold: ``model/`` (the objects, the content format, strict YAML),
``locale/`` (the shipped locales), ``loading/`` (``load``, of the working files or of a release,
and its caches), ``i18n/`` (translation: messages, catalogs, the translation step, extraction,
checks, ``python -m factsheet.i18n``), ``output/`` (Markdown and text, chunks for retrieval,
the ``factsheet`` command), ``history/`` (releases kept in the package: ``releases``, ``diff``),
``mcp/`` (the server for AI assistants, ``factsheet mcp``: the extra ``mcp``). Import from here:
each name's module is imported on its first use, so ``import factsheet`` stays cheap.
"""

from __future__ import annotations

from .errors import ContentError as ContentError
from .errors import FactsheetError as FactsheetError
from .errors import InputFileError as InputFileError
from .errors import NotFoundError as NotFoundError
from .errors import UnknownItemError as UnknownItemError
from .errors import UnknownLocaleError as UnknownLocaleError
from .errors import UnknownSectionError as UnknownSectionError
from .errors import UnknownVersionError as UnknownVersionError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .files import MAX_INPUT_BYTES as MAX_INPUT_BYTES
    from .history.releases import LocaleChanges as LocaleChanges
    from .history.releases import Release as Release
    from .history.releases import ReleaseDiff as ReleaseDiff
    from .history.releases import StatusChange as StatusChange
    from .history.releases import StringChange as StringChange
    from .history.releases import diff as diff
    from .history.releases import is_released as is_released
    from .history.releases import releases as releases
    from .i18n.catalogs import CatalogWarning as CatalogWarning
    from .loading.checksum import content_checksum as content_checksum
    from .loading.factsheets import clear_cache as clear_cache
    from .loading.factsheets import load as load
    from .loading.interface import interface_text as interface_text
    from .loading.locale_info import LocaleInfo as LocaleInfo
    from .loading.locale_info import locale_info as locale_info
    from .locale.registry import DEFAULT_LOCALE as DEFAULT_LOCALE
    from .locale.registry import locales as locales
    from .locale.registry import negotiate_locale as negotiate_locale
    from .locale.registry import normalize_locale as normalize_locale
    from .locale.tags import LOCALE_CODE as LOCALE_CODE
    from .locale.tags import LOCALE_TAG as LOCALE_TAG
    from .locale.tags import MAX_LOCALE_TAG as MAX_LOCALE_TAG
    from .model.chunk_schema import ChunkSchema as ChunkSchema
    from .model.chunk_schema import ChunksSchema as ChunksSchema
    from .model.chunks import Chunk as Chunk
    from .model.chunks import Chunks as Chunks
    from .model.chunks import Citation as Citation
    from .model.content import parse_content as parse_content
    from .model.content import read_content as read_content
    from .model.fields import TranslationStatusField as TranslationStatusField
    from .model.interface_text import InterfaceText as InterfaceText
    from .model.objects import SECTION_IDS as SECTION_IDS
    from .model.objects import EditorialChange as EditorialChange
    from .model.objects import Factsheet as Factsheet
    from .model.objects import Guide as Guide
    from .model.objects import Item as Item
    from .model.objects import Metadata as Metadata
    from .model.objects import Rights as Rights
    from .model.objects import Section as Section
    from .model.objects import Translation as Translation
    from .model.objects import message_context as message_context
    from .model.schema import FactsheetSchema as FactsheetSchema
    from .model.schema import ItemSchema as ItemSchema
    from .model.schema import SectionSchema as SectionSchema
    from .model.schema import to_dict as to_dict
    from .model.status import TRANSLATION_STATUSES as TRANSLATION_STATUSES
    from .model.status import TranslationStatus as TranslationStatus
    from .output import render as render
    from .output.chunks import chunks as chunks
    from .output.render import section_markdown as section_markdown
    from .output.render import section_text as section_text
    from .output.render import to_markdown as to_markdown
    from .output.render import to_text as to_text

#: Where each name above is defined: imported on first use (``__getattr__``), as ``from MODULE
#: import NAME`` would, so that ``import factsheet`` loads neither marshmallow nor YAML. A test
#: keeps this table and the imports above the same.
_LAZY = {
    "MAX_INPUT_BYTES": ".files",
    "LocaleChanges": ".history.releases",
    "Release": ".history.releases",
    "ReleaseDiff": ".history.releases",
    "StatusChange": ".history.releases",
    "StringChange": ".history.releases",
    "diff": ".history.releases",
    "is_released": ".history.releases",
    "load": ".loading.factsheets",
    "releases": ".history.releases",
    "CatalogWarning": ".i18n.catalogs",
    "content_checksum": ".loading.checksum",
    "clear_cache": ".loading.factsheets",
    "interface_text": ".loading.interface",
    "LocaleInfo": ".loading.locale_info",
    "locale_info": ".loading.locale_info",
    "DEFAULT_LOCALE": ".locale.registry",
    "locales": ".locale.registry",
    "negotiate_locale": ".locale.registry",
    "normalize_locale": ".locale.registry",
    "LOCALE_CODE": ".locale.tags",
    "LOCALE_TAG": ".locale.tags",
    "MAX_LOCALE_TAG": ".locale.tags",
    "ChunkSchema": ".model.chunk_schema",
    "ChunksSchema": ".model.chunk_schema",
    "Chunk": ".model.chunks",
    "Chunks": ".model.chunks",
    "Citation": ".model.chunks",
    "parse_content": ".model.content",
    "read_content": ".model.content",
    "TranslationStatusField": ".model.fields",
    "InterfaceText": ".model.interface_text",
    "SECTION_IDS": ".model.objects",
    "EditorialChange": ".model.objects",
    "Factsheet": ".model.objects",
    "Guide": ".model.objects",
    "Item": ".model.objects",
    "Metadata": ".model.objects",
    "Rights": ".model.objects",
    "Section": ".model.objects",
    "Translation": ".model.objects",
    "message_context": ".model.objects",
    "FactsheetSchema": ".model.schema",
    "ItemSchema": ".model.schema",
    "SectionSchema": ".model.schema",
    "to_dict": ".model.schema",
    "TRANSLATION_STATUSES": ".model.status",
    "TranslationStatus": ".model.status",
    "render": ".output",
    "chunks": ".output.chunks",
    "section_markdown": ".output.render",
    "section_text": ".output.render",
    "to_markdown": ".output.render",
    "to_text": ".output.render",
}

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALE_CODE",
    "LOCALE_TAG",
    "MAX_INPUT_BYTES",
    "MAX_LOCALE_TAG",
    "SECTION_IDS",
    "TRANSLATION_STATUSES",
    "CatalogWarning",
    "Chunk",
    "ChunkSchema",
    "Chunks",
    "ChunksSchema",
    "Citation",
    "ContentError",
    "EditorialChange",
    "Factsheet",
    "FactsheetError",
    "FactsheetSchema",
    "Guide",
    "InputFileError",
    "InterfaceText",
    "Item",
    "ItemSchema",
    "LocaleChanges",
    "LocaleInfo",
    "Metadata",
    "NotFoundError",
    "Release",
    "ReleaseDiff",
    "Rights",
    "Section",
    "SectionSchema",
    "StatusChange",
    "StringChange",
    "Translation",
    "TranslationStatus",
    "TranslationStatusField",
    "UnknownItemError",
    "UnknownLocaleError",
    "UnknownSectionError",
    "UnknownVersionError",
    "chunks",
    "clear_cache",
    "content_checksum",
    "diff",
    "interface_text",
    "is_released",
    "load",
    "locale_info",
    "locales",
    "message_context",
    "negotiate_locale",
    "normalize_locale",
    "parse_content",
    "read_content",
    "releases",
    "render",
    "section_markdown",
    "section_text",
    "to_dict",
    "to_markdown",
    "to_text",
]

DISTRIBUTION = "ai-chatbot-factsheet"


def __getattr__(name: str) -> Any:
    """The names of ``_LAZY`` and ``__version__``, found on first use and then kept."""
    if name == "__version__":
        # Reading package metadata costs time that `import` should not.
        from importlib.metadata import version  # noqa: PLC0415

        return version(DISTRIBUTION)
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415

    module = import_module(_LAZY[name], __name__)
    try:
        value = getattr(module, name)
    except AttributeError:  # a submodule, as in ``from .output import render``
        value = import_module(f"{module.__name__}.{name}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
