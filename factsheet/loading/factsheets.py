"""``load()``: the factsheet in a shipped locale (built once per locale and cached), or as a
release archived in the package had it (``version=``, see :mod:`factsheet.history`)."""

from __future__ import annotations

from functools import cache

from factsheet.errors import UnknownVersionError
from factsheet.files import CONTENT_NAME, content_file, read_input
from factsheet.i18n.catalogs import read_catalog, warn_fallbacks
from factsheet.i18n.translate import localize
from factsheet.locale import registry as locale_registry
from factsheet.locale.registry import DEFAULT_LOCALE, locale_statuses
from factsheet.model.content import parse_content
from factsheet.model.objects import Factsheet

from . import interface
from .checksum import content_checksum
from .per_locale import PerLocale

__all__ = ["clear_cache", "current_version", "load", "source_factsheet"]


def load(locale: str = DEFAULT_LOCALE, version: str | None = None) -> Factsheet:
    """The factsheet in ``locale``: ``nl`` (the Dutch source) or a shipped translation.

    ``locale`` may be written ``en``, ``EN``, ``en-GB`` or ``en_GB``. A locale that is not
    shipped raises :class:`~factsheet.errors.UnknownLocaleError`, which names those that are.
    Strings without a finished translation are shown in Dutch and listed in
    ``metadata.translation.fallbacks``. The result is cached: repeated calls are cheap and
    return the same object.

    ``version``: a release (``"1.0.0"``), as archived in the package; ``None`` or the working
    files' own version loads the working files. A version that was never released raises
    :class:`~factsheet.errors.UnknownVersionError`, which names the versions there are.
    """
    if version is None or version == current_version():
        return _loaded.get(locale)
    # Imported here: only a caller who asks for a release pays for reading the archives.
    from factsheet.history.store import shipped as store  # noqa: PLC0415

    try:
        return store.snapshot(version).factsheet(locale)
    except UnknownVersionError as error:
        available = dict.fromkeys((current_version(), *error.available))
        raise UnknownVersionError(error.key, available) from None


def current_version() -> str:
    """The version of the working files (``metadata.version`` of the Dutch source)."""
    return source_factsheet().metadata.version


@cache
def source_factsheet() -> Factsheet:
    """The Dutch source as read from the package, before any locale is applied."""
    name = f"factsheet/content/{CONTENT_NAME}"
    return parse_content(read_input(content_file(), name), name)


def _build(code: str) -> Factsheet:
    catalog = None if code == DEFAULT_LOCALE else read_catalog(code)
    localized = localize(source_factsheet(), locale_statuses()[code], catalog, interface.source_interface)
    if catalog is not None:
        translation = localized.metadata.translation
        warn_fallbacks(code, list(translation.fallbacks), translation.total, "strings", catalog.problem)
    return localized


_loaded: PerLocale[Factsheet] = PerLocale(_build)


def clear_cache() -> None:
    """Forget every loaded locale and catalog (for tests and tools that change files)."""
    _loaded.clear()
    source_factsheet.cache_clear()
    interface.clear_cache()
    locale_registry.clear_cache()
    content_checksum.cache_clear()
    read_catalog.cache_clear()
