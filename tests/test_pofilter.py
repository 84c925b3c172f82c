"""translate-toolkit's pofilter in the catalog check: the tests that fit this text pass on every
catalog, or the entry is recorded in exceptions.yaml, and a broken entry is caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.i18n import checks
from factsheet.i18n.exceptions import read_exceptions
from factsheet.i18n.pofilter import TESTS, available, pofilter

from .conftest import ROOT, catalog_path, missing
from .outline import TRANSLATED

TRANSLATIONS = ROOT / "translations"

if not available():
    missing("translate-toolkit is not installed (the test extra)", what="the pofilter tests", module=True)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_passes_pofilter_or_says_why_not(code: str) -> None:
    exceptions, _ = read_exceptions(TRANSLATIONS / "exceptions.yaml")
    failures = pofilter(catalog_path(TRANSLATIONS, code), code)
    assert [
        f for f in failures if not any(e.covers(code, f.context, pofilter=f.test) for e in exceptions)
    ] == []


def test_every_pofilter_exception_names_a_test_that_runs() -> None:
    exceptions, _ = read_exceptions(TRANSLATIONS / "exceptions.yaml")
    assert {e.pofilter for e in exceptions if e.pofilter} <= set(TESTS)


def test_a_doubled_word_and_a_lost_full_stop_are_caught(workspace: Path) -> None:
    po = catalog_path(workspace, "en")
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Chatbots can give incorrect or unreliable information and present it as the truth."'
    assert old in text
    new = 'msgstr "Chatbots can can give incorrect or unreliable information and present it as the truth"'
    po.write_text(text.replace(old, new), encoding="utf-8")
    found = {(f.context, f.test) for f in pofilter(po, "en")}
    assert found == {
        ("risks/unreliable-advice/text", "doublewords"),
        ("risks/unreliable-advice/text", "endpunc"),
    }
    problems = checks.check_locale(workspace, "en")
    assert any(p.startswith("risks/unreliable-advice/text: pofilter doublewords:") for p in problems)
