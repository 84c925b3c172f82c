"""The exceptions this package raises, all under :class:`FactsheetError`.

Each error carries its context as attributes, so the message alone tells a user what to fix
and a program can still read the parts.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "ContentError",
    "FactsheetError",
    "InputFileError",
    "NotFoundError",
    "UnknownItemError",
    "UnknownLocaleError",
    "UnknownSectionError",
    "UnknownVersionError",
]


class FactsheetError(Exception):
    """Base class of every error raised on purpose by this package."""


class ContentError(FactsheetError, ValueError):
    """A content file (or the locale list, a catalog, the interface text) is not valid.

    ``problems`` holds one ``(path, line, message)`` triple per fault, where ``path`` is the
    place inside the file by id (``risks/echo/title``; ``metadata/edition``), with an index
    where there is no id (``sections[5]``), and ``line`` is 1-based or ``None``. ``what``
    names the kind of file in the message (``factsheet content``, ``locale list``).
    """

    def __init__(
        self, file: str, problems: Iterable[tuple[str, int | None, str]], what: str = "factsheet content"
    ) -> None:
        self.file = file
        self.what = what
        self.problems = tuple(sorted(problems, key=lambda p: (p[1] or 0, p[0])))
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [f"{self.file}: invalid {self.what}"]
        for path, line, message in self.problems:
            where = f"line {line}: " if line else ""
            lines.append(f"  {where}{path or '(document)'}: {message}")
        return "\n".join(lines)


class InputFileError(FactsheetError, OSError):
    """A file could not be read at all: missing, not permitted, or not a regular file.

    ``file`` names it and ``reason`` says why (``no such file``), so it never reads as
    "invalid content".
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


class NotFoundError(FactsheetError, LookupError):
    """A strict lookup found nothing; ``available`` names what does exist."""

    kind = "entry"

    def __init__(self, key: str, available: Iterable[str]) -> None:
        self.key = key
        self.available = tuple(available)
        super().__init__(f"unknown {self.kind} {key!r}; available: {', '.join(self.available) or '(none)'}")


class UnknownLocaleError(NotFoundError):
    """The locale is not one this package ships."""

    kind = "locale"


class UnknownSectionError(NotFoundError):
    """No section of the factsheet has this id."""

    kind = "section"


class UnknownItemError(NotFoundError):
    """No item of the section has this id."""

    kind = "item"


class UnknownVersionError(NotFoundError):
    """No release of the factsheet has this version."""

    kind = "version"
