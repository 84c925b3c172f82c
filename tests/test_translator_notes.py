"""Every interface string carries a translator note (``#.`` in the template): where it appears and
what it refers to, taken from the comment above it in ``interface.nl.yaml``."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from factsheet.i18n import notes
from factsheet.i18n.extract import extract_interface
from factsheet.i18n.notes import interface_notes, missing_notes
from factsheet.loading.interface import source_interface
from factsheet.model.interface_text import interface_context, placeholders

from .conftest import ROOT

INTERFACE = ROOT / "factsheet" / "content" / "interface.nl.yaml"
TEMPLATE = ROOT / "translations" / "factsheet.pot"


def _template_notes() -> dict[str, list[str]]:
    with TEMPLATE.open("rb") as handle:
        return {m.context: m.auto_comments for m in read_po(handle) if m.id and m.context}


@pytest.mark.parametrize("key", list(source_interface()))
def test_every_interface_string_has_a_note_in_the_template(key: str) -> None:
    found = _template_notes()[interface_context(key)]
    assert len(found) == 1 and found[0].strip(), f"interface/{key} has no translator note"
    for name in placeholders(source_interface()[key]):  # and it names each value filled in
        assert f"{{{name}}}" in found[0]


def test_the_check_finds_no_string_without_a_note() -> None:
    assert missing_notes() == []


def test_a_string_without_a_comment_above_it_has_no_note_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = INTERFACE.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("  embed-section:"))
    assert lines[at - 1].lstrip().startswith("#")
    bare = "".join(lines[: at - 1] + lines[at:])
    comments = _comments(bare)
    assert comments["interface/embed-section"] == []
    assert all(comments[context] for context in comments if context != "interface/embed-section")
    copy = tmp_path / "interface.nl.yaml"
    copy.write_text(bare, encoding="utf-8")
    monkeypatch.setattr(notes, "content_file", lambda name: copy)
    (problem,) = missing_notes()
    assert problem.startswith("interface/embed-section: no translator note")


def test_a_blank_line_ends_a_note() -> None:
    text = '# About the file.\n\nstrings:\n  # The label.\n  label: "Label"\n\n  other: "Ander"\n'
    assert interface_notes(text, "x.yaml") == {"label": "The label.", "other": ""}


def _comments(text: str) -> dict[str, list[str]]:
    """The extractor's comments of each message context (what pybabel writes as ``#.``)."""
    extracted = extract_interface(BytesIO(text.encode()), [], [], {})
    return {context: comments for _, _, (context, _), comments in extracted}
