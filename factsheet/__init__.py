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
``locale/`` (the shipped locales), ``loading/`` (``load`` and its caches), ``i18n/``
(translation: messages, catalogs, extraction, checks, ``python -m factsheet.i18n``),
``output/`` (Markdown and text, the ``factsheet`` command), ``history/`` (releases kept in the
package: ``releases``, ``load(..., version=)``, ``diff``). Import from here.
"""

from __future__ import annotations

from typing import Any

from .errors import ContentError as ContentError
from .errors import FactsheetError as FactsheetError
from .errors import InputFileError as InputFileError
from .errors import NotFoundError as NotFoundError
from .errors import UnknownItemError as UnknownItemError
from .errors import UnknownLocaleError as UnknownLocaleError
from .errors import UnknownSectionError as UnknownSectionError
from .errors import UnknownVersionError as UnknownVersionError
from .files import MAX_INPUT_BYTES as MAX_INPUT_BYTES
from .history.releases import LocaleChanges as LocaleChanges
from .history.releases import Release as Release
from .history.releases import ReleaseDiff as ReleaseDiff
from .history.releases import StatusChange as StatusChange
from .history.releases import StringChange as StringChange
from .history.releases import diff as diff
from .history.releases import is_released as is_released
from .history.releases import load as load
from .history.releases import releases as releases
from .i18n.catalogs import CatalogWarning as CatalogWarning
from .loading.checksum import content_checksum as content_checksum
from .loading.factsheets import clear_cache as clear_cache
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
from .output.render import section_markdown as section_markdown
from .output.render import section_text as section_text
from .output.render import to_markdown as to_markdown
from .output.render import to_text as to_text

DISTRIBUTION = "ai-chatbot-factsheet"


def __getattr__(name: str) -> Any:
    # Looked up on first use: reading package metadata costs time that `import` should not.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version(DISTRIBUTION)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
