"""Every input file: read within limits, strictly, and every change shows in the checksum."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import factsheet
from factsheet import ContentError, InputFileError, files
from factsheet.locale.registry import parse_locale_list

from .conftest import ROOT

LOCALE_LIST = (ROOT / "translations" / "locales.yaml").read_text(encoding="utf-8")
#: A valid list of the shipped locales with no review recorded: what the error tests change,
#: so they hold whatever the shipped list says of reviews.
UNREVIEWED = "nl:\n  status: source\n" + "".join(
    f"{code}:\n  status: machine-translated\n" for code in factsheet.locales() if code != "nl"
)


# The checksum: it changes when any file any text comes from changes.


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> Path:
    """A copy of the package's data (content and translations) that the package reads instead."""
    root = tmp_path / "factsheet"
    shutil.copytree(ROOT / "factsheet" / "content", root / "content")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    monkeypatch.setattr(files, "PACKAGE_DIR", root)
    monkeypatch.setattr(files, "translations_dir", lambda: tmp_path / "translations")
    return tmp_path


def _inputs(root: Path) -> list[Path]:
    return [
        root / "factsheet" / "content" / "factsheet.nl.yaml",
        root / "factsheet" / "content" / "interface.nl.yaml",
        root / "translations" / "locales.yaml",
        *sorted((root / "translations").glob("*/LC_MESSAGES/factsheet.po")),
    ]


def test_the_checksum_covers_every_input_file(package_copy: Path) -> None:
    inputs = _inputs(package_copy)
    assert len(inputs) == 3 + len(factsheet.locales()) - 1
    original = factsheet.content_checksum()
    assert original == _fresh_checksum()  # the copy is the real thing
    for path in inputs:
        data = path.read_bytes()
        path.write_bytes(data + b"\n# changed\n")
        assert _fresh_checksum() != original, f"{path.relative_to(package_copy)} is not in the checksum"
        path.write_bytes(data)
        assert _fresh_checksum() == original


def test_the_checksum_ignores_files_no_text_comes_from(package_copy: Path) -> None:
    original = _fresh_checksum()
    (package_copy / "translations" / "README.md").write_text("notes", encoding="utf-8")
    (package_copy / "factsheet" / "content" / "notes.txt").write_text("notes", encoding="utf-8")
    assert _fresh_checksum() == original


def _fresh_checksum() -> str:
    factsheet.clear_cache()
    return factsheet.content_checksum()


# locales.yaml: the same strict loader as the content.


def _list_error(text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_locale_list(text, "locales.yaml")
    assert str(caught.value).startswith("locales.yaml: invalid locale list\n")
    assert "{" not in str(caught.value), "a message in words, never a dict"
    return caught.value


def _line_of(text: str, exact: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line == exact)


def test_the_shipped_locale_list_is_valid() -> None:
    assert tuple(parse_locale_list(LOCALE_LIST)) == factsheet.locales()


def test_a_locale_given_twice_is_an_error_with_its_line() -> None:
    text = UNREVIEWED + "de:\n  status: machine-translated\n"
    ((_, line, message),) = _list_error(text).problems
    assert line == len(text.splitlines()) - 1 and "duplicate key 'de'" in message


def test_a_reviewed_locale_without_reviewer_names_the_line() -> None:
    text = UNREVIEWED.replace("de:\n  status: machine-translated", "de:\n  status: reviewed", 1)
    assert (
        "de/status",
        _line_of(text, "  status: reviewed"),
        "a reviewed translation needs a reviewer (reviewed_by) and a date (reviewed_on)",
    ) in _list_error(text).problems


def test_a_review_names_the_strings_reviewed() -> None:
    reviewed = 'de:\n  status: reviewed\n  reviewed_by: "A. Reviewer"\n  reviewed_on: "2027-01-31"'
    text = UNREVIEWED.replace("de:\n  status: machine-translated", reviewed, 1)
    assert "lists the strings reviewed (reviewed_strings" in _list_error(text).problems[0][2]
    bad = text.replace(reviewed, reviewed + '\n  reviewed_strings:\n    risks/echo/title: "12ab"', 1)
    assert "a digest of 16 hexadecimal digits" in _list_error(bad).problems[0][2]


def test_a_reviewer_without_the_reviewed_status_is_an_error() -> None:
    text = UNREVIEWED.replace(
        "fr:\n  status: machine-translated", "fr:\n  status: machine-translated\n  reviewed_by: A", 1
    )
    assert "only a reviewed translation has a reviewer" in _list_error(text).problems[0][2]


def test_a_reviewed_locale_with_reviewer_and_date_is_valid() -> None:
    text = UNREVIEWED.replace(
        "de:\n  status: machine-translated",
        'de:\n  status: reviewed\n  reviewed_by: "A. Reviewer"\n  reviewed_on: "2027-01-31"\n'
        '  reviewed_strings:\n    risks/echo/title: "0123456789abcdef"',
        1,
    )
    de = parse_locale_list(text)["de"]
    assert (de.status, de.reviewed_by, de.reviewed_on) == ("reviewed", "A. Reviewer", "2027-01-31")
    assert de.reviewed_strings == (("risks/echo/title", "0123456789abcdef"),)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            "es:\n  status: machine-translated",
            "es:\n  status: checked",
            "must be one of: source, machine-translated, reviewed",
        ),
        ("pl:\n", "PL:\n", "'PL' is not a locale code"),
        (
            "tr:\n  status: machine-translated",
            "tr:\n  status: machine-translated\n  colour: red",
            "unknown key",
        ),
        (
            "nl:\n  status: source",
            "nl:\n  status: machine-translated",
            "exactly one locale, 'nl', has the status 'source'",
        ),
    ],
)
def test_locale_list_problems_in_words(old: str, new: str, words: str) -> None:
    assert old in UNREVIEWED
    problems = _list_error(UNREVIEWED.replace(old, new, 1)).problems
    assert any(words in message for _, _, message in problems), problems


def test_the_translator_check_reports_a_broken_locale_list_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    shutil.copytree(ROOT / "factsheet", tmp_path / "factsheet", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "babel.cfg", tmp_path)
    broken = UNREVIEWED.replace("de:\n  status: machine-translated", "de:\n  status: reviewed", 1)
    (tmp_path / "translations" / "locales.yaml").write_text(broken, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factsheet.i18n", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "translations/locales.yaml: invalid locale list" in done.stdout
    assert "de/status: a reviewed translation needs a reviewer" in done.stdout


# Size and kind of file.


def test_read_content_refuses_a_device_at_once() -> None:
    with pytest.raises(InputFileError, match="/dev/zero: not a regular file"):
        factsheet.read_content("/dev/zero")


def test_read_content_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "content.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        factsheet.read_content(fifo)


def test_content_over_the_limit_is_refused_with_the_file_name(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (factsheet.MAX_INPUT_BYTES + 1))
    with pytest.raises(ContentError, match=r"big\.yaml: invalid .*\n.*too large: more than 4 MiB"):
        factsheet.read_content(big)
    with pytest.raises(ContentError, match="too large"):
        factsheet.parse_content("#" * (factsheet.MAX_INPUT_BYTES + 1), "text.yaml")


def test_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "limit.bin"
    path.write_bytes(b"x" * 10)
    assert files.read_input(path, limit=10) == b"x" * 10
    with pytest.raises(ContentError, match="more than 9 bytes"):
        files.read_input(path, limit=9)


def test_a_catalog_over_the_limit_falls_back_to_dutch_and_says_why(package_copy: Path) -> None:
    po = package_copy / "translations" / "uk" / "LC_MESSAGES" / "factsheet.po"
    po.write_bytes(po.read_bytes() + b"#" * factsheet.MAX_INPUT_BYTES)
    with pytest.warns(factsheet.CatalogWarning, match="uk/LC_MESSAGES/factsheet.po is too large"):
        uk = factsheet.load("uk")
    assert uk.metadata.translation.translated == 0
    assert uk.risks == factsheet.load("nl").risks


def test_a_catalog_that_is_a_fifo_is_not_waited_for(package_copy: Path) -> None:
    po = package_copy / "translations" / "pl" / "LC_MESSAGES" / "factsheet.po"
    po.unlink()
    os.mkfifo(po)
    with pytest.warns(factsheet.CatalogWarning, match="not a regular file"):
        assert factsheet.load("pl").metadata.translation.translated == 0


def test_a_locale_list_over_the_limit_is_refused(package_copy: Path) -> None:
    path = package_copy / "translations" / "locales.yaml"
    path.write_bytes(path.read_bytes() + b"#" * factsheet.MAX_INPUT_BYTES)
    with pytest.raises(ContentError, match=r"translations/locales.yaml: invalid .*\n.*too large"):
        factsheet.locales()
