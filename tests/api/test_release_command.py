"""``flask --app api freeze-release``: the archive holds the JSON exactly as the app serves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from factsheet.history import layout
from factsheet.history import store as stores
from factsheet.history.releases import current_version, releases
from factsheet.history.store import ReleaseStore


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReleaseStore:
    replacement = ReleaseStore(tmp_path)
    monkeypatch.setattr(stores, "shipped", replacement)
    return replacement


def test_freeze_release_archives_what_the_app_serves(app: Flask, store: ReleaseStore) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["freeze-release", "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert f"Release {current_version()} archived as" in result.output
    archive = store.archive(current_version())
    client = app.test_client()
    for code in archive.codes:
        assert archive.json(code) == client.get(f"/v1/{code}/factsheet").get_data()
    assert archive.inputs == layout.working_inputs()
    assert releases()[0].version == current_version()
    again = runner.invoke(args=["freeze-release"])
    assert again.exit_code == 0 and "already archived, unchanged" in again.output


def test_freeze_release_refuses_a_bad_date(app: Flask, store: ReleaseStore) -> None:
    result = app.test_cli_runner().invoke(args=["freeze-release", "--date", "1 December"])
    assert result.exit_code == 1 and "not a date YYYY-MM-DD" in result.output
    assert store.versions() == ()


def test_the_current_versions_copy_is_the_live_answer(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Released: the package's archive; not yet: the archive the release step writes now.
    if current_version() not in stores.shipped.versions():
        monkeypatch.setattr(stores, "shipped", ReleaseStore(tmp_path))
        assert app.test_cli_runner().invoke(args=["freeze-release"]).exit_code == 0
    archive = stores.shipped.archive(current_version())
    client = app.test_client()
    for code in archive.codes:
        assert client.get(f"/v1/{code}/factsheet").get_data() == archive.json(code), code
