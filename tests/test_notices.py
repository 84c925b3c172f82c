"""The translation notices, decided once (factsheet/output/notices.py): every status, the text formats."""

from __future__ import annotations

from dataclasses import replace

import pytest

import factsheet
from factsheet.model.objects import Factsheet, Translation
from factsheet.model.status import TRANSLATION_STATUSES, TranslationStatus
from factsheet.output.notices import FALLBACK_NOTICE, NOTICE_KEYS, STATUS_NOTICES, notice_keys, notices
from factsheet.output.render import to_markdown, to_text

#: What each status must show: the rule, written out by hand so a change to it is seen here.
EXPECTED: dict[TranslationStatus, tuple[str, ...]] = {
    "source": (),
    "machine-translated": ("machine-translated",),
    "reviewed": ("reviewed",),
    "changed-since-review": ("changed-since-review",),
}
REVIEW = {"reviewed_by": "A. Prüfer", "reviewed_on": "2026-12-01"}  # as the wording below


def translation(status: TranslationStatus, *, fallbacks: tuple[str, ...] = ()) -> Translation:
    review = REVIEW if status in ("reviewed", "changed-since-review") else {}
    return Translation(status=status, fallbacks=fallbacks, **review)  # type: ignore[arg-type]


def with_translation(sheet: Factsheet, made: Translation) -> Factsheet:
    return replace(sheet, metadata=replace(sheet.metadata, translation=made))


def test_every_status_has_a_rule() -> None:
    assert set(STATUS_NOTICES) == set(TRANSLATION_STATUSES) == set(EXPECTED)
    assert NOTICE_KEYS == ("machine-translated", "reviewed", "changed-since-review", FALLBACK_NOTICE)


@pytest.mark.parametrize("status", TRANSLATION_STATUSES)
@pytest.mark.parametrize("fallbacks", [(), ("risks/echo/title",)])
def test_each_status_gives_its_notices(status: TranslationStatus, fallbacks: tuple[str, ...]) -> None:
    made = translation(status, fallbacks=fallbacks)
    expected = EXPECTED[status] + ((FALLBACK_NOTICE,) if fallbacks else ())
    assert notice_keys(made) == expected
    found = notices(made)
    assert [notice.status for notice in found] == [True] * len(EXPECTED[status]) + [False] * len(fallbacks)
    for notice in found:
        if notice.status:
            assert notice.values == {"reviewer": made.reviewed_by or "", "date": made.reviewed_on or ""}
        else:
            assert notice.values == {}


def test_every_notice_key_is_interface_text_with_only_the_review_placeholders() -> None:
    ui = factsheet.interface_text("nl")
    for key in NOTICE_KEYS:
        assert ui.format(key, reviewer="R", date="D")  # fills, or raises on an unknown placeholder


def _flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())  # wrapped lines joined, Markdown escapes gone


@pytest.mark.parametrize("status", TRANSLATION_STATUSES)
def test_the_text_formats_show_the_notices_of_each_status(status: TranslationStatus) -> None:
    made = translation(status, fallbacks=("risks/echo/title",))
    shown = with_translation(factsheet.load("de"), made)
    ui = factsheet.interface_text("de")
    wording = {key: ui.format(key, reviewer="A. Prüfer", date="2026-12-01") for key in NOTICE_KEYS}
    expected = [wording[key] for key in notice_keys(made)]
    for name, rendered in (("text", _flat(to_text(shown))), ("markdown", _flat(to_markdown(shown)))):
        assert " ".join(expected) in rendered, (status, name)  # all of them, in order
        for key in set(NOTICE_KEYS) - set(notice_keys(made)):  # no other ("reviewed" starts another)
            assert rendered.count(wording[key]) == sum(wording[key] in shown for shown in expected), key
