"""A release archive, ``factsheet/releases/<version>.zip``: reading it strictly, writing it deterministically.

It holds the inputs of the release under the names of :mod:`.layout`, the JSON of
``/v1/{locale}/factsheet`` for every locale as served at release time, and ``manifest.json``
(format, version, date, content checksum, and the SHA-256 of every other member).

Read with the same limits and strictness as the working files: the archive is read through
:func:`~factsheet.files.read_input` (a regular file of at most 4 MiB), no member may be larger
than :data:`~factsheet.files.MAX_INPUT_BYTES` (however small its header says it is), the
members must be exactly those the manifest and the locale list call for, each must match its
digest, and the checksum must be the one the inputs give. The inputs themselves are parsed
by the package's own strict parsers when an edition is used (:mod:`.editions`).

Written deterministically (sorted names, fixed timestamps and permissions, one compression
level), so freezing the same files twice gives the same bytes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from factsheet.errors import ContentError
from factsheet.files import MAX_INPUT_BYTES, read_input, too_large
from factsheet.locale.registry import parse_locale_list
from factsheet.model.fields import DATE_PATTERN

from . import layout
from .versions import is_version

__all__ = ["FORMAT", "Archive", "archive_bytes", "is_date", "read_archive"]

#: The archive format; a reader refuses any other.
FORMAT = 1
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_MANIFEST_KEYS = {"format", "version", "date", "checksum", "files"}


@dataclass(frozen=True)
class Archive:
    """One release as archived: its manifest and every member but the manifest, by name."""

    version: str
    date: str
    checksum: str
    codes: tuple[str, ...]
    """The locales of the release, source first, as its ``locales.yaml`` lists them."""
    members: Mapping[str, bytes]

    @property
    def inputs(self) -> dict[str, bytes]:
        """The members the text comes from (what :func:`.layout.working_inputs` reads)."""
        return {name: self.members[name] for name in layout.input_names(self.codes)}

    def json(self, code: str) -> bytes:
        """The bytes of ``/v1/{code}/factsheet`` as served when this release was made."""
        return self.members[layout.json_name(code)]


def archive_bytes(version: str, date: str, inputs: Mapping[str, bytes], bodies: Mapping[str, bytes]) -> bytes:
    """The archive of a release: ``inputs`` by layout name, ``bodies`` the JSON by locale code."""
    import hashlib  # noqa: PLC0415 - zipfile and hashlib cost ~20 ms of import: pay it on use
    import zipfile  # noqa: PLC0415

    codes = tuple(parse_locale_list(inputs[layout.LOCALES], layout.LOCALES))
    if set(bodies) != set(codes):
        raise ValueError(f"the JSON bodies are for {sorted(bodies)}, the release has {sorted(codes)}")
    members = {name: inputs[name] for name in layout.input_names(codes)}
    members |= {layout.json_name(code): bodies[code] for code in codes}
    manifest = {
        "format": FORMAT,
        "version": version,
        "date": date,
        "checksum": layout.checksum(members, codes),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(members.items())},
    }
    members[layout.MANIFEST] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, members[name], compresslevel=9)
    return out.getvalue()


def read_archive(path: Path, name: str | None = None) -> Archive:
    """Read and check the archive at ``path``; a fault raises ContentError naming it and the member."""
    import zipfile  # noqa: PLC0415

    shown = name or str(path)
    data = read_input(path, shown)

    def fail(member: str, message: str) -> ContentError:
        return ContentError(shown, [(member, None, message)], what="release archive")

    try:
        zipped = zipfile.ZipFile(io.BytesIO(data))
        infos = zipped.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise fail("", f"not a zip archive ({error})") from error
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise fail("", "a member is stored twice")
    members: dict[str, bytes] = {}
    for info in infos:
        if info.file_size > MAX_INPUT_BYTES:
            raise fail(info.filename, too_large())
        try:
            with zipped.open(info) as member:
                content = member.read(MAX_INPUT_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:  # a CRC fault is BadZipFile
            raise fail(info.filename, f"cannot be read ({error})") from error
        if len(content) > MAX_INPUT_BYTES:
            raise fail(info.filename, too_large())
        members[info.filename] = content
    if layout.MANIFEST not in members:
        raise fail(layout.MANIFEST, "missing")
    manifest = _manifest(members.pop(layout.MANIFEST), fail)
    if layout.LOCALES not in members:
        raise fail(layout.LOCALES, "missing")
    codes = tuple(parse_locale_list(members[layout.LOCALES], f"{shown}:{layout.LOCALES}"))
    _check_members(members, manifest["files"], codes, fail)
    if layout.checksum(members, codes) != manifest["checksum"]:
        raise fail(layout.MANIFEST, "the checksum does not match the inputs")
    return Archive(manifest["version"], manifest["date"], manifest["checksum"], codes, members)


def _check_members(
    members: dict[str, bytes], listed: dict[str, str], codes: tuple[str, ...], fail: Any
) -> None:
    """Exactly the members a release of these locales has, each listed with its digest."""
    import hashlib  # noqa: PLC0415

    expected = set(layout.input_names(codes)) | {layout.json_name(code) for code in codes}
    for wanted in sorted(expected | set(listed) | set(members)):
        if wanted not in expected:
            raise fail(wanted, "not a member a release has")
        if wanted not in members or wanted not in listed:
            raise fail(wanted, "missing" if wanted not in members else "missing from the manifest")
        if hashlib.sha256(members[wanted]).hexdigest() != listed[wanted]:
            raise fail(wanted, "its bytes do not match the digest in the manifest")


def _manifest(data: bytes, fail: Any) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("a key is given twice")
        return dict(pairs)

    try:
        manifest = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise fail(layout.MANIFEST, f"not valid JSON ({error})") from error
    if not isinstance(manifest, dict) or set(manifest) != _MANIFEST_KEYS:
        raise fail(layout.MANIFEST, f"must hold exactly {', '.join(sorted(_MANIFEST_KEYS))}")
    if manifest["format"] != FORMAT or isinstance(manifest["format"], bool):
        raise fail(f"{layout.MANIFEST}: format", f"format {manifest['format']!r} is not {FORMAT}")
    if not is_version(manifest["version"]):
        raise fail(f"{layout.MANIFEST}: version", "must be a version MAJOR.MINOR.PATCH")
    if not is_date(manifest["date"]):
        raise fail(f"{layout.MANIFEST}: date", "must be a date YYYY-MM-DD")
    files = manifest["files"]
    if not isinstance(files, dict) or not all(_is_digest(value) for value in files.values()):
        raise fail(f"{layout.MANIFEST}: files", "must map member names to SHA-256 digests")
    if not _is_digest(manifest["checksum"]):
        raise fail(f"{layout.MANIFEST}: checksum", "must be a SHA-256 digest")
    return manifest


def is_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        return False
    try:
        Date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
