"""``factsheet.chunks()``: the content's own text, cut once per item and section lead, never
without its citation, rights and translation notices; a pinned edition's chunks never change."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

import factsheet
from factsheet import Chunks, ChunksSchema, Translation
from factsheet.i18n.messages import messages
from factsheet.model.interface_text import interface_context
from factsheet.output.chunks import MAX_CHUNK_CHARACTERS, Edition, attribution
from factsheet.output.notices import notices

from .conftest import ROOT, catalog_path
from .outline import ITEMS, LOCALES

#: A pinned edition's chunks, as its release gives them; regenerate only when the chunks' format
#: changes on purpose: FACTSHEET_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_chunks.py
PINNED = ("1.0.0", "en")
GOLDEN = ROOT / "tests" / "data" / f"chunks-{PINNED[0]}.{PINNED[1]}.json"
UPDATE = os.environ.get("FACTSHEET_UPDATE_GOLDEN") == "1"


def expected_notices(code: str, translation: Translation) -> tuple[str, ...]:
    """The notices of ``translation`` as the locale's interface text words them."""
    ui = factsheet.interface_text(code)
    return tuple(ui.format(notice.key, **notice.values) for notice in notices(translation))


def test_one_chunk_per_item_and_per_lead_in_reading_order() -> None:
    sheet = factsheet.load("nl")
    expected = []
    for section in sheet.sections:
        if section.lead:
            expected.append(f"{section.id}/lead")
        expected += [f"{section.id}/{item_id}" for item_id in ITEMS[section.id]]
    for code in LOCALES:
        found = factsheet.chunks(code)
        assert [chunk.id for chunk in found] == expected, code
        assert found.get("risks/echo") is found[expected.index("risks/echo")]
        assert found.get("risks/nope") is None


@pytest.mark.parametrize("code", LOCALES)
def test_every_chunk_is_exactly_the_contents_text(code: str) -> None:
    """Each string of every section, as the translation step gives it, is one line of exactly one
    chunk, in reading order; a chunk holds nothing else."""
    lines: dict[str, list[str]] = {}
    for message in messages(factsheet.load(code)):
        section, *rest = message.context.split("/")
        if section == "metadata" or rest == ["title"]:  # the citation's; the section's own title
            continue
        owner = f"{section}/lead" if rest[0] in {"lead", "subheading"} else f"{section}/{rest[0]}"
        lines.setdefault(owner, []).append(message.text)
    found = factsheet.chunks(code)
    assert {chunk.id: chunk.text.split("\n") for chunk in found} == lines
    sheet = factsheet.load(code)
    for chunk in found:
        assert chunk.locale == code
        assert chunk.section_title == sheet.section(chunk.section).title


@pytest.mark.parametrize("code", LOCALES)
def test_every_chunk_carries_its_citation_rights_and_notices(code: str) -> None:
    sheet = factsheet.load(code)
    meta = sheet.metadata
    info = factsheet.locale_info(code)
    found = factsheet.chunks(code, url=f"https://example.org/{code}/", edition_url="https://example.org/e")
    assert (found.locale, found.version, found.checksum) == (code, meta.version, factsheet.content_checksum())
    for chunk in found:
        citation = chunk.citation
        assert citation.title == meta.title
        assert citation.rights_holder == meta.rights.holder
        assert citation.rights == meta.rights.statement
        assert (citation.edition, citation.version) == (meta.edition, meta.version)
        assert citation.checksum == factsheet.content_checksum()
        assert (citation.url, citation.edition_url) == (
            f"https://example.org/{code}/",
            "https://example.org/e",
        )
        assert chunk.translation.status in {info.status, "reviewed"}
        assert (chunk.translation.reviewed_by, chunk.translation.reviewed_on) == (
            info.reviewed_by,
            info.reviewed_on,
        )
        assert chunk.notices == expected_notices(code, chunk.translation)
        if info.status == "machine-translated":
            assert factsheet.interface_text(code)["machine-translated"] in chunk.notices
        if code == factsheet.DEFAULT_LOCALE:
            assert chunk.notices == ()


def test_a_chunk_is_small_enough_for_an_embedding_model() -> None:
    for code in LOCALES:
        longest = max(factsheet.chunks(code), key=lambda chunk: len(chunk.text))
        assert len(longest.text) <= MAX_CHUNK_CHARACTERS, (code, longest.id)


def _untranslate(workspace: Path, code: str, *contexts: str) -> None:
    """Empty the translation of each message context in ``code``'s catalog: shown in Dutch."""
    path = catalog_path(workspace, code)
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.context in contexts:
            message.string = ""
    with path.open("wb") as file:
        write_po(file, catalog)


def test_a_string_shown_in_dutch_is_named_in_its_chunk_only(workspace: Path) -> None:
    _untranslate(workspace, "en", "risks/echo/text")
    with pytest.warns(factsheet.CatalogWarning, match="risks/echo/text"):
        found = factsheet.chunks("en")
    dutch = factsheet.load("nl").risks.item("echo").text
    echo = found.get("risks/echo")
    assert echo is not None and dutch is not None
    assert echo.text.split("\n")[1] == dutch
    assert echo.translation.fallbacks == ("risks/echo/text",)
    assert echo.translation.translated == echo.translation.total - 1
    assert factsheet.interface_text("en")["fallback-summary"] in echo.notices
    assert all(not chunk.translation.fallbacks for chunk in found if chunk.id != "risks/echo")


def test_a_notice_shown_in_dutch_is_named_too(workspace: Path) -> None:
    _untranslate(workspace, "en", interface_context("machine-translated"))
    with pytest.warns(factsheet.CatalogWarning, match="interface/machine-translated"):
        found = factsheet.chunks("en")
    dutch_notice = factsheet.interface_text("nl")["machine-translated"]
    for chunk in found:
        assert dutch_notice in chunk.notices
        assert chunk.translation.fallbacks == (interface_context("machine-translated"),)
        assert factsheet.interface_text("en")["fallback-summary"] in chunk.notices


def test_a_review_holds_for_the_chunks_whose_strings_did_not_change() -> None:
    sheet = factsheet.load("en")
    changed = Translation(
        status="changed-since-review",
        reviewed_by="A. Reviewer",
        reviewed_on="2026-12-01",
        changed_since_review=("risks/echo/text",),
    )
    edited = replace(sheet, metadata=replace(sheet.metadata, translation=changed))
    source = Edition(edited, factsheet.interface_text("en"), "checksum")
    echo = attribution(source, ["risks/echo/title", "risks/echo/text"])
    assert echo.translation.status == "changed-since-review"
    assert echo.translation.changed_since_review == ("risks/echo/text",)
    assert echo.notices == expected_notices("en", echo.translation)
    assert "A. Reviewer" in echo.notices[0] and "2026-12-01" in echo.notices[0]
    other = attribution(source, ["risks/dependence/title", "risks/dependence/text"])
    assert other.translation.status == "reviewed"
    assert other.translation.changed_since_review == ()
    assert other.notices == expected_notices("en", other.translation)


def test_the_json_is_the_objects() -> None:
    found = factsheet.chunks("ar", url="/ar/")
    dumped = ChunksSchema().dump(found)
    assert list(dumped) == ["locale", "version", "checksum", "chunks"]
    assert ChunksSchema().load(json.loads(json.dumps(dumped))) == found


@pytest.mark.parametrize("release", factsheet.releases(), ids=lambda release: release.version)
def test_a_pinned_edition_gives_the_chunks_of_its_archive(release: factsheet.Release) -> None:
    for code in LOCALES:
        try:
            sheet = factsheet.load(code, version=release.version)
        except factsheet.UnknownLocaleError:
            continue  # not shipped in that release
        found = factsheet.chunks(code, version=release.version)
        assert (found.version, found.checksum) == (release.version, release.checksum)
        assert all(chunk.citation.checksum == release.checksum for chunk in found)
        assert all(chunk.citation.version == release.version for chunk in found)
        item = sheet.risks.item("echo")
        assert found.get("risks/echo") == factsheet.chunks(code, version=release.version).get("risks/echo")
        echo = found.get("risks/echo")
        assert echo is not None and echo.text == f"{item.title}\n{item.text}"


def test_the_chunks_of_a_pinned_edition_never_change() -> None:
    version, code = PINNED
    found: Chunks = factsheet.chunks(code, version=version)
    text = json.dumps(ChunksSchema().dump(found), ensure_ascii=False, indent=1) + "\n"
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"{GOLDEN.name} is missing: run with FACTSHEET_UPDATE_GOLDEN=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        f"the chunks of release {version} changed: a release's text never does; if the format of "
        "the chunks changed on purpose, run with FACTSHEET_UPDATE_GOLDEN=1"
    )


def test_unknown_locales_and_versions_name_what_there_is() -> None:
    with pytest.raises(factsheet.UnknownLocaleError, match="available: nl, en"):
        factsheet.chunks("xx")
    with pytest.raises(factsheet.UnknownVersionError, match="available"):
        factsheet.chunks("en", version="0.0.1")
