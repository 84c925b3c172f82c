"""The export put in place all or nothing: checked before a move, whole after a kill, into a mount point.

Without the PDFs throughout (they change nothing here and take most of an export's time).
"""

from __future__ import annotations

import fcntl
import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from api.publish import swap
from api.publish.export import ExportError, export

from .mounts import tmpfs

#: The exit status of a child killed at a move (``os._exit``: no cleanup runs, as with ``kill -9``).
KILLED = 9
#: Every step that moves, links or removes something: a kill may come before any of them.
MOVES = [
    *((os, name) for name in ("rename", "replace", "link", "symlink")),
    (swap, "exchange"),
    (shutil, "rmtree"),
]


@pytest.fixture(scope="module")
def fresh(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an export writes into a new folder."""
    return snapshot(export(app, tmp_path_factory.mktemp("fresh") / "site", pdf=False).destination)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes and every link's target, by path; nothing is followed."""
    found: dict[str, bytes] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            if path.is_symlink():
                found[path.relative_to(folder).as_posix()] = b"-> " + os.fsencode(os.readlink(path))
            elif name in files:
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


#: What a user keeps in the folder beside an export: ``--force`` replaces files, never deletes.
MINE = {"keep.txt": b"mine", "v1/keep.txt": b"mine too", "notes/a.txt": b"a", "dangling": b"-> nowhere"}


def previous_export(folder: Path, fresh: dict[str, bytes]) -> dict[str, bytes]:
    """An older export in ``folder`` (one file changed, one missing) with the user's own files."""
    folder.mkdir(exist_ok=True)
    older = {**fresh, "v1/nl/factsheet.json": b"the previous export"}
    del older["v1/de/factsheet.md"]
    for name, data in {**older, **MINE}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if data.startswith(b"-> "):
            path.symlink_to(os.fsdecode(data[3:]))
        else:
            path.write_bytes(data)
    return snapshot(folder)


def empty(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def killed_at(app: Flask, site: Path, move: int, *, swaps: bool = True) -> int:
    """``export --force`` in a child process that dies at its ``move``-th move; its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            count = itertools.count(1)

            def dying(real: Callable[..., object]) -> Callable[..., object]:
                def step(*args: object, **kwargs: object) -> object:
                    if next(count) == move:
                        os._exit(KILLED)
                    return real(*args, **kwargs)

                return step

            if not swaps:  # a system that cannot swap two folders in one step
                swap.exchange = lambda first, second: False
            for owner, name in MOVES:
                setattr(owner, name, dying(getattr(owner, name)))
            export(app, site, force=True, pdf=False)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("v1/en", "is a symbolic link"),  # a link to a folder outside, as the review made it
        ("v1/nl/sections", "is not a folder"),  # a file where a folder goes
        ("v1/uk/factsheet.json", "is not a file"),  # a folder where a file goes
    ],
)
def test_a_refusal_comes_before_anything_moves(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes], place: str, message: str
) -> None:
    site = tmp_path / "site"
    previous_export(site, fresh)
    outside = tmp_path / "outside"
    outside.mkdir()
    if (site / place).is_dir():
        shutil.rmtree(site / place)
    else:
        (site / place).unlink()
    if message == "is a symbolic link":
        (site / place).symlink_to(outside, target_is_directory=True)
    elif message == "is not a folder":
        (site / place).write_text("a file")
    else:
        (site / place).mkdir()
    before = snapshot(site)
    result = app.test_cli_runner().invoke(args=["export", "--no-pdf", "--force", str(site)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output, result.output
    assert len(result.output.splitlines()) == 1
    assert snapshot(site) == before  # byte for byte: not one file replaced
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "site"]


@pytest.mark.subprocess
@pytest.mark.parametrize("swaps", [True, False], ids=["one-swap", "two-renames"])
def test_a_kill_during_the_moves_leaves_the_old_export_or_the_new(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes], swaps: bool
) -> None:
    """Killed before each move in turn: the old export or the new one, never a mix; the next
    export finishes the job and leaves nothing beside it."""
    site = tmp_path / "site"
    new = {**fresh, **MINE}
    seen = set()
    for move in itertools.count(1):
        shutil.rmtree(site, ignore_errors=True)
        old = previous_export(site, fresh)
        code = killed_at(app, site, move, swaps=swaps)
        if code == 0:
            break
        assert code == KILLED
        state = snapshot(site) if site.exists() else None
        if state is None:  # between the two renames: the next export puts the old one back first
            assert not swaps, move
            seen.add("none")
        else:
            assert state in (old, new), move
            seen.add("old" if state == old else "new")
        export(app, site, force=True, pdf=False)
        assert snapshot(site) == new
        assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left
    assert seen == ({"old", "new"} if swaps else {"old", "none", "new"}), seen
    assert snapshot(site) == new


def test_a_staging_folder_left_by_a_killed_export_is_removed(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    site = tmp_path / "site"
    previous_export(site, fresh)
    stale = (".site.k3qhodp1", ".site.old-1nkgo7vy", "site/.site.inside01")  # the last: a mount point's
    for name in (*stale, ".other.k3qhodp1", ".site.notours", ".site.k3qhodp"):
        (tmp_path / name / "v1").mkdir(parents=True)
        (tmp_path / name / "v1" / "index.json").write_text("left")
    stranger = tmp_path / ".site.stranger"  # named as ours, but another user's: left alone
    stranger.mkdir()
    if os.geteuid() == 0:
        os.chown(stranger, os.geteuid() + 1, -1)
    export(app, site, force=True, pdf=False)
    left = sorted(p.name for p in tmp_path.iterdir())
    kept = [".other.k3qhodp1", ".site.k3qhodp", ".site.notours", "site"]
    assert left == sorted([*kept, ".site.stranger"] if os.geteuid() == 0 else kept)
    assert snapshot(site) == {**fresh, **MINE}


def test_a_folder_moved_aside_by_a_killed_export_is_put_back(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    """Killed between the two renames (a system that cannot swap): no folder, the old one aside."""
    before = previous_export(tmp_path / "site", fresh)
    (tmp_path / "site").rename(tmp_path / ".site.old-1nkgo7vy")
    result = app.test_cli_runner().invoke(args=["export", "--no-pdf", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "is not empty" in result.output  # it is back, so a plain export refuses it
    assert snapshot(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_an_export_into_a_mount_point(app: Flask, tmp_path: Path, fresh: dict[str, bytes]) -> None:
    """A container's volume: it cannot be renamed, and what is beside it is another file system."""
    with tmpfs(tmp_path / "site", "size=64m") as site:
        export(app, site, pdf=False)  # empty
        assert snapshot(site) == fresh
        empty(site)
        previous_export(site, fresh)
        result = app.test_cli_runner().invoke(args=["export", "--no-pdf", "--force", str(site)])
        assert result.exit_code == 0, result.output
        assert snapshot(site) == {**fresh, **MINE}
        assert swap.is_mount_point(site)
        assert [p.name for p in tmp_path.iterdir()] == ["site"]


@pytest.mark.subprocess
def test_a_kill_in_a_mount_point_leaves_each_entry_whole(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    """There the entries move one by one: each is old or new, and the next export makes all new."""
    new = {**fresh, **MINE}
    with tmpfs(tmp_path / "site", "size=64m") as site:
        for move in itertools.count(1):
            empty(site)
            old = previous_export(site, fresh)
            code = killed_at(app, site, move)
            if code == 0:
                break
            assert code == KILLED
            state = {name: data for name, data in snapshot(site).items() if not name.startswith(".site.")}
            for top in {name.split("/")[0] for name in {*old, *new}}:
                part = {name: data for name, data in state.items() if name.split("/")[0] == top}
                assert part in (
                    {name: data for name, data in old.items() if name.split("/")[0] == top},
                    {name: data for name, data in new.items() if name.split("/")[0] == top},
                ), (move, top)
            export(app, site, force=True, pdf=False)
            assert snapshot(site) == new
        assert move > 10  # it was killed at every move of every entry
        assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_mount_point_below_the_folder_is_refused(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    """Swapping the folder would carry the mounted file system away (and removing it, empty it)."""
    site = tmp_path / "site"
    before = previous_export(site, fresh)
    (site / "media").mkdir()
    with tmpfs(site / "media" / "disk", "size=1m") as disk:
        (disk / "photo.jpg").write_bytes(b"mine")
        result = app.test_cli_runner().invoke(args=["export", "--no-pdf", "--force", str(site)])
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and "is a mount point" in result.output, result.output
        assert (disk / "photo.jpg").read_bytes() == b"mine"
        assert {k: v for k, v in snapshot(site).items() if not k.startswith("media")} == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_an_export_into_a_folder_inside_holds_off_a_forced_one(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    """An export into ``site/site`` locks ``site`` and writes its staging folder there: an export
    into ``site`` must neither swap that away nor take it for a leftover."""
    site = tmp_path / "site"
    before = previous_export(site, fresh)
    staging = site / ".site.k3qhodp1"
    staging.mkdir()
    handle = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as that export holds it
    try:
        with pytest.raises(ExportError, match="another export is writing here"):
            export(app, site, force=True, pdf=False)
    finally:
        os.close(handle)
    assert staging.is_dir()
    assert {k: v for k, v in snapshot(site).items() if not k.startswith(".site.")} == before


def test_force_keeps_modes_and_the_users_files_as_they_are(
    app: Flask, tmp_path: Path, fresh: dict[str, bytes]
) -> None:
    """The folder is a new one after the swap: with the old one's modes, and the same files."""
    site = tmp_path / "site"
    previous_export(site, fresh)
    modes = {site: 0o750, site / "v1": 0o700, site / "notes": 0o711}
    for folder, mode in modes.items():
        folder.chmod(mode)
    inode = (site / "notes" / "a.txt").stat().st_ino
    export(app, site, force=True, pdf=False)
    assert {folder: folder.stat().st_mode & 0o7777 for folder in modes} == modes
    assert (site / "notes" / "a.txt").stat().st_ino == inode  # a hard link, not a copy
