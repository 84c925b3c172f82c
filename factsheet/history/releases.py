"""The public face of releases: ``releases()``, ``is_released()``, ``diff()`` (``load(locale,
version=)`` is in :mod:`factsheet.loading.factsheets`, with the other ``load``)."""

from __future__ import annotations

from factsheet.loading.factsheets import current_version

from . import store as stores
from .diff import (
    CHANGE_KINDS,
    ChangeKind,
    LocaleChanges,
    ReleaseDiff,
    StatusChange,
    StringChange,
    diff_snapshots,
)
from .layout import working_inputs
from .store import Release, working_snapshot

__all__ = [
    "CHANGE_KINDS",
    "ChangeKind",
    "LocaleChanges",
    "Release",
    "ReleaseDiff",
    "StatusChange",
    "StringChange",
    "current_version",
    "diff",
    "is_released",
    "releases",
]


def releases() -> tuple[Release, ...]:
    """Every released version, newest first: version, date and content checksum.

    The working files are not among them until their version is frozen (see
    docs/guides/release.md); :func:`is_released` tells.
    """
    return stores.shipped.releases()


def is_released(version: str | None = None) -> bool:
    """Whether ``version`` has an archive; by default, whether the working files are released:
    their version has an archive *and* they are what it holds (an edit after the release makes
    them unreleased until they carry a new version and that is frozen)."""
    if version is not None:
        return version in stores.shipped.versions()
    current = current_version()
    return current in stores.shipped.versions() and stores.shipped.archive(current).inputs == working_inputs()


def diff(old_version: str, new_version: str | None = None, locale: str | None = None) -> ReleaseDiff:
    """What changed from release ``old_version`` to ``new_version``, per locale (or in ``locale``).

    ``new_version=None`` compares with the working files (so does the working files' own
    version while it is not released yet): the unreleased changes, or, once their version is
    released (its archive then holds exactly the working files; a test keeps it so), that release.
    """
    old = stores.shipped.snapshot(old_version)
    if new_version is None or (new_version == current_version() and not is_released(new_version)):
        return diff_snapshots(old, working_snapshot(), locale, new_released=is_released())
    return diff_snapshots(old, stores.shipped.snapshot(new_version), locale)
