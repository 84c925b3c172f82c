"""The release step: write the archive of the working files' version. Released editions are
immutable: an archive that exists is never replaced by different content.

The JSON bodies come from the web application (``flask --app api freeze-release``, in
``api/release.py``), since this package never imports Flask.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, UnknownVersionError

from . import layout
from . import store as stores
from .archive import archive_bytes, is_date
from .snapshots import Snapshot
from .store import ReleaseStore
from .versions import version_key

__all__ = ["Frozen", "ReleaseError", "freeze"]


class ReleaseError(FactsheetError):
    """A release cannot be made as asked (it would change a released edition)."""


@dataclass(frozen=True, slots=True)
class Frozen:
    path: Path
    version: str
    written: bool
    """False when the archive existed already with the same content."""


def freeze(bodies: Mapping[str, bytes], date: str, releases: ReleaseStore | None = None) -> Frozen:
    """Archive the working files and ``bodies`` (the JSON of ``/v1/{locale}/factsheet`` by
    locale) as the release of their version, dated ``date`` (``YYYY-MM-DD``), in ``releases``
    (default: the package's)."""
    releases = releases or stores.shipped
    if not is_date(date):
        raise ReleaseError(f"the release date {date!r} is not a date YYYY-MM-DD")
    inputs = layout.working_inputs()
    version = Snapshot("", inputs, "").source.metadata.version
    data = archive_bytes(version, date, inputs, bodies)
    path = releases.directory / f"{version}.zip"
    try:
        existing = releases.archive(version)
    except UnknownVersionError:
        existing = None
    if existing is not None:
        new = {**inputs, **{layout.json_name(code): body for code, body in bodies.items()}}
        if dict(existing.members) != new:
            names = {*new, *existing.members}
            changed = sorted(name for name in names if new.get(name) != existing.members.get(name))
            raise ReleaseError(
                f"release {version} exists ({path.name}, {existing.date}) and the working files differ "
                f"from it in {', '.join(changed)}: a released edition never changes. Give the content a "
                "new version (metadata/version in factsheet/content/factsheet.nl.yaml) and freeze that."
            )
        return Frozen(path, version, written=False)
    newer = [v for v in releases.versions() if version_key(v) >= version_key(version)]
    if newer:
        raise ReleaseError(f"version {version} is not newer than release {newer[-1]}: every release is newer")
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    releases.clear()
    releases.archive(version)  # read back, as strictly as ever
    return Frozen(path, version, written=True)
