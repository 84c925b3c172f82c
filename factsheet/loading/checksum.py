"""``content_checksum()``: one digest over every file any text in any locale comes from."""

from __future__ import annotations

from functools import cache

from factsheet.files import INTERFACE_NAME, catalog_file, content_file, locale_list_file
from factsheet.locale.registry import DEFAULT_LOCALE, locale_statuses

__all__ = ["content_checksum"]


@cache
def content_checksum() -> str:
    """A SHA-256 over the Dutch source and interface text, the locale list and every catalog.

    It changes whenever any text in any locale can have changed, and not otherwise.
    """
    import hashlib  # noqa: PLC0415 - only clients that ask for a checksum pay for the import

    digest = hashlib.sha256()
    parts = [content_file(), content_file(INTERFACE_NAME), locale_list_file()]
    parts += [catalog_file(code) for code in locale_statuses() if code != DEFAULT_LOCALE]
    for part in parts:
        try:
            data = part.read_bytes()
        except OSError:
            data = b""
        digest.update(part.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()
