"""The static export: every page and resource as a file, for any web host or CDN, without Python.

``flask --app api export OUTPUT_DIR`` writes the site's files (:meth:`api.site.Site.files`):
each exported representation under its file name (:func:`api.site.file_name`), the same bytes
the live app answers, and answers at that name too. Not exported, because they need a server:
the negotiated ``/v1/factsheet`` and ``/``, and ``/healthz``.

Nothing in ``OUTPUT_DIR`` changes until the export is whole. The files are written into a
staging folder on ``OUTPUT_DIR``'s own file system (``.NAME.xxxxxxxx``, see :mod:`api.publish.swap`), and
then put in place; what is atomic depends on what ``OUTPUT_DIR`` is:

- new or empty: the staging folder, beside it, is renamed to it. One step.
- full (``--force``): the staging folder, beside it, is first made complete: every other entry of
  ``OUTPUT_DIR`` is carried over (files as hard links, links as links, folders with their mode
  and owner), so files are replaced and none deleted. Then the two folders swap places in one
  step (Linux's ``renameat2`` with ``RENAME_EXCHANGE``) and the old one is removed: whenever the
  process is killed, ``OUTPUT_DIR`` is the whole old export or the whole new one. Where the
  system cannot swap folders, it takes two renames (``OUTPUT_DIR`` aside, the staging folder in);
  a kill between them leaves no ``OUTPUT_DIR``, and the next export first puts the old one back.
  ``OUTPUT_DIR`` is a new folder then (same mode and owner): a process inside it, or a bind mount
  of it made before (``docker run -v OUTPUT_DIR:...``), keeps the old one; mount the folder
  around it, or make ``OUTPUT_DIR`` itself the mount point.
- a mount point (a container's volume), which cannot be renamed: the staging folder is made
  inside it, and each of the export's 15 or so top-level entries (``v1/``, ``nl/``,
  ``index.html``...) replaces or swaps places with the one there, in one step each. Each entry is
  whole, but between the first and the last of those renames ``OUTPUT_DIR`` holds some old entries
  and some new ones: a kill there leaves that mix until the next export.

Before anything moves, every path the export writes is checked in ``OUTPUT_DIR`` (before the
files are made, and again after): a symbolic link on the way is refused, never followed, as is a
file where a folder goes or the reverse, and a mount point below that the swap would carry away.
Every folder written into is checked after resolution to be where it should be. While an export
writes, it holds a lock (``flock``) on ``OUTPUT_DIR`` and on the folder that holds it: a second
export there, or into a folder inside, fails at once, so two never interleave; and a staging
folder in either is one an export left when it was killed: the next export removes it. Any error
of the file system ends the command with one ``Error: ...`` line naming the path, and leaves the
previous state (but for the window above, in a mount point).

Beside the site's files it writes :data:`api.publish.headers_file.HEADERS_FILE`, the header rules for hosts
that read one (:func:`api.publish.headers_file.headers_file`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask

from api.site.encodings import COMPRESSIBLE, SIBLING_SUFFIX
from api.site.table import PDF, File, Site, Unavailable

from . import swap
from .headers_file import HEADERS_FILE, header_rules, headers_file

__all__ = ["ExportError", "Exported", "export", "init_app"]


class ExportError(click.ClickException):
    """The export cannot be written where it was asked to be; the message says why."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What one export wrote: each file, relative to the output folder."""

    destination: Path
    files: tuple[Path, ...]
    seconds: float


def export(app: Flask, destination: Path, *, force: bool = False, pdf: bool = True) -> Exported:
    """Write every exported representation of ``app``'s site into ``destination``.

    ``destination`` must be empty or new, unless ``force``: then files there are replaced and
    others left alone. The PDFs too, unless ``pdf`` is false; if they cannot be made here,
    nothing is written and the error says what to install.
    """
    site: Site = app.extensions["factsheet"]
    start = time.perf_counter()
    destination = Path(os.path.abspath(destination))
    try:
        # The folder it lands in, resolved: every check below compares real paths with it.
        destination = Path(os.path.realpath(destination.parent)) / destination.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        # The folder too: an export into a folder inside it writes its staging folder there.
        with _locked(destination.parent), _locked(destination):
            files = _export(site, destination, force=force, pdf=pdf)
    except Unavailable as error:
        raise ExportError(f"{error.detail} (or pass --no-pdf)") from error
    except OSError as error:
        where = error.filename or destination
        raise ExportError(f"{where}: {error.strerror or error}") from error
    return Exported(destination, files, time.perf_counter() - start)


def _export(site: Site, destination: Path, *, force: bool, pdf: bool) -> tuple[Path, ...]:
    if destination.is_symlink():
        raise ExportError(f"{destination} is a symbolic link: name the folder itself")
    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is not a folder")
    swap.remove_stale(destination)
    if destination.is_dir() and any(destination.iterdir()) and not force:
        raise ExportError(f"{destination} is not empty: name a new or empty folder, or pass --force")
    written = [file for file in site.files() if pdf or file.representation.media_type != PDF]
    coded = [(Path(name), body) for file in written for name, body in siblings(file)]
    names = (*(Path(file.name) for file in written), *(name for name, _ in coded), Path(HEADERS_FILE))
    for name in names:
        if name.is_absolute() or ".." in name.parts:
            raise ExportError(f"{name}: the export writes only into its folder")
    inside = destination.is_dir() and swap.is_mount_point(destination)
    _check_target(destination, names, inside=inside)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination if inside else destination.parent)
    )
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would lock a web server out
        _write_all(written, coded, staging)
        _check_target(destination, names, inside=inside)  # again: it may have changed meanwhile
        if inside:
            swap.carry_over(destination, staging, only={name.parts[0] for name in names})
            swap.swap_entries(staging, destination)
        else:
            if destination.is_dir():
                swap.carry_over(destination, staging)
                swap.keep_attributes(destination, staging)
            swap.replace_folder(staging, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return names


def _check_target(destination: Path, names: tuple[Path, ...], *, inside: bool) -> None:
    """Refuse what the export would write through or carry away in ``destination``, before any move.

    A symbolic link on the way to a file, a file where a folder goes or the reverse, and a mount
    point below ``destination``: anywhere if it is swapped whole, else in the entries swapped.
    """
    folders = {folder for name in names for folder in name.parents if folder.parts}
    for relative in sorted(folders | set(names)):  # a folder before what is in it
        path = destination / relative
        if path.is_symlink():
            raise ExportError(f"{path} is a symbolic link: the export does not write through links")
        if relative in folders and path.exists() and not path.is_dir():
            raise ExportError(f"{path} is not a folder")
        if relative not in folders and path.exists() and not path.is_file():
            raise ExportError(f"{path} is not a file")
    top = {name.parts[0] for name in names}
    for mount in swap.mount_points(destination):
        if not inside or mount.relative_to(destination).parts[0] in top:
            raise ExportError(f"{mount} is a mount point: the export cannot replace the folder around it")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def siblings(file: File) -> list[tuple[str, bytes]]:
    """The compressed copies of ``file`` that static servers send in its place (``.gz``: nginx's
    ``gzip_static``; ``.br``: Caddy's ``precompressed``): the app's own coded bodies."""
    if file.representation.media_type not in COMPRESSIBLE:
        return []  # never make a PDF here for nothing
    codings = file.representation.ready().codings
    return [(file.name + SIBLING_SUFFIX[coding], ready.body) for coding, ready in codings.items()]


def _write_all(written: list[File], coded: list[tuple[Path, bytes]], staging: Path) -> None:
    bodies = [(Path(file.name), file.representation.ready().body) for file in written]
    for name, body in [*bodies, *coded]:
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_resolved(path.parent, staging, name.parent)
        path.write_bytes(body)
    # The header rules of the files written, and no others: no PDF is made for --no-pdf.
    (staging / HEADERS_FILE).write_text(headers_file(header_rules(written)), encoding="utf-8")


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the lock on ``folder`` for one export; fail at once if another export holds it.

    Nothing to hold where ``folder`` is no folder (yet), or a link (refused later).
    """
    if folder.is_symlink() or not folder.is_dir():
        yield
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportError(
                f"{folder}: another export is writing here; try again when it is done"
            ) from None
        yield
    finally:
        os.close(handle)  # releases the lock


def _check_resolved(folder: Path, root: Path, relative: Path) -> None:
    """Refuse to write into ``folder`` unless, resolved, it is ``root / relative`` (no link on the way)."""
    if os.path.realpath(folder) != str(root.joinpath(relative)):
        raise ExportError(f"{folder} resolves to another place: the export writes only into {root}")


def init_app(app: Flask) -> None:
    """Register ``flask export``."""

    @app.cli.command("export")
    @click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Write into a folder that is not empty (replacing files).")
    @click.option("--no-pdf", is_flag=True, help="Leave out the PDFs (they need WeasyPrint and Pango).")
    def export_command(output_dir: Path, force: bool, no_pdf: bool) -> None:
        """Write every page and resource as static files into OUTPUT_DIR (see api/publish/export.py)."""
        result = export(app, output_dir, force=force, pdf=not no_pdf)
        click.echo(f"Exported {len(result.files)} files to {result.destination} in {result.seconds:.2f} s.")
