"""Putting a staged folder in place of another, in as few steps as the system allows
(for :mod:`api.publish.export`).

The steps are renames on one file system. Two folders swap places in one step where Linux's
``renameat2(RENAME_EXCHANGE)`` works (:func:`exchange`); elsewhere it takes two renames, and a
folder moved aside between them is put back by :func:`remove_stale`. A staged folder is made
complete before the swap (:func:`carry_over`, with hard links), so nothing is deleted.

Names: a staging folder is ``.NAME.`` and the 8 characters of :func:`tempfile.mkdtemp`, beside
the folder ``NAME`` or, for a mount point, inside it; a folder moved aside is ``.NAME.old-`` and 8.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path

__all__ = [
    "carry_over",
    "exchange",
    "is_mount_point",
    "keep_attributes",
    "mount_points",
    "remove_stale",
    "replace_folder",
    "swap_entries",
]

_AT_FDCWD = -100  # Linux: paths relative to the working directory
_RENAME_EXCHANGE = 2
#: What ``renameat2`` sets where the system or the file system cannot swap (nothing was changed).
_CANNOT_SWAP = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step; ``False`` (and nothing changed) where that is not possible."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_SWAP:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _mount_table() -> list[bytes]:
    """Every mount point this process sees, from Linux's ``/proc/self/mountinfo`` (none elsewhere)."""
    try:
        table = Path("/proc/self/mountinfo").read_bytes()
    except OSError:
        return []
    points = [line.split(b" ")[4] for line in table.splitlines() if line.count(b" ") >= 4]
    return [re.sub(rb"\\([0-7]{3})", lambda code: bytes([int(code[1], 8)]), point) for point in points]


def is_mount_point(folder: Path) -> bool:
    """Whether ``folder`` is a mount point, a bind mount too (it cannot be renamed then)."""
    return os.path.ismount(folder) or os.fsencode(os.path.realpath(folder)) in _mount_table()


def mount_points(folder: Path) -> list[Path]:
    """The mount points below ``folder``, not ``folder`` itself."""
    inside = os.fsencode(os.path.realpath(folder)) + b"/"
    return sorted(Path(os.fsdecode(point)) for point in _mount_table() if point.startswith(inside))


def keep_attributes(old: Path, new: Path) -> None:
    """Give the folder ``new`` the mode of ``old``, and its owner where that is allowed."""
    info, now = os.lstat(old), os.lstat(new)
    if (info.st_uid, info.st_gid) != (now.st_uid, now.st_gid):
        with contextlib.suppress(PermissionError):
            os.chown(new, info.st_uid, info.st_gid)
    os.chmod(new, stat.S_IMODE(info.st_mode))


def carry_over(old: Path, new: Path, only: Collection[str] | None = None) -> None:
    """Give the staged folder ``new`` every entry of ``old`` (or of those named ``only``) it lacks.

    Files become hard links (copies where a link is refused), symbolic links links to the same
    target (never followed), folders new folders with the old mode and owner. A folder both have
    is merged the same way; any other entry both have is the new one, and must be of the old one's
    kind (the caller checked: a difference is a change since). ``old`` is only read. A mount
    point below it is refused: a swap cannot carry it.
    """
    device = os.lstat(old).st_dev
    with os.scandir(old) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if only is not None and entry.name not in only:
            continue
        source, target = Path(entry.path), new / entry.name
        folder = entry.is_dir(follow_symlinks=False)
        if folder and entry.stat(follow_symlinks=False).st_dev != device:
            raise OSError(errno.EBUSY, "a mount point: the export cannot carry it over", str(source))
        if not os.path.lexists(target):
            _carry(source, target)
        elif folder != (target.is_dir() and not target.is_symlink()):
            raise OSError(errno.EEXIST, "changed while the export was written", str(source))
        elif folder:
            carry_over(source, target)
            keep_attributes(source, target)


def _carry(source: Path, target: Path) -> None:
    info = os.lstat(source)
    if stat.S_ISLNK(info.st_mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISDIR(info.st_mode):
        os.mkdir(target)
        carry_over(source, target)
        keep_attributes(source, target)
    else:
        try:
            os.link(source, target)
        except OSError:  # not allowed (another user's file) or not possible here: a copy
            shutil.copy2(source, target, follow_symlinks=False)


def replace_folder(staged: Path, target: Path) -> None:
    """Put the folder ``staged`` at ``target`` (new, empty or full), and remove the one there.

    One step, unless ``target`` is full and :func:`exchange` cannot swap them: then ``target``
    goes aside and ``staged`` takes its place, two renames (the first is undone if the second
    fails, and by :func:`remove_stale` if the process is killed between them).
    """
    if not target.is_dir() or not any(target.iterdir()):
        os.rename(staged, target)  # replaces an empty folder in one step
        return
    if exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)  # the old folder now; a leftover goes next time
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, aside)  # replaces the empty folder made for the name
    try:
        os.rename(staged, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def swap_entries(staged: Path, target: Path) -> None:
    """Move each entry of ``staged`` into ``target`` (a mount point, which cannot be renamed).

    Each in one step: a file replaces the old one, a folder swaps places with it (:func:`exchange`;
    elsewhere it takes two renames). The folders replaced end in ``staged``, for the caller to
    remove. Between the first and the last entry, ``target`` holds some old and some new ones.
    """
    for name in sorted(os.listdir(staged)):
        new, old = staged / name, target / name
        if not old.is_dir() or old.is_symlink():
            os.replace(new, old)
        elif not exchange(new, old):
            aside = Path(tempfile.mkdtemp(dir=staged))
            os.rename(old, aside)
            os.rename(new, old)


def remove_stale(target: Path) -> None:
    """Remove the staging folders of exports killed here, and put back a folder one had moved aside.

    Call it holding the export's lock: then no export is writing, and every folder named as this
    module names them (see above), that is a folder and not a link, and is the caller's own, is
    a leftover. A folder moved aside goes back only where ``target`` is missing; else it is old.
    """
    name = re.escape(target.name)
    staged, aside = re.compile(rf"\.{name}\.[a-z0-9_]{{8}}"), re.compile(rf"\.{name}\.old-[a-z0-9_]{{8}}")
    places = [target.parent] + ([target] if target.is_dir() and not target.is_symlink() else [])
    for place in places:
        with os.scandir(place) as scan:
            found = sorted(
                Path(entry.path)
                for entry in scan
                if (staged.fullmatch(entry.name) or aside.fullmatch(entry.name))
                and entry.is_dir(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_uid == os.geteuid()
            )
        for path in found:
            if place == target.parent and aside.fullmatch(path.name) and not os.path.lexists(target):
                os.rename(path, target)
            else:
                shutil.rmtree(path)
