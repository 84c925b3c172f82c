"""The public face of releases: ``releases()``, ``load(locale, version=)``, ``diff()``."""

from __future__ import annotations

from factsheet.errors import UnknownVersionError
from factsheet.loading import factsheets
from factsheet.locale.registry import DEFAULT_LOCALE
from factsheet.model.objects import Factsheet

from . import store as stores
from .diff import LocaleChanges, ReleaseDiff, StatusChange, StringChange, diff_editions
from .store import Release, working_edition

__all__ = [
    "LocaleChanges",
    "Release",
    "ReleaseDiff",
    "StatusChange",
    "StringChange",
    "current_version",
    "diff",
    "is_released",
    "load",
    "releases",
]


def releases() -> tuple[Release, ...]:
    """Every released version, newest first: version, date and content checksum.

    The working files are not among them until their version is frozen (see README,
    "Releasing"); :func:`is_released` tells.
    """
    return stores.store.releases()


def current_version() -> str:
    """The version of the working files (``metadata.version`` of the Dutch source)."""
    return factsheets.source_factsheet().metadata.version


def is_released(version: str | None = None) -> bool:
    """Whether ``version`` (default: the working files' version) has an archive."""
    return (current_version() if version is None else version) in stores.store.versions()


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
        return factsheets.load(locale)
    try:
        return stores.store.edition(version).factsheet(locale)
    except UnknownVersionError as error:
        available = dict.fromkeys((current_version(), *error.available))
        raise UnknownVersionError(error.key, available) from None


def diff(old_version: str, new_version: str | None = None, locale: str | None = None) -> ReleaseDiff:
    """What changed from release ``old_version`` to ``new_version``, per locale (or in ``locale``).

    ``new_version=None`` compares with the working files (so does the working files' own
    version while it is not released yet): the unreleased changes, or, once their version is
    released (its archive then holds exactly the working files; a test keeps it so), that release.
    """
    old = stores.store.edition(old_version)
    if new_version is None or (new_version == current_version() and not is_released(new_version)):
        released = is_released(current_version())
        return diff_editions(old, working_edition(), locale, new_released=released)
    return diff_editions(old, stores.store.edition(new_version), locale)
