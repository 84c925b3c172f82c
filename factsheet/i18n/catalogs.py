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
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from factsheet.errors import ContentError, InputFileError
from factsheet.files import catalog_file, read_input

__all__ = ["Catalog", "CatalogWarning", "parse_catalog", "read_catalog", "warn_fallbacks"]

Translations = Mapping[tuple[str, str], str]


class CatalogWarning(UserWarning):
    """A locale shows some strings in Dutch: its catalog is missing, unreadable or unfinished."""


@dataclass(frozen=True)
class Catalog:
    """The finished translations of a locale, ``{(msgctxt, msgid): msgstr}``, and why there are
    none if the catalog could not be read (``problem``)."""

    translations: Translations = field(default_factory=dict)
    problem: str | None = None


@cache
def read_catalog(code: str) -> Catalog:
    """The finished translations of a locale (``code`` must be a shipped locale code).

    A missing, oversized or unreadable catalog gives an empty catalog with its ``problem``, so
    every string of that locale falls back to Dutch (and says why, once) and no other locale is
    affected.
    """
    name = f"{code}/LC_MESSAGES/{catalog_file(code).name}"
    try:
        data = read_input(catalog_file(code), name)
    except InputFileError as error:
        return Catalog(problem=f"its catalog {error}")
    except ContentError as error:
        return Catalog(problem=f"its catalog {name} is {error.problems[0][2]}")
    return parse_catalog(data, name)


def parse_catalog(data: bytes, name: str) -> Catalog:
    """The finished translations in ``.po`` bytes; ``name`` is used in the problem."""
    # Imported here: Babel's catalog machinery costs ~10 ms of import that Dutch-only users skip.
    from babel.messages.pofile import read_po  # noqa: PLC0415

    try:
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except Exception as error:  # noqa: BLE001 - any fault in one catalog must only cost its own strings
        return Catalog(problem=f"its catalog {name} cannot be read ({error})")
    return Catalog(
        {
            (message.context, message.id): message.string
            for message in catalog
            if message.id
            and isinstance(message.id, str)
            and isinstance(message.string, str)
            and message.context
            and message.string
            and not message.fuzzy
        }
    )


def warn_fallbacks(code: str, contexts: list[str], total: int, what: str, problem: str | None = None) -> None:
    """Say once, at load time and in one sentence, which strings of a locale are shown in Dutch."""
    if not contexts:
        return
    if problem:
        message = f"Locale {code!r} shows all {total} {what} in Dutch: {problem}."
    else:
        shown = ", ".join(contexts[:5]) + (", …" if len(contexts) > 5 else "")
        message = (
            f"Locale {code!r} shows {len(contexts)} of {total} {what} in Dutch, having no finished "
            f"translation for them: {shown}. Run python -m factsheet.i18n check to see why."
        )
    warnings.warn(message, CatalogWarning, stacklevel=5)
