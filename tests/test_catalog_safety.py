"""Catalogs written as an attacker would: no translation can stop the service or break a page.

Each probe finding is a test: a placeholder with a format spec or conversion, an unterminated
string, a line break where the Dutch has none, the line numbers of syntax errors.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import factsheet
from factsheet.i18n import checks as catalog_checks
from factsheet.i18n.catalogs import CatalogWarning, parse_catalog
from factsheet.i18n.po_syntax import syntax_problems
from factsheet.model.placeholders import fill, placeholder_problem
from factsheet.output.render import to_markdown

from .conftest import ROOT, catalog_path

TRANSLATIONS = ROOT / "translations"


def _edit(workspace: Path, code: str, old: str, new: str) -> int:
    """Replace ``old`` once in the catalog; the 1-based line where the replacement starts."""
    po = catalog_path(workspace, code)
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "placeholder", ["{version:>{version}}", "{version:>200000000}", "{version!r}", "{version[0]}", "{0}"]
)
def test_a_placeholder_that_is_not_plain_falls_back_to_dutch(workspace: Path, placeholder: str) -> None:
    line = _edit(workspace, "en", 'msgstr "Version {version}"', f'msgstr "Version {placeholder}"')
    with pytest.warns(CatalogWarning) as caught:
        ui = factsheet.interface_text("en")
    page = to_markdown(factsheet.load("en"))
    messages = [str(w.message) for w in caught]
    assert any(
        f"en/LC_MESSAGES/factsheet.po line {line}: placeholder {placeholder} is not a plain {{name}}" in m
        and "interface/version" in m
        for m in messages
    ), messages
    assert ui.is_fallback("version") and ui["version"] == "Versie {version}"
    assert f"Versie {factsheet.__version__}" in page and len(page) < 20_000
    assert factsheet.interface_text("de")["version"] != "Versie {version}"  # no other locale affected
    problems = catalog_checks.check_locale(workspace, "en")
    assert any(p.startswith(f"interface/version (line {line}): placeholder {placeholder}") for p in problems)


def test_fill_never_formats_more_than_plain_fields() -> None:
    assert fill("Versie {version} {{x}}", {"version": "1.1.0"}) == "Versie 1.1.0 {x}"
    for bad in ("{version:>200000000}", "{version!r}", "{version.__class__}", "{", "{other}"):
        with pytest.raises(ValueError, match=r"placeholder|brace"):
            fill(bad, {"version": "1"})
    assert placeholder_problem("Version {release}", "Versie {version}") == (
        "placeholders differ from the Dutch: keep exactly {version}"
    )
    assert placeholder_problem("Version {version}", "Versie {version}") is None


def test_an_unterminated_string_refuses_the_catalog_with_its_line(workspace: Path) -> None:
    line = _edit(workspace, "en", 'msgstr "Echo"', 'msgstr "Echo')
    with pytest.warns(CatalogWarning, match=rf"cannot be read \(line {line}: end-of-line within string"):
        en = factsheet.load("en")
    assert en.risks.item("echo").title == "Echo"  # the Dutch, never "Ech"
    assert en.metadata.translation.translated == 0
    (problem,) = catalog_checks.check_catalog("en", catalog_path(workspace, "en").read_bytes())
    assert problem.startswith(f"cannot be parsed: line {line}: end-of-line within string")
    if shutil.which("msgfmt"):  # what GNU msgfmt finds (it names the line after the open string)
        result = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(catalog_path(workspace, "en"))],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0 and "end-of-line within string" in result.stderr


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('msgid "a"\nmsgstr "b"\n', []),
        ('msgid ""\n"a\\n"\n"b"\nmsgstr "c \\"d\\""\n', []),
        ('#~ msgid "old\n\nmsgid "a"\nmsgstr "b', [(4, "end-of-line within string")]),
        ('msgid "a"\nmsgstr "b\\q"\n', [(2, "invalid control sequence")]),
        ('msgid "a"\nmsgstr "b" "c\n', [(2, "text after the closing quote")]),
        ('msgid "a"\nbogus\n', [(2, "a line must be a keyword"), (1, "the file ends after msgid")]),
        ('msgid "a"\nmsgstr "b"\nmsgctxt "c"\n', [(3, "the file ends after msgctxt")]),
        ('msgctxt "a"\nmsgctxt "a"\nmsgid "b"\nmsgstr "c"\n', [(2, "msgctxt where msgid must come")]),
        ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "d"\n', []),
    ],
)
def test_syntax_check_finds_what_msgfmt_finds(text: str, found: list[tuple[int, str]]) -> None:
    problems = syntax_problems(text)
    assert [
        (line, problem[: len(want)]) for (line, problem), (_, want) in zip(problems, found, strict=False)
    ] == found
    assert len(problems) == len(found)


def test_babel_syntax_errors_name_the_line_counted_from_one() -> None:
    # A string before any keyword, on line 1: Babel itself says "on 0".
    catalog = parse_catalog(b'"x"\nmsgid ""\nmsgstr ""\n', "x.po")
    assert catalog.problem is not None and "(line 1: " in catalog.problem, catalog.problem


def test_a_line_break_the_dutch_has_not_falls_back(workspace: Path) -> None:
    line = _edit(workspace, "en", 'msgstr "Echo"', 'msgstr "Echo\\n\\n# Owned\\n\\n- list"')
    with pytest.warns(CatalogWarning) as caught:
        en = factsheet.load("en")
    assert any(
        re.search(rf"risks/echo/title in Dutch: .* line {line}: a line break", str(w.message)) for w in caught
    )
    assert en.risks.item("echo").title == "Echo"
    assert "risks/echo/title" in en.metadata.translation.fallbacks
    assert not re.search(r"^# Owned", to_markdown(en), re.MULTILINE)
    assert any("a line break" in p for p in catalog_checks.check_locale(workspace, "en"))


HOSTILE = [
    "a\n\n# Heading\n\n- item",
    "# heading",
    "- item",
    "1. numbered",
    "3) numbered",
    "> quote",
    "```python",
    "~~~",
    "===",
    "    indented code",
    "<div>html</div>",
    "[link]: http://example.org",
    "| a | b |",
    "***",
    "+ plus",
    "line\u2028separator",
]


def _blocks(markdown: str) -> list[str]:
    from markdown_it import MarkdownIt

    return [token.type for token in MarkdownIt("commonmark").parse(markdown) if token.block]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_string_can_change_the_markdown_blocks(hostile: str) -> None:
    from factsheet.i18n.messages import replace_strings

    dutch = factsheet.load("nl")
    attacked = replace_strings(dutch, lambda context, location, text: hostile)
    assert _blocks(to_markdown(attacked)) == _blocks(to_markdown(dutch))


#: Each character the rules refuse (when the Dutch has not the same one), and its name.
INVISIBLE = [
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u202b", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    ("\u202c", "U+202C POP DIRECTIONAL FORMATTING"),
    ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\u2068", "U+2068 FIRST STRONG ISOLATE"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("\u2060", "U+2060 WORD JOINER"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),
]


@pytest.mark.parametrize(("char", "name"), INVISIBLE)
def test_an_invisible_or_direction_character_falls_back_to_dutch(
    workspace: Path, char: str, name: str
) -> None:
    line = _edit(workspace, "en", 'msgstr "Echo"', f'msgstr "Echo{char}"')
    with pytest.warns(CatalogWarning) as caught:
        en = factsheet.load("en")
    messages = [str(w.message) for w in caught]
    assert any(
        f"risks/echo/title in Dutch: en/LC_MESSAGES/factsheet.po line {line}: {name}" in m for m in messages
    ), messages
    assert en.risks.item("echo").title == "Echo"
    assert "risks/echo/title" in en.metadata.translation.fallbacks
    problems = catalog_checks.check_locale(workspace, "en")
    assert any(p.startswith(f"risks/echo/title (line {line}): {name}") for p in problems), problems


def test_a_reversed_text_is_refused_by_the_check_command(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The review's case: shown as "Echo Call your helpline", written backwards; no digit to catch.
    hidden = "Echo \u202eenilpleh ruoy llaC\u202c"
    line = _edit(workspace, "en", 'msgstr "Echo"', f'msgstr "{hidden}"')
    monkeypatch.setattr(catalog_checks, "check_template", lambda root: [])  # no extraction in tmp
    assert catalog_checks.report(workspace) == 1
    out = capsys.readouterr().out
    assert (
        f"en: risks/echo/title (line {line}): U+202E RIGHT-TO-LEFT OVERRIDE, "
        "U+202C POP DIRECTIONAL FORMATTING: " in out
    ), out
    assert hidden not in out  # the problem names the characters; it does not show them


@pytest.mark.parametrize(
    ("source", "translation", "refused"),
    [
        ("Echo", "Echo\u200b", "U+200B ZERO WIDTH SPACE"),
        ("Echo\u200b", "Echo\u200b!", None),  # the Dutch has the same character
        ("Echo\u200e", "Echo\u200f", "U+200F RIGHT-TO-LEFT MARK"),  # a different one
        ("Echo", "\u2067{version}\u2069", "U+2067 RIGHT-TO-LEFT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
        ("Echo", "Écho\u00a0!", None),  # a no-break space is visible spacing: allowed
    ],
)
def test_shown_problem_compares_invisible_characters_with_the_dutch(
    source: str, translation: str, refused: str | None
) -> None:
    from factsheet.i18n.rules import shown_problem

    problem = shown_problem(source, translation)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(f"{refused}: "), problem
