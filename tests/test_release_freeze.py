"""The release step: freezing the working files, and released editions that never change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factsheet.history import layout
from factsheet.history.freeze import ReleaseError, freeze
from factsheet.history.releases import current_version
from factsheet.history.store import ReleaseStore

from .releases import bodies_for, inputs_of, write_release


def test_freeze_writes_the_working_files_once(tmp_path: Path) -> None:
    store = ReleaseStore(tmp_path)
    bodies = bodies_for(layout.working_inputs())
    frozen = freeze(bodies, "2026-12-01", store)
    assert frozen.written and frozen.path == tmp_path / f"{current_version()}.zip"
    archive = store.archive(current_version())
    assert archive.inputs == layout.working_inputs()
    assert {code: archive.json(code) for code in archive.codes} == bodies
    assert store.releases()[0].date == "2026-12-01"
    before = frozen.path.read_bytes()
    again = freeze(bodies, "2026-12-05", store)  # the same content: nothing to do
    assert not again.written and frozen.path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [frozen.path]


def test_a_released_edition_is_never_replaced_by_other_content(tmp_path: Path) -> None:
    store = ReleaseStore(tmp_path)
    bodies = bodies_for(layout.working_inputs())
    path = freeze(bodies, "2026-12-01", store).path
    before = path.read_bytes()
    changed = {**bodies, "es": b'{"changed":true}'}
    with pytest.raises(ReleaseError, match=r"differ from it in v1/es/factsheet.json: a released edition"):
        freeze(changed, "2026-12-01", store)
    # Text changed in the working files since the release: refused the same way.
    write_release(tmp_path, current_version(), inputs_of(current_version(), (layout.LOCALES, "nl:", "nl:  ")))
    with pytest.raises(ReleaseError, match=r"translations/locales.yaml"):
        freeze(bodies, "2026-12-01", ReleaseStore(tmp_path))
    path.write_bytes(before)
    assert ReleaseStore(tmp_path).archive(current_version()).inputs == layout.working_inputs()


def test_a_release_must_be_newer_than_every_other(tmp_path: Path) -> None:
    write_release(tmp_path, "99.0.0", inputs_of("99.0.0"))
    with pytest.raises(ReleaseError, match=r"is not newer than release 99\.0\.0"):
        freeze(bodies_for(layout.working_inputs()), "2026-12-01", ReleaseStore(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["99.0.0.zip"]


@pytest.mark.parametrize("day", ["2026-13-01", "today", ""])
def test_the_date_must_be_a_date(tmp_path: Path, day: str) -> None:
    with pytest.raises(ReleaseError, match="not a date"):
        freeze(bodies_for(layout.working_inputs()), day, ReleaseStore(tmp_path))


def test_bodies_for_other_locales_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="the JSON bodies are for"):
        freeze({"nl": b"{}"}, "2026-12-01", ReleaseStore(tmp_path))


def test_the_shipped_archives_read_the_same_from_a_copy(tmp_path: Path) -> None:
    from factsheet.history.store import ARCHIVE_DIR

    for path in ARCHIVE_DIR.glob("*.zip"):
        shutil.copy(path, tmp_path)
    assert ReleaseStore(tmp_path).releases() == ReleaseStore(ARCHIVE_DIR).releases()
