"""The releases kept in the package: one archive per version, ``factsheet/releases/<version>.zip``.

A version is *released* once its archive exists; until then the working files are unreleased
changes since the newest release (their version is the one the next release will have).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import ContentError, UnknownVersionError
from factsheet.files import PACKAGE_DIR

from . import layout
from .archive import Archive, read_archive
from .snapshots import Snapshot
from .versions import is_version, version_key

__all__ = ["ARCHIVE_DIR", "Release", "ReleaseStore", "shipped", "working_snapshot"]

#: Where the archives live: ``factsheet/releases/``, inside the package (and so in the wheel).
ARCHIVE_DIR = PACKAGE_DIR / "releases"


@dataclass(frozen=True, slots=True)
class Release:
    """A released version: when, and the content checksum of its text."""

    version: str
    date: str
    checksum: str


class ReleaseStore:
    """The archives in one folder, each read (strictly) on first use and then kept."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._archives: dict[str, Archive] = {}
        self._snapshots: dict[str, Snapshot] = {}

    def versions(self) -> tuple[str, ...]:
        """The released versions, newest first."""
        found = [path.stem for path in self.directory.glob("*.zip") if is_version(path.stem)]
        return tuple(sorted(found, key=version_key, reverse=True))

    def releases(self) -> tuple[Release, ...]:
        """Every release, newest first."""
        return tuple(Release(a.version, a.date, a.checksum) for a in map(self.archive, self.versions()))

    def archive(self, version: str) -> Archive:
        """The archive of ``version``; UnknownVersionError names the versions there are."""
        with self._lock:
            if version not in self._archives:
                path = self.directory / f"{version}.zip"
                if not is_version(version) or not path.is_file():
                    raise UnknownVersionError(str(version)[:40], self.versions())
                name = f"factsheet/releases/{path.name}"
                archive = read_archive(path, name)
                if archive.version != version:
                    problem = (layout.MANIFEST, None, f"names the version {archive.version!r}")
                    raise ContentError(name, [problem], "release archive")
                self._archives[version] = archive
            return self._archives[version]

    def snapshot(self, version: str) -> Snapshot:
        """The parsed text of ``version``; the content inside must carry that same version."""
        archive = self.archive(version)
        with self._lock:
            if version not in self._snapshots:
                name = f"factsheet/releases/{version}.zip"
                snapshot = Snapshot(version, archive.inputs, name)
                if snapshot.source.metadata.version != version:
                    found = snapshot.source.metadata.version
                    problem = (layout.CONTENT, None, f"metadata/version is {found!r}")
                    raise ContentError(name, [problem], "release archive")
                self._snapshots[version] = snapshot
            return self._snapshots[version]

    def clear(self) -> None:
        with self._lock:
            self._archives.clear()
            self._snapshots.clear()


#: The releases shipped with the package.
shipped = ReleaseStore(ARCHIVE_DIR)


def working_snapshot() -> Snapshot:
    """The working files as a snapshot (read afresh: for comparing, not for serving)."""
    inputs = layout.working_inputs()
    snapshot = Snapshot("", inputs, "")
    snapshot.version = snapshot.source.metadata.version
    return snapshot
