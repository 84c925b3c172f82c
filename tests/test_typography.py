"""Rules of one language that pofilter has none for: French spacing, numbers spelt the French way."""

from __future__ import annotations

import pytest

from factsheet.i18n.checks import check_string
from factsheet.i18n.typography import NUMBER_SPELLINGS, colon, spacing_problems

from .catalog_strings import catalog_strings
from .conftest import ROOT

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("translation", "problem"),
    [
        (f"Source{NBSP}: {{title}}", None),
        ("Source : {title}", "a space before ':'"),
        ("Source: {title}", "U+0065 LATIN SMALL LETTER E before ':'"),
        ("Source\u202f: {title}", "U+202F NARROW NO-BREAK SPACE before ':'"),  # one rule, one space
        (f"depuis{NBSP}; cette partie", None),
        ("depuis ; cette partie", "a space before ';'"),
        (f"Pourquoi{NBSP}?", None),
        ("Pourquoi ?", "a space before '?'"),
        (f"un «{NBSP}ami{NBSP}»", None),
        (f"un « ami{NBSP}»", "a space after '«'"),
        (f"un «{NBSP}ami »", "a space before '»'"),
        ("https://example.org", None),
    ],
)
def test_french_spacing(translation: str, problem: str | None) -> None:
    found = spacing_problems("fr", translation)
    assert found == (
        [] if problem is None else [f"French spacing: {problem} (write U+00A0 NO-BREAK SPACE there)"]
    )
    assert spacing_problems("de", translation) == []  # the rule is French


def test_the_french_catalog_keeps_the_rule_and_the_check_says_where_not() -> None:
    catalog = catalog_strings(ROOT / "translations" / "fr" / "LC_MESSAGES" / "factsheet.po")
    assert [context for context, _, text in catalog if spacing_problems("fr", text)] == []
    spaced = [entry for entry in catalog if any(mark in entry[2] for mark in ":;?!«»")]
    assert spaced, "no French string has the marks: the rule checks nothing"
    context, dutch, text = spaced[0]
    assert any("French spacing" in p for p in check_string(context, dutch, text.replace(NBSP, " "), "fr"))


@pytest.mark.parametrize(
    ("locale", "translation", "ok"),
    [
        ("fr", f"disponible 24{NBSP}h/24, 7{NBSP}j/7", True),  # the French spelling of 24/7
        ("fr", "disponible 24/7", True),
        ("fr", "disponible 24 h/24, 7 j/7", False),  # without the no-break spaces it is not that spelling
        ("es", f"disponible 24{NBSP}h/24, 7{NBSP}j/7", False),  # French only
        ("tr", "7/24 erişilebilir", True),  # the same numbers in another order
    ],
)
def test_numbers_as_the_dutch_has_them(locale: str, translation: str, ok: bool) -> None:
    problems = [p for p in check_string("x", "24/7 beschikbaar", translation, locale) if "numbers" in p]
    assert (problems == []) is ok, problems


def test_every_spelling_of_a_number_stands_for_the_dutch_it_replaces() -> None:
    for spellings in NUMBER_SPELLINGS.values():
        for pattern, dutch in spellings:
            assert not pattern.search(dutch)


def test_a_run_in_heading_is_joined_as_the_language_writes_a_colon() -> None:
    assert colon("fr") == f"{NBSP}: "
    assert not spacing_problems("fr", f"Titre{colon('fr')}texte")
    assert colon("en") == ": "
