"""``load()``: the factsheet in a shipped locale, built once per locale and cached."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from . import interface, locale_registry
from ._per_locale import PerLocale
from ._resources import CONTENT_NAME, catalog_file, content_file, translations_dir
from .catalogs import read_catalog, warn_fallbacks
from .locale_registry import (
    DEFAULT_LOCALE,
    english_name,
    locale_statuses,
    native_name,
    text_direction,
)
from .messages import Location, messages, replace_strings
from .model import Factsheet, Translation, TranslationStatus
from .source import parse_content

__all__ = ["LocaleInfo", "content_checksum", "load", "locale_info", "source_factsheet"]


def load(locale: str = DEFAULT_LOCALE) -> Factsheet:
    """The factsheet in ``locale``: ``nl`` (the Dutch source) or a shipped translation.

    ``locale`` may be written ``en``, ``EN``, ``en-GB`` or ``en_GB``. A locale that is not
    shipped raises :class:`~factsheet.errors.UnknownLocaleError`, which names those that are.
    Strings without a finished translation are shown in Dutch and listed in
    ``metadata.translation.fallbacks``. The result is cached: repeated calls are cheap and
    return the same object.
    """
    return _loaded.get(locale)


def clear_cache() -> None:
    """Forget every loaded locale and catalog (for tests and tools that change files)."""
    _loaded.clear()
    interface.clear_cache()
    source_factsheet.cache_clear()
    locale_registry.clear_cache()
    content_checksum.cache_clear()
    read_catalog.cache_clear()


@cache
def source_factsheet() -> Factsheet:
    """The Dutch source as read from the package, before any locale is applied."""
    return parse_content(content_file().read_bytes(), f"factsheet/content/{CONTENT_NAME}")


def _build(code: str) -> Factsheet:
    source = source_factsheet()
    status = locale_statuses()[code]
    total = sum(1 for _ in messages(source))
    if code == DEFAULT_LOCALE:
        translation = Translation(status="source", translated=total, total=total)
        return replace(source, metadata=replace(source.metadata, translation=translation))

    catalog = read_catalog(code)
    fallbacks: list[str] = []

    def translate(context: str, location: Location, text: str) -> str:
        found = catalog.get((context, text))
        if found is None:
            fallbacks.append(context)
            return text
        return found

    localized = replace_strings(source, translate)
    warn_fallbacks(code, fallbacks, total)
    translation = Translation(
        status=status.status,
        translated=total - len(fallbacks),
        total=total,
        fallbacks=tuple(fallbacks),
        reviewed_by=status.reviewed_by,
        reviewed_on=status.reviewed_on,
    )
    return replace(localized, metadata=replace(localized.metadata, language=code, translation=translation))


_loaded: PerLocale[Factsheet] = PerLocale(_build)


@cache
def content_checksum() -> str:
    """A SHA-256 over the Dutch source and interface text, the locale list and every catalog.

    It changes whenever any text in any locale can have changed, and not otherwise.
    """
    import hashlib  # noqa: PLC0415 - only clients that ask for a checksum pay for the import

    digest = hashlib.sha256()
    parts = [
        content_file(),
        content_file(interface.INTERFACE_NAME),
        translations_dir().joinpath("locales.yaml"),
    ]
    parts += [catalog_file(code) for code in locale_statuses() if code != DEFAULT_LOCALE]
    for part in parts:
        try:
            data = part.read_bytes()
        except OSError:
            data = b""
        digest.update(part.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class LocaleInfo:
    """What a client needs to offer a locale: names, direction, how complete, how reliable."""

    code: str
    english_name: str
    native_name: str
    direction: str
    status: TranslationStatus
    translated: int
    total: int
    reviewed_by: str | None = None
    reviewed_on: str | None = None

    @property
    def completeness(self) -> float:
        """Translated strings as a fraction of all, 0.0 to 1.0."""
        return self.translated / self.total if self.total else 0.0


def locale_info(locale: str) -> LocaleInfo:
    """Names, text direction, completeness and translation status of a shipped locale."""
    factsheet = load(locale)
    translation = factsheet.metadata.translation
    code = factsheet.language
    return LocaleInfo(
        code=code,
        english_name=english_name(code),
        native_name=native_name(code),
        direction=text_direction(code),
        status=translation.status,
        translated=translation.translated,
        total=translation.total,
        reviewed_by=translation.reviewed_by,
        reviewed_on=translation.reviewed_on,
    )
