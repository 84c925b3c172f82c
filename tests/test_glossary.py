"""The glossary (translations/glossary.tbx): a TBX file translation tools read, one chosen term
per concept and locale, and every catalog uses it or says in exceptions.yaml why not."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from factsheet.i18n import checks, glossary_check
from factsheet.i18n.exceptions import RecordedException, read_exceptions
from factsheet.i18n.glossary import DEPRECATED, PREFERRED, read_glossary
from factsheet.i18n.term_match import find, words

from .catalog_strings import catalog_strings
from .conftest import ROOT, catalog_path, missing
from .outline import LOCALES, TRANSLATED

TRANSLATIONS = ROOT / "translations"
GLOSSARY = TRANSLATIONS / "glossary.tbx"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _strings(code: str, root: Path = TRANSLATIONS) -> list[tuple[str, str, str]]:
    return catalog_strings(catalog_path(root, code))


def test_the_glossary_is_tbx_basic_as_the_standard_library_reads_it() -> None:
    root = ElementTree.parse(GLOSSARY).getroot()  # noqa: S314 - our own file
    assert (root.tag, root.get("type"), root.get(LANG)) == ("martif", "TBX-Basic", "nl")
    entries = list(root.iter("termEntry"))
    assert entries and len({e.get("id") for e in entries}) == len(entries)
    for tig in root.iter("tig"):
        notes = {n.get("type"): n.text for n in tig.iter("termNote")}
        assert notes.get("partOfSpeech") and notes.get("administrativeStatus") in (PREFERRED, DEPRECATED), (
            notes
        )
    for entry in entries:
        assert [s.get(LANG) for s in entry.iter("langSet")] == list(LOCALES), entry.get("id")


def test_one_chosen_term_per_concept_and_locale() -> None:
    glossary = read_glossary(GLOSSARY, LOCALES)
    assert glossary.problems == ()
    for concept in glossary.concepts:
        assert set(concept.terms) == set(LOCALES), concept.id
        for code, avoid in concept.forbidden.items():
            assert concept.terms[code].text not in avoid


def test_translation_tools_read_the_same_terms() -> None:
    """translate-toolkit reads TBX for Weblate: the same source terms, chosen and forbidden terms."""
    try:
        from translate.storage.tbx import tbxfile
    except ImportError:
        missing("translate-toolkit is not installed (the test extra)", what="the glossary tests")
    store = tbxfile.parsefile(str(GLOSSARY))  # type: ignore[no-untyped-call]
    glossary = read_glossary(GLOSSARY, LOCALES)
    assert [unit.getid() for unit in store.units] == [c.id for c in glossary.concepts]
    for unit, concept in zip(store.units, glossary.concepts, strict=True):
        assert [t.text for t in unit.get_source_terms()] == [concept.terms["nl"].text]
        for code in TRANSLATED:
            terms = unit.get_target_terms(code)
            assert [t.text for t in terms if not t.deprecated] == [concept.terms[code].text]
            assert tuple(t.text for t in terms if t.deprecated) == concept.forbidden[code]


def test_every_concept_is_one_the_dutch_uses() -> None:
    """A term the factsheet and its interface never use would make the check look at nothing."""
    glossary = read_glossary(GLOSSARY, LOCALES)
    dutch = [words(message.text) for message in checks.expected_messages()]
    unused = [
        concept.id
        for concept in glossary.concepts
        if not any(find(s, text, "nl") for s in concept.terms["nl"].spellings for text in dutch)
    ]
    assert unused == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_uses_the_chosen_terms_or_says_why_not(code: str) -> None:
    glossary = read_glossary(GLOSSARY, LOCALES)
    exceptions, problems = read_exceptions(TRANSLATIONS / "exceptions.yaml")
    assert problems == []
    left = [
        f
        for f in glossary_check.findings(glossary, code, _strings(code))
        if not any(e.covers(code, f.context, glossary=f.concept) for e in exceptions)
    ]
    assert left == []


def test_the_glossary_and_its_exceptions_are_sound() -> None:
    problems, exceptions = checks.check_glossary(TRANSLATIONS)
    assert problems == []
    assert all(e.reason.strip() for e in exceptions)


@pytest.mark.parametrize(
    ("term", "text", "language", "found"),
    [
        ("AI", "a psychological aid", "en", False),  # two letters: the whole word
        ("AI", "l’IA et les chatbots d’IA", "fr", False),
        ("IA", "l’IA et les chatbots d’IA", "fr", True),
        ("general-purpose chatbot", "general-purpose AI chatbots", "en", True),  # a word between
        ("general-purpose chatbot", "general-purpose, useful and free AI chatbots", "en", False),
        ("karta informacyjna", "tej karty informacyjnej", "pl", True),  # case endings
        ("الذكاء الاصطناعي", "بالذكاء الاصطناعي", "ar", True),  # the prefix written with it
        ("echo", "echte relaties", "nl", False),  # Dutch is matched as written
        ("onderzoeken", "Onderzoek de achterliggende behoefte", "nl", False),  # so its forms are listed
    ],
)
def test_term_matching(term: str, text: str, language: str, found: bool) -> None:
    assert bool(find(term, words(text), language)) is found


def _workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy)
    return copy


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_drifted_term_is_reported_with_its_context(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    glossary = read_glossary(GLOSSARY, LOCALES)
    concept = next(c for c in glossary.concepts if c.forbidden.get("uk"))
    chosen, avoid = concept.terms["uk"].text, concept.forbidden["uk"][0]
    context, _, translation = next(s for s in _strings("uk") if chosen in s[2])
    _replace(
        catalog_path(root, "uk"), f'msgstr "{translation}"', f'msgstr "{translation.replace(chosen, avoid)}"'
    )
    before = set(glossary_check.findings(glossary, "uk", _strings("uk")))
    found = [f for f in glossary_check.findings(glossary, "uk", _strings("uk", root)) if f not in before]
    assert {(f.context, f.concept) for f in found} == {(context, concept.id)}
    assert any(avoid in f.problem for f in found) and any(chosen in f.problem for f in found)


def test_a_term_the_string_may_not_use_is_reported_even_beside_the_chosen_one(tmp_path: Path) -> None:
    glossary = read_glossary(GLOSSARY, LOCALES)
    concept = next(c for c in glossary.concepts if c.forbidden.get("pl"))
    chosen, avoid = concept.terms["pl"].text, concept.forbidden["pl"][0]
    source = concept.terms["nl"].text
    found = glossary_check.findings(glossary, "pl", [("x", source, f"{chosen}; {avoid}")])
    assert [f.problem for f in found] == [
        f"uses {avoid!r}, which the glossary says not to use for {source!r}"
    ]


def test_an_exception_that_excuses_nothing_is_reported(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    exceptions = root / "exceptions.yaml"
    exceptions.write_text(
        exceptions.read_text(encoding="utf-8")
        + "\n  - locale: de\n    context: risks/echo/title\n    glossary: echo\n    reason: No reason.\n"
        "\n  - locale: de\n    context: risks/echo/title\n    glossary: nothing\n    reason: No concept.\n",
        encoding="utf-8",
    )
    problems, _ = checks.check_glossary(root)
    assert problems == [
        "exceptions.yaml: de, risks/echo/title, glossary nothing: the glossary has no concept 'nothing'"
    ]
    used: set[RecordedException] = set()
    checks.check_locale(root, "de", used)
    stale = [e for e in read_exceptions(exceptions)[0] if e.locale == "de" and e not in used]
    assert [e.glossary for e in stale] == ["echo", "nothing"]


def test_a_broken_glossary_is_said_in_words(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    glossary = root / "glossary.tbx"
    text = glossary.read_text(encoding="utf-8")
    status = '<termNote type="administrativeStatus">'
    second_choice = text.replace(status + DEPRECATED, status + PREFERRED, 1)
    glossary.write_text(second_choice, encoding="utf-8")
    problems = read_glossary(glossary, LOCALES).problems
    assert any(p.endswith("2 chosen terms; one concept has one per locale") for p in problems), problems
    glossary.write_text(text.replace("</martif>", ""), encoding="utf-8")
    assert read_glossary(glossary, LOCALES).problems[0].startswith("glossary.tbx is not well-formed XML")


def test_the_check_command_names_a_stale_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _workspace(tmp_path)
    exceptions = root / "exceptions.yaml"
    stale = "  - locale: de\n    context: risks/echo/title\n    glossary: echo\n    reason: Not needed.\n"
    exceptions.write_text(exceptions.read_text(encoding="utf-8") + "\n" + stale, encoding="utf-8")
    monkeypatch.setattr(checks, "check_template", lambda root: [])  # no extraction in tmp
    monkeypatch.setattr(checks, "check_written", lambda root: [])
    assert checks.report(root) == 1
    out = capsys.readouterr().out
    assert "glossary: exceptions.yaml: de, risks/echo/title, glossary echo: excuses nothing any more" in out
