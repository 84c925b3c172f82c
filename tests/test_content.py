"""The Dutch content is complete, in order, and word for word the published text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.lists import format_list

import factsheet
from factsheet.i18n.messages import messages

from .conftest import SOURCE_TEXT
from .outline import ITEMS, NUMBERED, POINTS, string_count


def _normalised_source() -> str:
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    text = re.sub(r"-\n", "-", text)  # "AI-\nchatbot" is the compound "AI-chatbot" broken at its hyphen
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def source() -> str:
    return _normalised_source()


def test_sections_items_and_numbers_are_the_outline() -> None:
    fs = factsheet.load()
    assert tuple(ITEMS) == factsheet.SECTION_IDS
    assert {s.id: tuple(item.id for item in s) for s in fs.sections} == ITEMS
    for section in fs.sections:
        expected = list(range(1, len(section) + 1)) if section.id in NUMBERED else [None] * len(section)
        assert [item.number for item in section] == expected, section.id
        assert {i.id: len(i.points) for i in section if i.points} == {
            k: v for k, v in POINTS.items() if k in ITEMS[section.id]
        }


def test_every_item_has_what_the_outline_gives_it() -> None:
    fs = factsheet.load()
    assert all(item.text and not item.title for item in fs.intro)
    assert all(item.title and item.points and not item.text for item in fs.chatbot_types)
    for section in (fs.reasons, fs.risks, fs.conversation):
        assert all(item.title and (item.text or item.points) for item in section), section.id
    assert fs.conversation.lead and fs.conversation.subheading
    assert [item.id for item in fs.tips if item.example] == ["standard-questions"]


def test_every_string_is_word_for_word_the_source_apart_from_recorded_changes(source: str) -> None:
    changes = {c.path: c for c in factsheet.load().metadata.editorial_changes}
    checked = 0
    rights = 0
    for message in messages(factsheet.load()):
        text = message.text
        if message.context.startswith("metadata/rights/"):
            rights += 1  # this project's statement about the rights, not text of the factsheet
            continue
        change = changes.get(message.context)
        if change is not None:
            if not change.original:
                continue  # an addition of ours (the title, the audience), recorded as such
            assert change.corrected in text
            text = text.replace(change.corrected, change.original)
        assert text in source, f"{message.context}: not in the source: {text!r}"
        checked += 1
    additions = [c for c in factsheet.load().metadata.editorial_changes if not c.original]
    assert rights == 2
    assert checked == string_count() - len(additions) - rights


@pytest.mark.parametrize(
    "sentence",
    [
        "Vooral generieke chatbots zoals ChatGPT, Gemini en Claude worden ingezet.",
        "24/7 beschikbaar, zonder wachttijd, oordeel of stigma; kan een eerste stap zijn richting hulp.",
        "AI-chatbots zijn machines zonder gevoelens en wederkerigheid.",
        "Vraag naar de reden dat een jongere een chatbot raadpleegde.",
        "Leg uit dat wachten of zelf nadenken waardevol kan zijn, en benadruk de waarde van menselijke "
        "steun en jullie (therapeutische) relatie.",
    ],
)
def test_sample_sentences_are_verbatim(source: str, sentence: str) -> None:
    assert sentence in source
    assert any(sentence in m.text for m in messages(factsheet.load()))


def test_editorial_changes_are_the_outline_corrections() -> None:
    changes = {(c.path, c.original, c.corrected) for c in factsheet.load().metadata.editorial_changes}
    assert ("intro/situation/text", "gestresst", "gestrest") in changes
    assert (
        "intro/purpose/text",
        "hoe je jongeren hierin kunnen ondersteunen",
        "hoe je jongeren hierin kunt ondersteunen",
    ) in changes
    assert (
        "chatbot-types/therapeutic/points/2",
        "Vaak gebaseerd bijv. cognitieve gedragstherapie",
        "Vaak gebaseerd op bijv. cognitieve gedragstherapie",
    ) in changes
    assert ("metadata/guide/lead", "Meer infomatie", "Meer informatie") in changes
    assert ("metadata/title", "", "AI-chatbots en mentaal welzijn van jongeren") in changes
    changelog = " ".join((Path(__file__).parent.parent / "CHANGELOG.md").read_text(encoding="utf-8").split())
    for _path, original, corrected in changes:
        assert corrected in changelog
        assert original in changelog


def test_vulnerable_groups_read_as_the_source_sentence(source: str) -> None:
    groups = factsheet.load().conversation.item("vulnerable-groups").points
    assert format_list(list(groups), style="or", locale="nl") + "." in source


def test_typographic_quotes_are_kept() -> None:
    example = factsheet.load().tips[0].example
    assert example is not None
    assert example.startswith("Bijvoorbeeld: ‘") and example.endswith("?’")


def test_metadata_states_rights_edition_and_version() -> None:
    meta = factsheet.load().metadata
    assert meta.kind == "factsheet" and meta.edition == 2026 and meta.source_language == "nl"
    # In Dutch, like every string a reader sees: the publisher's text, no licence, MIT for the code.
    statement = meta.rights.statement
    assert "oorspronkelijke uitgever" in statement and "geen licentie" in statement and "MIT" in statement
    assert "uitgever" in meta.rights.holder
    assert meta.rights.code_licence == "MIT"
    assert meta.guide.title == "De invloed van AI-chatbots op mentaal welzijn van jongeren"
    assert meta.version == factsheet.__version__
