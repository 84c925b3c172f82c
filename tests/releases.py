"""Synthetic releases for tests: the working inputs, edited, archived in a folder of their own."""

from __future__ import annotations

import re
from pathlib import Path

from factsheet.history import layout
from factsheet.history.archive import archive_bytes
from factsheet.locale.registry import parse_locale_list

#: The version line of the content file.
VERSION_LINE = re.compile(rb'(?m)^  version: "[^"]+"$')


def inputs_of(version: str, *edits: tuple[str, str, str]) -> dict[str, bytes]:
    """The working inputs with their version set to ``version`` and each ``(member, old, new)``
    replacement made (``old`` must occur exactly once)."""
    inputs = layout.working_inputs()
    inputs[layout.CONTENT] = VERSION_LINE.sub(f'  version: "{version}"'.encode(), inputs[layout.CONTENT])
    for member, old, new in edits:
        text = inputs[member].decode("utf-8")
        assert text.count(old) == 1, (member, old)
        inputs[member] = text.replace(old, new).encode("utf-8")
    return inputs


def bodies_for(inputs: dict[str, bytes]) -> dict[str, bytes]:
    """Stand-in JSON bodies, one per locale of ``inputs``."""
    codes = parse_locale_list(inputs[layout.LOCALES], layout.LOCALES)
    return {code: b'{"locale":"%s"}' % code.encode() for code in codes}


def write_release(directory: Path, version: str, inputs: dict[str, bytes], date: str = "2026-12-01") -> Path:
    path = directory / f"{version}.zip"
    path.write_bytes(archive_bytes(version, date, inputs, bodies_for(inputs)))
    return path
