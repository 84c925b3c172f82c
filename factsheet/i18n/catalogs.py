"""Reading a locale's gettext catalog at run time.

Why read the ``.po`` file itself (with Babel) instead of shipping compiled ``.mo`` files: the
same files are used from a wheel and from an editable install, a catalog can never be stale
with respect to its ``.po`` (there is nothing compiled to forget), and it costs about 2 ms per
locale, once. Why not ``gettext``'s ``pgettext``: it returns the Dutch ``msgid`` both when a
translation is missing and when it equals the Dutch, and we must know which strings fell back.
A lookup is by (``msgctxt``, ``msgid``): an entry made for an older Dutch text does not match,
so an out-of-date translation is never shown. Fuzzy entries are left out, as ``msgfmt`` does.
Before Babel reads a file, :mod:`.po_syntax` refuses what ``msgfmt`` calls a syntax error (Babel
would read ``msgstr "Echo`` as ``Ech``); after, each translation that :mod:`.rules` forbids
(a ``{version:>9}`` placeholder, a line break the Dutch has not) is dropped with its line.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from factsheet.errors import ContentError, InputFileError
from factsheet.files import catalog_file, read_input

from .po_syntax import syntax_problems
from .rules import shown_problem

__all__ = [
    "CatalogWarning",
    "LocaleTranslations",
    "Rejected",
    "parse_catalog",
    "read_catalog",
    "warn_fallbacks",
]

NEWLINE = b"\n"
Translations = Mapping[tuple[str, str], str]


class CatalogWarning(UserWarning):
    """A locale shows some strings in Dutch: its catalog is missing, unreadable or unfinished."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """A translation that is not shown: where it is and why."""

    context: str
    line: int
    problem: str


@dataclass(frozen=True)
class LocaleTranslations:
    """The finished translations of a locale, ``{(msgctxt, msgid): msgstr}``, why there are none
    if the catalog could not be read (``problem``), and the translations dropped (``rejected``)."""

    translations: Translations = field(default_factory=dict)
    problem: str | None = None
    rejected: tuple[Rejected, ...] = ()


@cache
def read_catalog(code: str) -> LocaleTranslations:
    """The finished translations of a locale (``code`` must be a shipped locale code).

    A missing, oversized or unreadable catalog gives an empty catalog with its ``problem``, so
    every string of that locale falls back to Dutch (and says why, once) and no other locale is
    affected.
    """
    name = f"{code}/LC_MESSAGES/{catalog_file(code).name}"
    try:
        data = read_input(catalog_file(code), name)
    except InputFileError as error:
        return LocaleTranslations(problem=f"its catalog {error}")
    except ContentError as error:
        return LocaleTranslations(problem=f"its catalog {name} is {error.problems[0][2]}")
    catalog = parse_catalog(data, name)
    for rejected in catalog.rejected:
        warnings.warn(
            f"Locale {code!r} shows {rejected.context} in Dutch: {name} line {rejected.line}: "
            f"{rejected.problem}.",
            CatalogWarning,
            stacklevel=4,
        )
    return catalog


def syntax_error(data: bytes) -> str | None:
    """The first syntax error of ``.po`` bytes as ``line N: problem`` (1-based, as msgfmt), or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(NEWLINE, 0, error.start) + 1
        return f"line {line}: not UTF-8"
    found = syntax_problems(text)
    return f"line {found[0][0]}: {found[0][1]}" if found else None


def parse_catalog(data: bytes, name: str) -> LocaleTranslations:
    """The finished translations in ``.po`` bytes; ``name`` is used in the problem."""
    # Imported here: Babel's catalog machinery costs ~10 ms of import that Dutch-only users skip.
    from babel.messages.pofile import PoFileError, read_po  # noqa: PLC0415

    problem = syntax_error(data)
    if problem:
        return LocaleTranslations(problem=f"its catalog {name} cannot be read ({problem})")
    try:
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except PoFileError as error:  # Babel counts lines from 0
        reason = str(error.args[0]).rsplit(" on ", 1)[0]
        problem = f"its catalog {name} cannot be read (line {error.lineno + 1}: {reason})"
        return LocaleTranslations(problem=problem)
    except Exception as error:  # noqa: BLE001 - any fault in one catalog must only cost its own strings
        return LocaleTranslations(problem=f"its catalog {name} cannot be read ({error})")
    lines = data.decode("utf-8").split("\n")
    translations: dict[tuple[str, str], str] = {}
    rejected: list[Rejected] = []
    for message in catalog:
        if not (
            message.id
            and isinstance(message.id, str)
            and isinstance(message.string, str)
            and message.context
            and message.string
            and not message.fuzzy
        ):
            continue
        why = shown_problem(message.id, message.string)
        if why:
            line = msgstr_line(lines, message.lineno)
            rejected.append(Rejected(message.context, line, why))
        else:
            translations[(message.context, message.id)] = message.string
    return LocaleTranslations(translations, rejected=tuple(rejected))


def msgstr_line(lines: list[str], msgid_line: int | None) -> int:
    """The 1-based line of the ``msgstr`` that follows the ``msgid`` on ``msgid_line``."""
    if msgid_line is None:
        return 0
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


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
