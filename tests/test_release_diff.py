"""diff between synthetic releases: source changes and translation-only changes told apart,
strings added and removed, statuses compared by value; and ``factsheet changes``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import factsheet
from factsheet.history import layout
from factsheet.history.diff import diff_snapshots
from factsheet.history.store import ReleaseStore
from factsheet.output.cli import main

from .releases import inputs_of, write_release

ES = layout.catalog_name("es")
GENERIC_POINT = '          - "Meestal zonder robuuste therapeutische veiligheidsprotocollen"\n'
ECHO_DUTCH = "zonder kritische blik."
# A review record (one string's digest, as `python -m factsheet.i18n review` writes them).
REVIEWED = (
    'es:\n  status: reviewed\n  reviewed_by: "A. Reviewer"\n  reviewed_on: "2026-12-01"\n'
    '  reviewed_strings:\n    risks/echo/title: "0000000000000000"\n'
)


@pytest.fixture
def store(tmp_path: Path) -> ReleaseStore:
    echo_es = factsheet.load("es").risks.item("echo").title
    write_release(tmp_path, "2.0.0", inputs_of("2.0.0"))
    write_release(
        tmp_path,
        "2.1.0",
        inputs_of(
            "2.1.0",
            (ES, f'msgstr "{echo_es}"', f'msgstr "{echo_es} (revisado)"'),  # translation only
            (layout.CONTENT, ECHO_DUTCH, "zonder een kritische blik."),  # the Dutch
            (layout.CONTENT, GENERIC_POINT, GENERIC_POINT + '          - "Een nieuw punt"\n'),
            (layout.LOCALES, "es:\n  status: machine-translated\n", REVIEWED),
        ),
        date="2026-12-02",
    )
    return ReleaseStore(tmp_path)


def test_translation_only_and_source_changes_are_told_apart(store: ReleaseStore) -> None:
    spanish = diff_snapshots(store.snapshot("2.0.0"), store.snapshot("2.1.0"), "es").locale("es")
    (translated,) = spanish.translation_changed
    assert translated.context == "risks/echo/title" and translated.kind == "translation"
    assert translated.old_source == translated.new_source == "Echo"
    assert translated.new == f"{translated.old} (revisado)"
    (source,) = spanish.source_changed
    assert source.context == "risks/echo/text" and source.kind == "source"
    assert source.old_source is not None and source.old_source.endswith(ECHO_DUTCH)
    assert source.new_source is not None and source.new_source.endswith("zonder een kritische blik.")
    assert source.old != source.old_source  # was translated
    assert source.new == source.new_source  # the catalog keys on the old Dutch: shown in Dutch now
    (added,) = spanish.added
    assert (added.context, added.kind, added.old, added.new) == (
        "chatbot-types/generic/points/4",
        "added",
        None,
        "Een nieuw punt",
    )


def test_the_dutch_locale_sees_only_source_changes(store: ReleaseStore) -> None:
    dutch = diff_snapshots(store.snapshot("2.0.0"), store.snapshot("2.1.0"), "nl").locale("nl")
    assert [c.context for c in dutch.source_changed] == ["risks/echo/text"]
    assert dutch.translation_changed == () and dutch.status is None
    assert [c.context for c in dutch.added] == ["chatbot-types/generic/points/4"]


def test_removed_strings_and_status_changes(store: ReleaseStore) -> None:
    back = diff_snapshots(store.snapshot("2.1.0"), store.snapshot("2.0.0"), "es").locale("es")
    assert [(c.context, c.kind, c.new) for c in back.removed] == [
        ("chatbot-types/generic/points/4", "removed", None)
    ]
    forward = diff_snapshots(store.snapshot("2.0.0"), store.snapshot("2.1.0"))
    status = forward.locale("es").status
    assert status is not None and status.old is not None and status.new is not None
    assert (status.old.status, status.new.status) == ("machine-translated", "reviewed")  # as recorded
    assert (status.new.reviewed_by, status.new.reviewed_on) == ("A. Reviewer", "2026-12-01")
    assert all(changes.status is None for changes in forward.locales if changes.locale != "es")
    # Other locales see the Dutch changes too, and nothing of the Spanish catalog.
    german = forward.locale("de")
    assert [c.context for c in german.source_changed] == ["risks/echo/text"]
    assert german.translation_changed == ()


def test_a_locale_added_in_a_release(tmp_path: Path, store: ReleaseStore) -> None:
    # A locale list without es: as if Spanish came in 2.1.0.
    without = inputs_of("1.9.0")
    without[layout.LOCALES] = without[layout.LOCALES].replace(b"es:\n  status: machine-translated\n", b"")
    del without[ES]
    write_release(tmp_path, "1.9.0", without)
    spanish = diff_snapshots(store.snapshot("1.9.0"), store.snapshot("2.0.0"), "es").locale("es")
    assert spanish.status is not None and spanish.status.old is None
    assert spanish.status.new is not None and spanish.status.new.status == "machine-translated"
    assert len(spanish.added) == len(spanish.contexts) > 60
    assert spanish.removed == spanish.source_changed == spanish.translation_changed == ()


def test_changes_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", "--since", "1.0.0", "--to", "1.1.0", "-l", "es"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes from 1.0.0 to 1.1.0\n")
    # Between 1.0.0 and 1.1.0 the Dutch changed only where the rights became Dutch text.
    assert "== es (Spanish):" in out and "2 with a changed Dutch source" in out
    block = out[out.index("translation changed: conversation/standard-questions/example") :]
    block = " ".join(block.split("\n\n")[0].split())  # long texts are wrapped
    assert "old: Por ejemplo: «¿Utiliza alguna vez" in block
    assert "new: Por ejemplo: «¿Usas alguna vez" in block
    assert block.index("old:") < block.index("new:")
    assert main(["changes"]) == 0  # every locale, since the newest release before this version
    everything = capsys.readouterr().out
    assert "== nl (Dutch):" in everything and "== uk (Ukrainian)" in everything


def test_changes_with_an_unknown_version_or_locale_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", "--since", "0.1.0"]) == 2
    available = ", ".join(release.version for release in factsheet.releases())
    assert f"unknown version '0.1.0'; available: {available}" in capsys.readouterr().err
    assert main(["changes", "-l", "xx"]) == 2
    assert "unknown locale 'xx'" in capsys.readouterr().err


def test_changes_into_a_pipe_that_closes_early() -> None:
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m factsheet changes | true; exit ${{PIPESTATUS[0]}}"],
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b""), done.stderr.decode()


def test_every_kind_of_change_has_its_words() -> None:
    from api.v1 import releases as feed
    from factsheet.history.diff import CHANGE_KINDS
    from factsheet.output import changes

    assert set(changes._HEADINGS) == set(CHANGE_KINDS)
    assert set(feed._KIND_WORDS) == set(CHANGE_KINDS)
