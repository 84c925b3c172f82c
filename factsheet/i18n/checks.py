"""Checks on the translators' workspace: the template is current, every catalog complete and sound.

Run them with ``python -m factsheet.i18n check``; the test suite runs the same functions.
Each check returns a list of problems (strings); an empty list means it passed. Besides the
checks here: every interface string has a translator note (:mod:`.notes`), each catalog passes
GNU ``msgfmt --check`` and translate-toolkit's ``pofilter`` (:mod:`.pofilter`), uses the
glossary's terms (:mod:`.glossary_check`) and its language's typography (:mod:`.typography`);
``translations/exceptions.yaml`` records, with reasons, where a string may depart from the
glossary or a pofilter test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from factsheet.errors import FactsheetError
from factsheet.files import DOMAIN, read_input
from factsheet.loading.factsheets import source_factsheet
from factsheet.loading.interface import source_interface
from factsheet.locale.registry import DEFAULT_LOCALE, locale_statuses

from . import glossary_check, previous
from .catalogs import msgstr_line, syntax_error
from .exceptions import FILE as EXCEPTIONS
from .exceptions import RecordedException
from .messages import Message, interface_messages, messages
from .notes import missing_notes
from .pybabel import TRANSLATIONS, extract_command, update_command
from .qa import qa_problems
from .rules import shown_problem
from .typography import numbers, spacing_problems

__all__ = [
    "DATE_LINE",
    "check_catalog",
    "check_glossary",
    "check_locale",
    "check_string",
    "check_template",
    "check_written",
    "expected_messages",
    "msgfmt_check",
    "report",
    "unlisted_catalogs",
]

BRANDS = ("ChatGPT", "Gemini", "Claude")
#: Strings that may stay as in Dutch: a name, or words that many languages share.
MAY_EQUAL_SOURCE = frozenset({"risks/echo/title", "metadata/footer"})
#: (opening, closing) quotation marks of the languages we ship: “ opens in English, closes in German.
_PAIRS = frozenset({("‘", "’"), ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("‹", "›"), ('"', '"')})
_OPENERS = frozenset(opening for opening, _ in _PAIRS)
_MARKS = frozenset(char for pair in _PAIRS for char in pair)
_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
#: The template's creation date, which a fresh extraction always changes.
DATE_LINE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)


def check_string(context: str, source: str, translation: str, locale: str = "") -> list[str]:
    """Content checks on one translated string against its Dutch source (``locale``: the
    language whose typography and spelling of numbers apply)."""
    problems: list[str] = []
    if not translation.strip():
        return ["empty translation"]
    if translation == source and context not in MAY_EQUAL_SOURCE:
        problems.append("identical to the Dutch")
    unsafe = shown_problem(source, translation)
    if unsafe:
        problems.append(f"{unsafe} (shown in Dutch until fixed)")
    if numbers(translation, locale) != numbers(source):
        problems.append(f"numbers differ: {numbers(source)} in Dutch, {numbers(translation, locale)} here")
    problems += [
        f"brand name {brand} missing" for brand in BRANDS if brand in source and brand not in translation
    ]
    if translation.count("(") != translation.count(")") or (source.count("(") > 0) != (
        translation.count("(") > 0
    ):
        problems.append("brackets unbalanced or not kept")
    marks = _APOSTROPHE.sub("", translation)
    if not _quotes_balanced(marks):
        problems.append("quotation marks unbalanced")
    if re.search(r"[‘’“”„«»]", _APOSTROPHE.sub("", source)) and not re.search(r"[‘’“”„«»‹›\"]", marks):
        problems.append("the Dutch quotes something; the translation does not")
    return problems + spacing_problems(locale, translation)


def _quotes_balanced(text: str) -> bool:
    """Every opening mark is closed by its partner, whichever convention the language uses."""
    stack: list[str] = []
    for char in text:
        if char not in _MARKS:
            continue
        if stack and (stack[-1], char) in _PAIRS:
            stack.pop()
        elif char in _OPENERS:
            stack.append(char)
        else:
            return False
    return not stack


def expected_messages() -> list[Message]:
    """Every message a catalog must translate: the content's, then the interface text's."""
    return [*messages(source_factsheet()), *interface_messages(source_interface())]


def check_catalog(code: str, data: bytes) -> list[str]:
    """Parse, completeness, fuzzy, obsolete, plural forms and content checks for one ``.po``."""
    problem = syntax_error(data)
    if problem:
        return [f"cannot be parsed: {problem}"]
    try:
        catalog = read_po(BytesIO(data), locale=code, abort_invalid=True)
    except PoFileError as error:  # Babel counts lines from 0
        return [f"cannot be parsed: line {error.lineno + 1}: {str(error.args[0]).rsplit(' on ', 1)[0]}"]
    except Exception as error:  # noqa: BLE001 - report any parse failure as a problem
        return [f"cannot be parsed: {error}"]
    problems = _header_problems(code, catalog)
    if catalog.obsolete:
        problems.append(
            f"{len(catalog.obsolete)} obsolete (#~) entries: remove them (pybabel update --ignore-obsolete)"
        )
    expected = {(m.context, m.text) for m in expected_messages()}
    found = {(m.context, m.id) for m in catalog if m.id}
    problems += [
        f"{ctx}: not in the template (stale or wrong msgctxt)" for ctx, _ in sorted(found - expected, key=str)
    ]
    problems += [f"{ctx}: missing (run pybabel update)" for ctx, _ in sorted(expected - found, key=str)]
    lines = data.decode("utf-8").split("\n")
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str):
            continue
        if message.fuzzy:
            problems.append(f"{message.context}: fuzzy (check the translation, then remove the fuzzy flag)")
        problems += [
            f"{message.context} (line {msgstr_line(lines, message.lineno)}): {p}"
            for p in check_string(message.context or "", message.id, message.string, code)
        ]
    return problems


def _header_problems(code: str, catalog: BabelCatalog) -> list[str]:
    problems = []
    plural = get_plural(code)
    if catalog.num_plurals != plural.num_plurals or catalog.plural_expr != plural.plural_expr:
        problems.append(
            f"Plural-Forms header should be {plural.plural_forms!r}, not {catalog.plural_forms!r}"
        )
    if str(catalog.locale) != code:
        problems.append(f"Language header is {catalog.locale!s}, expected {code}")
    if catalog.fuzzy:
        problems.append("the header entry is marked fuzzy")
    return problems


def msgfmt_check(path: Path) -> list[str]:
    """GNU ``msgfmt --check`` on a catalog; ``[]`` if it passes. Raises FileNotFoundError without msgfmt."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise FileNotFoundError("msgfmt (GNU gettext) is not installed")
    result = subprocess.run(  # noqa: S603 - fixed program, our own file
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or "warning" in result.stderr:
        return [f"msgfmt --check: {line}" for line in result.stderr.splitlines() if line.strip()]
    return []


def check_locale(root: Path, code: str, used: set[RecordedException] | None = None) -> list[str]:
    """Every check of one locale's catalog; the exceptions that excused a finding go into ``used``."""
    path = root / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return [f"no catalog at {path} (python -m factsheet.i18n init {code})"]
    try:
        data = read_input(path)
        problems = check_catalog(code, data)
    except FactsheetError as error:
        return [str(error)]
    if problems and problems[0].startswith("cannot be parsed"):
        return problems
    try:
        problems += msgfmt_check(path)
    except FileNotFoundError as error:
        problems.append(f"not checked with msgfmt: {error}")
    return problems + qa_problems(root, code, data, set() if used is None else used)


def check_glossary(root: Path) -> tuple[list[str], tuple[RecordedException, ...]]:
    """The glossary and the exceptions file themselves, and the exceptions recorded."""
    locales = tuple(locale_statuses())
    glossary, exceptions, problems = glossary_check.load(root, locales)
    contexts = {m.context for m in expected_messages()}
    problems += glossary_check.exception_problems(exceptions, glossary, locales, contexts)
    return problems, exceptions


def check_template(root: Path) -> list[str]:
    """The committed template equals a fresh extraction (apart from its creation date)."""
    committed = root / f"{DOMAIN}.pot"
    if not committed.is_file():
        return [f"no template at {committed} (python -m factsheet.i18n extract)"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / f"{DOMAIN}.pot"
        result = _babel(extract_command(str(fresh)), root.parent)
        if result.returncode != 0:
            return [f"extraction failed: {result.stderr.strip()}"]
        fresh_text = DATE_LINE.sub("", fresh.read_text(encoding="utf-8"))
    if DATE_LINE.sub("", committed.read_text(encoding="utf-8")) != fresh_text:
        return [f"{committed} is out of date: run python -m factsheet.i18n extract, then update"]
    return []


def _babel(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "babel.messages.frontend", *argv[1:]]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603


def check_written(root: Path) -> list[str]:
    """Every catalog is byte for byte what ``python -m factsheet.i18n update`` writes from the
    committed template: so the next update changes only what changed in the Dutch."""
    catalogs = sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    if not catalogs or not (root / f"{DOMAIN}.pot").is_file():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / TRANSLATIONS
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("*.mo", "*.md", "*.yaml"))
        saved = previous.kept(copy)
        result = _babel(update_command(), Path(tmp))
        if result.returncode != 0:
            return [f"update failed: {result.stderr.strip()}"]
        previous.restore_all(saved)
        return [
            f"{path.relative_to(root)}: not as python -m factsheet.i18n update writes it "
            f"(line {line}): run it, check what it changed, commit the result"
            for path in catalogs
            if (line := _first_difference(path, copy / path.relative_to(root)))
        ]


def _first_difference(committed: Path, written: Path) -> int:
    """The number of the first line in which the files differ (counted from 1); 0 if equal."""
    old, new = committed.read_bytes().splitlines(), written.read_bytes().splitlines()
    if old == new:
        return 0
    return next(
        (n for n, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b), min(len(old), len(new)) + 1
    )


def unlisted_catalogs(root: Path) -> list[str]:
    """Catalogs in the workspace that ``locales.yaml`` does not list (never shipped, never checked)."""
    listed = set(locale_statuses())
    return [
        f"{path.relative_to(root)}: a catalog that locales.yaml does not list (add the locale there, "
        "or remove the folder)"
        for path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if path.parent.parent.name not in listed
    ]


def report(root: Path) -> int:
    """Print every problem of the workspace; 0 if there is none, else 1."""
    problems = [f"template: {p}" for p in check_template(root)]
    problems += check_written(root) if not problems else []
    problems += [f"template: {p}" for p in missing_notes()]
    problems += unlisted_catalogs(root)
    found, exceptions = check_glossary(root)
    problems += [f"glossary: {p}" for p in found]
    used: set[RecordedException] = set()
    for code in locale_statuses():
        if code != DEFAULT_LOCALE:
            problems += [f"{code}: {p}" for p in check_locale(root, code, used)]
    if not any("not checked with pofilter" in p for p in problems):  # else pofilter's cannot be judged
        problems += [
            f"glossary: {EXCEPTIONS}: {e.describe()}: excuses nothing any more: remove it"
            for e in exceptions
            if e not in used
        ]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {root}" if problems else f"{root}: all catalogs complete and sound")
    return 1 if problems else 0
