"""Reading a content file: a validated :class:`Factsheet` out, or one error that says what is wrong.

Every failure, from a missing file and undecodable bytes to a numbering gap, becomes one
:class:`~factsheet.errors.ContentError` naming the file, the place inside it by id
(``risks/echo/text``) and, where the YAML gives one, the line; or, for a file that cannot be
read at all, an :class:`~factsheet.errors.InputFileError` (``no such file``).
"""

from __future__ import annotations

from pathlib import Path

from factsheet.errors import ContentError
from factsheet.files import MAX_INPUT_BYTES, read_input, too_large

from .objects import Factsheet
from .schema import FactsheetSchema
from .strict_yaml import parse_document

__all__ = ["parse_content", "read_content"]

_SCHEMA = FactsheetSchema()


def read_content(path: str | Path) -> Factsheet:
    """Read and validate the content file at ``path`` (a regular file of at most 4 MiB)."""
    return parse_content(read_input(path), str(path))


def parse_content(data: bytes | str, name: str = "<content>") -> Factsheet:
    """Validate YAML text and build the factsheet; ``name`` is used in error messages."""
    if len(data) > MAX_INPUT_BYTES:
        raise ContentError(name, [("", None, too_large())])
    factsheet: Factsheet = parse_document(data, name, _SCHEMA.load)
    return factsheet
