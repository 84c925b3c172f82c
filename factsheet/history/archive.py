"""A release archive, ``factsheet/releases/<version>.zip``: reading it strictly, writing it deterministically.

It holds the inputs of the release under the names of :mod:`.layout`, the JSON of
``/v1/{locale}/factsheet`` for every locale as served at release time, and ``manifest.json``
(format, version, date, content checksum, and the SHA-256 of every other member).

Read with the same limits and strictness as the working files: the archive is read through
:func:`~factsheet.files.read_input` (a regular file of at most 4 MiB), no member may be larger
than :data:`~factsheet.files.MAX_INPUT_BYTES` (however small its header says it is) nor all
together than :data:`MAX_UNPACKED_BYTES`, the members must be exactly those the manifest and
the locale list call for (checked before any other member is decompressed), each must match
its digest, and the checksum must be the one the inputs give. The inputs themselves are parsed
by the package's own strict parsers when a release is used (:mod:`.snapshots`).

Written deterministically (sorted names, fixed timestamps and permissions, one compression
level), so freezing the same files twice gives the same bytes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import ContentError
from factsheet.files import MAX_INPUT_BYTES, read_input, too_large
from factsheet.locale.registry import parse_locale_list
from factsheet.model.fields import DATE_PATTERN

from . import layout
from .versions import is_version

if TYPE_CHECKING:
    from zipfile import ZipFile, ZipInfo

__all__ = ["FORMAT", "MAX_UNPACKED_BYTES", "Archive", "archive_bytes", "is_date", "read_archive"]

#: The archive format; a reader refuses any other.
FORMAT = 1
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_MANIFEST_KEYS = {"format", "version", "date", "checksum", "files"}
#: The most that all members together may unpack to: 64 MiB, 16 times the largest archive read
#: (text deflates 3 to 6 times; release 1.1.0 unpacks to 0.4 MB).
MAX_UNPACKED_BYTES = 16 * MAX_INPUT_BYTES
#: Makes the ContentError of a fault in one member: ``fail(member, problem)``.
_Fail = Callable[[str, str], ContentError]


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
    """Read and check the archive at ``path``; a fault raises ContentError naming it and the member.

    The zip directory is checked before anything is decompressed: every name one a release can
    have, each member's size within the input limit and all together within
    :data:`MAX_UNPACKED_BYTES`. Then the manifest and the locale list are read, which say which
    members there must be, and the names are checked against them before any other is read.
    """
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
    directory = _directory(infos, fail)
    if layout.MANIFEST not in directory:
        raise fail(layout.MANIFEST, "missing")
    manifest = _manifest(_read(zipped, directory.pop(layout.MANIFEST), fail), fail)
    if layout.LOCALES not in directory:
        raise fail(layout.LOCALES, "missing")
    locale_list = _read(zipped, directory[layout.LOCALES], fail)
    codes = tuple(parse_locale_list(locale_list, f"{shown}:{layout.LOCALES}"))
    _check_names(set(directory), manifest["files"], codes, fail)
    members = {
        member: locale_list if member == layout.LOCALES else _read(zipped, info, fail)
        for member, info in directory.items()
    }
    _check_digests(members, manifest["files"], fail)
    if layout.checksum(members, codes) != manifest["checksum"]:
        raise fail(layout.MANIFEST, "the checksum does not match the inputs")
    return Archive(manifest["version"], manifest["date"], manifest["checksum"], codes, members)


def _directory(infos: list[ZipInfo], fail: _Fail) -> dict[str, ZipInfo]:
    """The members by name, if every name is one a release can have, each member is plainly
    deflated (or stored), and the sizes are within the limits. The sizes are those of the zip
    directory: :mod:`zipfile` never unpacks a member to more than its directory size."""
    import zipfile  # noqa: PLC0415

    if len({info.filename for info in infos}) != len(infos):
        raise fail("", "a member is stored twice")
    total = 0
    for info in infos:
        if not layout.could_hold(info.filename):
            raise fail(info.filename, "not a member a release has")
        if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 1:
            method = "encrypted" if info.flag_bits & 1 else f"compressed with method {info.compress_type}"
            raise fail(info.filename, f"{method}: only stored or deflated members are read")
        if info.file_size > MAX_INPUT_BYTES:
            raise fail(info.filename, too_large())
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            limit = MAX_UNPACKED_BYTES // (1024 * 1024)
            raise fail(
                info.filename,
                f"too large: the members up to this one unpack to more than {limit} MiB, "
                "the limit for a release archive",
            )
    return {info.filename: info for info in infos}


def _read(zipped: ZipFile, info: ZipInfo, fail: _Fail) -> bytes:
    """One member's bytes; damaged data (a CRC fault, a bad deflate stream) is a ContentError."""
    import zipfile  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    try:
        with zipped.open(info) as member:
            content = member.read(MAX_INPUT_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as error:
        raise fail(info.filename, f"cannot be read ({error})") from error
    if len(content) > MAX_INPUT_BYTES:
        raise fail(info.filename, too_large())
    return content


def _check_names(names: set[str], listed: dict[str, str], codes: tuple[str, ...], fail: _Fail) -> None:
    """Exactly the members a release of these locales has, each listed in the manifest."""
    expected = set(layout.input_names(codes)) | {layout.json_name(code) for code in codes}
    for wanted in sorted(expected | set(listed) | names):
        if wanted not in expected:
            raise fail(wanted, "not a member a release has")
        if wanted not in names or wanted not in listed:
            raise fail(wanted, "missing" if wanted not in names else "missing from the manifest")


def _check_digests(members: dict[str, bytes], listed: dict[str, str], fail: _Fail) -> None:
    import hashlib  # noqa: PLC0415

    for member in sorted(members):
        if hashlib.sha256(members[member]).hexdigest() != listed[member]:
            raise fail(member, "its bytes do not match the digest in the manifest")


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
