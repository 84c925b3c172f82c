"""The static export: every page and resource as a file, for any web host or CDN, without Python.

``flask --app api export OUTPUT_DIR`` writes the site's files (:meth:`api.site.Site.files`):
each exported representation under its file name (:func:`api.site.file_name`), the same bytes
the live app answers, and answers at that name too. Not exported, because they need a server:
the negotiated ``/v1/factsheet`` and ``/``, and ``/healthz``.

The files are written into a new folder beside ``OUTPUT_DIR`` and moved into place: a new or
empty ``OUTPUT_DIR`` gets the whole folder in one rename, a full one (``--force``) each file in one
rename, so a failure leaves the previous state and never a half-written file. Symbolic links in
``OUTPUT_DIR`` are refused, never followed, and every folder written into is checked after
resolution to be where it should be. While an export writes, it holds a lock on the folder that
holds ``OUTPUT_DIR`` (``flock``): a second export there fails at once, so two never interleave.
Any error of the file system ends the command with one ``Error: ...`` line naming the path.

Beside the site's files it writes :data:`api.hosting.HEADERS_FILE`, the header rules for hosts
that read one (:func:`api.hosting.headers_file`).
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

from .hosting import HEADERS_FILE, header_rules, headers_file
from .site import PDF, Site, Unavailable

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
        with _locked(destination.parent):
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
    full = destination.is_dir() and any(destination.iterdir())
    if full and not force:
        raise ExportError(f"{destination} is not empty: name a new or empty folder, or pass --force")
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would lock a web server out
        files = tuple(_write_all(site, staging, pdf))
        if full:
            for name in files:
                _move_file(staging, destination, name)
        else:
            if destination.is_dir():
                destination.rmdir()  # empty: the rename below replaces it
            staging.rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_all(site: Site, staging: Path, pdf: bool) -> list[Path]:
    written = [file for file in site.files() if pdf or file.representation.media_type != PDF]
    for file in written:
        if Path(file.name).is_absolute() or ".." in Path(file.name).parts:
            raise ExportError(f"{file.name}: the export writes only into its folder")
        path = staging / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_resolved(path.parent, staging, Path(file.name).parent)
        path.write_bytes(file.representation.ready().body)
    # The header rules of the files written, and no others: no PDF is made for --no-pdf.
    (staging / HEADERS_FILE).write_text(headers_file(header_rules(written)), encoding="utf-8")
    return [*(Path(file.name) for file in written), Path(HEADERS_FILE)]


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the lock on ``folder`` for one export; fail at once if another export holds it."""
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


def _move_file(staging: Path, destination: Path, name: Path) -> None:
    """Move one file into a folder that has others, refusing any symbolic link on the way."""
    target = destination
    for part in name.parts:
        target = target / part
        if target.is_symlink():
            raise ExportError(f"{target} is a symbolic link: the export does not write through links")
    target.parent.mkdir(parents=True, exist_ok=True)
    _check_resolved(target.parent, destination, name.parent)
    if target.exists() and not target.is_file():
        raise ExportError(f"{target} is not a file")
    os.replace(staging / name, target)


def init_app(app: Flask) -> None:
    """Register ``flask export``."""

    @app.cli.command("export")
    @click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Write into a folder that is not empty (replacing files).")
    @click.option("--no-pdf", is_flag=True, help="Leave out the PDFs (they need WeasyPrint and Pango).")
    def export_command(output_dir: Path, force: bool, no_pdf: bool) -> None:
        """Write every page and resource as static files into OUTPUT_DIR (see api/export.py)."""
        result = export(app, output_dir, force=force, pdf=not no_pdf)
        click.echo(f"Exported {len(result.files)} files to {result.destination} in {result.seconds:.2f} s.")
