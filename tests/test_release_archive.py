"""A release archive is read as strictly as the working files, and written deterministically."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from factsheet import MAX_INPUT_BYTES, ContentError, InputFileError
from factsheet.history import layout
from factsheet.history.archive import MAX_UNPACKED_BYTES, archive_bytes, read_archive
from factsheet.history.store import ReleaseStore
from factsheet.locale.registry import parse_locale_list

from .releases import bodies_for, inputs_of, write_release


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rezip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _problem(path: Path) -> tuple[str, str]:
    with pytest.raises(ContentError) as caught:
        read_archive(path, "the-archive.zip")
    assert caught.value.file == "the-archive.zip" and caught.value.what == "release archive"
    member, _, message = caught.value.problems[0]
    return member, message


def test_written_deterministically_and_read_back(tmp_path: Path) -> None:
    inputs = inputs_of("2.0.0")
    first = archive_bytes("2.0.0", "2026-12-01", inputs, bodies_for(inputs))
    assert first == archive_bytes("2.0.0", "2026-12-01", dict(reversed(inputs.items())), bodies_for(inputs))
    path = tmp_path / "2.0.0.zip"
    path.write_bytes(first)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    read = read_archive(path)
    assert (read.version, read.date) == ("2.0.0", "2026-12-01")
    assert read.inputs == inputs
    assert read.json("es") == b'{"locale":"es"}'
    manifest = json.loads(_members(path)[layout.MANIFEST])
    assert manifest["checksum"] == read.checksum and manifest["format"] == 1


@pytest.mark.parametrize(
    ("change", "member", "message"),
    [
        (lambda m: m.update({"extra.txt": b"x"}), "extra.txt", "not a member a release has"),
        (lambda m: m.pop(layout.catalog_name("es")), layout.catalog_name("es"), "missing"),
        (lambda m: m.pop(layout.json_name("nl")), layout.json_name("nl"), "missing"),
        (lambda m: m.update({layout.json_name("es"): b"{}"}), layout.json_name("es"), "do not match"),
        (lambda m: m.pop(layout.MANIFEST), layout.MANIFEST, "missing"),
        (lambda m: m.update({layout.MANIFEST: b'{"format": 1, "format": 1}'}), layout.MANIFEST, "twice"),
        (lambda m: m.update({layout.MANIFEST: b"\xff"}), layout.MANIFEST, "not valid JSON"),
        (lambda m: m.update({layout.MANIFEST: b"[]"}), layout.MANIFEST, "must hold exactly"),
    ],
)
def test_members_must_be_exactly_those_of_a_release(
    tmp_path: Path, change: object, member: str, message: str
) -> None:
    members = _members(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")))
    change(members)  # type: ignore[operator]
    found = _problem(_rezip(tmp_path / "bad.zip", members))
    assert found[0] == member and message in found[1], found


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("version", "1.0", "MAJOR.MINOR.PATCH"),
        ("date", "2026-02-30", "YYYY-MM-DD"),
        ("format", 2, "is not 1"),
        ("checksum", "0" * 64, "does not match the inputs"),
        ("files", ["x"], "SHA-256 digests"),
    ],
)
def test_the_manifest_is_checked(tmp_path: Path, key: str, value: object, message: str) -> None:
    members = _members(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")))
    manifest = json.loads(members[layout.MANIFEST])
    manifest[key] = value
    members[layout.MANIFEST] = json.dumps(manifest).encode()
    assert message in _problem(_rezip(tmp_path / "bad.zip", members))[1]


def test_a_member_over_the_input_limit_is_refused_unread(tmp_path: Path) -> None:
    members = _members(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")))
    members[layout.json_name("es")] = b"\0" * (MAX_INPUT_BYTES + 1)  # deflates to a few KB
    path = _rezip(tmp_path / "bomb.zip", members)
    assert path.stat().st_size < MAX_INPUT_BYTES
    assert _problem(path) == (
        layout.json_name("es"),
        "too large: more than 4 MiB, the limit for an input file",
    )


def test_an_archive_that_is_no_regular_file_or_too_large_or_no_zip(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_archive(tmp_path / "missing.zip")
    fifo = tmp_path / "fifo.zip"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        read_archive(fifo)
    big = tmp_path / "big.zip"
    big.write_bytes(b"\0" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(ContentError, match="too large"):
        read_archive(big)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    assert "not a zip archive" in _problem(junk)[1]


def test_a_corrupted_member_is_caught_by_the_zip_check(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(layout.MANIFEST, b"{}" * 50)
    data = bytearray(buffer.getvalue())
    data[data.index(b"{}{}") + 10] ^= 1  # one flipped bit in the stored bytes: a CRC fault
    path = tmp_path / "flipped.zip"
    path.write_bytes(bytes(data))
    assert _problem(path)[1].startswith("cannot be read")


def test_an_invalid_input_inside_names_the_archive_member_and_line(tmp_path: Path) -> None:
    inputs = inputs_of("2.0.0", (layout.CONTENT, 'title: "Echo"', 'title: ""'))
    write_release(tmp_path, "2.0.0", inputs)
    with pytest.raises(ContentError) as caught:
        ReleaseStore(tmp_path).snapshot("2.0.0").factsheet("nl")
    assert caught.value.file == "factsheet/releases/2.0.0.zip:content/factsheet.nl.yaml"
    path, line, message = caught.value.problems[0]
    assert (path, message) == ("risks/echo/title", "must not be empty") and line


def test_an_unreadable_catalog_inside_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    write_release(tmp_path, "2.0.0", inputs_of("2.0.0") | {layout.catalog_name("es"): b'msgid "\n'})
    with pytest.raises(ContentError, match=r"2.0.0.zip:translations/es/LC_MESSAGES/factsheet.po"):
        ReleaseStore(tmp_path).snapshot("2.0.0").factsheet("es")


def test_the_file_name_manifest_and_content_agree_on_the_version(tmp_path: Path) -> None:
    (tmp_path / "3.0.0.zip").write_bytes(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")).read_bytes())
    store = ReleaseStore(tmp_path)
    with pytest.raises(ContentError, match=r"names the version '2\.0\.0'"):
        store.archive("3.0.0")
    write_release(tmp_path, "4.0.0", inputs_of("2.0.0"))
    with pytest.raises(ContentError, match=r"metadata/version is '2\.0\.0'"):
        store.snapshot("4.0.0")
    assert store.versions() == ("4.0.0", "3.0.0", "2.0.0")


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the members that ``read_archive`` decompresses from now on."""
    names: list[str] = []
    original = zipfile.ZipFile.open

    def counting(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    return names


def test_many_unexpected_members_are_refused_before_anything_is_decompressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review's bomb was 900 members of 4 MiB of zeros (3.8 MB zipped; 23.9 s and 3.7 GB to refuse).
    members = _members(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")))
    zeros = b"\0" * MAX_INPUT_BYTES
    members |= {f"b{number:04}": zeros for number in range(50)}
    path = _rezip(tmp_path / "bomb.zip", members)
    assert path.stat().st_size < 1024 * 1024
    opened = _opened(monkeypatch)
    assert _problem(path) == ("b0000", "not a member a release has")
    assert opened == []


def test_unexpected_names_are_refused_before_the_other_members_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name that could be a catalog, for a locale the release does not list: only the
    # manifest and the locale list (which say what is expected) are read to find that out.
    members = _members(write_release(tmp_path, "2.0.0", inputs_of("2.0.0")))
    members[layout.catalog_name("xx")] = b"\0" * MAX_INPUT_BYTES
    path = _rezip(tmp_path / "bad.zip", members)
    opened = _opened(monkeypatch)
    assert _problem(path) == (
        layout.catalog_name("xx"),
        "not a member a release has",
    )
    assert sorted(opened) == [layout.MANIFEST, layout.LOCALES]


def test_the_members_together_may_not_unpack_to_more_than_the_archive_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every name expected, each member under the input limit, but together over the archive's.
    inputs = inputs_of("2.0.0")
    codes = parse_locale_list(inputs[layout.LOCALES], layout.LOCALES)
    members = _members(write_release(tmp_path, "2.0.0", inputs))
    zeros = b"\0" * MAX_INPUT_BYTES
    filled = sorted(layout.json_name(code) for code in codes) + sorted(
        layout.catalog_name(code) for code in codes if code != "nl"
    )
    needed = MAX_UNPACKED_BYTES // MAX_INPUT_BYTES + 1
    assert len(filled) >= needed
    members |= dict.fromkeys(filled[:needed], zeros)
    path = _rezip(tmp_path / "bomb.zip", members)
    opened = _opened(monkeypatch)
    member, message = _problem(path)
    assert member in filled[:needed] and message == (
        f"too large: the members up to this one unpack to more than "
        f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MiB, the limit for a release archive"
    )
    assert opened == []


def _damage(path: Path, member: str, field: str, value: int) -> None:
    """Set one byte of ``member``: the first of its deflated data, or in its zip directory entry
    the low byte of its flags (encrypted: 1) or of its method."""
    data = bytearray(path.read_bytes())
    if field == "data":
        with zipfile.ZipFile(path) as archive:
            start = archive.getinfo(member).header_offset
        name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
        data[start + 30 + name_length + extra_length] = value
    else:  # the zip directory comes last; its entry has the flags 38 and the method 36 bytes before the name
        data[data.rindex(member.encode()) - (38 if field == "flags" else 36)] = value
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (
            "data",
            0xFF,
            "cannot be read (Error -3 while decompressing data: invalid block type)",
        ),  # zlib.error
        ("method", 1, "compressed with method 1: only stored or deflated members are read"),  # unknown
        ("method", 12, "compressed with method 12: only stored or deflated members are read"),  # bzip2
        ("flags", 1, "encrypted: only stored or deflated members are read"),
    ],
)
def test_a_corrupt_member_names_the_archive_and_the_member(
    tmp_path: Path, field: str, value: int, problem: str
) -> None:
    path = write_release(tmp_path, "2.0.0", inputs_of("2.0.0"))
    member = layout.json_name("es")
    _damage(path, member, field, value)
    assert _problem(path) == (member, problem)
