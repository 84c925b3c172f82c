"""The export under stress: two at once, paths that resolve elsewhere, a full disk, a place it cannot write.

Each failure ends in one ``Error: ...`` line and leaves the previous export (or nothing) behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from api.publish.export import ExportError, export
from api.site import File, Site

from .mounts import tmpfs

#: Its exports make the PDFs (the first to make them in a run costs ~20 s).
pytestmark = pytest.mark.pdf


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def previous_export(app: Flask, folder: Path) -> dict[str, bytes]:
    """An export in ``folder`` with one file changed (so a new export would change it back)."""
    export(app, folder)
    (folder / "v1" / "nl" / "factsheet.json").write_bytes(b"the previous export")
    return snapshot(folder)


@pytest.mark.parametrize("force", [False, True])
def test_a_second_export_to_one_folder_fails_at_once(app: Flask, tmp_path: Path, force: bool) -> None:
    site = tmp_path / "site"
    before = previous_export(app, site) if force else {}
    handle = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running export holds it
    try:
        with pytest.raises(ExportError, match="another export is writing here"):
            export(app, site, force=force)
    finally:
        os.close(handle)
    assert (snapshot(site) if site.exists() else {}) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == (["site"] if force else [])
    export(app, site, force=True)  # the lock is gone with the export that held it
    assert (site / "v1" / "nl" / "factsheet.json").read_bytes() != b"the previous export"


@pytest.mark.subprocess
def test_the_command_run_twice_at_once_never_interleaves(app: Flask, tmp_path: Path) -> None:
    """Two real processes: one writes, the other waits for nothing and fails cleanly (or runs after)."""
    site = tmp_path / "site"
    command = [str(Path(sys.executable).with_name("flask")), "--app", "api", "export", "--force", str(site)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    results = [(run.wait(timeout=120), run.stdout.read() if run.stdout else "") for run in runs]
    for run in runs:
        if run.stdout:
            run.stdout.close()
    assert any(code == 0 for code, _ in results), results
    for code, output in results:
        if code != 0:
            assert output.startswith("Error: ") and "another export is writing here" in output, output
            assert len(output.splitlines()) == 1
    export(app, tmp_path / "fresh")
    assert snapshot(site) == snapshot(tmp_path / "fresh")  # whole files of one export, never a mix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "site"]


def test_a_file_name_that_resolves_outside_is_refused(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site: Site = app.extensions["factsheet"]
    some = next(site.files())
    escaping = File("v1/../../outside/evil.json", some.path, some.representation)
    monkeypatch.setattr(type(site), "files", lambda self: iter([some, escaping]))
    for force, target in ((False, tmp_path / "new"), (True, tmp_path / "old")):
        target.mkdir()
        if force:
            (target / "keep.txt").write_text("mine")
        with pytest.raises(ExportError, match="writes only into its folder"):
            export(app, target, force=force)
    assert not (tmp_path / "outside").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old"]
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["keep.txt"]


def test_a_link_made_while_exporting_is_not_followed(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of the staging folder replaced by a link between its making and the write: the
    resolved path gives it away."""
    outside = tmp_path / "outside"
    outside.mkdir()
    site_dir = tmp_path / "site"
    before = previous_export(app, site_dir)
    real_mkdir = Path.mkdir

    def mkdir_then_swap(self: Path, *args: object, **kwargs: object) -> None:
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]
        staged = self.parent.parent.name.startswith(".site.")
        if staged and self.parts[-2:] == ("v1", "de") and not self.is_symlink():
            os.rename(self, tmp_path / "moved")
            self.symlink_to(outside, target_is_directory=True)

    monkeypatch.setattr(Path, "mkdir", mkdir_then_swap)
    with pytest.raises(ExportError, match="resolves to another place"):
        export(app, site_dir, force=True)
    assert list(outside.iterdir()) == []
    assert snapshot(site_dir) == before


def test_a_link_made_in_the_folder_while_exporting_is_refused(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of the target replaced by a link after the first check, while the files are
    written: the check just before the swap finds it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    site_dir = tmp_path / "site"
    export(app, site_dir, pdf=False)
    real_write = Path.write_bytes

    def write_then_swap(self: Path, data: bytes) -> int:
        folder = site_dir / "v1" / "de"
        if not folder.is_symlink():
            os.rename(folder, tmp_path / "moved")
            folder.symlink_to(outside, target_is_directory=True)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_then_swap)
    with pytest.raises(ExportError, match="symbolic link"):
        export(app, site_dir, force=True, pdf=False)
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moved", "outside", "site"]


def test_a_full_disk_leaves_the_previous_export(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    before = previous_export(app, site)
    real_write = Path.write_bytes
    written: list[Path] = []

    def write_until_full(self: Path, data: bytes) -> int:
        if len(written) == 100:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_until_full)
    result = app.test_cli_runner().invoke(args=["export", "--force", str(site)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "No space left on device" in result.output
    assert len(result.output.splitlines()) == 1
    assert snapshot(site) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the half-written staging folder is gone


def assert_one_error_line(app: Flask, target: Path, message: str) -> None:
    result = app.test_cli_runner().invoke(args=["export", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output, result.output
    assert len(result.output.splitlines()) == 1


def test_a_real_full_disk(app: Flask, tmp_path: Path) -> None:
    """A 1 MiB tmpfs (the export is about 4 MB): the first export leaves nothing there."""
    with tmpfs(tmp_path / "disk", "size=1m") as disk:
        assert_one_error_line(app, disk / "site", "No space left on device")
        assert list(disk.iterdir()) == []


def test_a_folder_it_may_not_write_into(app: Flask, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere: permissions cannot be tested as root")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert_one_error_line(app, locked / "site", "Permission denied")
    finally:
        locked.chmod(0o755)


def test_a_read_only_file_system(app: Flask, tmp_path: Path) -> None:
    """Not writable even for root: a read-only tmpfs."""
    with tmpfs(tmp_path / "disk", "ro,size=1m") as disk:
        assert_one_error_line(app, disk / "site", "Read-only file system")


def test_the_export_is_readable_by_a_web_server(app: Flask, tmp_path: Path) -> None:
    """Not the 0700 of a temporary folder: a server running as another user must read it."""
    mask = os.umask(0o022)
    try:
        site = export(app, tmp_path / "site").destination
    finally:
        os.umask(mask)
    assert site.stat().st_mode & 0o777 == 0o755
