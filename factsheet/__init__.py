"""The factsheet "AI-chatbots en mentaal welzijn van jongeren" (2026) as typed Python objects.

>>> import factsheet
>>> fs = factsheet.load("nl")
>>> len(fs.risks), len(fs.tips)
(7, 7)
>>> fs.section("risks").item("echo").title
'Echo'
"""

from __future__ import annotations

from typing import Any

from .catalogs import CatalogWarning as CatalogWarning
from .errors import ContentError as ContentError
from .errors import FactsheetError as FactsheetError
from .errors import NotFoundError as NotFoundError
from .errors import UnknownItemError as UnknownItemError
from .errors import UnknownLocaleError as UnknownLocaleError
from .errors import UnknownSectionError as UnknownSectionError
from .interface import InterfaceText as InterfaceText
from .interface import interface_text as interface_text
from .loading import LocaleInfo as LocaleInfo
from .loading import clear_cache as clear_cache
from .loading import content_checksum as content_checksum
from .loading import load as load
from .loading import locale_info as locale_info
from .locale_registry import DEFAULT_LOCALE as DEFAULT_LOCALE
from .locale_registry import locales as locales
from .locale_registry import negotiate_locale as negotiate_locale
from .locale_registry import normalize_locale as normalize_locale
from .model import EditorialChange as EditorialChange
from .model import Factsheet as Factsheet
from .model import Guide as Guide
from .model import Item as Item
from .model import Metadata as Metadata
from .model import Rights as Rights
from .model import Section as Section
from .model import Translation as Translation
from .schema import FactsheetSchema as FactsheetSchema
from .schema import to_dict as to_dict
from .source import parse_content as parse_content
from .source import read_content as read_content

DISTRIBUTION = "ai-chatbot-factsheet"


def __getattr__(name: str) -> Any:
    # Looked up on first use: reading package metadata costs time that `import` should not.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version(DISTRIBUTION)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
