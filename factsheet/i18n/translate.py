"""The translation step, pure: the Dutch source plus a locale's catalog gives the text in that
locale, with ``metadata.translation`` saying how far. Strings without a finished translation stay
Dutch. The working files (:mod:`factsheet.loading`) and the archived releases
(:mod:`factsheet.history.editions`) both build their text with these two functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from factsheet.locale.registry import LocaleStatus
from factsheet.model.interface_text import InterfaceText, interface_context
from factsheet.model.objects import Factsheet, Translation
from factsheet.model.status import CHANGED_SINCE_REVIEW, TranslationStatus

from .catalogs import LocaleTranslations
from .messages import Location, messages, replace_strings
from .reviews import changed_contexts, digests, reviewed_strings

__all__ = ["localize", "localize_interface"]


def localize(
    source: Factsheet,
    status: LocaleStatus,
    catalog: LocaleTranslations | None,
    interface_source: Callable[[], Mapping[str, str]],
) -> Factsheet:
    """``source`` in the locale of ``status`` through its ``catalog`` (``None`` for the source
    locale). ``interface_source`` gives the Dutch interface text of the same files, which a review
    record pins too; it is called only for a reviewed locale."""
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
        strings = reviewed_strings(source, interface_source(), catalog)
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


def localize_interface(source: Mapping[str, str], code: str, catalog: LocaleTranslations) -> InterfaceText:
    """The Dutch interface strings ``source`` through a locale's ``catalog``."""
    strings: list[tuple[str, str]] = []
    fallbacks: list[str] = []
    for key, dutch in source.items():
        translated = catalog.translations.get((interface_context(key), dutch))
        if translated is None:
            fallbacks.append(key)
            translated = dutch
        strings.append((key, translated))
    return InterfaceText(code, tuple(strings), tuple(fallbacks))
