"""A catalog's translated entries as plain strings, for tests that read the catalogs."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po


def catalog_strings(path: Path) -> list[tuple[str, str, str]]:
    """``(context, Dutch, translation)`` of every translated entry of the ``.po`` file at ``path``."""
    with path.open("rb") as handle:
        return [
            (m.context or "", m.id, m.string)
            for m in read_po(handle)
            if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
        ]
