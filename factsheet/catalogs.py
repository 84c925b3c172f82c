"""Reading a locale's gettext catalog at run time.

Why read the ``.po`` file itself (with Babel) instead of shipping compiled ``.mo`` files: the
same files are used from a wheel and from an editable install, a catalog can never be stale
with respect to its ``.po`` (there is nothing compiled to forget), and it costs about 2 ms per
locale, once. Why not ``gettext``'s ``pgettext``: it returns the Dutch ``msgid`` both when a
translation is missing and when it equals the Dutch, and we must know which strings fell back.
A lookup is by (``msgctxt``, ``msgid``): an entry made for an older Dutch text does not match,
so an out-of-date translation is never shown. Fuzzy entries are left out, as ``msgfmt`` does.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cache
from io import BytesIO

from ._resources import catalog_file

__all__ = ["CatalogWarning", "read_catalog", "warn_fallbacks"]

Translations = Mapping[tuple[str, str], str]


class CatalogWarning(UserWarning):
    """A catalog could not be read (fully): the affected strings are shown in Dutch."""


@cache
def read_catalog(code: str) -> Translations:
    """The finished translations of a locale: ``{(msgctxt, msgid): msgstr}``.

    A missing or unreadable catalog gives a :class:`CatalogWarning` and an empty mapping, so
    every string of that locale falls back to Dutch and no other locale is affected.
    """
    source = catalog_file(code)
    try:
        data = source.read_bytes()
    except OSError as error:
        warnings.warn(
            f"{code}: no catalog at {source} ({error.strerror}); showing Dutch", CatalogWarning, stacklevel=2
        )
        return {}
    return parse_catalog(data, f"{code}/LC_MESSAGES/{source.name}")


def parse_catalog(data: bytes, name: str) -> Translations:
    """The finished translations in ``.po`` bytes; ``name`` is used in warnings."""
    # Imported here: Babel's catalog machinery costs ~10 ms of import that Dutch-only users skip.
    from babel.messages.pofile import read_po  # noqa: PLC0415

    try:
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except Exception as error:  # noqa: BLE001 - any fault in one catalog must only cost its own strings
        warnings.warn(
            f"{name}: cannot read the catalog ({error}); showing Dutch", CatalogWarning, stacklevel=3
        )
        return {}
    return {
        (message.context, message.id): message.string
        for message in catalog
        if message.id
        and isinstance(message.id, str)
        and isinstance(message.string, str)
        and message.context
        and message.string
        and not message.fuzzy
    }


def warn_fallbacks(code: str, contexts: list[str], total: int) -> None:
    """Say once, at load time, which strings of a locale are shown in Dutch."""
    if contexts:
        shown = ", ".join(contexts[:5]) + (", …" if len(contexts) > 5 else "")
        warnings.warn(
            f"{code}: {len(contexts)} of {total} strings have no finished translation and are shown "
            f"in Dutch: {shown} (python -m factsheet.i18n check tells why)",
            CatalogWarning,
            stacklevel=4,
        )
