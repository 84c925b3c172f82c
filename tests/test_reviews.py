"""Reviews that cannot go stale: a review is pinned to the strings reviewed, and says when they change."""

from __future__ import annotations

import datetime
import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import factsheet
from factsheet.i18n.review_record import record_review
from factsheet.output.render import to_text

from .conftest import ROOT
from .outline import TRANSLATED


def test_a_committed_locale_is_reviewed_only_with_a_reviewer_and_a_date() -> None:
    # The locale list may record reviews (REVIEWING.md); whatever it says must be complete.
    for code in TRANSLATED:
        info = factsheet.locale_info(code)
        assert info.status in ("machine-translated", "reviewed", "changed-since-review"), code
        reviewed = info.status != "machine-translated"
        assert bool(info.reviewed_by) == reviewed and bool(info.reviewed_on) == reviewed, code


def test_a_recorded_review_holds_until_a_reviewed_string_changes(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_review(workspace, "de", "Anna Müller", "2027-01-31")
    factsheet.clear_cache()
    info = factsheet.locale_info("de")
    assert (info.status, info.reviewed_by, info.reviewed_on) == ("reviewed", "Anna Müller", "2027-01-31")
    assert info.changed_since_review == ()
    assert factsheet.locale_info("fr").status == "machine-translated"  # only the locale reviewed
    assert "Anna Müller" in to_text(factsheet.load("de"))

    po = workspace / "de" / "LC_MESSAGES" / "factsheet.po"
    text = po.read_text(encoding="utf-8")
    old = factsheet.load("de").risks.item("echo").title
    po.write_text(text.replace(f'msgstr "{old}"', 'msgstr "Echokammer"', 1), encoding="utf-8")
    factsheet.clear_cache()

    sheet = factsheet.load("de")
    assert sheet.risks.item("echo").title == "Echokammer"
    translation = sheet.metadata.translation
    assert translation.status == "changed-since-review"
    assert translation.changed_since_review == ("risks/echo/title",)
    assert (translation.reviewed_by, translation.reviewed_on) == ("Anna Müller", "2027-01-31")
    assert factsheet.locale_info("de").changed_since_review == ("risks/echo/title",)
    assert factsheet.to_dict(sheet)["metadata"]["translation"]["changed_since_review"] == ["risks/echo/title"]
    notice = factsheet.interface_text("de").format(
        "changed-since-review", reviewer="Anna Müller", date="2027-01-31"
    )
    assert notice in to_text(sheet).replace("\n", " ")
    from factsheet.output.cli import main

    assert main(["locales"]) == 0
    (line,) = [row for row in capsys.readouterr().out.splitlines() if row.startswith("de ")]
    assert line.endswith(
        "changed-since-review (by Anna Müller on 2027-01-31; changed since: risks/echo/title)"
    )


def test_a_changed_dutch_string_also_makes_the_review_stale(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_review(workspace, "en", "A. Reviewer", "2027-02-01")
    factsheet.clear_cache()
    from factsheet.loading import interface

    changed = {**interface.source_interface(), "language": "Taal van de pagina"}
    monkeypatch.setattr(interface, "source_interface", functools.cache(lambda: changed))
    info = factsheet.locale_info("en")
    assert (info.status, info.changed_since_review) == ("changed-since-review", ("interface/language",))


def test_the_review_command_refuses_an_unsound_catalog(workspace: Path) -> None:
    po = workspace / "tr" / "LC_MESSAGES" / "factsheet.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Yankı"', 'msgstr ""', 1), encoding="utf-8")
    before = (workspace / "locales.yaml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="fix them first"):
        record_review(workspace, "tr", "A. Reviewer", "2027-02-01")
    assert (workspace / "locales.yaml").read_text(encoding="utf-8") == before


def test_the_review_command_line(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copytree(ROOT / "translations", checkout / "translations")
    shutil.copy(ROOT / "babel.cfg", checkout)
    command = [
        sys.executable,
        "-m",
        "factsheet.i18n",
        "review",
        "pl",
        "--by",
        "Jan Kowalski",
        "--on",
        "2026-03-01",
    ]
    done = subprocess.run(command, cwd=checkout, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    entry = (checkout / "translations" / "locales.yaml").read_text(encoding="utf-8").split("\npl:\n", 1)[1]
    assert entry.startswith(
        '  status: reviewed\n  reviewed_by: "Jan Kowalski"\n  reviewed_on: "2026-03-01"\n'
    )
    assert "    risks/echo/title: " in entry
    bad = subprocess.run(
        [*command[:-1], "31-01-2027"], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "is not a date YYYY-MM-DD" in bad.stderr
    tomorrow = (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)).isoformat()
    later = subprocess.run(
        [*command[:-1], tomorrow], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert later.returncode == 2 and "is after today" in later.stderr
