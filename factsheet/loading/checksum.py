"""``content_checksum()``: one digest over every file any text in any locale comes from."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from factsheet.files import INTERFACE_NAME, catalog_file, content_file, locale_list_file
from factsheet.locale.registry import DEFAULT_LOCALE, locale_statuses

__all__ = ["checksum_of", "content_checksum"]


@cache
def content_checksum() -> str:
    """A SHA-256 over the Dutch source and interface text, the locale list and every catalog.

    It changes whenever any text in any locale can have changed, and not otherwise.
    """
    parts = [content_file(), content_file(INTERFACE_NAME), locale_list_file()]
    parts += [catalog_file(code) for code in locale_statuses() if code != DEFAULT_LOCALE]
    return checksum_of((part.name, _bytes(part)) for part in parts)


def checksum_of(parts: Iterable[tuple[str, bytes]]) -> str:
    """The digest of ``(file name, bytes)`` pairs in order: the same for the working files and
    for a release archive (:mod:`factsheet.history`)."""
    import hashlib  # noqa: PLC0415 - only clients that ask for a checksum pay for the import

    digest = hashlib.sha256()
    for name, data in parts:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
