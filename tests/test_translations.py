"""The translators' workspace: template, catalogs and their checks, runtime fallback."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import factsheet
from factsheet.i18n import checks as catalog_checks
from factsheet.i18n.catalogs import CatalogWarning

from .conftest import ROOT, catalog_path, missing
from .outline import TRANSLATED, string_count

TRANSLATIONS = ROOT / "translations"


def test_every_catalog_is_listed_and_every_listed_locale_has_one() -> None:
    catalogs = {path.parent.parent.name for path in TRANSLATIONS.glob("*/LC_MESSAGES/factsheet.po")}
    assert catalogs == set(TRANSLATED), "add the locale to translations/locales.yaml, or remove its folder"


@pytest.mark.gettext
def test_template_is_in_sync_with_the_content() -> None:
    assert catalog_checks.check_template(TRANSLATIONS) == []


def test_every_catalog_is_as_the_update_command_writes_it(tmp_path: Path) -> None:
    assert catalog_checks.check_written(TRANSLATIONS) == []
    # A hand edit that a PO editor might make (the same text, wrapped) is named with its line.
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy)
    po = copy / "de" / "LC_MESSAGES" / "factsheet.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 40)
    lines[at] = f'msgstr ""\n"{lines[at][8:]}'
    po.write_text("".join(lines), encoding="utf-8")
    assert catalog_checks.check_written(copy) == [
        f"de/LC_MESSAGES/factsheet.po: not as python -m factsheet.i18n update writes it (line {at + 1}): "
        "run it, check what it changed, commit the result"
    ]


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_is_complete_and_sound(code: str) -> None:
    # No obsolete or fuzzy entries, every message translated, as many as the template has: all
    # checked by check_catalog (factsheet/i18n/checks.py).
    path = TRANSLATIONS / code / "LC_MESSAGES" / "factsheet.po"
    assert catalog_checks.check_catalog(code, path.read_bytes()) == []


@pytest.mark.gettext
@pytest.mark.parametrize("code", TRANSLATED)
def test_msgfmt_check_passes(code: str) -> None:
    if shutil.which("msgfmt") is None:
        missing("GNU msgfmt is not installed (Debian package gettext)", what="the msgfmt checks")
    assert catalog_checks.msgfmt_check(TRANSLATIONS / code / "LC_MESSAGES" / "factsheet.po") == []


@pytest.mark.parametrize(
    ("context", "source", "translation", "problem"),
    [
        ("x", "Kinderen onder 12 jaar", "Children under twelve", "numbers differ"),
        ("x", "24/7 beschikbaar", "24/7 available", None),
        ("x", "24/7 beschikbaar", "7/24 erişilebilir", None),
        ("x", "zoals ChatGPT, Gemini en Claude", "such as ChatGPT and Gemini", "brand name Claude missing"),
        ("x", "jullie (therapeutische) relatie", "your (therapeutic relationship", "brackets"),
        ("x", "een ‘vriend’", "a “friend", "quotation marks unbalanced"),
        ("x", "een ‘vriend’", "a friend", "the Dutch quotes something"),
        ("x", "een ‘vriend’", "un « ami »", None),
        ("x", "een ‘vriend’", "ein „Freund“", None),
        ("x", "l’IA en risico’s", "l’IA and risks", None),
        ("x", "Illusie van empathie", "Illusie van empathie", "identical to the Dutch"),
        ("risks/echo/title", "Echo", "Echo", None),
        ("x", "Echo", "  ", "empty translation"),
    ],
)
def test_string_checks(context: str, source: str, translation: str, problem: str | None) -> None:
    problems = catalog_checks.check_string(context, source, translation)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_catalog_check_finds_fuzzy_stale_obsolete_and_bad_header() -> None:
    good = (TRANSLATIONS / "de" / "LC_MESSAGES" / "factsheet.po").read_text(encoding="utf-8")
    broken = good.replace('msgctxt "risks/echo/text"\n', '#, fuzzy\nmsgctxt "risks/echo/text"\n', 1)
    broken = broken.replace('msgctxt "risks/dependence/title"', 'msgctxt "risks/addiction/title"', 1)
    broken = broken.replace("nplurals=2; plural=(n != 1)", "nplurals=1; plural=0", 1)
    broken += '\n#~ msgctxt "old/entry"\n#~ msgid "Oud"\n#~ msgstr "Alt"\n'
    problems = "\n".join(catalog_checks.check_catalog("de", broken.encode()))
    assert "risks/echo/text: fuzzy" in problems
    assert "risks/addiction/title: not in the template" in problems
    assert "risks/dependence/title: missing" in problems
    assert "Plural-Forms header" in problems
    assert "1 obsolete" in problems


def test_unparsable_catalog_is_reported() -> None:
    assert catalog_checks.check_catalog("de", b'msgid "a"\nmsgstr "b\nnonsense')[0].startswith(
        "cannot be parsed"
    )


# Catalog faults at run time: Dutch for the affected strings, a warning, no other locale affected.


def test_catalog_with_syntax_error_degrades_to_dutch(workspace: Path) -> None:
    catalog_path(workspace, "fr").write_text('msgid "broken\n', encoding="utf-8")
    with pytest.warns(CatalogWarning) as caught:
        fr = factsheet.load("fr")
    (warning,) = caught  # one sentence for one fault
    assert str(warning.message).startswith(
        f"Locale 'fr' shows all {string_count()} strings in Dutch: "
        "its catalog fr/LC_MESSAGES/factsheet.po cannot be read ("
    )
    assert fr.metadata.translation.translated == 0
    assert len(fr.metadata.translation.fallbacks) == string_count()
    assert fr.risks == factsheet.load("nl").risks
    assert factsheet.load("de").metadata.translation.fallbacks == ()
    assert catalog_checks.check_locale(workspace, "fr")[0].startswith("cannot be parsed")


def test_missing_catalog_degrades_to_dutch(workspace: Path) -> None:
    catalog_path(workspace, "es").unlink()
    with pytest.warns(CatalogWarning) as caught:
        es = factsheet.load("es")
    assert [str(w.message) for w in caught] == [
        f"Locale 'es' shows all {string_count()} strings in Dutch: "
        "its catalog es/LC_MESSAGES/factsheet.po: no such file."
    ]
    assert es.metadata.translation.translated == 0
    assert catalog_checks.check_locale(workspace, "es")[0].startswith("no catalog at")
    assert es.language == "es" and es.metadata.title == factsheet.load("nl").metadata.title
    assert factsheet.load("pl").metadata.translation.translated == string_count()


def test_wrong_msgctxt_falls_back_for_that_string_only(workspace: Path) -> None:
    po = catalog_path(workspace, "en")
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgctxt "risks/echo/text"', 'msgctxt "risks/echo/body"'),
        encoding="utf-8",
    )
    with pytest.warns(
        CatalogWarning, match=rf"'en' shows 1 of {string_count()} strings in Dutch.*: risks/echo/text\."
    ):
        en = factsheet.load("en")
    assert en.metadata.translation.fallbacks == ("risks/echo/text",)
    assert en.risks[0].text == factsheet.load("nl").risks[0].text
    assert en.risks[1].text != factsheet.load("nl").risks[1].text
    assert any(
        "risks/echo/body: not in the template" in p for p in catalog_checks.check_locale(workspace, "en")
    )


def test_fuzzy_entry_is_never_shown(workspace: Path) -> None:
    po = catalog_path(workspace, "de")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgctxt "risks/echo/title"', '#, fuzzy\nmsgctxt "risks/echo/title"', 1
        ),
        encoding="utf-8",
    )
    with pytest.warns(CatalogWarning, match="risks/echo/title"):
        de = factsheet.load("de")
    assert de.metadata.translation.fallbacks == ("risks/echo/title",)
    assert de.metadata.translation.translated == string_count() - 1


# The whole workflow on a temporary copy of the checkout.


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def _checkout(tmp_path: Path) -> Path:
    """What the translators' commands read: the package, the catalogs and babel.cfg, copied."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("factsheet", "translations"):
        shutil.copytree(ROOT / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "babel.cfg", checkout)
    return checkout


@pytest.mark.subprocess
def test_a_changed_dutch_sentence_turns_fuzzy_falls_back_and_is_reported(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    content = checkout / "factsheet" / "content" / "factsheet.nl.yaml"
    old = "Vraag naar de reden dat een jongere een chatbot raadpleegde."
    new = "Vraag naar de reden dat een jongere een AI-chatbot raadpleegde."
    # A long string too: wrapped, its previous msgid (#|) would be a syntax error for GNU msgfmt.
    long_old, long_new = "zonder kritische blik.", "zonder enige kritische blik."
    text = content.read_text(encoding="utf-8").replace(old, new).replace(long_old, long_new)
    content.write_text(text, encoding="utf-8")

    for step in ("extract", "update"):
        done = _run([sys.executable, "-m", "factsheet.i18n", step], checkout)
        assert done.returncode == 0, done.stderr

    po = checkout / "translations" / "en" / "LC_MESSAGES" / "factsheet.po"
    with po.open("rb") as handle:
        entry = read_po(handle).get(new, context="conversation/underlying-need/text")
    assert entry is not None and entry.fuzzy
    # The Dutch it was made for, as Poedit and Weblate show it; a second update keeps it.
    assert f'#, fuzzy\n#| msgid "{old}"\nmsgctxt "conversation/underlying-need/text"' in po.read_text("utf-8")
    first = po.read_bytes()
    assert _run([sys.executable, "-m", "factsheet.i18n", "update"], checkout).returncode == 0
    assert po.read_bytes() == first
    for code in TRANSLATED:  # only the two changed entries change, each in the same three lines
        before = (ROOT / "translations" / code / "LC_MESSAGES" / "factsheet.po").read_text(encoding="utf-8")
        after = (checkout / "translations" / code / "LC_MESSAGES" / "factsheet.po").read_text(
            encoding="utf-8"
        )
        changed = [
            line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
        ]
        kinds = sorted(line.split(" ", 2)[1] if line[2] == "#" else line[:1] + line[2:7] for line in changed)
        assert kinds == ["#,", "#,", "#|", "#|", "+msgid", "+msgid", "-msgid", "-msgid"], changed
    if shutil.which("msgfmt"):  # the guide's update step leaves every catalog valid for GNU msgfmt
        for code in TRANSLATED:
            assert (
                catalog_checks.msgfmt_check(checkout / "translations" / code / "LC_MESSAGES" / "factsheet.po")
                == []
            )

    probe = (
        "import factsheet; fs = factsheet.load('en'); "
        "print(fs.metadata.translation.fallbacks); print(fs.conversation.item('underlying-need').text)"
    )
    shown = _run([sys.executable, "-c", probe], checkout)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["('risks/echo/text', 'conversation/underlying-need/text')", new]

    check = _run([sys.executable, "-m", "factsheet.i18n", "check"], checkout)
    assert check.returncode == 1
    assert "en: conversation/underlying-need/text: fuzzy" in check.stdout


@pytest.mark.subprocess
def test_an_extraction_from_broken_yaml_says_so_and_keeps_the_template(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    interface = checkout / "factsheet" / "content" / "interface.nl.yaml"
    interface.write_text(interface.read_text(encoding="utf-8") + "broken: [\n", encoding="utf-8")
    template = checkout / "translations" / "factsheet.pot"
    before = template.read_bytes()
    done = _run([sys.executable, "-m", "factsheet.i18n", "extract"], checkout)
    assert done.returncode == 1
    assert "extraction failed, translations/factsheet.pot left as it was" in done.stderr
    assert "Traceback" not in done.stderr
    assert template.read_bytes() == before
