"""What a Python developer gets from `import factsheet`."""

from __future__ import annotations

import dataclasses
import re
import threading

import pytest

import factsheet
from factsheet import Factsheet, Section, UnknownItemError, UnknownLocaleError, UnknownSectionError

from .conftest import ROOT
from .outline import ITEMS, TRANSLATED, available_locales, string_count

SHIPPED = factsheet.locales()


def test_locales_lists_the_locale_list_source_first() -> None:
    import yaml

    listed = yaml.safe_load((ROOT / "translations" / "locales.yaml").read_text(encoding="utf-8"))
    assert SHIPPED[0] == "nl" and sorted(SHIPPED) == sorted(listed)


def test_load_defaults_to_dutch_and_is_cached() -> None:
    fs = factsheet.load()
    assert isinstance(fs, Factsheet)
    assert fs.language == "nl"
    assert factsheet.load("nl") is fs
    assert factsheet.load("NL") is fs


@pytest.mark.parametrize("spelling", ["en", "EN", "en-GB", "en_GB", "en-gb", "En_us"])
def test_locale_spellings_are_normalised(spelling: str) -> None:
    assert factsheet.normalize_locale(spelling) == "en"
    assert factsheet.load(spelling) is factsheet.load("en")


@pytest.mark.parametrize("bad", ["xx", "xx-YY", "", "../nl", "nl/../../etc", "x" * 5000, "nl\x00", "C", "iw"])
def test_unknown_locale_names_the_shipped_ones(bad: str) -> None:
    with pytest.raises(UnknownLocaleError) as caught:
        factsheet.load(bad)
    assert caught.value.available == SHIPPED
    assert available_locales() in str(caught.value)
    assert len(str(caught.value)) < 200  # a huge input is not echoed back whole
    assert isinstance(caught.value, LookupError)


def test_strict_and_forgiving_lookups() -> None:
    fs = factsheet.load()
    assert fs.section("risks").item("echo").title == "Echo"
    assert fs.get_section("nope") is None
    assert fs.section("risks").get_item("nope") is None
    with pytest.raises(UnknownSectionError, match=f"available: {', '.join(ITEMS)}$"):
        fs.section("nope")
    with pytest.raises(UnknownItemError, match="available: echo, unreliable-advice") as caught:
        fs.section("risks").item("nope")
    assert caught.value.key == "nope"


def test_convenient_access() -> None:
    # The Dutch source, as published (tests/data/factsheet-2026.nl.txt): an improved translation
    # cannot break this test.
    fs = factsheet.load("nl")
    assert fs.risks is fs.section("risks")
    assert fs.tips is fs.conversation is fs.section("conversation")
    assert fs.conversation.subheading == "7 tips die je kunnen helpen"
    assert fs.tips[6].points[0].startswith("Kinderen onder 12 jaar")
    assert "ChatGPT" in (fs.intro[0].text or "")


def test_objects_are_frozen_hashable_and_comparable() -> None:
    fs = factsheet.load()
    with pytest.raises(dataclasses.FrozenInstanceError):
        fs.risks[0].title = "x"  # type: ignore[misc]
    assert hash(fs) == hash(factsheet.FactsheetSchema().load(factsheet.to_dict(fs)))
    assert isinstance(fs.sections, tuple) and isinstance(fs.chatbot_types[0].points, tuple)
    assert not hasattr(fs.risks[0], "__dict__")  # slotted


def test_every_locale_has_the_same_structure() -> None:
    source = factsheet.load()
    shape = [(s.id, [(i.id, i.number, len(i.points)) for i in s.items]) for s in source.sections]
    for code in SHIPPED:
        fs = factsheet.load(code)
        assert fs.language == code
        assert [(s.id, [(i.id, i.number, len(i.points)) for i in s.items]) for s in fs.sections] == shape


def test_translations_say_what_the_locale_list_says_of_them() -> None:
    assert factsheet.load().metadata.translation.status == "source"
    for code in TRANSLATED:
        translation = factsheet.load(code).metadata.translation
        info = factsheet.locale_info(code)
        assert translation.status == info.status != "source"
        assert (translation.reviewed_by, translation.reviewed_on) == (info.reviewed_by, info.reviewed_on)
        assert (translation.translated, translation.total, translation.fallbacks) == (
            string_count(),
            string_count(),
            (),
        )


def test_locale_info() -> None:
    ar = factsheet.locale_info("ar")
    assert (ar.code, ar.english_name, ar.native_name, ar.direction) == ("ar", "Arabic", "العربية", "rtl")
    assert ar.completeness == 1.0 and ar.status == "machine-translated"
    assert factsheet.locale_info("de").native_name == "Deutsch"
    assert factsheet.locale_info("nl").status == "source"
    assert {factsheet.locale_info(c).direction for c in SHIPPED if c != "ar"} == {"ltr"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "nl"),
        ("", "nl"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),
        ("de;q=0, ar;q=0.5", "ar"),
        ("xx-YY", "nl"),
        ("xx-YY, uk;q=0.1", "uk"),
        ("*", "nl"),
        ("AR-eg", "ar"),
        ("garbage;;;,,q=", "nl"),
        ("en;q=0", "nl"),
        ("tr;q=0.2, pl;q=0.3", "pl"),
        ("de, en", "de"),  # equal q: the order of the list, not of the shipped locales
        ("fr;q=0.5, ar;q=0.5", "fr"),
        ("ar;q=0.5, fr;q=0.5", "ar"),
        ("de-AT,en;q=0.5", "de"),  # a region falls back to its language before a later language
        ("nl-BE, en", "nl"),
        ("*, de", "de"),  # "*" after the languages named with the same q
        ("en;q=0.5, *", "nl"),  # ... but by its q: any locale, the default first
        ("nl;q=0, *", "en"),  # any locale that is not excluded
        ("de;q=0, de-AT", "nl"),  # excluded, also as the fallback of de-AT
        ("en," * 2000, "nl"),
    ],
)
def test_negotiate_locale(header: str | None, expected: str) -> None:
    assert factsheet.negotiate_locale(header) == expected


def test_checksum_is_stable_hex() -> None:
    checksum = factsheet.content_checksum()
    assert re.fullmatch(r"[0-9a-f]{64}", checksum)
    factsheet.clear_cache()
    assert factsheet.content_checksum() == checksum


def test_version_comes_from_package_metadata() -> None:
    from importlib.metadata import version

    assert factsheet.__version__ == version("ai-chatbot-factsheet") == factsheet.load().metadata.version
    with pytest.raises(AttributeError):
        _ = factsheet.no_such_thing


def test_concurrent_first_loads_build_each_locale_once(fresh_cache: None) -> None:
    results: list[Factsheet] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        results.append(factsheet.load("uk"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(r is results[0] for r in results)


def test_importing_the_package_does_not_import_flask() -> None:
    import subprocess
    import sys

    code = (
        "import sys, factsheet; factsheet.load('ar'); factsheet.negotiate_locale('en'); "
        "print('flask' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


SHORTCUTS = {
    "intro": "intro",
    "chatbot_types": "chatbot-types",
    "reasons": "reasons",
    "risks": "risks",
    "conversation": "conversation",
    "tips": "conversation",
}


@pytest.mark.parametrize(("shortcut", "section_id"), SHORTCUTS.items())
def test_every_shortcut_is_a_section_with_the_same_lookups(shortcut: str, section_id: str) -> None:
    fs = factsheet.load("de")
    section = getattr(fs, shortcut)
    assert isinstance(section, Section) and section is fs.section(section_id)
    first = section.items[0]
    assert section[0] is first and section[-1] is section.items[-1]
    assert section[1:] == section.items[1:]
    assert len(section) == len(ITEMS[section_id]) and list(section) == list(section.items)
    assert section.item(first.id) is first and section.get_item("nope") is None
    assert first in section
    with pytest.raises(UnknownItemError):
        section.item("nope")


def test_message_contexts_come_from_the_model() -> None:
    from factsheet.i18n.messages import messages

    fs = factsheet.load()
    contexts = {m.context for m in messages(fs)}
    assert fs.risks.context("title") == "risks/title" in contexts
    assert fs.risks.context("echo", "text") == "risks/echo/text" in contexts
    assert fs.chatbot_types.context("generic", "points", 1) == "chatbot-types/generic/points/1" in contexts
    assert fs.metadata.context("guide", "title") == "metadata/guide/title" in contexts
    assert factsheet.InterfaceText.context("version") == "interface/version"
    assert factsheet.message_context("a", 1) == "a/1"


def test_one_definition_of_the_translation_statuses() -> None:
    from typing import get_args

    assert get_args(factsheet.TranslationStatus) == factsheet.TRANSLATION_STATUSES
    assert factsheet.TRANSLATION_STATUSES == (
        "source",
        "machine-translated",
        "reviewed",
        "changed-since-review",
    )
    field = factsheet.TranslationStatusField()
    assert field.deserialize("reviewed") == "reviewed"
    from marshmallow import ValidationError

    with pytest.raises(
        ValidationError, match="must be one of: source, machine-translated, reviewed, changed"
    ):
        field.deserialize("checked")
