"""The interface text around the factsheet: translated like the content, never broken."""

from __future__ import annotations

from pathlib import Path

import pytest

import factsheet
from factsheet import ContentError
from factsheet.loading.interface import interface_text
from factsheet.model.interface_text import parse_interface, placeholders
from factsheet.output.render import to_markdown, to_text

from .conftest import ROOT

INTERFACE = ROOT / "factsheet" / "content" / "interface.nl.yaml"


def test_dutch_interface_text() -> None:
    ui = interface_text("nl")
    assert ui["language"] == "Taal"
    assert ui.format("version", version="1.2.3") == "Versie 1.2.3"
    assert ui.fallbacks == ()


@pytest.mark.parametrize("code", [c for c in factsheet.locales() if c != "nl"])
def test_every_locale_translates_the_interface(code: str) -> None:
    ui = interface_text(code)
    assert ui.fallbacks == ()
    dutch = dict(interface_text("nl").strings)
    for key, text in ui.strings:
        assert text != dutch[key]
        assert placeholders(text) == placeholders(dutch[key])
    assert "MIT" in ui["rights"]


def test_a_translation_that_lost_its_placeholder_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    from factsheet.files import catalog_file
    from factsheet.i18n import catalogs
    from factsheet.loading import interface

    data = catalog_file("en").read_bytes()
    broken = catalogs.parse_catalog(data.replace(b'"Version {version}"', b'"Version {versie}"'), "en.po")
    assert [(r.context, r.problem) for r in broken.rejected] == [
        ("interface/version", "placeholders differ from the Dutch: keep exactly {version}")
    ]
    monkeypatch.setattr(interface, "read_catalog", lambda code: broken)
    with pytest.warns(factsheet.CatalogWarning, match="interface/version"):
        ui = interface_text("en")
    assert ui.fallbacks == ("version",)
    assert ui.format("version", version="2") == "Versie 2"


def test_text_formats_carry_the_notices_in_the_reader_language() -> None:
    en = to_text(factsheet.load("en"))
    assert interface_text("en")["machine-translated"].split()[0] in en
    assert "MIT" in en
    nl = to_markdown(factsheet.load("nl"))
    assert f"Versie {factsheet.load().metadata.version}" in nl
    assert interface_text("nl")["machine-translated"] not in nl


def test_interface_file_errors_name_the_place() -> None:
    text = INTERFACE.read_text(encoding="utf-8").replace(
        '  language: "Taal"', '  Language Label: "Taal"\n  empty: ""'
    )
    with pytest.raises(ContentError) as caught:
        parse_interface(text, "interface.yaml")
    paths = {path for path, _, _ in caught.value.problems}
    assert "strings/Language Label/key" in paths
    assert "strings/empty/value" in paths
    assert all(line for _, line, _ in caught.value.problems)
