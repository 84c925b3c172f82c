"""``load()``: the factsheet in a shipped locale, built once per locale and cached."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from factsheet.files import CONTENT_NAME, content_file, read_input
from factsheet.i18n.catalogs import Catalog, read_catalog, warn_fallbacks
from factsheet.i18n.messages import Location, messages, replace_strings
from factsheet.i18n.reviews import changed_contexts, digests, reviewed_strings
from factsheet.locale import registry as locale_registry
from factsheet.locale.registry import DEFAULT_LOCALE, LocaleStatus, locale_statuses
from factsheet.model.content import parse_content
from factsheet.model.objects import Factsheet, Translation
from factsheet.model.status import CHANGED_SINCE_REVIEW, TranslationStatus

from . import interface
from .checksum import content_checksum
from .per_locale import PerLocale

__all__ = ["clear_cache", "load", "localize", "source_factsheet"]


def load(locale: str = DEFAULT_LOCALE) -> Factsheet:
    """The factsheet in ``locale`` from the working files (``factsheet.load`` adds ``version``).

    ``locale`` may be written ``en``, ``EN``, ``en-GB`` or ``en_GB``. A locale that is not
    shipped raises :class:`~factsheet.errors.UnknownLocaleError`, which names those that are.
    Strings without a finished translation are shown in Dutch and listed in
    ``metadata.translation.fallbacks``. The result is cached: repeated calls are cheap and
    return the same object.
    """
    return _loaded.get(locale)


@cache
def source_factsheet() -> Factsheet:
    """The Dutch source as read from the package, before any locale is applied."""
    name = f"factsheet/content/{CONTENT_NAME}"
    return parse_content(read_input(content_file(), name), name)


def _build(code: str) -> Factsheet:
    catalog = None if code == DEFAULT_LOCALE else read_catalog(code)
    localized = localize(source_factsheet(), locale_statuses()[code], catalog)
    if catalog is not None:
        translation = localized.metadata.translation
        warn_fallbacks(code, list(translation.fallbacks), translation.total, "strings", catalog.problem)
    return localized


def localize(source: Factsheet, status: LocaleStatus, catalog: Catalog | None) -> Factsheet:
    """``source`` in the locale of ``status`` through its ``catalog`` (``None`` for the source
    locale), with ``metadata.translation`` saying how far; strings without a finished
    translation stay Dutch. Pure: releases build their editions with it too."""
    total = sum(1 for _ in messages(source))
    if catalog is None:
        translation = Translation(status="source", translated=total, total=total)
        return replace(source, metadata=replace(source.metadata, translation=translation))
    fallbacks: list[str] = []

    def translate(context: str, location: Location, text: str) -> str:
        found = catalog.translations.get((context, text))
        if found is None:
            fallbacks.append(context)
            return text
        return found

    localized = replace_strings(source, translate)
    changed: tuple[str, ...] = ()
    if status.status == "reviewed":
        # The review record pins the interface strings too: those of the working files (an
        # archived release records no review).
        strings = reviewed_strings(source, interface.source_interface(), catalog)
        changed = changed_contexts(dict(status.reviewed_strings), digests(strings))
    translation = Translation(
        status=_effective(status, changed),
        translated=total - len(fallbacks),
        total=total,
        fallbacks=tuple(fallbacks),
        reviewed_by=status.reviewed_by,
        reviewed_on=status.reviewed_on,
        changed_since_review=changed,
    )
    metadata = replace(localized.metadata, language=status.code, translation=translation)
    return replace(localized, metadata=metadata)


def _effective(status: LocaleStatus, changed: tuple[str, ...]) -> TranslationStatus:
    """A review holds only while every string is as reviewed."""
    return CHANGED_SINCE_REVIEW if changed else status.status


_loaded: PerLocale[Factsheet] = PerLocale(_build)


def clear_cache() -> None:
    """Forget every loaded locale and catalog (for tests and tools that change files)."""
    _loaded.clear()
    source_factsheet.cache_clear()
    interface.clear_cache()
    locale_registry.clear_cache()
    content_checksum.cache_clear()
    read_catalog.cache_clear()
