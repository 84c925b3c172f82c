"""Translator notes of the interface text: the comment directly above a string in
``interface.nl.yaml`` is its note, the ``#.`` line the template gives translators (as xgettext
takes the comment above a call). A short label ("Sectie", "Onderdeel") is ambiguous without one, so
every interface string must have a note: :func:`missing_notes` names those without.
"""

from __future__ import annotations

from factsheet.files import INTERFACE_NAME, content_file, read_input
from factsheet.model.interface_text import parse_interface
from factsheet.model.strict_yaml import LineFinder

__all__ = ["comment_above", "interface_notes", "missing_notes"]

_INTERFACE = f"factsheet/content/{INTERFACE_NAME}"


def comment_above(lines: list[str], line: int) -> str:
    """The comment lines directly above the 1-based ``line`` (no blank line between), as one line."""
    found: list[str] = []
    number = line - 1
    while number >= 1 and lines[number - 1].lstrip().startswith("#"):
        found.append(lines[number - 1].strip().lstrip("#").strip())
        number -= 1
    return " ".join(part for part in reversed(found) if part)


def interface_notes(text: str, name: str = _INTERFACE) -> dict[str, str]:
    """Every interface string's note, ``{key: note}`` (``""`` for a string without one)."""
    lines = text.splitlines()
    finder = LineFinder(text)
    notes = {}
    for key in parse_interface(text, name):
        line = finder.line(("strings", key))
        notes[key] = comment_above(lines, line) if line else ""
    return notes


def missing_notes() -> list[str]:
    """A problem for each interface string that has no translator note."""
    text = read_input(content_file(INTERFACE_NAME), _INTERFACE).decode("utf-8")
    return [
        f"interface/{key}: no translator note: write a comment line directly above it in {_INTERFACE} "
        "saying where it appears and what it refers to"
        for key, note in interface_notes(text).items()
        if not note
    ]
