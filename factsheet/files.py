"""Where the package's data lives, and reading any input file within limits.

Paths are found from ``__file__`` rather than with ``importlib.resources``: importing that module
(and the ``tempfile`` and ``zipfile`` it pulls in) costs about 7 ms, a sixth of the whole load
budget, and the package is always installed as files (a wheel or a source tree), never run from
a zip.

Every file this package reads (content, interface text, ``locales.yaml``, catalogs, the
template, a file given to ``factsheet validate``) goes through :func:`read_input`: at most
:data:`MAX_INPUT_BYTES`, and only a regular file, so a device (``/dev/zero``) or a FIFO is
refused at once instead of being read without end.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from pathlib import Path

from .errors import ContentError, InputFileError

__all__ = [
    "CONTENT_NAME",
    "DOMAIN",
    "INTERFACE_NAME",
    "MAX_INPUT_BYTES",
    "catalog_file",
    "content_file",
    "locale_list_file",
    "read_input",
    "template_file",
    "translations_dir",
]

CONTENT_NAME = "factsheet.nl.yaml"
INTERFACE_NAME = "interface.nl.yaml"
LOCALE_LIST = "locales.yaml"
DOMAIN = "factsheet"
PACKAGE_DIR = Path(__file__).resolve().parent
#: The largest input file read: 4 MiB. The content file is about 15 KB and a catalog about 30 KB.
MAX_INPUT_BYTES = 4 * 1024 * 1024


def content_file(name: str = CONTENT_NAME) -> Path:
    """A Dutch source file inside the package: the content, or the interface text."""
    return PACKAGE_DIR / "content" / name


@cache
def translations_dir() -> Path:
    """The gettext catalogs and ``locales.yaml``.

    A wheel carries them inside the package (``factsheet/translations``). An editable install
    or a plain checkout imports the package from the source tree, where they sit beside it in
    the translators' workspace ``translations/``: use that one, so both read the same files.
    """
    packaged = PACKAGE_DIR / "translations"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "translations"


def catalog_file(code: str) -> Path:
    """The ``.po`` file of a locale (``code`` must already be a shipped locale code)."""
    return translations_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def locale_list_file() -> Path:
    """``locales.yaml``: the shipped locales and the status of each."""
    return translations_dir() / LOCALE_LIST


def template_file() -> Path:
    """The gettext template: every message context the translations key on."""
    return translations_dir() / f"{DOMAIN}.pot"


def read_input(path: str | Path, name: str | None = None, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`InputFileError` for a file that is missing, unreadable or not a regular file
    (a folder, device or FIFO: opened without blocking, never read), and :class:`ContentError`
    for one over the limit; both name the file as ``name`` (default: the path).
    """
    shown = name or str(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputFileError(shown, _reason(error)) from error
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a device, FIFO or socket"
            raise InputFileError(shown, f"not a regular file ({kind})")
        chunks = []
        size = 0
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        if isinstance(error, InputFileError):
            raise
        raise InputFileError(shown, _reason(error)) from error
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ContentError(shown, [("", None, too_large(limit))], what="input")
    return data


def too_large(limit: int = MAX_INPUT_BYTES) -> str:
    """The problem of an input over ``limit`` bytes, in words."""
    size = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
    return f"too large: more than {size}, the limit for an input file"


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)
